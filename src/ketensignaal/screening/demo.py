"""Demo: the TSZ analyst records screenings for persons they can see, through the services (idempotent)."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext

from ketensignaal.core.need_to_know import visible
from ketensignaal.persons.models import Person
from ketensignaal.screening import services
from ketensignaal.screening.models import Screening, WatchList
from ketensignaal.screening.selectors import checklist_current
from ketensignaal.screening.watchlists import services as watch_services

# Invented people, in the shape OpenSanctions publishes (FollowTheMoney JSON lines).
DEMO_LIST = "\n".join(
    json.dumps(e, ensure_ascii=False)
    for e in [
        {
            "id": "demo-1",
            "schema": "Person",
            "properties": {"name": ["Karim Al-Tamimi"], "alias": ["كريم التميمي"], "birthDate": ["1988"], "nationality": ["sy"]},
        },
        {
            "id": "demo-2",
            "schema": "Person",
            "properties": {
                "name": ["Viktor Sokolov"],
                "alias": ["Виктор Соколов"],
                "birthDate": ["1975-06"],
                "nationality": ["ru"],
            },
        },
        {
            "id": "demo-3",
            "schema": "Person",
            "properties": {"name": ["Yusuf Abdi Warsame"], "birthDate": ["1990-02-01"], "nationality": ["so"]},
        },
        {"id": "demo-4", "schema": "Company", "properties": {"name": ["Demo Trading LLC"]}},
    ]
)


def _all_done(procedure: str, step: str, **overrides: dict[str, str]) -> dict[str, dict[str, str]]:
    checklist = checklist_current(procedure=procedure, step=step)
    answers = {item.code: {"status": "done"} for item in checklist.items.all()} if checklist else {}
    answers.update(overrides)
    return answers


def _demo_watch_list(users: dict[str, Any]) -> None:
    admin = users.get("beheer")
    if admin is None or WatchList.objects.exists():
        return
    watch_list = watch_services.watch_list_create(
        actor=admin, name="Sanctielijst (demo, fictieve personen)", flow="ind-signaleringslijst-screening"
    )
    watch_services.watch_list_import(actor=admin, watch_list_id=watch_list.pk, content=DEMO_LIST.encode(), filename="demo.jsonl")


def demo_load(*, users: dict[str, Any]) -> None:
    _demo_watch_list(users)
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
            **{"open-bronnen-minimum": {"status": "not-done", "reason": gettext("Tijd op; drie van de vijf zoekslagen gedaan.")}},
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
