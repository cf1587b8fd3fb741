"""Test helpers: a valid signal body and a shortcut to submit it through the service."""

from __future__ import annotations

import copy
from typing import Any

from ketensignaal.intake.validation import parse_signal_input
from ketensignaal.routing.services import signal_submit

VALID_BODY: dict[str, Any] = {
    "subject": {
        "v_number": "1234567890",
        "names": [{"name": "Mohammed al-Hassan", "script": "Latn"}, {"name": "محمد الحسن", "script": "Arab"}],
        "date_of_birth": "1994-03",
        "nationality": "SYR",
        "minor": False,
    },
    "observation": {
        "type": "statement",
        "text": "Sprak op de gang over steun aan een gewapende groep.",
        "observed_at": "2026-11-20T14:00:00+01:00",
    },
    "categories": ["radicalisering"],
    "touchpoint": "opvanglocatie",
    "grading": {"source": "B", "information": "2"},
    "handling_code": "AMBER",
    "acute": False,
}


def body(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID_BODY)
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for key in parents:
            target = target[key]
        target[last] = value
    return data


def submit(user: Any, **changes: Any) -> Any:
    signal, _created = signal_submit(actor=user, data=parse_signal_input(body(**changes)), channel="web")
    return signal
