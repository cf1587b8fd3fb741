"""Capabilities of the routing context: who may work a unit's inbox and which steps a user may take on a signal.

The services refuse with these functions and the views, API and navigation render with them, so a button is shown
exactly when the step would be accepted (the transition table in ``workflow.py`` says what a status allows).
"""

from __future__ import annotations

from typing import Any

from ketensignaal.identity.models import RoleCode
from ketensignaal.intake.models import InvolvementReason, Signal, SignalInvolvement, SignalStatus
from ketensignaal.routing.workflow import Action, allowed_actions

HANDLER_ROLES = (RoleCode.HANDLER, RoleCode.HUB_ANALYST)
# Steps only a handler takes; a reporter at the unit may still add a note, return, or forward.
HANDLER_ONLY = frozenset({Action.TAKE, Action.CLOSE, Action.ASSIGN})


def is_handler(user: Any) -> bool:
    return any(user.has_role(role) for role in HANDLER_ROLES)


def may_work_inbox(user: Any) -> bool:
    return bool(getattr(user, "unit_id", None)) and is_handler(user)


def is_at_users_unit(user: Any, signal: Signal) -> bool:
    return bool(user.unit_id) and signal.current_unit_id == user.unit_id


def may_recall_disclosure(user: Any, *, disclosed_by_unit_ids: set[int]) -> bool:
    """Who may end a disclosure: the unit that disclosed it, and the hub (the chain's coordinating role)."""
    if not getattr(user, "unit_id", None):
        return False
    return user.unit_id in disclosed_by_unit_ids or user.has_role(RoleCode.HUB_ANALYST)


# The units an open acute signal reached: the alarm units, and the units it travelled to along its route (the
# reporter's first hop, e.g. COA Bureau Veiligheid). Each of them sees it above its inbox and may act on it.
ACUTE_RECIPIENT_REASONS = (InvolvementReason.ALARM, InvolvementReason.ROUTED)


def is_acute_recipient(user: Any, signal: Signal) -> bool:
    """The user's unit received this open acute signal (alarm or route) and does not hold it now."""
    if not (signal.acute and signal.status != SignalStatus.CLOSED and user.unit_id):
        return False
    if signal.current_unit_id == user.unit_id:
        return False
    return SignalInvolvement.objects.filter(
        signal_id=signal.pk, unit_id=user.unit_id, user__isnull=True, reason__in=ACUTE_RECIPIENT_REASONS
    ).exists()


def may_take_over(user: Any, signal: Signal) -> bool:
    """An open acute signal held elsewhere may be taken over by a handler of a unit it reached (alarm or route);
    the reach already granted need to know, so taking over discloses nothing new."""
    return is_handler(user) and is_acute_recipient(user, signal)


def signal_actions(user: Any, signal: Signal) -> frozenset[Action]:
    """The steps ``user`` may take on ``signal`` now: at their unit, allowed by its status, and by their role."""
    if not is_at_users_unit(user, signal):
        return frozenset({Action.TAKE_OVER}) if may_take_over(user, signal) else frozenset()
    actions = frozenset(allowed_actions(signal.status))
    return actions if is_handler(user) else actions - HANDLER_ONLY
