"""Issue 10, point 1 on the case conference's forms: the date of birth is asked as the signal form asks it (year,
month and day boxes, only what is known), accepts what its hint says ("1994 en 3") and reports a bad part at that
part. The nationality is chosen by name, not typed as an ISO code."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ketensignaal.conferences.models import ConferenceCase

pytestmark = pytest.mark.django_db

FORM = {"municipality": "gemeente.utrecht", "name": "Amina Yusuf", "reason": "Zorgen op school."}


def test_registration_asks_the_date_of_birth_in_parts_and_the_nationality_by_name(
    people: dict[str, Any], web_client_for: Any
) -> None:
    page = web_client_for(people["utrecht"]).get("/casusoverleg/aanmelden").content.decode()
    assert 'name="date_of_birth"' not in page and "JJJJ-MM" not in page
    for name in ("dob_year", "dob_month", "dob_day"):
        assert re.search(rf'<input[^>]*name="{name}"[^>]*inputmode="numeric"', page), name
    assert "Bijvoorbeeld 1994, of 1994 en 3." in page
    assert "ISO-code" not in page
    nationality = re.search(r'<select[^>]*id="nationaliteit"[^>]*>(.*?)</select>', page, re.S)
    assert nationality is not None and '<option value="SYR">Syrië</option>' in nationality.group(1)


@pytest.mark.parametrize(
    ("parts", "stored"),
    [
        ({"dob_year": "1994", "dob_month": "3"}, "1994-03"),
        ({"dob_year": "1994", "dob_month": "3", "dob_day": "7"}, "1994-03-07"),
        ({"dob_year": "1994"}, "1994"),
        ({}, ""),
    ],
)
def test_what_the_hint_says_is_accepted(people: dict[str, Any], web_client_for: Any, parts: dict[str, str], stored: str) -> None:
    response = web_client_for(people["utrecht"]).post("/casusoverleg/aanmelden", {**FORM, **parts, "nationality": "SYR"})
    assert response.status_code == 302
    case = ConferenceCase.objects.get()
    assert case.date_of_birth == stored and case.nationality == "SYR"


@pytest.mark.parametrize(
    ("parts", "at", "says"),
    [
        ({"dob_year": "1994", "dob_month": "13"}, "dob_month", "Maand: Een maand ligt tussen 1 en 12."),
        ({"dob_year": "1994", "dob_day": "7"}, "dob_month", "Maand: Vul ook de maand in, of laat de dag leeg."),
        ({"dob_year": "94"}, "dob_year", "Jaar: Vul een jaar in van vier cijfers."),
        ({"dob_year": "1994", "dob_month": "2", "dob_day": "30"}, "dob_day", "Dag: Deze dag bestaat niet in die maand."),
    ],
)
def test_a_bad_part_is_reported_at_that_part(
    people: dict[str, Any], web_client_for: Any, parts: dict[str, str], at: str, says: str
) -> None:
    response = web_client_for(people["utrecht"]).post("/casusoverleg/aanmelden", {**FORM, **parts})
    page = response.content.decode()
    assert response.status_code == 400 and not ConferenceCase.objects.exists()
    error = re.search(rf'<div class="utrecht-form-field-error-message" id="id_{at}_error">(.*?)</div>', page, re.S)
    assert error is not None and says in error.group(1)
    assert page.count('class="utrecht-form-field-error-message"') == 1  # only at that part
    for name, value in parts.items():  # what was typed comes back
        assert re.search(rf'<input[^>]*name="{name}"[^>]*value="{value}"', page), name


def test_a_date_of_birth_in_the_future_is_refused_at_the_date_of_birth(people: dict[str, Any], web_client_for: Any) -> None:
    response = web_client_for(people["utrecht"]).post("/casusoverleg/aanmelden", {**FORM, "dob_year": "2999"})
    page = response.content.decode()
    assert response.status_code == 400 and not ConferenceCase.objects.exists()
    assert re.search(r'id="dob_error"><p class="utrecht-paragraph">Het jaar 2999 ligt buiten', page)


def test_known_elsewhere_asks_the_same_date_of_birth(people: dict[str, Any], web_client_for: Any) -> None:
    web = web_client_for(people["utrecht"])
    answered = web.post("/casusoverleg/elders-bekend", {"name": "Yara Mansour", "dob_year": "1999", "dob_month": "3"})
    assert answered.status_code == 200 and 'id="antwoord"' in answered.content.decode()
    refused = web.post("/casusoverleg/elders-bekend", {"name": "Yara Mansour", "dob_year": "1999", "dob_month": "13"})
    assert refused.status_code == 400 and 'id="id_dob_month_error"' in refused.content.decode()
