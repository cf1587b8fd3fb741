"""Writes of a data-subject request: register, extend, match to a person, decide per item, answer.

Every step is one transaction with its processing-log entry (activity ``rechten-betrokkenen``) and a history line.
Nothing is decided by the system: the person record is chosen by the handler from the matcher's candidates, and each
item stays "to decide" until the handler discloses it or withholds it on a restriction ground.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from ketensignaal.core.errors import Conflict, NotAllowed, Unprocessable, ValidationFailed
from ketensignaal.core.need_to_know import get_visible_or_404
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.intake.validation import parse_subject_input
from ketensignaal.persons.models import Person
from ketensignaal.privacy.collect import person_everything
from ketensignaal.privacy.models import (
    Decision,
    RequestCounter,
    RequestEvent,
    RequestItem,
    RequestKind,
    RequestStatus,
    RestrictionGround,
    SubjectRequest,
)
from ketensignaal.privacy.scopes import may_handle_subject_requests

ACTIVITY = Activity.SUBJECT_RIGHTS
LEGAL_BASIS = "AVG art. 12-22; UAVG art. 41"
MAX_EXTENSION_MONTHS = 2
MAX_ID = 2**63 - 1  # the largest id a bigint column holds; any larger number is no item


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has fewer days (31 Jan + 1 → 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _require_handler(actor: Any) -> None:
    if not may_handle_subject_requests(actor):
        raise NotAllowed(
            "Alleen de privacyfunctionaris van het contactpunt behandelt verzoeken van betrokkenen.", code="contact_point_only"
        )


def _invalid(name: str, reason: str, *, code: str = "invalid") -> ValidationFailed:
    return ValidationFailed(reason, invalid_params=[{"name": name, "code": code, "reason": reason}])


def _request_subject(request: SubjectRequest) -> str:
    return subject_ref("person", request.person_id) if request.person_id else subject_ref("subject-request", request.pk)


def _log(
    actor: Any,
    request: SubjectRequest,
    action: str,
    object_type: str = "subject-request",
    object_id: object = None,
    channel: str = "web",
) -> None:
    processing_log_record(
        actor=actor,
        channel=channel,
        items=[
            LogItem(
                activity=ACTIVITY,
                action=action,
                object_type=object_type,
                object_id=object_id if object_id is not None else request.pk,
                subject=_request_subject(request),
                legal_basis=LEGAL_BASIS,
            )
        ],
    )


def _event(request: SubjectRequest, actor: Any, kind: str, text: str = "") -> None:
    RequestEvent.objects.create(request=request, kind=kind, text=text, actor=actor)


def _locked(actor: Any, request_id: object) -> SubjectRequest:
    _require_handler(actor)
    request = get_visible_or_404(actor, SubjectRequest.objects.all(), pk=request_id)
    return SubjectRequest.objects.select_for_update().get(pk=request.pk)


def _next_reference(year: int) -> str:
    counter, _ = RequestCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"AVG-{year}-{counter.last:05d}"


@transaction.atomic
def subject_request_register(
    *, actor: Any, kind: str, subject: Any, received_at: datetime | None = None, request_text: str = "", channel: str = "web"
) -> tuple[SubjectRequest, bool]:
    """Register a request at the contact point; the deadline is one month after receipt. Returns (request, created):
    the same request submitted twice (same kind, subject and moment of receipt) is registered once."""
    _require_handler(actor)
    if kind not in RequestKind.values:
        raise _invalid("kind", "Kies inzage, rectificatie, wissing, beperking of bezwaar.", code="invalid_choice")
    if not subject:
        raise _invalid("subject", "Een verzoek gaat over iemand: vul de betrokkene in (ten minste een naam).", code="required")
    parsed = parse_subject_input(subject)
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise _invalid("received_at", "De datum van ontvangst ligt in de toekomst.")
    names = [{"name": n.name, "script": n.script} for n in parsed.names]
    existing = SubjectRequest.objects.filter(
        kind=kind, subject_names=names, subject_v_number=parsed.v_number, received_at=received_at
    ).first()
    if existing is not None:
        return existing, False
    request = SubjectRequest.objects.create(
        reference=_next_reference(timezone.localdate().year),
        kind=kind,
        subject_names=names,
        subject_v_number=parsed.v_number,
        subject_date_of_birth=parsed.date_of_birth,
        subject_nationality=parsed.nationality,
        request_text=(request_text or "").strip(),
        received_at=received_at,
        deadline=add_months(timezone.localtime(received_at).date(), 1),
        registered_by=actor,
        registered_unit=actor.unit,
    )
    _event(request, actor, "registered")
    _log(actor, request, "create", channel=channel)
    return request, True


@transaction.atomic
def subject_request_extend(*, actor: Any, request_id: object, months: int, reason: str, channel: str = "web") -> SubjectRequest:
    """Extend the deadline once, by one or two months, with the reason the requester will be told (AVG art. 12(3))."""
    request = _locked(actor, request_id)
    if request.status == RequestStatus.ANSWERED:
        raise Conflict("Dit verzoek is al beantwoord.", code="already_answered")
    if request.extended_until is not None:
        raise Conflict("De termijn is al verlengd; dat kan één keer, met ten hoogste twee maanden.", code="already_extended")
    if months not in range(1, MAX_EXTENSION_MONTHS + 1):
        raise _invalid("months", "Verlengen kan met één of twee maanden.")
    if not (reason or "").strip():
        raise _invalid("reason", "Geef de reden van de verlenging; de verzoeker krijgt die te horen.", code="required")
    request.extended_until = add_months(request.deadline, months)
    request.extension_reason = reason.strip()
    request.save(update_fields=["extended_until", "extension_reason"])
    _event(request, actor, "extended", request.extension_reason)
    _log(actor, request, "update", channel=channel)
    return request


@transaction.atomic
def subject_request_match(
    *, actor: Any, request_id: object, person_id: object, reason: str, channel: str = "web"
) -> SubjectRequest:
    """The handler chose this person record (from the matcher's candidates): collect what is held about them."""
    request = _locked(actor, request_id)
    if request.status == RequestStatus.ANSWERED:
        raise Conflict("Dit verzoek is al beantwoord.", code="already_answered")
    person = Person.objects.filter(pk=str(person_id), merged_into__isnull=True).first() if person_id else None
    if person is None:
        raise _invalid("person", "Kies een van de gevonden personen.", code="required")
    if request.person_id == person.pk:
        return request  # the same choice submitted again
    if request.person_id is not None and request.items.exclude(decision=Decision.PENDING).exists():
        raise Conflict("Er zijn al beslissingen genomen over de gegevens van de gekozen persoon.", code="already_decided")
    if not (reason or "").strip():
        raise _invalid("reason", "Leg vast waarom dit dezelfde persoon is.", code="required")
    request.items.all().delete()
    request.person = person
    request.status = RequestStatus.MATCHED
    request.match_reason = reason.strip()
    request.matched_by = actor
    request.matched_at = timezone.now()
    request.save(update_fields=["person", "status", "match_reason", "matched_by", "matched_at"])
    found = person_everything(person.pk)
    RequestItem.objects.bulk_create(
        RequestItem(
            request=request,
            object_type=f.object_type,
            object_id=f.object_id,
            holder=f.holder,
            label=f.label,
            content=f.content,
            position=index,
        )
        for index, f in enumerate(found)
    )
    _event(request, actor, "matched", request.match_reason)
    subject = subject_ref("person", person.pk)
    items = [
        LogItem(
            activity=ACTIVITY,
            action="update",
            object_type="subject-request",
            object_id=request.pk,
            subject=subject,
            legal_basis=LEGAL_BASIS,
        )
    ]
    items += [
        LogItem(
            activity=ACTIVITY,
            action="read",
            object_type=f.object_type,
            object_id=f.object_id,
            subject=subject,
            legal_basis=LEGAL_BASIS,
        )
        for f in found
    ]
    processing_log_record(actor=actor, channel=channel, items=items)
    return request


@transaction.atomic
def subject_request_no_record(*, actor: Any, request_id: object, reason: str, channel: str = "web") -> SubjectRequest:
    """None of the candidates is the requester: nothing is held about them (the answer says so)."""
    request = _locked(actor, request_id)
    if request.status == RequestStatus.ANSWERED:
        raise Conflict("Dit verzoek is al beantwoord.", code="already_answered")
    if request.items.exclude(decision=Decision.PENDING).exists():
        raise Conflict("Er zijn al beslissingen genomen over de gegevens van de gekozen persoon.", code="already_decided")
    if not (reason or "").strip():
        raise _invalid("reason", "Leg vast waarom geen van de gevonden personen de verzoeker is.", code="required")
    request.items.all().delete()
    request.person = None
    request.status = RequestStatus.NO_RECORD
    request.match_reason = reason.strip()
    request.matched_by = actor
    request.matched_at = timezone.now()
    request.save(update_fields=["person", "status", "match_reason", "matched_by", "matched_at"])
    _event(request, actor, "no-record", request.match_reason)
    _log(actor, request, "update", channel=channel)
    return request


@transaction.atomic
def request_item_decide(
    *, actor: Any, request_id: object, item_id: object, decision: str, ground: str = "", note: str = "", channel: str = "web"
) -> RequestItem:
    """Disclose an item, or withhold it on a restriction ground (required)."""
    request = _locked(actor, request_id)
    known = str(item_id).isdigit() and int(str(item_id)) <= MAX_ID
    item = RequestItem.objects.filter(request=request, pk=int(str(item_id))).first() if known else None
    if item is None:
        raise ValidationFailed("Dit gegeven hoort niet bij dit verzoek.", code="not_found", status=404)
    if request.status == RequestStatus.ANSWERED:
        raise Conflict("Dit verzoek is al beantwoord; beslissingen liggen vast.", code="already_answered")
    if decision not in (Decision.DISCLOSE, Decision.WITHHOLD):
        raise _invalid("decision", "Kies verstrekken of niet verstrekken.", code="invalid_choice")
    chosen = None
    if decision == Decision.WITHHOLD:
        if not ground:
            raise _invalid("ground", "Niet verstrekken kan alleen op een beperkingsgrond; kies de grond.", code="required")
        chosen = RestrictionGround.objects.filter(code=ground, active=True).first()
        if chosen is None:
            raise _invalid("ground", "Deze beperkingsgrond bestaat niet.", code="invalid_choice")
    if item.decision == decision and item.ground_id == (chosen.pk if chosen else None) and item.decision_note == note.strip():
        return item  # the same decision submitted again
    item.decision = decision
    item.ground = chosen
    item.decision_note = (note or "").strip()
    item.decided_by = actor
    item.decided_at = timezone.now()
    item.save(update_fields=["decision", "ground", "decision_note", "decided_by", "decided_at"])
    label = "verstrekken" if decision == Decision.DISCLOSE else f"niet verstrekken ({chosen.label if chosen else ''})"
    _event(request, actor, "item-decided", f"{item.label}: {label}")
    _log(actor, request, "update", object_type="subject-request-item", object_id=item.pk, channel=channel)
    return item


@transaction.atomic
def subject_request_answer(*, actor: Any, request_id: object, channel: str = "web") -> SubjectRequest:
    """Close the request with the answer: only when every item has a decision."""
    request = _locked(actor, request_id)
    if request.status == RequestStatus.ANSWERED:
        return request  # answered already: a repeated submit changes nothing
    if request.status == RequestStatus.RECEIVED:
        raise Unprocessable(
            "Koppel het verzoek eerst aan een persoon, of leg vast dat er geen gegevens zijn.", code="not_matched"
        )
    pending = list(request.items.filter(decision=Decision.PENDING).values_list("label", flat=True))
    if pending:
        raise Unprocessable(
            f"Nog niet over alle gegevens beslist ({len(pending)} open).",
            code="items_pending",
            invalid_params=[{"name": "items", "code": "pending", "reason": label} for label in pending],
        )
    request.status = RequestStatus.ANSWERED
    request.answered_at = timezone.now()
    request.answered_by = actor
    request.save(update_fields=["status", "answered_at", "answered_by"])
    _event(request, actor, "answered")
    _log(actor, request, "disclose", channel=channel)
    return request
