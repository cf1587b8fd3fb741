"""The LIV trajectory's transition table: (phase, action) -> next phase.

Every phase change goes through :func:`next_phase`; anything not in the table
is refused. Preconditions (complete formats, factors, conclusion) are checked
by the services before the table is consulted.
"""

from __future__ import annotations

from django.utils.translation import gettext

from ketensignaal.core.errors import Conflict
from ketensignaal.trajectories.models import FormatPhase, Phase

ACCEPT = "accept"
DECLINE = "decline"
ADVANCE = "advance"
# The requester (the LRO changing or withdrawing its decision) takes the request back before the LIV weighed it.
WITHDRAW = "withdraw"

TRANSITIONS: dict[tuple[str, str], str] = {
    (Phase.WEIGHING, ACCEPT): Phase.INTAKE,
    (Phase.WEIGHING, DECLINE): Phase.NOT_ACCEPTED,
    (Phase.WEIGHING, WITHDRAW): Phase.NOT_ACCEPTED,
    (Phase.INTAKE, ADVANCE): Phase.INTERPRETATION,
    (Phase.INTERPRETATION, ADVANCE): Phase.ADVICE,
    (Phase.ADVICE, ADVANCE): Phase.CLOSED,
}

# Which formats must be complete to leave a phase.
FORMATS_TO_LEAVE: dict[str, tuple[str, ...]] = {
    Phase.INTAKE: (FormatPhase.INTAKE,),
    Phase.INTERPRETATION: (FormatPhase.INTERPRETATION,),
    Phase.ADVICE: (FormatPhase.ADVICE, FormatPhase.CLOSURE),
}

# In which trajectory phase each format may be filled in.
FORMAT_EDITABLE_IN: dict[str, tuple[str, ...]] = {
    FormatPhase.INTAKE: (Phase.INTAKE,),
    FormatPhase.INTERPRETATION: (Phase.INTERPRETATION,),
    FormatPhase.ADVICE: (Phase.ADVICE,),
    FormatPhase.CLOSURE: (Phase.ADVICE,),
}


def next_phase(phase: str, action: str) -> str:
    try:
        return TRANSITIONS[(phase, action)]
    except KeyError:
        label = Phase(phase).label if phase in Phase.values else phase
        raise Conflict(
            gettext("Deze stap kan niet in de fase '%(label)s'.") % {"label": label}, code="invalid_transition"
        ) from None
