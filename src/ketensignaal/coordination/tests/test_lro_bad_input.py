"""Issues 16.4 and 16.7 for the LRO: a malformed signal id in the body is 400 (not 500), and an empty date never
plans a meeting on a date the user did not choose — not over JSON, multipart or the web form."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.coordination.models import Meeting
from ketensignaal.coordination.tests.conftest import soon

pytestmark = pytest.mark.django_db


def _names(response: Any) -> list[str]:
    assert response.status_code == 400, response.content[:400]
    assert response["Content-Type"].startswith("application/problem+json")
    return [p["name"] for p in response.json()["invalid_params"]]


@pytest.mark.parametrize("value", ["x", "0", 12, None, ""])
def test_a_malformed_signal_id_in_the_body_is_400(value: Any, lro: dict[str, Any], api_client_for: Any) -> None:
    hub = api_client_for(lro["hub"])
    meeting = hub.post("/api/v1/lro-meetings", {"date": soon(7)}, format="json").json()
    assert "signal" in _names(hub.post(f"/api/v1/lro-meetings/{meeting['id']}/items", {"signal": value}, format="json"))


def test_a_malformed_item_id_of_a_decision_is_400(lro: dict[str, Any], api_client_for: Any) -> None:
    hub = api_client_for(lro["hub"])
    meeting = hub.post("/api/v1/lro-meetings", {"date": soon(7)}, format="json").json()
    decision = {"item": "x", "interpretation": "i", "decision": "monitoring", "owner": "ind.tsz", "due": soon(30)}
    assert "item" in _names(hub.post(f"/api/v1/lro-meetings/{meeting['id']}/decisions", decision, format="json"))


@pytest.mark.parametrize(
    ("payload", "fmt"),
    [({"date": ""}, "multipart"), ({"date": ""}, "json"), ({}, "json"), ({}, "multipart"), ({"date": None}, "json")],
)
def test_an_empty_date_is_refused_by_the_api(payload: dict[str, Any], fmt: str, lro: dict[str, Any], api_client_for: Any) -> None:
    hub = api_client_for(lro["hub"])
    assert _names(hub.post("/api/v1/lro-meetings", payload, format=fmt)) == ["date"]
    assert Meeting.objects.count() == 0


def test_an_empty_date_is_refused_by_the_form(lro: dict[str, Any], web_client_for: Any) -> None:
    response = web_client_for(lro["hub"]).post("/lro/", {"date": ""})
    assert response.status_code == 400
    assert Meeting.objects.count() == 0
