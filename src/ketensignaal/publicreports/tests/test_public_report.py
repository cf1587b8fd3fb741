"""The public channel: a report without an account reaches IND TSZ as a witness signal; refusals save nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.intake.models import Signal
from ketensignaal.publicreports.challenge import challenge_issue, challenge_solve
from ketensignaal.publicreports.models import (
    AttemptOutcome,
    FormLanguage,
    PublicAddition,
    PublicReport,
    SubmissionAttempt,
)
from ketensignaal.publicreports.services import receipt_digest, receipt_new, receipt_well_formed
from ketensignaal.routing.models import HopAction, SignalEvent

pytestmark = pytest.mark.django_db

EASY_BITS = 4


@pytest.fixture(autouse=True)
def _easy_challenge(settings: Any) -> None:
    settings.PUBLIC_REPORT_CHALLENGE_BITS = EASY_BITS


def _solved() -> dict[str, str]:
    token = challenge_issue().token
    return {"challenge": token, "nonce": challenge_solve(token)}


def _report(**overrides: Any) -> dict[str, Any]:
    body = {
        "reporter": "witness",
        "observation": "Hij liet op zijn telefoon filmpjes van een gewapende groep zien en zei dat hij mee wilde.",
        "person": "Omar, kamer 12",
        "place": "Opvang Budel",
        "observed_on": "2026-11-30",
        "topics": ["radicalisering"],
        "language": "nl",
        **_solved(),
    }
    body.update(overrides)
    return body


def test_a_report_without_account_lands_at_tsz_as_a_witness_signal_with_only_a_receipt(reference: None) -> None:
    before = ProcessingLogEntry.objects.count()
    response = Client().post("/api/v1/public-reports", _report(), content_type="application/json")
    assert response.status_code == 201, response.content
    assert set(response.json()) == {"receipt"}
    signal = Signal.objects.get()
    assert signal.current_unit.code == "ind.tsz"
    assert signal.reporting_unit.code == "extern.getuige"
    assert signal.observation_type == "witness"
    assert "Opvang Budel" in signal.observation_text
    hop = SignalEvent.objects.get(signal=signal, action=HopAction.REPORTED)
    assert (
        hop.legal_basis.startswith("extern-ind-meldingen")
        or signal.involvements.filter(legal_basis__startswith="extern-ind-meldingen").exists()
    )
    assert ProcessingLogEntry.objects.count() > before
    assert SubmissionAttempt.objects.get().outcome == AttemptOutcome.ACCEPTED
    report = PublicReport.objects.get()
    assert response.json()["receipt"] not in report.receipt_digest  # only a keyed hash is stored


def test_an_organisation_without_account_is_marked_as_such(reference: None) -> None:
    body = _report(reporter="organisation", organisation_name="Gemeente Budel-Cranendonck")
    assert Client().post("/api/v1/public-reports", body, content_type="application/json").status_code == 201
    signal = Signal.objects.get()
    assert signal.reporting_unit.code == "extern.organisatie"
    assert signal.observation_text.startswith("Gemeld namens: Gemeente Budel-Cranendonck")


def test_the_receipt_adds_information_and_says_nothing_but_received(reference: None) -> None:
    receipt = Client().post("/api/v1/public-reports", _report(), content_type="application/json").json()["receipt"]
    response = Client().post(
        f"/api/v1/public-reports/{receipt.lower()}/additions",
        {"text": "Hij is vandaag vertrokken met een grote tas.", **_solved()},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json() == {"status": "received"}
    signal = Signal.objects.get()
    note = SignalEvent.objects.get(signal=signal, action=HopAction.NOTE)
    assert "grote tas" in note.note
    assert note.to_unit.code == "ind.tsz"
    assert PublicAddition.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "status", "outcome"),
    [
        ({"nonce": ""}, 400, AttemptOutcome.CHALLENGE),
        ({"challenge": "forged:123", "nonce": "1"}, 400, AttemptOutcome.CHALLENGE),
        ({"topics": ["psychische-zorgen"]}, 400, None),
    ],
)
def test_bad_input_saves_nothing(reference: None, change: dict[str, Any], status: int, outcome: str | None) -> None:
    response = Client().post("/api/v1/public-reports", _report(**change), content_type="application/json")
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/problem+json")
    assert not Signal.objects.exists()
    assert not PublicReport.objects.exists()
    if outcome:
        assert SubmissionAttempt.objects.get().outcome == outcome


def test_a_solved_challenge_works_once(reference: None) -> None:
    body = _report()
    assert Client().post("/api/v1/public-reports", body, content_type="application/json").status_code == 201
    again = Client().post("/api/v1/public-reports", body, content_type="application/json")
    assert again.status_code == 400
    assert Signal.objects.count() == 1


def test_rate_limit_per_address(reference: None, settings: Any) -> None:
    settings.PUBLIC_REPORT_RATE_PER_HOUR = 2
    client = Client()
    codes = [client.post("/api/v1/public-reports", _report(), content_type="application/json").status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    assert Signal.objects.count() == 2
    assert SubmissionAttempt.objects.filter(outcome=AttemptOutcome.RATE).count() == 1


def test_rate_limit_per_receipt(reference: None, settings: Any) -> None:
    settings.PUBLIC_ADDITION_RATE_PER_DAY = 1
    receipt = Client().post("/api/v1/public-reports", _report(), content_type="application/json").json()["receipt"]
    url = f"/api/v1/public-reports/{receipt}/additions"
    first = Client(REMOTE_ADDR="10.0.0.2").post(url, {"text": "Eén", **_solved()}, content_type="application/json")
    second = Client(REMOTE_ADDR="10.0.0.3").post(url, {"text": "Twee", **_solved()}, content_type="application/json")
    assert (first.status_code, second.status_code) == (201, 429)
    assert PublicAddition.objects.count() == 1


def test_over_size_is_refused_and_saves_nothing(reference: None, settings: Any) -> None:
    settings.PUBLIC_REPORT_MAX_BYTES = 200
    response = Client().post("/api/v1/public-reports", _report(), content_type="application/json")
    assert response.status_code == 413
    assert not Signal.objects.exists()
    assert SubmissionAttempt.objects.get().outcome == AttemptOutcome.SIZE


def test_an_unknown_receipt_gets_the_answer_a_known_one_gets_and_saves_nothing(reference: None) -> None:
    receipt = Client().post("/api/v1/public-reports", _report(), content_type="application/json").json()["receipt"]
    unknown = receipt_new()
    assert receipt_well_formed(unknown) and unknown != receipt
    body = {"text": "Hij is vertrokken.", **_solved()}
    response = Client().post(f"/api/v1/public-reports/{unknown}/additions", body, content_type="application/json")
    known = Client().post(
        f"/api/v1/public-reports/{receipt}/additions",
        {"text": "Hij is vertrokken.", **_solved()},
        content_type="application/json",
    )
    assert (response.status_code, response.json()) == (known.status_code, known.json()) == (201, {"status": "received"})
    assert PublicAddition.objects.count() == 1  # only the known code added anything
    assert SubmissionAttempt.objects.filter(outcome=AttemptOutcome.RECEIPT, receipt_digest=receipt_digest(unknown)).count() == 1
    # The web form answers the same way.
    page = Client().post("/melden/aanvullen", {"receipt": receipt_new(), "text": "Nog iets.", "taal": "nl", **_solved()})
    assert page.status_code == 201
    assert PublicAddition.objects.count() == 1


def test_a_mistyped_receipt_is_caught_by_its_check_character_without_asking_what_exists(reference: None) -> None:
    receipt = Client().post("/api/v1/public-reports", _report(), content_type="application/json").json()["receipt"]
    typo = receipt[:-1] + ("0" if receipt[-1] != "0" else "1")
    swapped = receipt[1] + receipt[0] + receipt[2:]
    for wrong in {typo, swapped} - {receipt}:
        assert not receipt_well_formed(wrong)
        response = Client().post(
            f"/api/v1/public-reports/{wrong}/additions", {"text": "x", **_solved()}, content_type="application/json"
        )
        assert response.status_code == 400
        assert response.json()["code"] == "receipt_malformed"
        assert wrong not in response.json()["detail"]
    assert not PublicAddition.objects.exists()
    # The check is on the code alone: a code that belongs to no report and one that does are both well formed.
    assert receipt_well_formed(receipt) and receipt_well_formed(receipt.lower().replace("-", " "))
    page = Client().post("/melden/aanvullen", {"receipt": typo, "text": "Nog iets.", "taal": "en", **_solved()})
    assert page.status_code == 400
    assert "This receipt code was not copied correctly" in page.content.decode()


def test_a_single_wrong_character_anywhere_is_always_caught() -> None:
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    for _ in range(20):
        code = receipt_new().replace("-", "")
        for position in range(len(code)):
            for char in alphabet:
                if char != code[position] and {char, code[position]} != {"0", "Z"}:
                    assert not receipt_well_formed(code[:position] + char + code[position + 1 :])


def test_a_language_the_functional_admin_adds_is_offered_and_recorded(reference: None) -> None:
    FormLanguage.objects.create(
        code="uk", name="Українська", observation_label="Що ви бачили або чули?", submit_label="Надіслати"
    )
    FormLanguage.objects.create(code="ti", name="ትግርኛ", is_active=False)
    client = Client()
    dutch = client.get("/melden").content.decode()
    assert "Українська" in dutch and "ትግርኛ" not in dutch
    page = client.get("/melden?taal=uk").content.decode()
    assert "Що ви бачили або чули?" in page and "Надіслати" in page
    assert "Where was it?" in page  # what the admin left empty falls back to English
    body = {"reporter": "witness", "observation": "Відео зі зброєю.", "person": "Omar", "topics": ["radicalisering"]}
    accepted = client.post("/melden", {**body, "taal": "uk", **_solved()})
    assert accepted.status_code == 201
    assert Signal.objects.get().public_report.language == "uk"
    # An inactive language is not offered: the page falls back to a built-in one.
    assert "Що ви бачили" not in client.get("/melden?taal=ti").content.decode()


def test_web_form_in_english_and_refusal_without_the_challenge(reference: None) -> None:
    client = Client()
    page = client.get("/melden?taal=en")
    assert page.status_code == 200
    assert "What did you see or hear?" in page.content.decode()
    assert 'src="/static/publicreports/challenge.js"' in page.content.decode()
    body = {
        "reporter": "witness",
        "observation": "He showed videos of an armed group.",
        "person": "Omar",
        "topics": ["radicalisering"],
        "taal": "en",
        "challenge": "",
        "nonce": "",
    }
    refused = client.post("/melden", body)
    assert refused.status_code == 400
    assert "JavaScript" in refused.content.decode()
    assert not Signal.objects.exists()
    accepted = client.post("/melden", {**body, **_solved()})
    assert accepted.status_code == 201
    assert "Your report has been received" in accepted.content.decode()
    assert Signal.objects.get().public_report.language == "en"


def test_an_attachment_is_checked_by_its_content(reference: None) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("foto.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    body = {
        "reporter": "witness",
        "observation": "Zag iets.",
        "person": "Omar",
        "topics": ["terrorisme"],
        "taal": "nl",
        **_solved(),
    }
    refused = Client().post("/melden", {**body, "attachment": fake})
    assert refused.status_code == 400
    assert not Signal.objects.exists()


def test_the_date_is_asked_as_day_month_year_never_the_browser_pattern(reference: None) -> None:
    """Issue 10, point 8: a browser date picker showed mm/dd/yyyy on the Dutch form."""
    dutch = Client().get("/melden").content.decode()
    field = re.search(r'<input[^>]*name="observed_on"[^>]*>', dutch)
    assert field and 'type="text"' in field.group(0) and 'type="date"' not in dutch
    assert "Dag-maand-jaar, bijvoorbeeld 3-11-2026." in dutch
    assert "Day-month-year, for example 3-11-2026." in Client().get("/melden?taal=en").content.decode()
    body = {
        "reporter": "witness",
        "observation": "Zag filmpjes van een gewapende groep.",
        "person": "Omar",
        "topics": ["radicalisering"],
        "taal": "nl",
        "observed_on": "13-2-2026",
    }
    wrong = Client().post("/melden", {**body, "observed_on": "2/13/2026", **_solved()})
    assert wrong.status_code == 400 and "Vul de datum in als dag-maand-jaar" in wrong.content.decode()
    assert Client().post("/melden", {**body, **_solved()}).status_code == 201
    assert Signal.objects.get().observed_at.date().isoformat() == "2026-02-13"
