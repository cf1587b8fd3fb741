"""Who may see and do what in retention: the privacy officer, for the records their own organisation holds.

A destruction list and its items belong to one organisation (the controller that holds the records: for a signal,
the organisation of the unit where it rests). Holds belong to the organisation of the officer who placed them.
Other organisations' lists, items and holds are 404, like missing ones.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ketensignaal.core.need_to_know import register_scope
from ketensignaal.identity.models import RoleCode
from ketensignaal.retention.models import DestructionItem, DestructionList, LegalHold, RetentionRuleChange


def may_manage_retention(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and getattr(user, "unit_id", None) and user.has_role(RoleCode.PRIVACY_OFFICER)
    )


def _organisation_id(user: Any) -> int | None:
    return user.unit.organisation_id if may_manage_retention(user) else None


@register_scope(DestructionList)
def destruction_list_scope(user: Any, qs: QuerySet[DestructionList]) -> QuerySet[DestructionList]:
    org = _organisation_id(user)
    return qs.filter(organisation_id=org) if org is not None else qs.none()


@register_scope(DestructionItem)
def destruction_item_scope(user: Any, qs: QuerySet[DestructionItem]) -> QuerySet[DestructionItem]:
    org = _organisation_id(user)
    return qs.filter(list__organisation_id=org) if org is not None else qs.none()


@register_scope(LegalHold)
def legal_hold_scope(user: Any, qs: QuerySet[LegalHold]) -> QuerySet[LegalHold]:
    org = _organisation_id(user)
    return qs.filter(organisation_id=org) if org is not None else qs.none()


@register_scope(RetentionRuleChange)
def rule_change_scope(user: Any, qs: QuerySet[RetentionRuleChange]) -> QuerySet[RetentionRuleChange]:
    return qs if may_manage_retention(user) else qs.none()
