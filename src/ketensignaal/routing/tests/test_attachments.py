"""Attachments: content-checked, stored outside the web root with a random name, served only with need to know."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.intake.models import Attachment
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.txt", "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "status"),
    [
        ("foto.png", PNG, 201),
        ("foto.jpg", JPEG, 201),
        ("verslag.docx", _docx(), 201),
        ("zonder-extensie", b"%PDF-1.7\n%%EOF", 201),
        ("archief.docx", _zip_without_word(), 400),
        ("foto.png", JPEG, 400),
        ("leeg.pdf", b"", 400),
    ],
)
def test_type_is_decided_by_content(
    name: str, content: bytes, status: int, make_user: Any, api_client_for: Any, settings: Any, tmp_path: Any
) -> None:
    settings.ATTACHMENT_ROOT = tmp_path
    reporter = make_user("coa.locatie.ter-apel")
    signal = submit(reporter)
    response = api_client_for(reporter).post(
        f"/api/v1/signals/{signal.pk}/attachments", {"file": SimpleUploadedFile(name, content)}, format="multipart"
    )
    assert response.status_code == status, response.content


def test_download_only_with_need_to_know_and_logged(make_user: Any, api_client_for: Any, settings: Any, tmp_path: Any) -> None:
    settings.ATTACHMENT_ROOT = tmp_path
    reporter = make_user("coa.locatie.ter-apel")
    signal = submit(reporter)
    client = api_client_for(reporter)
    uploaded = client.post(
        f"/api/v1/signals/{signal.pk}/attachments",
        {"file": SimpleUploadedFile("verslag.pdf", b"%PDF-1.4\ninhoud\n%%EOF")},
        format="multipart",
    )
    assert uploaded.status_code == 201
    attachment = Attachment.objects.get()
    stored = list(tmp_path.rglob("*"))
    assert any(p.is_file() and p.name == attachment.storage_name for p in stored)
    assert "verslag" not in attachment.storage_name and not any("verslag" in p.name for p in stored)
    reads = ProcessingLogEntry.objects.filter(action="read", object_type="attachment").count()

    handler = api_client_for(make_user("coa.bureau-veiligheid", "handler"))
    download = handler.get(f"/api/v1/signals/{signal.pk}/attachments/{attachment.pk}")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4\ninhoud\n%%EOF"
    assert download["Content-Type"] == "application/pdf" and "attachment" in download["Content-Disposition"]
    assert ProcessingLogEntry.objects.filter(action="read", object_type="attachment").count() == reads + 1

    outsider = api_client_for(make_user("politie.tim", "handler"))
    assert outsider.get(f"/api/v1/signals/{signal.pk}/attachments/{attachment.pk}").status_code == 404
    other = submit(reporter)
    assert handler.get(f"/api/v1/signals/{other.pk}/attachments/{attachment.pk}").status_code == 404  # wrong signal
