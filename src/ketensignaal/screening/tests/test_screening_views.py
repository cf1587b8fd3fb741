"""The Dutch screening pages: the form per step, the person page with its gaps, and the gaps overview."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.screening.models import Screening
from ketensignaal.screening.selectors import checklist_current
from ketensignaal.screening.tests.factories import visible_person

pytestmark = pytest.mark.django_db


def _form(checklist: Any, **changes: str) -> dict[str, str]:
    data = {"stap": f"{checklist.procedure}:{checklist.touchpoint.code}"}
    data.update({f"item-{item.code}": "done" for item in checklist.items.all()})
    data.update(changes)
    return data


def test_the_form_shows_the_checklist_of_the_chosen_step_and_records_it(make_user: Any, web_client_for: Any) -> None:
    avim = make_user("politie.avim", "reporter", "handler")
    person = visible_person(avim)
    web = web_client_for(avim)
    assert "Screening vastleggen" in web.get(f"/personen/{person.pk}").content.decode()
    reads = ProcessingLogEntry.objects.filter(object_type="person", object_id=str(person.pk), action="read").count()
    page = web.get(f"/personen/{person.pk}/screening?stap=asylum:id-registratie").content.decode()
    assert "Eurodac" in page and 'name="item-gegevensdragers"' in page
    assert ProcessingLogEntry.objects.filter(object_type="person", object_id=str(person.pk), action="read").count() == reads + 1
    partial = web.get(f"/personen/{person.pk}/screening?stap=asylum:id-registratie", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "Eurodac" in partial
    checklist = checklist_current(procedure="asylum", step="id-registratie")
    refused = web.post(f"/personen/{person.pk}/screening", _form(checklist, **{"item-gehoor": "not-done"}))
    assert refused.status_code == 400 and "Geef bij &#x27;niet gedaan&#x27; de reden." in refused.content.decode()
    assert not Screening.objects.exists()
    done = web.post(
        f"/personen/{person.pk}/screening",
        _form(
            checklist,
            **{
                "item-gehoor": "not-done",
                "reason-gehoor": "Tolk niet beschikbaar.",
                "data_carrier_handling": "quick-scan",
                "sis-present": "1",
                "sis-purpose": "refusal-of-entry",
                "sis-issuing_state": "fra",
                "sis-content": "Weigering toegang.",
            },
        ),
    )
    assert done.status_code == 302
    screening = Screening.objects.get()
    assert screening.sis_alert.issuing_state == "FRA" and screening.sis_alert.thin
    person_page = web.get(f"/personen/{person.pk}").content.decode()
    assert "Gegevensdrager alleen quick scan" in person_page and "Summiere SIS-signalering" in person_page
    assert "Tolk niet beschikbaar." in person_page


def test_a_reporter_elsewhere_gets_404_and_a_privacy_officer_no_form(make_user: Any, web_client_for: Any) -> None:
    avim = make_user("politie.avim", "reporter", "handler")
    person = visible_person(avim)
    assert web_client_for(make_user("kmar.ir", "reporter")).get(f"/personen/{person.pk}/screening").status_code == 404
    privacy = make_user("politie.avim", "privacy-officer")
    assert web_client_for(privacy).get(f"/personen/{person.pk}/screening").status_code == 403


def test_the_gaps_overview_page(make_user: Any, web_client_for: Any) -> None:
    page = web_client_for(make_user("ind.tsz", "hub-analyst")).get("/screening/hiaten?van=2026-01-01&tot=2026-12-31")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hiaten in de screening" in text and "Schriftelijk gehoor" in text and "Geen screenings in deze periode." in text
    assert web_client_for(make_user("coa.locatie.ter-apel", "reporter")).get("/screening/hiaten").status_code == 403


def test_the_gaps_period_is_typed_day_month_year_and_an_unreadable_date_says_so(make_user: Any, web_client_for: Any) -> None:
    """Issue 10: the period filter is the one Dutch date input, not the browser's picker; a date it cannot read is a
    message on the page (not a 500, not silently the default 90 days)."""
    web = web_client_for(make_user("ind.tsz", "hub-analyst"))
    page = web.get("/screening/hiaten", {"van": "1-1-2026", "tot": "31-12-2026"})
    text = page.content.decode()
    assert page.status_code == 200 and 'type="date"' not in text
    assert 'name="van" value="1-1-2026"' in text and 'name="tot" value="31-12-2026"' in text
    assert "Screenings van 1 januari 2026 tot en met 31 december 2026" in text
    assert "Datums als dag-maand-jaar, bijvoorbeeld 3-11-2026." in text
    wrong = web.get("/screening/hiaten", {"van": "1-13-2026", "tot": "31-12-2026"})
    assert wrong.status_code == 400
    text = wrong.content.decode()
    assert "Van: Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-11-2026." in text and 'value="1-13-2026"' in text
    assert "Screenings van" not in text


def test_the_screening_form_sent_twice_records_one_screening(make_user: Any, web_client_for: Any) -> None:
    """Issue 10: duplicate submits are harmless (the form's one-time token, ``core.form_tokens``)."""
    import re

    avim = make_user("politie.avim", "reporter", "handler")
    person = visible_person(avim)
    web = web_client_for(avim)
    page = web.get(f"/personen/{person.pk}/screening?stap=asylum:id-registratie").content.decode()
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', page)
    assert token
    body = {**_form(checklist_current(procedure="asylum", step="id-registratie")), "form_token": token.group(1)}
    first = web.post(f"/personen/{person.pk}/screening", body)
    second = web.post(f"/personen/{person.pk}/screening", body)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Screening.objects.count() == 1
