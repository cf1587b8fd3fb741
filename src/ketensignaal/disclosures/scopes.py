"""Need-to-know scopes for disclosures, naslag, enrichment and ambtsberichten.

- Enrichment facts: the unit that recorded them, and privacy officers of that organisation.
  The reporter never sees them (they only see feedback).
- Disclosures: the disclosing unit, privacy officers of its organisation, and the recipient unit.
- Naslag requests and answers: the requesting unit and privacy officers of its organisation.
  The service is not a user of the system for naslag; the hub registers its answers.
- Ambtsberichten: only hub analysts of IND TSZ and IND privacy officers. Everyone else, including
  other IND units, the reporter and the sending service, gets a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ketensignaal.core.need_to_know import register_scope
from ketensignaal.disclosures.models import Ambtsbericht, Disclosure, EnrichmentFact, NaslagAnswer, NaslagRequest

HUB_UNIT = "ind.tsz"
HUB_ORGANISATION = "ind"


def _unit(user: Any) -> Any:
    return user.unit if getattr(user, "unit_id", None) else None


def is_privacy_officer(user: Any) -> bool:
    return user.has_role("privacy-officer")


def is_hub_analyst(user: Any) -> bool:
    unit = _unit(user)
    return unit is not None and unit.code == HUB_UNIT and user.has_role("hub-analyst")


DISCLOSING_ROLES = ("hub-analyst", "handler")


def may_enrich(user: Any) -> bool:
    """Recording facts from the IND file on a signal: hub analysts."""
    return _unit(user) is not None and user.has_role("hub-analyst")


def may_disclose(user: Any) -> bool:
    """Putting a signal to the police or the services, asking naslag and registering answers."""
    return _unit(user) is not None and any(user.has_role(role) for role in DISCLOSING_ROLES)


def may_open_hub_pages(user: Any) -> bool:
    """The enrichment and disclosure pages of a signal (privacy officers read them, scoped by the selectors)."""
    return may_enrich(user) or is_privacy_officer(user)


def may_see_ambtsberichten(user: Any) -> bool:
    unit = _unit(user)
    if unit is None:
        return False
    return is_hub_analyst(user) or (is_privacy_officer(user) and unit.organisation.code == HUB_ORGANISATION)


def _own_unit_or_privacy(user: Any, unit_field: str) -> Q | None:
    unit = _unit(user)
    if unit is None:
        return None
    condition = Q(**{f"{unit_field}_id": unit.pk})
    if is_privacy_officer(user):
        condition |= Q(**{f"{unit_field}__organisation_id": unit.organisation_id})
    return condition


@register_scope(EnrichmentFact)
def enrichment_scope(user: Any, qs: QuerySet[EnrichmentFact]) -> QuerySet[EnrichmentFact]:
    condition = _own_unit_or_privacy(user, "recorded_unit")
    return qs.filter(condition) if condition is not None else qs.none()


@register_scope(Disclosure)
def disclosure_scope(user: Any, qs: QuerySet[Disclosure]) -> QuerySet[Disclosure]:
    condition = _own_unit_or_privacy(user, "disclosing_unit")
    if condition is None:
        return qs.none()
    return qs.filter(condition | Q(recipient_unit_id=user.unit_id))


@register_scope(NaslagRequest)
def naslag_request_scope(user: Any, qs: QuerySet[NaslagRequest]) -> QuerySet[NaslagRequest]:
    condition = _own_unit_or_privacy(user, "requesting_unit")
    return qs.filter(condition) if condition is not None else qs.none()


@register_scope(NaslagAnswer)
def naslag_answer_scope(user: Any, qs: QuerySet[NaslagAnswer]) -> QuerySet[NaslagAnswer]:
    condition = _own_unit_or_privacy(user, "request__requesting_unit")
    return qs.filter(condition) if condition is not None else qs.none()


@register_scope(Ambtsbericht)
def ambtsbericht_scope(user: Any, qs: QuerySet[Ambtsbericht]) -> QuerySet[Ambtsbericht]:
    return qs if may_see_ambtsberichten(user) else qs.none()
