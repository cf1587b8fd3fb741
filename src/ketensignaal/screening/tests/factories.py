"""Test helpers: a person that a screener can see (through a signal of their own unit, linked by a person)."""

from __future__ import annotations

from typing import Any

from ketensignaal.persons.services import signal_link_person
from ketensignaal.routing.tests.factories import submit


def visible_person(user: Any, **signal_changes: Any) -> Any:
    """Submit a signal in ``user``'s unit and link it to a new person (``user`` must be a handler or hub analyst)."""
    signal = submit(user, **signal_changes)
    return signal_link_person(actor=user, signal_id=signal.pk, new=True).person


def all_done(checklist: Any, **overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {item.code: {"status": "done"} for item in checklist.items.all()}
    answers.update(overrides)
    return answers


ID_REGISTRATION_BODY: dict[str, Any] = {
    "procedure": "asylum",
    "step": "id-registratie",
    "answers": {
        "biometrie-systemen": {"status": "done"},
        "kleding-bagage": {"status": "done"},
        "gegevensdragers": {"status": "done"},
        "documenten": {"status": "not-applicable"},
        "gehoor": {"status": "done"},
        "sis-signalering": {"status": "done"},
    },
    "hearing_mode": "in-person",
    "data_carrier_handling": "quick-scan",
    "identity_basis": "plausible",
    "open_source_minutes": 0,
    "sis_alert": {
        "purpose": "discreet-check",
        "issuing_state": "DEU",
        "content": "Onopvallende controle.",
        "more_information_requested": True,
        "answer": "",
    },
}
