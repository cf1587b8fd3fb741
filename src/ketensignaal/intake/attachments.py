"""Attachments: checked by content, stored outside the web root, served only to who may see the signal.

The type is decided by the bytes (magic numbers via ``filetype``; a DOCX is a
ZIP holding ``word/document.xml``), never by the name or the client's content
type. A file that *claims* to be one type (by extension or content type) but
is another is refused, as is anything not PDF, JPEG, PNG or DOCX. Files are
written under ``settings.ATTACHMENT_ROOT`` with a random name; the original
name is kept only as metadata.

Writing a file cannot be rolled back with the database transaction: the file
is written before its row, so a rolled-back upload can leave an orphan file
(never a row without a file). Orphans carry no link to any signal.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import filetype
from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.translation import gettext

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.intake.models import Attachment, AttachmentKind, name_for_kind

CONTENT_TYPES = {
    AttachmentKind.PDF: "application/pdf",
    AttachmentKind.JPEG: "image/jpeg",
    AttachmentKind.PNG: "image/png",
    AttachmentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_EXTENSIONS = {
    ".pdf": AttachmentKind.PDF,
    ".jpg": AttachmentKind.JPEG,
    ".jpeg": AttachmentKind.JPEG,
    ".png": AttachmentKind.PNG,
    ".docx": AttachmentKind.DOCX,
}
_CLAIMED_TYPES = {v: k for k, v in CONTENT_TYPES.items()}
_LABEL = {AttachmentKind.PDF: "PDF", AttachmentKind.JPEG: "JPEG", AttachmentKind.PNG: "PNG", AttachmentKind.DOCX: "DOCX"}


@dataclass(frozen=True)
class InspectedFile:
    upload: Any
    original_name: str
    kind: str
    size: int
    sha256: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[AttachmentKind(self.kind)]


def _sniff(fh: IO[bytes]) -> str | None:
    fh.seek(0)
    head = fh.read(8192)
    fh.seek(0)
    if head.startswith(b"%PDF-"):
        return AttachmentKind.PDF
    guess = filetype.guess(head)
    mime = guess.mime if guess else ""
    if mime == "image/jpeg":
        return AttachmentKind.JPEG
    if mime == "image/png":
        return AttachmentKind.PNG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(fh) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            fh.seek(0)
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return AttachmentKind.DOCX
    return None


def attachment_inspect(upload: Any, *, field: str = "file") -> InspectedFile:
    """Check size and real type of an uploaded file; raise ValidationFailed naming ``field``."""
    name = Path(getattr(upload, "name", "") or "bijlage").name[:255]
    size = int(getattr(upload, "size", 0) or 0)

    def fail(code: str, reason: str) -> ValidationFailed:
        return ValidationFailed(
            gettext("Bijlage '%(name)s' is geweigerd: %(reason)s") % {"name": name, "reason": reason},
            code="invalid_attachment",
            invalid_params=[{"name": field, "code": code, "reason": reason}],
        )

    if size == 0:
        raise fail("empty", "Het bestand is leeg.")
    if size > settings.MAX_ATTACHMENT_BYTES:
        raise fail("too_large", f"Het bestand is groter dan {settings.MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.")
    fh = upload.file if hasattr(upload, "file") else upload
    kind = _sniff(fh)
    claimed = _EXTENSIONS.get(Path(name).suffix.lower()) or _CLAIMED_TYPES.get(
        (getattr(upload, "content_type", "") or "").split(";")[0].strip()
    )
    if kind is None:
        if claimed is not None:
            raise fail("content_mismatch", f"Het bestand heet een {_LABEL[claimed]} te zijn, maar de inhoud is dat niet.")
        raise fail("unsupported_type", "Alleen PDF, JPEG, PNG en DOCX zijn toegestaan (gecontroleerd op inhoud).")
    if claimed is not None and claimed != kind:
        raise fail(
            "content_mismatch",
            f"Het bestand heet een {_LABEL[claimed]} te zijn, maar de inhoud is {_LABEL[AttachmentKind(kind)]}.",
        )
    digest = hashlib.sha256()
    fh.seek(0)
    for chunk in iter(lambda: fh.read(1024 * 1024), b""):
        digest.update(chunk)
    fh.seek(0)
    # The stored (and served) name carries the extension of what the content is, whatever the name claimed.
    stored_name = name_for_kind(name, kind)
    return InspectedFile(upload=upload, original_name=stored_name, kind=kind, size=size, sha256=digest.hexdigest())


def attachment_path(attachment: Attachment) -> Path:
    return Path(settings.ATTACHMENT_ROOT) / attachment.storage_name[:2] / attachment.storage_name


def attachment_write(*, inspected: InspectedFile, signal: Any, actor: Any) -> Attachment:
    """Write the file under a random name and return the (unsaved) row; the caller saves it in its transaction."""
    storage_name = secrets.token_hex(32)
    target = Path(settings.ATTACHMENT_ROOT) / storage_name[:2] / storage_name
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fh = inspected.upload.file if hasattr(inspected.upload, "file") else inspected.upload
    fh.seek(0)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            out.write(chunk)
    return Attachment(
        signal=signal,
        original_name=inspected.original_name,
        storage_name=storage_name,
        kind=inspected.kind,
        content_type=inspected.content_type,
        size=inspected.size,
        sha256=inspected.sha256,
        uploaded_by=actor,
    )


def attachment_file_response(attachment: Attachment) -> FileResponse:
    """The download of an attachment, the same on the web and the API: served as a download under the name its
    detected type gives it, never sniffed or cached; a file missing on disk is a 404 like an unseen one.

    The caller obtains ``attachment`` through ``routing.selectors.attachment_get``, which decides who may download
    (the user may see its signal) and logs the read."""
    path = attachment_path(attachment)
    if not path.exists():
        raise Http404
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=attachment.download_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
