"""The transition table, read as a table: every (status, action) pair is either listed or refused."""

from __future__ import annotations

import pytest

from ketensignaal.core.errors import Unprocessable
from ketensignaal.routing.workflow import Action, next_status

R, T, W, C = "received", "taken", "awaiting-information", "closed"

EXPECTED = {
    # status: {action: new status or None (refused)}
    R: {
        Action.TAKE: T, Action.NOTE: R, Action.RETURN: W, Action.FORWARD: R, Action.CLOSE: C, Action.ASSIGN: R,
        Action.TAKE_OVER: T, Action.ANSWER: None,
    },
    T: {
        Action.TAKE: None, Action.NOTE: T, Action.RETURN: W, Action.FORWARD: R, Action.CLOSE: C, Action.ASSIGN: T,
        Action.TAKE_OVER: T, Action.ANSWER: None,
    },
    W: {
        Action.TAKE: T, Action.NOTE: W, Action.RETURN: None, Action.FORWARD: R, Action.CLOSE: C, Action.ASSIGN: W,
        Action.TAKE_OVER: T, Action.ANSWER: T,
    },
    C: {
        Action.TAKE: None, Action.NOTE: None, Action.RETURN: None, Action.FORWARD: None, Action.CLOSE: None,
        Action.ASSIGN: None, Action.TAKE_OVER: None, Action.ANSWER: None,
    },
}  # fmt: skip

CASES = [(status, action, new) for status, row in EXPECTED.items() for action, new in row.items()]


@pytest.mark.parametrize(("status", "action", "expected"), CASES, ids=[f"{s}-{a}" for s, a, _ in CASES])
def test_transition_table(status: str, action: Action, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(Unprocessable) as refused:
            next_status(status, action)
        assert refused.value.code == "invalid_transition"
        assert refused.value.detail  # a Dutch sentence, not a code
    else:
        assert next_status(status, action) == expected


def test_every_action_is_covered_for_every_status() -> None:
    assert {(s, a) for s, a, _ in CASES} == {(s, a) for s in EXPECTED for a in Action}
