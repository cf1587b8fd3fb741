"""The bad-input table of issue 3: each case is refused with problem+json naming the field, stores nothing,
and a valid retry succeeds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.intake.models import Attachment, Signal
from ketensignaal.routing.models import SignalEvent
from ketensignaal.routing.tests.factories import body, submit

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _post(payload: Any) -> Callable[[Any, Any], Any]:
    return lambda client, signal: client.post("/api/v1/signals", payload, format="json")


def _raw(text: str) -> Callable[[Any, Any], Any]:
    return lambda client, signal: client.post("/api/v1/signals", text, content_type="application/json")


def _upload(name: str, content: bytes, content_type: str) -> Callable[[Any, Any], Any]:
    return lambda client, signal: client.post(
        f"/api/v1/signals/{signal.pk}/attachments",
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
        format="multipart",
    )


def _forward(to_unit: str) -> Callable[[Any, Any], Any]:
    return lambda client, signal: client.holder.post(f"/api/v1/signals/{signal.pk}/forward", {"to_unit": to_unit}, format="json")


def _names(name: str) -> dict[str, Any]:
    return body(subject__names=[{"name": name}])


# (case, request, expected status, field named in invalid_params)
BAD_INPUT = [
    ("malformed-json", _raw('{"subject": {"names": [{"name": "Ali"}'), 400, "body"),
    ("text-over-10000-chars", _post(body(observation__text="x" * 10_001)), 400, "observation.text"),
    ("text-of-10-mb", _post(body(observation__text="x" * (10 * 1024 * 1024))), 413, None),
    ("unknown-category", _post(body(categories=["spionage"])), 400, "categories.0"),
    ("marker-alone", _post(body(categories=["psychische-zorgen"])), 400, "categories"),
    ("unknown-touchpoint", _post(body(touchpoint="kantine")), 400, "touchpoint"),
    ("unknown-unit-code", _forward("coa.kantine"), 400, "to_unit"),
    ("v-number-11-digits", _post(body(subject__v_number="12345678901")), 400, "subject.v_number"),
    ("date-of-birth-1994-13", _post(body(subject__date_of_birth="1994-13")), 400, "subject.date_of_birth"),
    ("date-of-birth-1994-02-30", _post(body(subject__date_of_birth="1994-02-30")), 400, "subject.date_of_birth"),
    ("unknown-nationality", _post(body(subject__nationality="XYZ")), 400, "subject.nationality"),
    ("name-with-rtl-override", _post(_names("Ali\u202eirdA")), 400, "subject.names.0.name"),
    ("name-with-rtl-mark", _post(_names("\u200fمحمد")), 400, "subject.names.0.name"),
    ("name-with-zero-width-space", _post(_names("Mo\u200bhammed")), 400, "subject.names.0.name"),
    ("name-with-bom", _post(_names("\ufeffAli")), 400, "subject.names.0.name"),
    ("name-with-nul", _post(_names("Ali\x00Hassan")), 400, "subject.names.0.name"),
    ("text-with-nul", _post(body(observation__text="zag\x00iets")), 400, "observation.text"),
    ("fake-pdf", _upload("verslag.pdf", b"Dit is gewoon tekst, geen PDF.", "application/pdf"), 400, "file"),
    ("png-named-pdf", _upload("foto.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "application/pdf"), 400, "file"),
    ("executable", _upload("tool.exe", b"MZ\x90\x00" + b"\x00" * 64, "application/octet-stream"), 400, "file"),
]

VALID_RETRY = {
    "malformed-json": _post(body()),
    "fake-pdf": _upload("verslag.pdf", PDF, "application/pdf"),
    "png-named-pdf": _upload("verslag.pdf", PDF, "application/pdf"),
    "executable": _upload("verslag.pdf", PDF, "application/pdf"),
    "unknown-unit-code": _forward("coa.adviseur-nv"),
}


@pytest.mark.parametrize(("case", "request_fn", "status", "field"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_refused_and_stores_nothing(
    case: str,
    request_fn: Callable[[Any, Any], Any],
    status: int,
    field: str | None,
    make_user: Any,
    api_client_for: Any,
    settings: Any,
    tmp_path: Any,
) -> None:
    settings.ATTACHMENT_ROOT = tmp_path
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    signal = submit(reporter)
    client = api_client_for(reporter)
    client.holder = api_client_for(make_user("coa.bureau-veiligheid", "handler"))  # who holds the signal
    before = (Signal.objects.count(), ProcessingLogEntry.objects.count(), SignalEvent.objects.count(), Attachment.objects.count())
    version = Signal.objects.get(pk=signal.pk).version
    files = set(tmp_path.rglob("*"))

    response = request_fn(client, signal)

    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == status and problem["detail"]
    if field is not None:
        assert field in [p["name"] for p in problem["invalid_params"]], problem
        assert all(p["reason"] for p in problem["invalid_params"])
    after = (Signal.objects.count(), ProcessingLogEntry.objects.count(), SignalEvent.objects.count(), Attachment.objects.count())
    assert after == before
    assert Signal.objects.get(pk=signal.pk).version == version
    assert set(tmp_path.rglob("*")) == files  # no file left behind on disk either

    retry = VALID_RETRY.get(case, _post(body()))(client, signal)
    assert retry.status_code in (200, 201), retry.content[:500]
