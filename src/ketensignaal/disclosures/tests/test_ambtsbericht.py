"""Ambtsberichten: stored without sources, visible only to TSZ hub analysts and IND privacy officers."""

from __future__ import annotations

import pytest

from ketensignaal.disclosures.models import Ambtsbericht
from ketensignaal.disclosures.tests.factories import signal_at_hub

REPORT = {
    "service": "aivd",
    "date": "2026-11-20",
    "subject": "Betrokkenheid bij jihadistisch netwerk",
    "content": "De dienst meldt...",
}


@pytest.fixture
def hub(make_user):
    return make_user("ind.tsz", "hub-analyst")


def test_hub_registers_ambtsbericht_linked_to_signal(hub, make_user, api_client_for) -> None:
    signal = signal_at_hub(reporter=make_user("coa.locatie.budel"), categories=("terrorisme",))
    response = api_client_for(hub).post("/api/v1/ambtsberichten", {**REPORT, "signal": str(signal.pk)}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["signal"] == str(signal.pk) and response.json()["own_initiative"] is True


@pytest.mark.parametrize("field", ["source", "bron", "Bronnen"])
def test_source_fields_are_refused(hub, api_client_for, field) -> None:
    response = api_client_for(hub).post("/api/v1/ambtsberichten", {**REPORT, field: "agent X"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "sources_not_stored"
    assert not Ambtsbericht.objects.exists()


def test_service_sends_on_own_initiative_but_cannot_read_it_back(make_user, api_client_for) -> None:
    aivd = make_user("aivd", "reporter")
    client = api_client_for(aivd)
    created = client.post("/api/v1/ambtsberichten", REPORT, format="json")
    assert created.status_code == 201
    assert client.get(f"/api/v1/ambtsberichten/{created.json()['id']}").status_code == 404
    assert client.post("/api/v1/ambtsberichten", {**REPORT, "service": "mivd"}, format="json").status_code == 403


@pytest.mark.parametrize(
    ("unit", "roles", "status"),
    [
        ("ind.tsz", ("hub-analyst",), 200),
        ("ind", ("privacy-officer",), 200),
        ("ind.tsz", ("handler",), 404),
        ("ind.handhaving", ("handler", "hub-analyst"), 404),
        ("ind.aanmeldcentrum", ("reporter",), 404),
        ("politie.cter", ("handler", "privacy-officer"), 404),
        ("aivd", ("reporter",), 404),
    ],
)
def test_only_hub_analysts_and_ind_privacy_officers_see_it(hub, make_user, api_client_for, unit, roles, status) -> None:
    report_id = api_client_for(hub).post("/api/v1/ambtsberichten", REPORT, format="json").json()["id"]
    client = api_client_for(make_user(unit, *roles))
    assert client.get(f"/api/v1/ambtsberichten/{report_id}").status_code == status
    listed = client.get("/api/v1/ambtsberichten")
    # Without need to know the list itself does not exist (404, as on the web), rather than being empty.
    assert listed.status_code == status
    if status == 200:
        assert [r["id"] for r in listed.json()["results"]] == [report_id]
    else:
        assert listed["Content-Type"].startswith("application/problem+json")
        assert report_id not in listed.content.decode()
