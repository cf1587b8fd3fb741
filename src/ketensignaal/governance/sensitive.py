"""Sensitive files and break-the-glass: opening a file marked sensitive asks for a reason first.

The governance context owns the rule and its records (:class:`SensitiveMark`, :class:`BreakGlassAccess`); the
contexts that own a kind of file (persons, case conferences) register it here with the function that says whether a
user may see it at all (a port, ADR 0004). Their pages call :func:`break_glass_gate` after their own need-to-know
check and before they read (and log) the file: an unseen file stays a 404, a sensitive one asks for a reason, and the
reason is written — with its processing-log entry — before the page is read. The reason lands in the review queue of
the privacy officer of the reader's organisation. A reason holds for :data:`REASON_VALID_FOR` for that user and file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core import form_tokens
from ketensignaal.core.errors import NotAllowed, ValidationFailed
from ketensignaal.core.need_to_know import visible
from ketensignaal.core.tracing import current_trace
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import BreakGlassAccess, SensitiveMark
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.governance.scopes import may_inspect_log

REASON_VALID_FOR = timedelta(hours=8)
REASON_MIN_LENGTH = 10


@dataclass(frozen=True)
class SensitiveKind:
    object_type: str
    activity: Activity
    check_visible: Callable[[Any, str], object]  # raises Http404 when the user may not see the file
    subject_kind: str


_kinds: dict[str, SensitiveKind] = {}


def sensitive_kind_register(
    object_type: str, *, activity: Activity, check_visible: Callable[[Any, str], object], subject_kind: str = ""
) -> None:
    _kinds[object_type] = SensitiveKind(object_type, activity, check_visible, subject_kind or object_type)


def sensitive_kind(object_type: str) -> SensitiveKind | None:
    return _kinds.get(object_type)


def is_sensitive(object_type: str, object_id: object) -> bool:
    return SensitiveMark.objects.filter(object_type=object_type, object_id=str(object_id)).exists()


def break_glass_needed(user: Any, object_type: str, object_id: object) -> bool:
    """Sensitive, and this user gave no reason for this file within :data:`REASON_VALID_FOR`."""
    if not is_sensitive(object_type, object_id):
        return False
    recent = timezone.now() - REASON_VALID_FOR
    return not BreakGlassAccess.objects.filter(
        object_type=object_type, object_id=str(object_id), user_id=user.pk, at__gte=recent
    ).exists()


@transaction.atomic
def break_glass_record(*, actor: Any, object_type: str, object_id: object, reason: str, channel: str = "web") -> BreakGlassAccess:
    """Record why ``actor`` opens a sensitive file (after the kind's own need-to-know check), and log it."""
    kind = _kinds.get(object_type)
    if kind is None:
        raise ValidationFailed(gettext("Onbekend soort dossier."), code="unknown_kind")
    kind.check_visible(actor, str(object_id))
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN_LENGTH:
        detail = "Geef aan waarom u dit gevoelige dossier opent (ten minste tien tekens); de privacyfunctionaris ziet de reden."
        raise ValidationFailed(detail, invalid_params=[{"name": "reason", "code": "required", "reason": detail}])
    access = BreakGlassAccess.objects.create(
        object_type=object_type,
        object_id=str(object_id),
        user=actor,
        organisation_code=actor.unit.organisation.code if actor.unit_id else "",
        reason=reason,
        trace_id=current_trace().trace_id,
    )
    processing_log_record(
        actor=actor,
        channel=channel,
        items=[
            LogItem(
                activity=kind.activity,
                action="create",
                object_type="break-glass",
                object_id=access.pk,
                subject=subject_ref(kind.subject_kind, object_id),
            )
        ],
    )
    return access


def break_glass_require(user: Any, object_type: str, object_id: object) -> None:
    """For the API: a sensitive file answers 403 ``break_glass_required`` until a reason is given
    (``POST /api/v1/break-glass``); call after the need-to-know check, so an unseen file stays a 404."""
    if break_glass_needed(user, object_type, object_id):
        raise NotAllowed(
            gettext("Dit dossier is als gevoelig gemarkeerd: geef eerst een reden van inzage (POST /api/v1/break-glass)."),
            code="break_glass_required",
        )


def break_glass_gate(request: HttpRequest, *, object_type: str, object_id: object, title: str = "") -> HttpResponse | None:
    """For a page of a sensitive file: None when it may be shown, else the reason form (nothing of the file on it)."""
    if not break_glass_needed(request.user, object_type, object_id):
        return None
    context = {
        "object_type": object_type,
        "object_id": str(object_id),
        "next": request.get_full_path(),
        "title": title,
        "form_token": form_tokens.form_token(),
    }
    return render(request, "governance/break_glass.html", context, status=403)


# --- The review queue (the privacy officer of the reader's organisation) ------------------------------------------


def break_glass_queue(*, user: Any, include_reviewed: bool = False) -> list[BreakGlassAccess]:
    if not may_inspect_log(user):
        raise NotAllowed(gettext("Alleen de privacyfunctionaris ziet de inzagecontrole."), code="privacy_officer_only")
    qs = visible(user, BreakGlassAccess.objects.all()).select_related("user__unit")
    if not include_reviewed:
        qs = qs.filter(reviewed_at__isnull=True)
    return list(qs.order_by("-at")[:200])


@transaction.atomic
def break_glass_review(*, actor: Any, access_id: int, note: str, channel: str = "web") -> BreakGlassAccess:
    """The privacy officer has looked at the reason; a note is optional, a second submit changes nothing."""
    if not may_inspect_log(actor):
        raise NotAllowed(gettext("Alleen de privacyfunctionaris beoordeelt inzagen."), code="privacy_officer_only")
    access = (
        visible(actor, BreakGlassAccess.objects.select_for_update()).filter(pk=access_id).first() if access_id < 2**63 else None
    )
    if access is None:
        raise ValidationFailed(gettext("Deze inzage bestaat niet."), code="not_found", status=404)
    if access.reviewed_at is not None:
        return access
    access.reviewed_by = actor
    access.reviewed_at = timezone.now()
    access.review_note = (note or "").strip()
    access.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    kind = _kinds.get(access.object_type)
    processing_log_record(
        actor=actor,
        channel=channel,
        items=[
            LogItem(
                activity=Activity.PRIVACY_OVERSIGHT,
                action="update",
                object_type="break-glass",
                object_id=access.pk,
                subject=subject_ref(kind.subject_kind if kind else access.object_type, access.object_id),
            )
        ],
    )
    return access
