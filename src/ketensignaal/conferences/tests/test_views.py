"""The Dutch web pages: list, registration, case page and its actions share the API's services."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ketensignaal.conferences.models import ConferenceCase, Phase

pytestmark = pytest.mark.django_db


def test_list_and_case_page_for_the_municipality(people: dict[str, Any], web_client_for: Any, case_for: Any) -> None:
    case = case_for()
    web = web_client_for(people["utrecht"])
    listing = web.get("/casusoverleg/")
    assert listing.status_code == 200
    assert case.reference in listing.content.decode()
    page = web.get(f"/casusoverleg/{case.pk}")
    assert page.status_code == 200
    assert "Samir El Idrissi" in page.content.decode()
    assert 'id="weging"' in page.content.decode()


def test_outsiders_get_404_and_an_empty_list(people: dict[str, Any], web_client_for: Any, case_for: Any) -> None:
    case = case_for()
    web = web_client_for(people["police"])
    assert web.get(f"/casusoverleg/{case.pk}").status_code == 404
    assert case.reference not in web.get("/casusoverleg/").content.decode()
    assert web.post(f"/casusoverleg/{case.pk}/wegen", {"admitted": "ja", "reason": "x"}).status_code == 404
    assert ConferenceCase.objects.get(pk=case.pk).phase == Phase.TRIAGE


def test_register_and_triage_in_the_browser_flow(people: dict[str, Any], web_client_for: Any) -> None:
    web = web_client_for(people["utrecht"])
    response = web.post(
        "/casusoverleg/aanmelden",
        {"municipality": "gemeente.utrecht", "name": "Amina Yusuf", "dob_year": "2000", "reason": "Zorgen op school."},
    )
    case = ConferenceCase.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(str(case.pk))
    refused = web.post(f"/casusoverleg/{case.pk}/wegen", {"admitted": "ja", "reason": ""})
    assert refused.status_code == 400
    assert "Er is niets gewijzigd" in refused.content.decode()
    web.post(f"/casusoverleg/{case.pk}/wegen", {"admitted": "ja", "reason": "Hoort in het casusoverleg."})
    assert ConferenceCase.objects.get(pk=case.pk).phase == Phase.CONFERENCE


def test_pages_in_english(people: dict[str, Any], web_client_for: Any, case_for: Any) -> None:
    case = case_for()
    web = web_client_for(people["utrecht"])
    web.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = web.get(f"/casusoverleg/{case.pk}").content.decode()
    assert "Case conference" in page or "Triage" in page


def test_the_measures_catalogue_reads_in_english(people: dict[str, Any], web_client_for: Any, case_for: Any) -> None:
    case = case_for(admitted=True)
    web = web_client_for(people["utrecht"])
    web.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = web.get(f"/casusoverleg/{case.pk}").content.decode()
    assert ">Care (e.g. mental-health treatment)</option>" in page
    assert "Zorg (bijv. GGZ-behandeling)" not in page


def test_the_registration_form_sent_twice_registers_one_case(people: dict[str, Any], web_client_for: Any) -> None:
    """Issue 10: duplicate submits are harmless — the form's one-time token makes the second send show the first."""
    web = web_client_for(people["utrecht"])
    page = web.get("/casusoverleg/aanmelden").content.decode()
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', page)
    assert token
    body = {
        "municipality": "gemeente.utrecht",
        "name": "Amina Yusuf",
        "dob_year": "2000",
        "reason": "Zorgen op school.",
        "form_token": token.group(1),
    }
    first = web.post("/casusoverleg/aanmelden", body)
    second = web.post("/casusoverleg/aanmelden", body)  # a double click or the back button
    case = ConferenceCase.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] and first["Location"].endswith(str(case.pk))
    assert "niets dubbel geregistreerd" in web.get(second["Location"]).content.decode()
    again = web.get("/casusoverleg/aanmelden").content.decode()
    assert token.group(1) not in again  # a new form is a new token: a second case on purpose is possible


def test_a_refused_registration_keeps_its_token_so_the_corrected_form_counts(people: dict[str, Any], web_client_for: Any) -> None:
    web = web_client_for(people["utrecht"])
    body = {"municipality": "gemeente.utrecht", "name": "Amina Yusuf", "reason": "", "form_token": "a" * 32}
    refused = web.post("/casusoverleg/aanmelden", body)
    assert refused.status_code == 400 and 'value="' + "a" * 32 + '"' in refused.content.decode()
    assert web.post("/casusoverleg/aanmelden", {**body, "reason": "Zorgen op school."}).status_code == 302
    assert ConferenceCase.objects.count() == 1


def _form_token(page: str, action: str) -> str:
    found = re.search(
        rf'id="{action}">[^<]*<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">'
        rf'<input type="hidden" name="form_token" value="([0-9a-f]{{32}})"',
        page,
    )
    assert found, f"no form token on the {action} form"
    return found.group(1)


def test_a_note_and_a_review_sent_twice_are_added_once(people: dict[str, Any], web_client_for: Any, case_for: Any) -> None:
    """Issue 10: a double click on 'Toevoegen' or 'Herbeoordeling vastleggen' adds one; the second send lands on the first."""
    from ketensignaal.conferences.models import ProgressNote, Review

    case = case_for(admitted=True)
    web = web_client_for(people["utrecht"])
    url = f"/casusoverleg/{case.pk}"
    page = web.get(url).content.decode()
    note_token, review_token = _form_token(page, "notitie"), _form_token(page, "herbeoordeling")
    assert note_token != review_token  # each form its own token: one send must not swallow the other form's
    note = {"text": "Gesprek met school gevoerd.", "form_token": note_token}
    first, second = web.post(f"{url}/notitie", note), web.post(f"{url}/notitie", note)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"] == url
    assert ProgressNote.objects.filter(case=case).count() == 1
    assert "Dit formulier was al verstuurd" in web.get(url).content.decode()
    review = {"summary": "Rustiger.", "changes_since_last": "Naar school.", "next_review": "1-3-2027"}
    refused = web.post(f"{url}/herbeoordeling", {**review, "summary": "", "form_token": review_token})
    assert refused.status_code == 400 and f'value="{review_token}"' in refused.content.decode()
    assert web.post(f"{url}/herbeoordeling", {**review, "form_token": review_token}).status_code == 302
    assert web.post(f"{url}/herbeoordeling", {**review, "form_token": review_token}).status_code == 302
    assert Review.objects.filter(case=case).count() == 1


def test_case_dates_are_typed_as_day_month_year(people: dict[str, Any], web_client_for: Any, case_for: Any) -> None:
    """Issue 10: the evaluation, next-review and after-care dates are typed day-month-year, not the browser's picker;
    a date that cannot be read says how to write it and records nothing."""
    from ketensignaal.conferences.models import Review

    case = case_for(admitted=True)
    web = web_client_for(people["utrecht"])
    url = f"/casusoverleg/{case.pk}"
    page = web.get(url).content.decode()
    assert 'type="date"' not in page and "Dag-maand-jaar, bijvoorbeeld 3-11-2026." in page
    review = {"summary": "Rustiger.", "changes_since_last": "Naar school.", "next_review": "volgende maand"}
    refused = web.post(f"{url}/herbeoordeling", {**review, "form_token": _form_token(page, "herbeoordeling")})
    assert refused.status_code == 400 and "dag-maand-jaar, bijvoorbeeld 3-11-2026" in refused.content.decode()
    assert not Review.objects.filter(case=case).exists()
