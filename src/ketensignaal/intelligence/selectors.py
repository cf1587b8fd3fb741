"""Reading inbound messages and briefings through need to know; reads of messages are logged (they may concern
persons). Unseen is a 404, like missing."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet

from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.pickers import pick_candidates
from ketensignaal.governance.processing_log import LogItem
from ketensignaal.governance.reads import reads_logged, reads_record, signal_subject
from ketensignaal.intake.models import Signal
from ketensignaal.intelligence.models import Briefing, BriefingReading, FollowUp, InboundMessage, InspectionRequest


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


PICK_LIMIT = 20


def _signal_rows(user: Any, qs: QuerySet[Signal]) -> QuerySet[Signal]:
    """Signal rows shown to the hub (names, V-number, the start of the observation): logged as read when shown."""
    return reads_logged(
        visible(user, qs).select_related("current_unit").prefetch_related("names"),
        user=user,
        activity=Activity.SIGNAL_HANDLING,
        object_type="signal-summary",
        subject=lambda signal: signal_subject(signal.pk),
    )


def signal_pick(*, user: Any, query: str) -> list[Signal]:
    """Signals the hub may link to an inbound message: search by a person's name, V-number, reference or words from
    the observation — within need to know (what the user cannot see is never found). At most ``PICK_LIMIT`` rows
    (the one picker search, ``governance.pickers``)."""
    return pick_candidates(
        visible(user, Signal.objects.all()).select_related("current_unit"),
        query=query,
        user=user,
        activity=Activity.SIGNAL_HANDLING,
        object_type="signal-summary",
        subject_type="signal",
        names="names__name",
        words=("observation_text",),
        prefetch=("names",),
        limit=PICK_LIMIT,
    )


def signals_chosen(*, user: Any, signal_ids: list[str]) -> list[Signal]:
    """The signals with these ids that the user may see (others are left out, as if they did not exist)."""
    valid = []
    for value in signal_ids[:PICK_LIMIT]:
        try:
            valid.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    if not valid:
        return []
    return list(_signal_rows(user, Signal.objects.filter(pk__in=valid)).order_by("-created_at"))


def follow_up_signals(*, user: Any, follow_up: FollowUp) -> list[Signal]:
    """The signals a follow-up links to, as far as the user may see them."""
    return list(_signal_rows(user, follow_up.signals.all()).order_by("-created_at"))
