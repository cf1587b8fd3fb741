"""Capabilities and need-to-know scopes of the training registry.

Completions are staff data: a professional sees their own; the functional admin registers and sees all; the
coordinator of a unit (its handlers) sees the unit's own staff so they can follow up new colleagues. Coverage is
an aggregate per location: everyone sees their own organisation's, chain roles and the functional admin all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ketensignaal.core.need_to_know import register_scope
from ketensignaal.training.models import KeyFigure, Training, TrainingCompletion

ADMIN_ROLES = frozenset({"functional-admin"})
CHAIN_ROLES = frozenset({"functional-admin", "hub-analyst"})
COORDINATOR_ROLES = frozenset({"handler"})


def _roles(user: Any) -> frozenset[str]:
    """A professional's roles; none without a unit (an account outside the chain sees nothing here)."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return frozenset()
    if not getattr(user, "unit_id", None):
        return frozenset()
    return frozenset(user.role_codes)


def may_manage_trainings(user: Any) -> bool:
    return bool(_roles(user) & ADMIN_ROLES)


def may_register_completion(user: Any, *, for_user: Any) -> bool:
    """The functional admin registers for anyone; a professional registers their own completion."""
    return may_manage_trainings(user) or (bool(_roles(user)) and getattr(for_user, "pk", None) == user.pk)


def may_see_coverage(user: Any, *, organisation_id: int | None) -> bool:
    roles = _roles(user)
    if not roles:
        return False
    return bool(roles & CHAIN_ROLES) or (organisation_id is not None and organisation_id == user.organisation_id)


def is_unit_coordinator(user: Any) -> bool:
    return bool(_roles(user) & COORDINATOR_ROLES) and bool(getattr(user, "unit_id", None))


@register_scope(Training)
def training_scope(user: Any, qs: QuerySet[Training]) -> QuerySet[Training]:
    return qs if _roles(user) else qs.none()


@register_scope(TrainingCompletion)
def completion_scope(user: Any, qs: QuerySet[TrainingCompletion]) -> QuerySet[TrainingCompletion]:
    if may_manage_trainings(user):
        return qs
    if not _roles(user):
        return qs.none()
    own = Q(user_id=user.pk)
    if is_unit_coordinator(user):
        own |= Q(user__unit_id=user.unit_id)
    return qs.filter(own)


@register_scope(KeyFigure)
def key_figure_scope(user: Any, qs: QuerySet[KeyFigure]) -> QuerySet[KeyFigure]:
    """Who the key figures are is meant to be known: colleagues go to them. Everyone sees their organisation's."""
    if bool(_roles(user) & CHAIN_ROLES):
        return qs
    if not _roles(user) or not getattr(user, "unit_id", None):
        return qs.none()
    return qs.filter(unit__organisation_id=user.organisation_id)
