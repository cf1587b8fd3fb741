"""Need-to-know scopes for LIV trajectories.

LIV staff (role liv-staff in unit lse.liv) see every trajectory; LIV experts
see those they are assigned to. The requesting unit and the client see their
own request (status and, once delivered, the report) — never the working
file, whose models are scoped to the LIV alone.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ketensignaal.core.need_to_know import register_scope
from ketensignaal.trajectories.config import liv_unit_code
from ketensignaal.trajectories.models import (
    Assignment,
    DeadlineEvent,
    Expert,
    LivTrajectory,
    PhaseRecord,
    RecordedFactor,
    WeighingAnswer,
)


def is_liv_staff(user: Any) -> bool:
    """An LIV coordinator: weighs requests, composes teams and sees every trajectory."""
    return bool(user.unit_id) and user.unit.code == liv_unit_code() and user.has_role("liv-staff")


def is_liv_expert(user: Any) -> bool:
    return bool(user.unit_id) and user.unit.code == liv_unit_code() and user.has_role("liv-expert")


def may_open_liv(user: Any) -> bool:
    """The LIV pages: the LIV's own staff and experts, and the handlers and case directors who request its advice."""
    if not getattr(user, "unit_id", None):
        return False
    return is_liv_staff(user) or is_liv_expert(user) or user.has_role("handler") or user.has_role("case-director")


def _working_file_q(user: Any, prefix: str = "") -> Q | None:
    """Trajectories whose working file the user may see; None means all of them."""
    if is_liv_staff(user):
        return None
    if is_liv_expert(user):
        return Q(**{f"{prefix}assignments__expert__user": user}) | Q(**{f"{prefix}assignments__staff": user})
    return Q(pk__in=[])


@register_scope(LivTrajectory)
def trajectory_scope(user: Any, qs: QuerySet[LivTrajectory]) -> QuerySet[LivTrajectory]:
    if not user.unit_id:
        return qs.none()
    work = _working_file_q(user)
    if work is None:
        return qs
    if user.unit.code == liv_unit_code():
        # Inside the LIV a trajectory is the team's business: a direct request (requested by the LIV itself) is
        # not visible to every expert, only to its assignees and the coordinators.
        return qs.filter(work).distinct()
    return qs.filter(work | Q(requesting_unit_id=user.unit_id) | Q(client_id=user.unit_id)).distinct()


def working_file_scope(user: Any, qs: QuerySet[LivTrajectory]) -> QuerySet[LivTrajectory]:
    """Only trajectories whose working file the user may open (LIV staff, assigned experts)."""
    if not user.unit_id:
        return qs.none()
    work = _working_file_q(user)
    return qs if work is None else qs.filter(work).distinct()


def _child_scope(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    if not user.unit_id:
        return qs.none()
    work = _working_file_q(user, "trajectory__")
    return qs if work is None else qs.filter(work).distinct()


for _model in (WeighingAnswer, PhaseRecord, RecordedFactor, Assignment, DeadlineEvent):
    register_scope(_model)(_child_scope)


@register_scope(Expert)
def expert_scope(user: Any, qs: QuerySet[Expert]) -> QuerySet[Expert]:
    """The expert pool is the LIV's own business."""
    if is_liv_staff(user) or is_liv_expert(user):
        return qs
    return qs.none()
