"""Registering, listing, reading and triaging cases through the API (API.md "Local case conferences")."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.conferences.models import ConferenceCase, Phase, PhaseChange
from ketensignaal.governance.models import ProcessingLogEntry

from .conftest import SUBJECT

pytestmark = pytest.mark.django_db


def test_municipality_registers_a_case_in_triage(people: dict[str, Any], api_client_for: Any) -> None:
    api = api_client_for(people["utrecht"])
    response = api.post(
        "/api/v1/conference-cases",
        {"municipality": "gemeente.utrecht", "subject": SUBJECT, "reason": "Zorgen over werving."},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"].startswith("CO-") and body["phase"] == "triage"
    assert body["subject"]["names"] == [{"name": "Samir El Idrissi", "script": ""}]
    case = ConferenceCase.objects.get(pk=body["id"])
    assert PhaseChange.objects.filter(case=case, to_phase=Phase.TRIAGE).count() == 1
    assert ProcessingLogEntry.objects.filter(activity="casusoverleg", action="create", object_id=str(case.pk)).exists()


def test_list_and_detail_show_only_visible_cases_and_log_reads(
    people: dict[str, Any], api_client_for: Any, case_for: Any
) -> None:
    mine = case_for()
    case_for(actor=people["amsterdam"])
    listing = api_client_for(people["utrecht"]).get("/api/v1/conference-cases").json()
    assert [row["id"] for row in listing["results"]] == [str(mine.pk)]
    assert ProcessingLogEntry.objects.filter(action="read", object_id=str(mine.pk)).exists()
    assert api_client_for(people["utrecht"]).get(f"/api/v1/conference-cases/{mine.pk}").status_code == 200
    for outsider in ("amsterdam", "police", "om", "utrecht_reporter"):
        assert api_client_for(people[outsider]).get(f"/api/v1/conference-cases/{mine.pk}").status_code == 404


def test_triage_admits_with_reason_and_records_history(people: dict[str, Any], api_client_for: Any, case_for: Any) -> None:
    case = case_for()
    api = api_client_for(people["utrecht"])
    missing = api.post(f"/api/v1/conference-cases/{case.pk}/triage", {"admitted": True, "reason": " "}, format="json")
    assert missing.status_code == 400
    assert missing.json()["invalid_params"][0]["name"] == "reason"
    assert ConferenceCase.objects.get(pk=case.pk).phase == Phase.TRIAGE
    ok = api.post(f"/api/v1/conference-cases/{case.pk}/triage", {"admitted": True, "reason": "Weegploeg: ja."}, format="json")
    assert ok.status_code == 200
    assert ok.json()["phase"] == "conference"
    assert ok.json()["triage"]["reason"] == "Weegploeg: ja."
    assert [h["to_phase"] for h in ok.json()["history"]] == ["triage", "conference"]
    again = api.post(f"/api/v1/conference-cases/{case.pk}/triage", {"admitted": False, "reason": "x"}, format="json")
    assert again.status_code == 409


def test_not_admitted_is_an_ordinary_outcome(people: dict[str, Any], api_client_for: Any, case_for: Any) -> None:
    case = case_for()
    response = api_client_for(people["utrecht"]).post(
        f"/api/v1/conference-cases/{case.pk}/triage",
        {"admitted": False, "reason": "Geen radicalisering; zorgtraject via het wijkteam."},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["phase"] == "not-admitted"
    assert response.json()["triage"] == {
        "admitted": False,
        "reason": "Geen radicalisering; zorgtraject via het wijkteam.",
        "body": "Gemeente Utrecht",
        "at": response.json()["triage"]["at"],
    }


def test_bad_subject_and_unknown_fields_are_refused_with_every_field(people: dict[str, Any], api_client_for: Any) -> None:
    api = api_client_for(people["utrecht"])
    response = api.post(
        "/api/v1/conference-cases",
        {"municipality": "gemeente.utrecht", "subject": {"names": [], "v_number": "12"}, "reason": "x", "score": 3},
        format="json",
    )
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalid_params"]} == {"score"}
    response = api.post(
        "/api/v1/conference-cases",
        {"municipality": "gemeente.nergens", "subject": {"names": [], "v_number": "12"}, "reason": ""},
        format="json",
    )
    names = {p["name"] for p in response.json()["invalid_params"]}
    assert {"municipality", "reason", "subject.names", "subject.v_number"} <= names
    assert not ConferenceCase.objects.exists()


def test_partner_reports_over_a_flow_and_then_sees_nothing(people: dict[str, Any], api_client_for: Any) -> None:
    police = api_client_for(people["police"])
    response = police.post(
        "/api/v1/conference-cases",
        {"municipality": "gemeente.utrecht", "subject": SUBJECT, "reason": "Politie ziet contacten met wervers."},
        format="json",
    )
    assert response.status_code == 201
    assert set(response.json()) == {"id", "reference", "phase", "municipality"}
    entry = ProcessingLogEntry.objects.get(action="disclose", object_id=response.json()["id"])
    assert entry.legal_basis.startswith("casusoverleg-politie-gemeente-utrecht@v")
    assert police.get(f"/api/v1/conference-cases/{response.json()['id']}").status_code == 404
    assert api_client_for(people["utrecht"]).get(f"/api/v1/conference-cases/{response.json()['id']}").status_code == 200


def test_partner_without_a_flow_to_the_municipality_is_refused(people: dict[str, Any], api_client_for: Any) -> None:
    response = api_client_for(people["kmar"]).post(
        "/api/v1/conference-cases",
        {"municipality": "gemeente.utrecht", "subject": SUBJECT, "reason": "x"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "no_legal_basis"
    assert not ConferenceCase.objects.exists()


def test_a_signal_the_municipality_cannot_see_is_not_linked(people: dict[str, Any], api_client_for: Any) -> None:
    import uuid

    response = api_client_for(people["utrecht"]).post(
        "/api/v1/conference-cases",
        {"municipality": "gemeente.utrecht", "subject": SUBJECT, "reason": "x", "signals": [str(uuid.uuid4())]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "signals.0"


def test_the_list_is_paged_newest_first(people: dict[str, Any], api_client_for: Any, case_for: Any) -> None:
    made = [case_for() for _ in range(3)]
    api = api_client_for(people["utrecht"])
    first = api.get("/api/v1/conference-cases?pageSize=2").json()
    assert first["count"] == 3 and first["previous"] is None and "page=2" in first["next"]
    assert [r["id"] for r in first["results"]] == [str(made[2].pk), str(made[1].pk)]
    second = api.get(first["next"]).json()
    assert [r["id"] for r in second["results"]] == [str(made[0].pk)] and second["next"] is None
