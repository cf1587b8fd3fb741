"""Demo: the TSZ analyst records screenings for persons they can see, through the services (idempotent)."""

from __future__ import annotations

from typing import Any

from ketensignaal.core.need_to_know import visible
from ketensignaal.persons.models import Person
from ketensignaal.screening import services
from ketensignaal.screening.models import Screening
from ketensignaal.screening.selectors import checklist_current


def _all_done(procedure: str, step: str, **overrides: dict[str, str]) -> dict[str, dict[str, str]]:
    checklist = checklist_current(procedure=procedure, step=step)
    answers = {item.code: {"status": "done"} for item in checklist.items.all()} if checklist else {}
    answers.update(overrides)
    return answers


def demo_load(*, users: dict[str, Any]) -> None:
    analyst = users.get("ind.tsz")
    if analyst is None:
        return
    persons = list(visible(analyst, Person.objects.filter(merged_into__isnull=True)).order_by("created_at")[:2])
    if not persons or Screening.objects.filter(person__in=persons).exists():
        return
    services.screening_record(
        actor=analyst,
        person_id=persons[0].pk,
        procedure="asylum",
        step="screening",
        answers=_all_done(
            "asylum",
            "screening",
            **{"open-bronnen-minimum": {"status": "not-done", "reason": "Tijd op; drie van de vijf zoekslagen gedaan."}},
        ),
        hearing_mode="in-person",
        data_carrier_handling="quick-scan",
        identity_basis="plausible",
        open_source_minutes=20,
        open_source_searches=3,
        sis_alert={
            "purpose": "discreet-check",
            "issuing_state": "DEU",
            "content": "Onopvallende controle; verband met terrorisme.",
            "more_information_requested": True,
            "answer": "",
        },
    )
    if len(persons) > 1:
        services.screening_record(
            actor=analyst,
            person_id=persons[1].pk,
            procedure="family-reunification",
            step="nareis-aanvraag",
            answers=_all_done("family-reunification", "nareis-aanvraag", dna={"status": "not-applicable"}),
            hearing_mode="tele",
            data_carrier_handling="no-carrier",
            identity_basis="laissez-passer",
            open_source_minutes=45,
            open_source_searches=6,
        )
