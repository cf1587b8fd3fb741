"""Naslag requests (Wiv 2017 art. 8(2)(f)): preconditions recorded, answers registered."""

from __future__ import annotations

import pytest

from ketensignaal.disclosures.models import NaslagRequest
from ketensignaal.disclosures.tests.factories import signal_at_hub
from ketensignaal.governance.models import LegalBasisFlow, ProcessingLogEntry

VALID = {
    "service": "aivd",
    "own_means_exhausted": True,
    "other_means_insufficient": True,
    "justification": "Dossier en open bronnen uitgeput.",
}


@pytest.fixture
def hub(make_user):
    return make_user("ind.tsz", "hub-analyst", "handler")


@pytest.fixture
def signal(make_user):
    return signal_at_hub(reporter=make_user("ind.aanmeldcentrum", "reporter"), categories=("terrorisme",))


def _counts() -> tuple[int, int]:
    return NaslagRequest.objects.count(), ProcessingLogEntry.objects.count()


def test_naslag_request_with_preconditions_is_recorded_and_answered(hub, signal, api_client_for) -> None:
    client = api_client_for(hub)
    created = client.post(f"/api/v1/signals/{signal.pk}/naslag-requests", VALID, format="json")
    assert created.status_code == 201, created.content
    naslag = created.json()
    assert naslag["legal_basis_flow"] == "ind-aivd-wiv@v1" and naslag["status"] == "requested"
    assert (
        ProcessingLogEntry.objects.filter(action="disclose", object_type="naslag-request", legal_basis="ind-aivd-wiv@v1").count()
        == 1
    )
    answer = client.post(f"/api/v1/naslag-requests/{naslag['id']}/answers", {"kind": "no-information"}, format="json")
    assert answer.status_code == 201
    listed = client.get(f"/api/v1/signals/{signal.pk}/naslag-requests").json()
    assert listed[0]["status"] == "answered" and listed[0]["answers"][0]["kind"] == "no-information"


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"justification": ""}, "justification"),
        ({"own_means_exhausted": False}, "own_means_exhausted"),
        ({"other_means_insufficient": False}, "other_means_insufficient"),
    ],
)
def test_missing_precondition_is_422_naming_it_and_nothing_changes(hub, signal, api_client_for, change, missing) -> None:
    before = _counts()
    response = api_client_for(hub).post(f"/api/v1/signals/{signal.pk}/naslag-requests", {**VALID, **change}, format="json")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "naslag_preconditions"
    assert [p["name"] for p in body["invalid_params"]] == [missing]
    assert _counts() == before


def test_no_legal_basis_flow_refuses_naslag(hub, signal, api_client_for) -> None:
    LegalBasisFlow.objects.filter(code="ind-mivd-wiv").update(status="no-legal-basis")
    before = _counts()
    response = api_client_for(hub).post(
        f"/api/v1/signals/{signal.pk}/naslag-requests", {**VALID, "service": "mivd"}, format="json"
    )
    assert response.status_code == 403
    assert "IND → MIVD" in response.json()["detail"] and "geen grondslag vastgesteld" in response.json()["detail"]
    assert _counts() == before


def test_other_answer_needs_text(hub, signal, api_client_for) -> None:
    client = api_client_for(hub)
    naslag = client.post(f"/api/v1/signals/{signal.pk}/naslag-requests", VALID, format="json").json()
    response = client.post(f"/api/v1/naslag-requests/{naslag['id']}/answers", {"kind": "other"}, format="json")
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "text"


CONTRACT_BODY = {"service": "aivd", "own_means_exhausted": True, "justification": "Dossier en open bronnen uitgeput."}


def test_published_contract_body_is_accepted(hub, signal, api_client_for) -> None:
    """API.md's body names only own_means_exhausted; a partner sending exactly that gets its request registered."""
    response = api_client_for(hub).post(f"/api/v1/signals/{signal.pk}/naslag-requests", CONTRACT_BODY, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["own_means_exhausted"] is True and body["other_means_insufficient"] is True
    assert NaslagRequest.objects.get(pk=body["id"]).other_means_insufficient is True


def test_explicitly_denied_other_means_is_refused_with_its_reason(hub, signal, api_client_for) -> None:
    before = _counts()
    response = api_client_for(hub).post(
        f"/api/v1/signals/{signal.pk}/naslag-requests", {**CONTRACT_BODY, "other_means_insufficient": False}, format="json"
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["invalid_params"] == [
        {
            "name": "other_means_insufficient",
            "code": "precondition",
            "reason": "Andere manieren om de gegevens te verkrijgen moeten ontbreken of ontoereikend zijn.",
        }
    ]
    assert "andere wegen ontbreken of ontoereikend zijn" in body["detail"]
    assert _counts() == before


def test_openapi_documents_other_means_insufficient(api_client_for, hub) -> None:
    schema = api_client_for(hub).get("/api/v1/openapi.json").json()
    operation = next(
        op["post"] for op in schema["paths"].values() if op.get("post", {}).get("operationId") == "signal_naslag_requests_create"
    )
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    field = schema["components"]["schemas"][ref]["properties"]["other_means_insufficient"]
    assert field["default"] is True and "expliciet false wordt geweigerd" in field["description"]
