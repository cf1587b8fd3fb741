"""Closing through the API asks what the screen asks: an outcome from the list and a note saying why.

Issue 10 leftovers: the screen required a "Toelichting" while the API took an empty one, and an unknown outcome was
refused with a list of raw codes.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.intake.models import Signal
from ketensignaal.routing import services
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db

NOTE_REQUIRED = "Geef een toelichting: waarom sluit u het signaal af met deze uitkomst?"
DUTCH_CHOICES = (
    "Kies een van: Geen verdere actie, Overgedragen aan politie CTER, Overgedragen aan politie TIM, "
    "Overgedragen aan het LIV, Monitoren, Samengevoegd, Ongegrond, Gegrond."
)
ENGLISH_CHOICES = (
    "Choose one of: No further action, Handed over to police CTER, Handed over to police TIM, Handed over to the LIV, "
    "Monitor, Merged, Unfounded, Founded."
)


@pytest.fixture
def held(make_user: Any, api_client_for: Any) -> tuple[Signal, Any]:
    """A signal at COA Bureau Veiligheid, and an API client of a handler there."""
    signal = submit(make_user("coa.locatie.ter-apel", "reporter"))
    return signal, api_client_for(make_user("coa.bureau-veiligheid", "handler"))


def _close(api: Any, signal: Signal, body: dict[str, Any], **headers: str) -> Any:
    return api.post(f"/api/v1/signals/{signal.pk}/close", body, format="json", **headers)


@pytest.mark.parametrize(
    "body", [{"outcome": "unfounded"}, {"outcome": "unfounded", "note": ""}, {"outcome": "unfounded", "note": "  \n "}]
)
def test_a_close_without_a_note_is_a_400_naming_the_note(held: tuple[Signal, Any], body: dict[str, Any]) -> None:
    signal, api = held
    response = _close(api, signal, body)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    code = "required" if "note" not in body else "blank"
    assert response.json()["invalid_params"] == [{"name": "note", "code": code, "reason": NOTE_REQUIRED}]
    signal.refresh_from_db()
    assert signal.status != "closed" and signal.outcome == ""


def test_a_close_with_a_note_closes(held: tuple[Signal, Any]) -> None:
    signal, api = held
    response = _close(api, signal, {"outcome": "unfounded", "note": "Medebewoner trok de uitspraak in."})
    assert response.status_code == 200 and response.json()["status"] == "closed"


def test_the_service_refuses_an_empty_note_too(make_user: Any) -> None:
    """One rule, one place: the service refuses it whichever channel calls."""
    signal = submit(make_user("coa.locatie.ter-apel", "reporter"))
    with translation.override("nl"), pytest.raises(ValidationFailed) as refused:
        services.signal_close(
            actor=make_user("coa.bureau-veiligheid", "handler"), signal_id=signal.pk, outcome="unfounded", note=" ", channel="web"
        )
    assert refused.value.invalid_params == [{"name": "note", "code": "required", "reason": NOTE_REQUIRED}]


def test_an_unknown_outcome_lists_the_choices_by_label_in_the_readers_language(held: tuple[Signal, Any]) -> None:
    signal, api = held
    body = {"outcome": "gesloten", "note": "Klaar."}
    dutch = _close(api, signal, body).json()["invalid_params"]
    assert dutch == [{"name": "outcome", "code": "invalid_choice", "reason": DUTCH_CHOICES}]
    english = _close(api, signal, body, HTTP_ACCEPT_LANGUAGE="en").json()["invalid_params"]
    assert english == [{"name": "outcome", "code": "invalid_choice", "reason": ENGLISH_CHOICES}]
    assert "no-further-action" not in DUTCH_CHOICES + ENGLISH_CHOICES


def test_the_service_lists_the_outcomes_by_label_too(make_user: Any) -> None:
    signal = submit(make_user("coa.locatie.ter-apel", "reporter"))
    with translation.override("nl"), pytest.raises(ValidationFailed) as refused:
        services.signal_close(
            actor=make_user("coa.bureau-veiligheid", "handler"), signal_id=signal.pk, outcome="x", note="Klaar.", channel="web"
        )
    assert refused.value.invalid_params[0]["reason"] == DUTCH_CHOICES


def test_the_schema_documents_the_required_note_and_keeps_the_outcome_codes(held: tuple[Signal, Any]) -> None:
    _signal, api = held
    schema = api.get("/api/v1/openapi.json").json()
    operation = next(op["post"] for op in schema["paths"].values() if op.get("post", {}).get("operationId") == "signal_close")
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    component = schema["components"]["schemas"][ref]
    assert {"outcome", "note"} <= set(component["required"])
    note = component["properties"]["note"]
    assert note.get("minLength") == 1 and "Verplicht en niet leeg" in note["description"]
    # The codes stay machine-readable in the enum; the description pairs each with its label.
    outcome = component["properties"]["outcome"]
    enum = schema["components"]["schemas"][outcome["allOf"][0]["$ref"].split("/")[-1]]["enum"]
    assert "no-further-action" in enum and "established" in enum
    assert "`no-further-action` - Geen verdere actie" in outcome["description"]
