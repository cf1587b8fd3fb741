"""Recording a screening per person and step (API and service): whole or not at all, gaps derived, logged."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.screening.models import Screening, ScreeningAnswer, SisAlert
from ketensignaal.screening.tests.factories import ID_REGISTRATION_BODY, visible_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def avim(make_user: Any) -> Any:
    return make_user("politie.avim", "reporter", "handler")


def _post(client: Any, person: Any, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/persons/{person.pk}/screenings", body, format="json")


def test_checklist_for_a_step_lists_its_items(avim: Any, api_client_for: Any) -> None:
    response = api_client_for(avim).get("/api/v1/screening-checklists?procedure=asylum&step=id-registratie")
    assert response.status_code == 200
    [checklist] = response.json()["results"]
    assert checklist["version"] == 1 and checklist["step"] == "id-registratie"
    assert "biometrie-systemen" in [i["code"] for i in checklist["items"]]
    assert "Eurodac" in checklist["items"][0]["label"]
    family = api_client_for(avim).get("/api/v1/screening-checklists?procedure=family-reunification").json()
    assert {c["step"] for c in family["results"]} == {"nareis-aanvraag", "nareis-visum", "nareis-verblijfsdocument"}


def test_checklist_labels_follow_accept_language_with_the_english_beside_them(avim: Any, api_client_for: Any) -> None:
    """Issue 10: the label was Dutch whatever the client asked; it follows Accept-Language like the other endpoints."""
    url = "/api/v1/screening-checklists?procedure=asylum&step=id-registratie"
    dutch = api_client_for(avim).get(url).json()["results"][0]["items"][0]
    english = api_client_for(avim).get(url, HTTP_ACCEPT_LANGUAGE="en").json()["results"][0]["items"][0]
    assert dutch["label_en"] and dutch["label"] != dutch["label_en"]
    assert english["label"] == english["label_en"] == dutch["label_en"]
    assert english["code"] == dutch["code"]


def test_an_id_registration_screening_records_answers_sis_alert_and_gaps(avim: Any, api_client_for: Any) -> None:
    person = visible_person(avim)
    response = _post(api_client_for(avim), person, ID_REGISTRATION_BODY)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["step"] == "id-registratie" and data["checklist_version"] == 1 and data["unit"] == "politie.avim"
    assert data["sis_alert"]["thin"] is True  # says little and the question to Germany brought nothing back
    assert data["gaps"] == sorted(["quick-scan-only", "thin-sis-alert", "undocumented"])
    screening = Screening.objects.get(pk=data["id"])
    assert ScreeningAnswer.objects.filter(screening=screening).count() == 6
    entry = ProcessingLogEntry.objects.get(activity="screening", object_id=str(screening.pk), action="create")
    assert entry.legal_basis.startswith("Vw 2000")


def test_a_screener_may_mark_a_long_alert_thin_or_a_short_one_not(avim: Any, api_client_for: Any) -> None:
    person = visible_person(avim)
    body = copy.deepcopy(ID_REGISTRATION_BODY)
    body["sis_alert"]["thin"] = False
    assert _post(api_client_for(avim), person, body).json()["sis_alert"]["thin"] is False


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"answers.gehoor": {"status": "not-done"}}, "answers.gehoor.reason"),
        ({"answers.gehoor": {"status": "not-done", "reason": "  "}}, "answers.gehoor.reason"),
        ({"answers.dna": {"status": "done"}}, "answers.dna"),
        ({"answers.documenten": None}, "answers.documenten"),
        ({"step": "nareis-visum"}, "step"),
        ({"sis_alert.issuing_state": "Duitsland"}, "sis_alert.issuing_state"),
        ({"sis_alert.purpose": "arrest"}, "sis_alert.purpose"),
        ({"hearing_mode": "video"}, "hearing_mode"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(avim: Any, api_client_for: Any, change: dict[str, Any], field: str) -> None:
    person = visible_person(avim)
    body = copy.deepcopy(ID_REGISTRATION_BODY)
    for path, value in change.items():
        *parents, last = path.split(".")
        target = body
        for key in parents:
            target = target[key]
        if value is None:
            target.pop(last)
        else:
            target[last] = value
    response = _post(api_client_for(avim), person, body)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert field in [p["name"] for p in response.json()["invalid_params"]]
    assert not Screening.objects.exists() and not SisAlert.objects.exists() and not ScreeningAnswer.objects.exists()
    assert not ProcessingLogEntry.objects.filter(activity="screening").exists()


def test_an_unseen_person_is_404_and_a_non_screener_is_403(avim: Any, make_user: Any, api_client_for: Any) -> None:
    person = visible_person(avim)
    other = make_user("kmar.ir", "reporter")
    assert _post(api_client_for(other), person, ID_REGISTRATION_BODY).status_code == 404
    coa = make_user("coa.bureau-veiligheid", "handler")
    assert _post(api_client_for(coa), person, ID_REGISTRATION_BODY).status_code == 404
    privacy = make_user("politie.avim", "privacy-officer")
    response = _post(api_client_for(privacy), person, ID_REGISTRATION_BODY)
    assert response.status_code == 403 and response.json()["code"] == "not_a_screener"
    assert not Screening.objects.exists()


def test_screenings_of_a_person_are_seen_by_the_unit_and_logged_as_reads(avim: Any, make_user: Any, api_client_for: Any) -> None:
    person = visible_person(avim)
    screening_id = _post(api_client_for(avim), person, ID_REGISTRATION_BODY).json()["id"]
    listed = api_client_for(avim).get(f"/api/v1/persons/{person.pk}/screenings").json()
    assert [s["id"] for s in listed["results"]] == [screening_id]
    assert ProcessingLogEntry.objects.filter(activity="screening", action="read", object_id=screening_id).exists()
    colleague_elsewhere = make_user("politie.drio", "handler")
    assert api_client_for(colleague_elsewhere).get(f"/api/v1/persons/{person.pk}/screenings").status_code == 404
