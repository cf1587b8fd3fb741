"""Issue 10, point 6: no codes or jargon on screen. A flow is named by its registered name and version, never by its
code (``coa-ind-nationale-veiligheid@v1``), in the signal's history and the forward panel."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from ketensignaal.coordination import services as coordination
from ketensignaal.coordination.models import Task
from ketensignaal.routing import services
from ketensignaal.routing.models import SignalEvent
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db


def test_signal_history_and_forward_panel_name_the_flow_not_its_code(make_user: Any, web_client_for: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    bureau = make_user("coa.bureau-veiligheid", "handler")
    adviser = make_user("coa.adviseur-nv", "handler")
    tsz = make_user("ind.tsz", "handler", "hub-analyst")
    signal = submit(reporter, categories=["extremisme"])
    services.signal_forward(actor=bureau, signal_id=signal.pk, to_unit="coa.adviseur-nv", channel="web")
    # At the adviser the next hop crosses to the IND: the forward panel names the flow that would carry it.
    html = web_client_for(adviser).get(reverse("routing:signal_detail", kwargs={"pk": signal.pk})).content.decode()
    assert "COA → IND: veiligheidssignalen kleine keten (versie 1)" in html
    assert "coa-ind-nationale-veiligheid@v1" not in html
    services.signal_forward(
        actor=adviser, signal_id=signal.pk, to_unit="ind.tsz", justification="Raakt de nationale veiligheid.", channel="web"
    )
    # At the hub the history shows the disclosure's basis by name.
    html = web_client_for(tsz).get(reverse("routing:signal_detail", kwargs={"pk": signal.pk})).content.decode()
    assert "COA → IND: veiligheidssignalen kleine keten (versie 1)" in html
    assert "@v1" not in html


MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def test_task_and_note_texts_the_system_writes_use_the_one_date_format(make_user: Any) -> None:
    """Issue 10, point 6: the task an LRO decision creates and the note on the signal name the meeting's date and the
    due date as "3 december 2026", never as "03-12-2026"."""
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    bureau = make_user("coa.bureau-veiligheid", "handler")
    adviser = make_user("coa.adviseur-nv", "handler")
    hub = make_user("ind.tsz", "handler", "hub-analyst", "lro-member")
    signal = submit(reporter)
    services.signal_forward(actor=bureau, signal_id=signal.pk, to_unit="coa.adviseur-nv", channel="web")
    services.signal_forward(actor=adviser, signal_id=signal.pk, to_unit="ind.tsz", justification="Verrijking.", channel="web")
    when = timezone.localdate() + dt.timedelta(days=7)
    due = timezone.localdate() + dt.timedelta(days=21)
    with translation.override("nl"):
        meeting = coordination.meeting_create(actor=hub, date=when)
        item = coordination.item_put_forward(actor=hub, meeting_id=meeting.pk, signal_id=signal.pk, justification="Duiding.")
        coordination.decision_record(
            actor=hub,
            meeting_id=meeting.pk,
            item_id=item.pk,
            interpretation="Steun aan een gewapende groep.",
            decision="police-cter",
            owner="politie.cter",
            due=due.isoformat(),
        )
    task = Task.objects.get(decision__item=item)
    assert task.description.startswith(f"LRO {when.day} {MONTHS[when.month - 1]} {when.year}: ")
    note = SignalEvent.objects.filter(signal=signal, note__startswith="LRO ").get()
    assert f"termijn {due.day} {MONTHS[due.month - 1]} {due.year}" in note.note
    assert not re.search(r"\d\d-\d\d-\d{4}", task.description + note.note)


def test_the_nationality_list_names_countries_and_holds_no_non_countries() -> None:
    """Issue 10, point 6: no ISO codes in the list, no places that are nobody's nationality (ASC, CPT, CRQ, CYB);
    stateless and unknown stay, as proper labels."""
    from ketensignaal.core.errors import ValidationFailed
    from ketensignaal.intake.forms import nationality_choices
    from ketensignaal.intake.validation import parse_signal_input

    with translation.override("nl"):
        choices = {code: str(label) for code, label in nationality_choices()}
    for code in ("ASC", "CPT", "CRQ", "CYB", "ATA"):
        assert code not in choices
    assert choices["SYR"] == "Syrië" and choices["XXA"] == "Staatloos" and choices["XXX"] == "Onbekend"
    assert not [label for label in choices.values() if re.search(r"\([A-Z]{3}\)", label)]
    with pytest.raises(ValidationFailed):
        parse_signal_input(
            {
                "subject": {"names": [{"name": "Test Persoon"}], "nationality": "CYB"},
                "observation": {"type": "statement", "text": "Waarneming."},
                "categories": ["radicalisering"],
                "touchpoint": "opvanglocatie",
                "acute": False,
            }
        )


def test_candidates_and_signal_pages_name_countries_and_scripts(make_user: Any, web_client_for: Any) -> None:
    """Issue 10, point 6: "Syrië" and "Arabisch schrift" on screen, never "SYR", "(Arab)", "(Latn)" or "(?)"."""
    from ketensignaal.persons.services import signal_link_person
    from ketensignaal.persons.tests.factories import signal_make

    hub = make_user("ind.tsz", "handler", "hub-analyst")
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    earlier = signal_make(reporter=reporter, names=[("Khaled Al-Masri", "Latn")], nationality="SYR")
    person = signal_link_person(actor=hub, signal_id=earlier.pk, new=True).person
    signal = signal_make(reporter=reporter, names=[("خالد المصري", "Arab"), ("Khalid Masri", "")], nationality="SYR")
    client = web_client_for(hub)
    candidates = client.get(reverse("persons:signal_candidates", kwargs={"pk": signal.pk})).content.decode()
    detail = client.get(reverse("routing:signal_detail", kwargs={"pk": signal.pk})).content.decode()
    person_page = client.get(reverse("persons:person_detail", kwargs={"pk": person.pk})).content.decode()
    for html in (candidates, detail, person_page):
        assert "Syrië" in html
        for code in ("SYR", "(Arab)", "(Latn)", "(?)", "Latn,"):
            assert code not in html, code
    assert "Arabisch schrift" in candidates and "schrift onbekend" in candidates
    assert "Nationaliteit gelijk (Syrië)" in candidates


PROJECT_JARGON = re.compile(r"Seed 0\d\d|DOMAIN\.md|§")


def test_reference_texts_shown_on_screens_carry_no_project_references() -> None:
    """Issue 10, point 6: "Seed 002", "DOMAIN.md §5" and the like are the project's notes, not a professional's
    words: none in the factor catalogue (the LIV page), the trainings, the routes or the action programme."""
    from ketensignaal.reporting.programme_data import MEASURES, programme_measures_load
    from ketensignaal.routing.models import Route
    from ketensignaal.training.catalogue import SEEDED, trainings_load
    from ketensignaal.training.models import Training
    from ketensignaal.trajectories.catalogue import FACTORS, catalogue_load
    from ketensignaal.trajectories.models import FactorDefinition

    catalogue_load()
    trainings_load()
    programme_measures_load()
    texts = [d for *_rest, d in FACTORS] + [str(row["source"]) for row in SEEDED] + [m[-1] for m in MEASURES]
    texts += list(FactorDefinition.objects.values_list("description", flat=True))
    texts += list(Training.objects.values_list("source", flat=True))
    texts += list(Route.objects.values_list("description", flat=True))
    from ketensignaal.reporting.models import ProgrammeMeasure

    texts += list(ProgrammeMeasure.objects.values_list("source_note", flat=True))
    assert not [t for t in texts if PROJECT_JARGON.search(t)]
