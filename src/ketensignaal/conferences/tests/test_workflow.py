"""The transition table, table-driven: every (phase, action) pair is either in the table or refused."""

from __future__ import annotations

import pytest

from ketensignaal.conferences import workflow
from ketensignaal.conferences.models import Phase
from ketensignaal.core.errors import Conflict

ACTIONS = [
    workflow.ADMIT,
    workflow.DECLINE,
    workflow.START_MONITORING,
    workflow.RECONVENE,
    workflow.SCALE_DOWN,
    workflow.CLOSE,
]
EXPECTED = {
    ("triage", "admit"): "conference",
    ("triage", "decline"): "not-admitted",
    ("conference", "start-monitoring"): "monitoring",
    ("monitoring", "reconvene"): "conference",
    ("conference", "scale-down"): "scaled-down",
    ("monitoring", "scale-down"): "scaled-down",
    ("scaled-down", "close"): "closed",
}


@pytest.mark.parametrize("phase", Phase.values)
@pytest.mark.parametrize("action", ACTIONS)
def test_transition_table(phase: str, action: str) -> None:
    if (phase, action) in EXPECTED:
        assert workflow.next_phase(phase, action) == EXPECTED[(phase, action)]
    else:
        with pytest.raises(Conflict):
            workflow.next_phase(phase, action)


def test_every_phase_has_a_meaning_and_partners_leave_with_scale_down() -> None:
    assert set(workflow.PHASES) == set(Phase.values)
    assert set(workflow.INVITED_ACCESS_PHASES) == {"triage", "conference", "monitoring"}
    assert not workflow.PHASES[Phase.CLOSED].notes
