"""The API skeleton answers like the Logius API Design Rules say: problem+json, API-Version, no slash redirects."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from ketensignaal.identity.models import ApiToken

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def _is_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith(PROBLEM)
    assert b"<html" not in response.content.lower()
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert response["API-Version"]
    return body


def test_openapi_document_is_served_without_authentication(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.") and doc["info"]["contact"]["email"]
    assert "/processing-log" in doc["paths"]
    assert all(not p.endswith("/") for p in doc["paths"])
    assert response["API-Version"] == doc["info"]["version"]


def test_api_version_header_on_html_pages_too(client: Client) -> None:
    assert client.get("/inloggen")["API-Version"]


def test_401_without_and_with_bad_token(client: Client) -> None:
    body = _is_problem(client.get("/api/v1/processing-log"), 401)
    assert "Bearer" in body["detail"]
    _is_problem(client.get("/api/v1/processing-log", HTTP_AUTHORIZATION="Bearer nope"), 401)
    _is_problem(client.get("/api/v1/processing-log", HTTP_AUTHORIZATION="Basic abc"), 401)


def test_401_with_expired_token(make_user, api_client_for) -> None:
    api = api_client_for(make_user("ind.tsz", "privacy-officer"))
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    body = _is_problem(api.get("/api/v1/processing-log?person=x"), 401)
    assert "verlopen" in body["detail"]


def test_403_for_a_user_without_the_role(make_user, api_client_for) -> None:
    api = api_client_for(make_user("ind.tsz", "handler"))
    _is_problem(api.get("/api/v1/processing-log?person=x"), 403)


def test_404_for_unknown_urls_and_no_slash_redirects(make_user, api_client_for, client: Client) -> None:
    _is_problem(client.get("/api/v1/bestaat-niet"), 404)
    _is_problem(client.get("/api/v1/processing-log/"), 404)  # no redirect to the slash-less form
    api = api_client_for(make_user("ind.tsz", "handler"))
    _is_problem(api.get("/api/v1/signals/"), 404)
    _is_problem(api.get("/api/nope"), 404)


def test_405_for_an_unsupported_method(make_user, api_client_for) -> None:
    api = api_client_for(make_user("ind.tsz", "privacy-officer"))
    _is_problem(api.delete("/api/v1/processing-log"), 405)


def test_400_for_malformed_json(make_user, api_client_for) -> None:
    api = api_client_for(make_user("coa.bureau-veiligheid", "reporter"))
    body = _is_problem(api.post("/api/v1/signals", data="{not json", content_type="application/json"), 400)
    assert body["invalid_params"]


def test_400_with_invalid_params_when_the_query_is_incomplete(make_user, api_client_for) -> None:
    api = api_client_for(make_user("ind.tsz", "privacy-officer"))
    body = _is_problem(api.get("/api/v1/processing-log"), 400)
    assert body["invalid_params"][0]["name"] == "person"


def test_413_for_an_oversize_body(make_user, api_client_for, settings) -> None:
    api = api_client_for(make_user("coa.bureau-veiligheid", "reporter"))
    big = "x" * (settings.MAX_API_BODY_BYTES + 10)
    _is_problem(api.post("/api/v1/signals", data=big, content_type="application/json"), 413)


def test_500_is_problem_json_never_html(settings) -> None:
    settings.ROOT_URLCONF = "ketensignaal.api.tests.urls_boom"
    client = Client(raise_request_exception=False)
    body = _is_problem(client.get("/api/v1/test-boom"), 500)
    assert "test crash" not in body["detail"]
