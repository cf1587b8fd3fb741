"""Issue 16.7: strict input. Unknown fields are refused naming them (top level and nested) and nothing is stored;
the served attachment name follows the detected type; three list endpoints answer as their OpenAPI schema says."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ketensignaal.api.tests.openapi_check import response_errors
from ketensignaal.disclosures.models import Ambtsbericht
from ketensignaal.intake.models import Attachment, Signal
from ketensignaal.routing.config import acute_duty_unit_code
from ketensignaal.routing.models import SignalEvent
from ketensignaal.routing.tests.factories import body, submit

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _names(response: Any) -> list[str]:
    assert response.status_code == 400, response.content[:400]
    assert response["Content-Type"].startswith("application/problem+json")
    return [p["name"] for p in response.json()["invalid_params"]]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**body(), "foo": 1}, "foo"),
        (body(subject__bar="x"), "subject.bar"),
        (body(observation__where="kantine"), "observation.where"),
        (body(grading__confidence="high"), "grading.confidence"),
        (body(subject__names=[{"name": "Ali", "nickname": "A"}]), "subject.names.0.nickname"),
    ],
)
def test_unknown_fields_of_a_signal_are_refused_and_nothing_is_stored(
    payload: dict[str, Any], field: str, make_user: Any, api_client_for: Any
) -> None:
    api = api_client_for(make_user("coa.locatie.ter-apel", "reporter"))
    names = _names(api.post("/api/v1/signals", payload, format="json"))
    assert field in names
    assert Signal.objects.count() == 0


def test_unknown_fields_are_named_together_with_invalid_values(make_user: Any, api_client_for: Any) -> None:
    api = api_client_for(make_user("coa.locatie.ter-apel", "reporter"))
    names = _names(api.post("/api/v1/signals", {**body(touchpoint="kantine"), "foo": 1}, format="json"))
    assert {"foo", "touchpoint"} <= set(names)


def test_unknown_fields_of_a_step_are_refused(make_user: Any, api_client_for: Any) -> None:
    signal = submit(make_user("coa.locatie.ter-apel", "reporter"))
    handler = api_client_for(make_user("coa.bureau-veiligheid", "handler"))
    events = SignalEvent.objects.count()
    names = _names(handler.post(f"/api/v1/signals/{signal.pk}/notes", {"note": "x", "priority": "high"}, format="json"))
    assert names == ["priority"]
    assert SignalEvent.objects.count() == events


def test_unknown_fields_elsewhere_are_refused(make_user: Any, api_client_for: Any) -> None:
    hub = api_client_for(make_user("ind.tsz", "handler", "hub-analyst", "lro-member"))
    names = _names(hub.post("/api/v1/lro-meetings", {"date": "2099-01-05", "location": "Den Haag"}, format="json"))
    assert names == ["location"]
    report = {"service": "aivd", "date": "2026-11-01", "subject": "x", "content": "y", "classification": "geheim"}
    assert "classification" in _names(hub.post("/api/v1/ambtsberichten", report, format="json"))
    assert Ambtsbericht.objects.count() == 0


def test_a_pdf_named_exe_is_stored_and_served_as_pdf(make_user: Any, api_client_for: Any, settings: Any, tmp_path: Any) -> None:
    settings.ATTACHMENT_ROOT = tmp_path
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    signal = submit(reporter)
    api = api_client_for(reporter)
    upload = SimpleUploadedFile("x.exe", PDF, content_type="application/octet-stream")
    response = api.post(f"/api/v1/signals/{signal.pk}/attachments", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    assert response.json()["attachments"][0]["name"] == "x.pdf"
    attachment = Attachment.objects.get()
    assert attachment.original_name == "x.pdf" and attachment.content_type == "application/pdf"
    download = api.get(f"/api/v1/signals/{signal.pk}/attachments/{attachment.pk}")
    assert download.status_code == 200
    assert 'filename="x.pdf"' in download["Content-Disposition"]


def test_an_old_row_with_a_lying_name_is_served_under_the_detected_type(make_user: Any, api_client_for: Any) -> None:
    assert Attachment(original_name="rapport.exe", kind="pdf").download_name == "rapport.pdf"
    assert Attachment(original_name="foto.JPEG", kind="jpeg").download_name == "foto.JPEG"
    assert Attachment(original_name="scan", kind="png").download_name == "scan.png"


def _doc(client: Any) -> dict[str, Any]:
    return client.get("/api/v1/openapi.json").json()


def test_inbox_and_my_signals_answer_as_documented(make_user: Any, api_client_for: Any, client: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    submit(reporter, acute=True)
    submit(reporter)
    doc = _doc(client)
    mine = api_client_for(reporter).get("/api/v1/my-signals")
    assert mine.status_code == 200 and mine.json()["count"] == 2
    assert response_errors(doc, "/my-signals", "get", 200, mine.json()) == []
    inbox = api_client_for(make_user("coa.bureau-veiligheid", "handler")).get("/api/v1/inbox")
    assert inbox.status_code == 200 and inbox.json()["count"] == 1
    assert response_errors(doc, "/inbox", "get", 200, inbox.json()) == []
    # The acute signal went straight to the unit on duty for acute signals, which sees it in its own inbox.
    duty = api_client_for(make_user(acute_duty_unit_code(), "handler")).get("/api/v1/inbox")
    assert duty.status_code == 200 and duty.json()["count"] == 1
    assert response_errors(doc, "/inbox", "get", 200, duty.json()) == []


def test_ambtsberichten_answer_as_documented(make_user: Any, api_client_for: Any, client: Any) -> None:
    hub = api_client_for(make_user("ind.tsz", "handler", "hub-analyst"))
    report = {"service": "aivd", "date": "2026-11-01", "subject": "Onderwerp", "content": "Inhoud"}
    assert hub.post("/api/v1/ambtsberichten", report, format="json").status_code == 201
    listed = hub.get("/api/v1/ambtsberichten")
    assert listed.status_code == 200 and listed.json()["count"] == 1
    assert response_errors(_doc(client), "/ambtsberichten", "get", 200, listed.json()) == []


def test_the_schema_check_itself_notices_a_wrong_body(client: Any) -> None:
    assert response_errors(_doc(client), "/inbox", "get", 200, {"results": "nope"})


def test_every_serializer_has_its_own_component_in_the_document(capsys: Any) -> None:
    """Two views' nested ``OutputSerializer`` must not merge into one component (a client generated from it would lie)."""
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    SchemaGenerator().get_schema(request=None, public=True)
    GENERATOR_STATS.emit_summary()
    assert "identical names" not in capsys.readouterr().err
