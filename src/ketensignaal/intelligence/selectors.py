"""Reading inbound messages and briefings through need to know; reads of messages are logged (they may concern
persons). Unseen is a 404, like missing."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet

from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem
from ketensignaal.governance.reads import reads_logged, reads_record
from ketensignaal.intelligence.models import Briefing, BriefingReading, InboundMessage, InspectionRequest


def inbound_list(*, user: Any) -> QuerySet[InboundMessage]:
    qs = visible(user, InboundMessage.objects.select_related("follow_up__owner")).order_by("-received_at")
    return reads_logged(qs, user=user, activity=Activity.DISCLOSURE, object_type="inbound-message")


def inbound_get(*, user: Any, message_id: Any) -> InboundMessage:
    message = get_visible_or_404(user, InboundMessage.objects.select_related("follow_up__owner"), pk=message_id)
    reads_record(
        user=user,
        items=[LogItem(activity=Activity.DISCLOSURE, action="read", object_type="inbound-message", object_id=message.pk)],
    )
    return message


def inspection_request_get(*, user: Any, request_id: Any) -> InspectionRequest:
    return get_visible_or_404(user, InspectionRequest.objects.select_related("message"), pk=request_id)


def briefing_list(*, user: Any) -> QuerySet[Briefing]:
    mine = BriefingReading.objects.filter(briefing=OuterRef("pk"), user_id=user.pk)
    return (
        visible(user, Briefing.objects.all())
        .annotate(read_by_me=Exists(mine), readings_count=Count("readings", distinct=True))
        .prefetch_related("units")
        .order_by("-written_at")
    )


def briefing_get(*, user: Any, briefing_id: Any) -> Briefing:
    return get_visible_or_404(user, Briefing.objects.prefetch_related("units"), pk=briefing_id)
