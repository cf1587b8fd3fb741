"""Issue 10, the LIV walk-through: no preselected client, the signal chosen by who and what, the standard error
summary, "Naar de volgende fase" only when the trajectory can move on (the reason once otherwise), and languages
by name, never by code."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import translation

from ketensignaal.intake.models import SubjectName
from ketensignaal.trajectories import services
from ketensignaal.trajectories.languages import language_name, language_names
from ketensignaal.trajectories.models import LivTrajectory
from ketensignaal.trajectories.tests.conftest import ACCEPT_ANSWERS, make_expert, signal_for

pytestmark = pytest.mark.django_db


def _accepted(liv: dict[str, Any], **extra: Any) -> LivTrajectory:
    t = services.trajectory_request(
        actor=liv["coa"], client_code="coa", question="Vraag van COA", signal_id=signal_for(liv["coa"]).pk, **extra
    )
    return services.trajectory_weigh(actor=liv["staff"], trajectory=t, accepted=True, answers=ACCEPT_ANSWERS)


def _select(html: str, name: str) -> str:
    found = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S)
    assert found, f"no select {name}"
    return found.group(0)


def test_request_form_preselects_no_client_and_names_who_and_what(liv: dict[str, Any], web_client_for: Any) -> None:
    signal = signal_for(liv["gemeente"])
    SubjectName.objects.create(signal=signal, name="Yusuf Demir", position=0)
    html = web_client_for(liv["gemeente"]).get("/liv/aanmelden").content.decode()
    client = _select(html, "client")
    # The first option is the empty choice and nothing is selected: a municipality user picks the client themselves.
    assert re.search(r'<select[^>]*>\s*<option value="">', client) and " selected" not in client
    assert str(signal.pk) not in html  # no signal is listed before the user searches
    html = web_client_for(liv["gemeente"]).get("/liv/aanmelden", {"zoek": "Demir"}).content.decode()
    choice = re.search(
        rf'<input type="radio" id="signaal-{signal.pk}" name="signal" value="{signal.pk}">\s*<label[^>]*>(.*?)</label>',
        html,
        re.S,
    )
    assert choice and "Yusuf Demir" in choice.group(1) and signal.reference in choice.group(1)
    assert "Vreemd gedrag in de opvang" in choice.group(1)


def test_request_without_client_is_refused_in_the_error_summary(liv: dict[str, Any], web_client_for: Any) -> None:
    signal = signal_for(liv["gemeente"])
    response = web_client_for(liv["gemeente"]).post("/liv/aanmelden", {"signal": str(signal.pk), "question": ""})
    html = response.content.decode()
    assert response.status_code == 400 and not LivTrajectory.objects.exists()
    summary = re.search(r'<div class="utrecht-alert utrecht-alert--error ks-error-summary".*?</div>', html, re.S)
    assert summary, "the standard error summary"
    text = summary.group(0)
    assert "Er is een probleem" in text
    # Each reason once, linked to its field.
    assert 'href="#id_client"' in text and 'href="#id_question"' in text
    assert text.count("Beschrijf de hulpvraag aan het LIV.") == 1


def test_next_phase_is_replaced_by_its_reason_while_blocked(liv: dict[str, Any], web_client_for: Any) -> None:
    t = _accepted(liv)
    web = web_client_for(liv["staff"])
    html = web.get(f"/liv/{t.pk}").content.decode()
    section = html[html.index('id="kop-verder"') :]
    assert "/volgende-fase" not in html  # no active button while the intake format is incomplete
    assert "Het traject kan nog niet naar de fase Duiding" in section
    assert html.count("Aanleiding en zorgen van de aanmelder") == 2  # the format field's label and the reason, once
    # A stale page sent anyway: the reason shows once, in the summary at the top.
    refused = web.post(f"/liv/{t.pk}/volgende-fase").content.decode()
    reason = re.search(r"Verplicht veld is leeg: Aanleiding en zorgen van de aanmelder[^<]*", refused)
    assert reason and refused.count(reason.group(0)) == 1
    for key in ("aanleiding", "beschikbare_informatie"):
        services.trajectory_phase_fill(actor=liv["staff"], trajectory=t, phase="intake", answers={key: "Ingevuld."})
    html = web.get(f"/liv/{t.pk}").content.decode()
    assert "/volgende-fase" in html and "Naar de fase Duiding" in html and "kan nog niet" not in html


def test_weighing_phase_has_no_next_phase_button(liv: dict[str, Any], web_client_for: Any) -> None:
    t = services.trajectory_request(actor=liv["staff"], client_code="coa", question="Telefonisch gemeld")
    html = web_client_for(liv["staff"]).get(f"/liv/{t.pk}").content.decode()
    assert "/volgende-fase" not in html and "Weging vastleggen" in html


def test_languages_show_by_name_in_the_ui_language(liv: dict[str, Any], web_client_for: Any) -> None:
    make_expert("Tesfay Gebremedhin", expertise=["language-interpreter"], languages=["ti", "nl", "en"])
    t = _accepted(liv, person_language="ti", interpreter_needed=True)
    web = web_client_for(liv["staff"])
    html = web.get(f"/liv/{t.pk}").content.decode()
    assert "Taal van de persoon: Tigrinya." in html
    assert "talen: Tigrinya, Nederlands, Engels" in html and "talen: ti" not in html
    assert re.search(r'<option value="ti" selected>Tigrinya</option>', _select(html, "person_language"))
    web.cookies["django_language"] = "en"  # English by the reader's choice
    english = web.get(f"/liv/{t.pk}").content.decode()
    assert "Tigrinya, Dutch, English" in english and "Taal van de persoon" not in english


def test_language_names_keep_an_unknown_code_as_given() -> None:
    with translation.override("nl"):
        assert language_name("ti") == "Tigrinya" and language_name("prs") == "Dari"
        assert language_names(["ti", "nl", "en"]) == "Tigrinya, Nederlands, Engels"
        assert language_name("xx") == "xx" and language_name("") == ""
    with translation.override("en"):
        assert language_names(["nl", "en"]) == "Dutch, English"
