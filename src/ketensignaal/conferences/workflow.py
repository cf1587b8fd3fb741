"""The case's transition table, and what each phase means, in one place.

Every phase change goes through :func:`next_phase`; anything not in the table
is refused with a readable message. Services, views, serializers and templates
ask :data:`PHASES` what a phase allows instead of keeping their own tuples.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from ketensignaal.conferences.models import Phase
from ketensignaal.core.errors import Conflict

ADMIT = "admit"
DECLINE = "decline"
START_MONITORING = "start-monitoring"
RECONVENE = "reconvene"
SCALE_DOWN = "scale-down"
CLOSE = "close"

TRANSITIONS: dict[tuple[str, str], str] = {
    (Phase.TRIAGE, ADMIT): Phase.CONFERENCE,
    (Phase.TRIAGE, DECLINE): Phase.NOT_ADMITTED,
    (Phase.CONFERENCE, START_MONITORING): Phase.MONITORING,
    (Phase.MONITORING, RECONVENE): Phase.CONFERENCE,
    (Phase.CONFERENCE, SCALE_DOWN): Phase.SCALED_DOWN,
    (Phase.MONITORING, SCALE_DOWN): Phase.SCALED_DOWN,
    (Phase.SCALED_DOWN, CLOSE): Phase.CLOSED,
}


@dataclass(frozen=True)
class PhaseMeaning:
    open: bool  # the case is worked on (shown among open cases)
    partners_invited: bool  # invitations may be made and give access
    plan_editable: bool  # plan, measures, case director, reviews
    notes: bool  # progress notes and partner contributions
    # The case page's main action in this phase, in order of preference: the first one the user may take is the
    # page's one primary button, every other action is secondary. (Form names as in views.ACTIONS.)
    primary_actions: tuple[str, ...] = ()

    @property
    def reviews_due(self) -> bool:
        """A next review date means something only while the plan is worked on (not after scale-down or close)."""
        return self.plan_editable


PHASES: dict[str, PhaseMeaning] = {
    Phase.TRIAGE: PhaseMeaning(
        open=True, partners_invited=True, plan_editable=False, notes=True, primary_actions=("wegen", "notitie")
    ),
    Phase.NOT_ADMITTED: PhaseMeaning(open=False, partners_invited=False, plan_editable=False, notes=False),
    Phase.CONFERENCE: PhaseMeaning(
        open=True, partners_invited=True, plan_editable=True, notes=True, primary_actions=("maatregel", "toetsing", "notitie")
    ),
    Phase.MONITORING: PhaseMeaning(
        open=True,
        partners_invited=True,
        plan_editable=True,
        notes=True,
        primary_actions=("herbeoordeling", "toetsing", "notitie"),
    ),
    Phase.SCALED_DOWN: PhaseMeaning(
        open=False, partners_invited=False, plan_editable=False, notes=True, primary_actions=("notitie",)
    ),
    Phase.CLOSED: PhaseMeaning(open=False, partners_invited=False, plan_editable=False, notes=False),
}

# Phases in which invited units keep access; leaving them ends every open invitation.
INVITED_ACCESS_PHASES = tuple(code for code, meaning in PHASES.items() if meaning.partners_invited)


def next_phase(phase: str, action: str) -> str:
    try:
        return TRANSITIONS[(phase, action)]
    except KeyError:
        label = Phase(phase).label if phase in Phase.values else phase
        raise Conflict(
            gettext("Deze stap kan niet in de fase '%(label)s'.") % {"label": label}, code="invalid_transition"
        ) from None


def meaning(phase: str) -> PhaseMeaning:
    return PHASES[phase]


def primary_action(phase: str, available: set[str]) -> str:
    """The one primary action of the case page for a user who can take ``available`` actions ("" for none)."""
    return next((action for action in PHASES[phase].primary_actions if action in available), "")
