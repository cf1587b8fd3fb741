"""Need to know for inbound intelligence and briefings.

- Inbound messages, follow-ups and inspection requests: as ambtsberichten — TSZ hub analysts and IND privacy
  officers only (``disclosures.scopes.may_see_ambtsberichten``); a 404 for everyone else.
- Briefings: the hub (who writes them) and the members of the units a briefing is for.
- Reading confirmations: one's own; the hub sees who confirmed its briefings (figures per unit, no scores).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ketensignaal.core.need_to_know import register_scope
from ketensignaal.disclosures.scopes import is_hub_analyst, may_see_ambtsberichten
from ketensignaal.intelligence.models import Briefing, BriefingReading, FollowUp, InboundMessage, InspectionRequest


def may_see_inbound(user: Any) -> bool:
    return may_see_ambtsberichten(user)


def may_handle_inbound(user: Any) -> bool:
    """Registering messages, deciding follow-up, recording inspection requests and writing briefings: the hub."""
    return is_hub_analyst(user)


@register_scope(InboundMessage)
def message_scope(user: Any, qs: QuerySet[InboundMessage]) -> QuerySet[InboundMessage]:
    return qs if may_see_inbound(user) else qs.none()


@register_scope(FollowUp)
def follow_up_scope(user: Any, qs: QuerySet[FollowUp]) -> QuerySet[FollowUp]:
    return qs if may_see_inbound(user) else qs.none()


@register_scope(InspectionRequest)
def inspection_scope(user: Any, qs: QuerySet[InspectionRequest]) -> QuerySet[InspectionRequest]:
    return qs if may_see_inbound(user) else qs.none()


@register_scope(Briefing)
def briefing_scope(user: Any, qs: QuerySet[Briefing]) -> QuerySet[Briefing]:
    if is_hub_analyst(user):
        return qs
    if not getattr(user, "unit_id", None):
        return qs.none()
    return qs.filter(units=user.unit_id).distinct()


@register_scope(BriefingReading)
def reading_scope(user: Any, qs: QuerySet[BriefingReading]) -> QuerySet[BriefingReading]:
    if is_hub_analyst(user):
        return qs
    return qs.filter(Q(user_id=user.pk)) if getattr(user, "pk", None) else qs.none()
