"""Inbound intelligence gets a recorded follow-up with an owner; briefings carry no personal data; reading counts."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.intelligence.models import BriefingReading, FollowUp, InboundMessage
from ketensignaal.training.models import TrainingCompletion

pytestmark = pytest.mark.django_db

MESSAGE = {
    "kind": "inlichtingenbericht",
    "service": "aivd",
    "dated": "2026-11-02",
    "subject": "Ronselen via besloten chatgroepen",
    "content": "Jongeren in opvanglocaties worden benaderd.",
}


@pytest.fixture
def hub(make_user: Any) -> Any:
    return make_user("ind.tsz", "hub-analyst")


def _message(api_client_for: Any, hub: Any) -> str:
    response = api_client_for(hub).post("/api/v1/inbound-messages", MESSAGE, format="json")
    assert response.status_code == 201, response.content
    return str(response.json()["id"])


def test_inbound_message_without_sources_and_a_follow_up_with_an_owner(hub: Any, make_user: Any, api_client_for: Any) -> None:
    client = api_client_for(hub)
    refused = client.post("/api/v1/inbound-messages", {**MESSAGE, "sources": "bron X"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["code"] == "sources_not_stored"
    pk = _message(api_client_for, hub)
    url = f"/api/v1/inbound-messages/{pk}/follow-up"
    no_owner = client.post(url, {"decision": "brief-staff", "owner": ""}, format="json")
    assert no_owner.status_code == 400
    assert not FollowUp.objects.exists()
    ok = client.post(url, {"decision": "brief-staff", "owner": "ind.tsz", "note": "Briefing aan COA."}, format="json")
    assert ok.status_code == 201
    again = client.post(url, {"decision": "brief-staff", "owner": "ind.tsz", "note": "Briefing aan COA."}, format="json")
    assert again.status_code == 201
    assert FollowUp.objects.count() == 1
    other = client.post(url, {"decision": "no-action", "owner": "ind.tsz"}, format="json")
    assert other.status_code == 409
    outsider = api_client_for(make_user("coa.bureau-veiligheid", "handler", "hub-analyst"))
    assert outsider.get("/api/v1/inbound-messages").status_code == 404
    assert outsider.post(url, {"decision": "no-action", "owner": "ind.tsz"}, format="json").status_code == 404


def test_inspection_request_by_a_cter_prosecutor_with_its_outcome(hub: Any, api_client_for: Any) -> None:
    pk = _message(api_client_for, hub)
    client = api_client_for(hub)
    created = client.post(
        f"/api/v1/inbound-messages/{pk}/inspection-requests",
        {"prosecutor": "Landelijk officier van justitie CTER", "requested_on": "2026-11-10"},
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["outcome"] == "pending"
    done = client.post(f"/api/v1/inspection-requests/{created.json()['id']}/outcome", {"outcome": "granted"}, format="json")
    assert done.status_code == 200
    assert done.json()["outcome"] == "granted"


def test_a_briefing_refuses_v_numbers_and_asks_about_dates(hub: Any, make_user: Any, api_client_for: Any) -> None:
    client = api_client_for(hub)
    base = {"title": "Online ronselen", "units": ["coa.locatie.ter-apel"]}
    v_number = client.post("/api/v1/briefings", {**base, "body": "Let op 1234567890 in Ter Apel."}, format="json")
    assert v_number.status_code == 400
    assert v_number.json()["invalid_params"][0]["code"] == "v_number"
    dated = {**base, "body": "Sinds 01-03-2026 zien we meer berichten."}
    unconfirmed = client.post("/api/v1/briefings", dated, format="json")
    assert unconfirmed.status_code == 400
    assert unconfirmed.json()["invalid_params"][0]["name"] == "dates_confirmed"
    created = client.post("/api/v1/briefings", {**dated, "dates_confirmed": True}, format="json")
    assert created.status_code == 201

    coa = make_user("coa.locatie.ter-apel", "reporter")
    pk = created.json()["id"]
    assert api_client_for(coa).post(f"/api/v1/briefings/{pk}/read").status_code == 200
    assert api_client_for(coa).post(f"/api/v1/briefings/{pk}/read").status_code == 200  # again: harmless
    assert BriefingReading.objects.count() == 1
    assert TrainingCompletion.objects.filter(user=coa, training__code="briefing-trends-indicatoren").count() == 1
    stranger = make_user("politie.cter", "handler")
    assert api_client_for(stranger).post(f"/api/v1/briefings/{pk}/read").status_code == 404
    assert InboundMessage.objects.count() == 0
