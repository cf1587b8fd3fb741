"""The signal's state machine: (status, action) → new status.

Every service that changes a signal asks :func:`next_status` first; a pair
that is not in the table is refused with a stable error code. Status names
are the readable values of :class:`SignalStatus`.

- ``received``: arrived at a unit, nobody has taken it yet.
- ``taken``: a handler at the unit is working on it.
- ``awaiting-information`` ("Informatie gevraagd"): returned to the previous unit with a question; it sits in
  that unit's inbox until that unit answers (the signal goes back to the asker), forwards it again or closes it.
- ``closed``: an outcome is recorded; nothing more happens to it here.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext, gettext_lazy

from ketensignaal.core.errors import Unprocessable
from ketensignaal.intake.models import SignalStatus


class Action(StrEnum):
    TAKE = "take"
    NOTE = "note"
    RETURN = "return"
    FORWARD = "forward"
    CLOSE = "close"
    ASSIGN = "assign"
    # An acute signal: a handler of another alarmed unit takes it over into their own unit (``routing.scopes``).
    TAKE_OVER = "take-over"
    # The asked unit answers the question; the signal goes back to the unit that asked.
    ANSWER = "answer"


R, T, W, C = SignalStatus.RECEIVED, SignalStatus.TAKEN, SignalStatus.AWAITING_INFORMATION, SignalStatus.CLOSED

TRANSITIONS: dict[tuple[str, Action], str] = {
    (R, Action.TAKE): T,
    (W, Action.TAKE): T,
    (R, Action.NOTE): R,
    (T, Action.NOTE): T,
    (W, Action.NOTE): W,
    (R, Action.RETURN): W,
    (T, Action.RETURN): W,
    (R, Action.FORWARD): R,
    (T, Action.FORWARD): R,
    (W, Action.FORWARD): R,
    (R, Action.CLOSE): C,
    (T, Action.CLOSE): C,
    (W, Action.CLOSE): C,
    (R, Action.ASSIGN): R,
    (T, Action.ASSIGN): T,
    (W, Action.ASSIGN): W,
    (W, Action.ANSWER): T,
    (R, Action.TAKE_OVER): T,
    (T, Action.TAKE_OVER): T,
    (W, Action.TAKE_OVER): T,
}

_STATUS_LABEL = dict(SignalStatus.choices)
_ACTION_LABEL = {
    Action.TAKE: gettext_lazy("in behandeling nemen"),
    Action.NOTE: gettext_lazy("een notitie toevoegen"),
    Action.RETURN: gettext_lazy("terugsturen"),
    Action.FORWARD: gettext_lazy("doorsturen"),
    Action.CLOSE: gettext_lazy("afsluiten"),
    Action.ASSIGN: gettext_lazy("toewijzen"),
    Action.TAKE_OVER: gettext_lazy("overnemen"),
    Action.ANSWER: gettext_lazy("beantwoorden"),
}


def next_status(status: str, action: Action) -> str:
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise Unprocessable(
            gettext("U kunt een signaal met status '%(status)s' niet %(action)s.")
            % {"status": _STATUS_LABEL.get(status, status), "action": _ACTION_LABEL[action]},
            code="invalid_transition",
        ) from None


def allowed_actions(status: str) -> list[Action]:
    """The steps a status allows at the unit that holds the signal (taking over is for other alarmed units)."""
    return [action for (state, action) in TRANSITIONS if state == status and action is not Action.TAKE_OVER]
