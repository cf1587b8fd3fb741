"""Need-to-know scopes: meetings, agenda and decisions for LRO members; tasks for the owner unit and LRO members."""

from typing import Any

from django.db.models import Q, QuerySet

from ketensignaal.core.need_to_know import register_scope
from ketensignaal.identity.models import RoleCode

from .config import member_unit_codes
from .models import HUB_UNIT, AgendaItem, Decision, Meeting, PutForward, Task


def is_member(user: Any) -> bool:
    unit = getattr(user, "unit", None)
    return bool(unit is not None and unit.code in member_unit_codes() and user.has_role(RoleCode.LRO_MEMBER))


def may_manage_meetings(user: Any) -> bool:
    """The hub (IND TSZ, hub analyst) plans meetings and puts signals forward."""
    unit = getattr(user, "unit", None) if getattr(user, "unit_id", None) else None
    return bool(unit is not None and unit.code == HUB_UNIT and user.has_role(RoleCode.HUB_ANALYST))


def may_see_tasks(user: Any) -> bool:
    """LRO members follow every task; a handler sees the tasks of their unit."""
    return is_member(user) or (bool(getattr(user, "unit_id", None)) and user.has_role(RoleCode.HANDLER))


def _members_only(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs if is_member(user) else qs.none()


for _model in (Meeting, AgendaItem, Decision, PutForward):
    register_scope(_model)(_members_only)


@register_scope(Task)
def _tasks(user: Any, qs: QuerySet[Task]) -> QuerySet[Task]:
    if is_member(user):
        return qs
    if not getattr(user, "unit_id", None):
        return qs.none()
    return qs.filter(Q(owner_unit_id=user.unit_id))
