"""Issue 16.4: no input makes the API answer 5xx. Malformed ids are 404 (400 in a body field), NUL in a query
parameter is 400, and JSON nested deeper than the limit is 400; each answer is problem+json and stores nothing."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.intake.models import Signal
from ketensignaal.routing.tests.factories import body, submit

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:400]
    assert response["Content-Type"].startswith(PROBLEM)
    return response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/signals/0",
        "/api/v1/signals/0/attachments/0",
        "/api/v1/signals/not-a-uuid/history",
        "/api/v1/signals/0/person-candidates",
        "/api/v1/persons/0",
    ],
)
def test_malformed_ids_in_the_path_are_404(url: str, make_user: Any, api_client_for: Any) -> None:
    api = api_client_for(make_user("ind.tsz", "handler", "hub-analyst"))
    _problem(api.get(url), 404)


def test_a_malformed_attachment_id_of_a_visible_signal_is_404(make_user: Any, api_client_for: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    signal = submit(reporter)
    _problem(api_client_for(reporter).get(f"/api/v1/signals/{signal.pk}/attachments/0"), 404)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/inbox?status=%00",
        "/api/v1/inbox?category=a%00b",
        "/api/v1/liv-trajectories?phase=%00",
        "/api/v1/tasks?status=%00",
        "/api/v1/processing-log?person=%00",
    ],
)
def test_nul_in_a_query_parameter_is_400(url: str, make_user: Any, api_client_for: Any) -> None:
    api = api_client_for(make_user("ind.tsz", "handler", "hub-analyst", "lro-member", "privacy-officer"))
    problem = _problem(api.get(url), 400)
    assert "stuurteken" in problem["detail"]


def test_nul_in_a_query_parameter_of_a_page_is_400(make_user: Any, web_client_for: Any) -> None:
    web = web_client_for(make_user("ind.tsz", "handler"))
    assert web.get("/inbox?status=%00").status_code == 400


@pytest.mark.parametrize("depth", [33, 1_000, 100_000])
def test_deeply_nested_json_is_400(depth: int, make_user: Any, api_client_for: Any) -> None:
    api = api_client_for(make_user("coa.locatie.ter-apel", "reporter"))
    deep = "[" * depth + "]" * depth
    payload = '{"subject": {"names": [{"name": "Ali"}]}, "extra": ' + deep + "}"
    for text in (deep, payload):
        problem = _problem(api.post("/api/v1/signals", text, content_type="application/json"), 400)
        assert "genest" in problem["invalid_params"][0]["reason"]
    assert Signal.objects.count() == 0


def test_json_within_the_depth_limit_is_accepted(make_user: Any, api_client_for: Any) -> None:
    api = api_client_for(make_user("coa.locatie.ter-apel", "reporter"))
    assert api.post("/api/v1/signals", body(), format="json").status_code == 201


def test_a_form_body_with_too_many_fields_is_400(make_user: Any, api_client_for: Any) -> None:
    """Django refuses more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields (SuspiciousOperation); that is the caller's error."""
    hub = api_client_for(make_user("ind.tsz", "handler", "hub-analyst", "lro-member"))
    fields = "&".join(f"f{i}=x" for i in range(1200))
    response = hub.post("/api/v1/lro-meetings", fields, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (400, 415), response.content[:300]
    many = {"date": "2099-01-05", **{f"f{i}": "x" for i in range(1200)}}
    _problem(hub.post("/api/v1/lro-meetings", many, format="multipart"), 400)
