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
from django.utils import timezone, translation
from django.utils.translation import gettext

from ketensignaal.core.errors import Conflict, NotAllowed, Unprocessable, ValidationFailed
from ketensignaal.core.need_to_know import get_visible_or_404
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.intake.validation import parse_subject_input
from ketensignaal.persons.models import Person
from ketensignaal.persons.services import RECTIFIABLE, person_rectify, person_restriction_set
from ketensignaal.privacy.collect import person_everything
from ketensignaal.privacy.models import (
    DECISIONS_WITH_GROUND,
    Decision,
    ErasureResult,
    Outcome,
    Rectification,
    RequestCounter,
    RequestEvent,
    RequestItem,
    RequestKind,
    RequestStatus,
    RestrictionGround,
    SubjectRequest,
)
from ketensignaal.privacy.scopes import may_handle_subject_requests
from ketensignaal.retention.services import ERASABLE, ErasureTarget, records_erase

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
            gettext("Alleen de privacyfunctionaris van het contactpunt behandelt verzoeken van betrokkenen."),
            code="contact_point_only",
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
        raise _invalid("kind", gettext("Kies inzage, rectificatie, wissing, beperking of bezwaar."), code="invalid_choice")
    if not subject:
        raise _invalid(
            "subject", gettext("Een verzoek gaat over iemand: vul de betrokkene in (ten minste een naam)."), code="required"
        )
    parsed = parse_subject_input(subject)
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise _invalid("received_at", gettext("De datum van ontvangst ligt in de toekomst."))
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
        raise Conflict(gettext("Dit verzoek is al beantwoord."), code="already_answered")
    if request.extended_until is not None:
        raise Conflict(
            gettext("De termijn is al verlengd; dat kan één keer, met ten hoogste twee maanden."), code="already_extended"
        )
    if months not in range(1, MAX_EXTENSION_MONTHS + 1):
        raise _invalid("months", gettext("Verlengen kan met één of twee maanden."))
    if not (reason or "").strip():
        raise _invalid("reason", gettext("Geef de reden van de verlenging; de verzoeker krijgt die te horen."), code="required")
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
        raise Conflict(gettext("Dit verzoek is al beantwoord."), code="already_answered")
    person = Person.objects.filter(pk=str(person_id), merged_into__isnull=True).first() if person_id else None
    if person is None:
        raise _invalid("person", gettext("Kies een van de gevonden personen."), code="required")
    if request.person_id == person.pk:
        return request  # the same choice submitted again
    if request.person_id is not None and request.items.exclude(decision=Decision.PENDING).exists():
        raise Conflict(
            gettext("Er zijn al beslissingen genomen over de gegevens van de gekozen persoon."), code="already_decided"
        )
    if not (reason or "").strip():
        raise _invalid("reason", gettext("Leg vast waarom dit dezelfde persoon is."), code="required")
    request.items.all().delete()
    request.person = person
    request.status = RequestStatus.MATCHED
    request.match_reason = reason.strip()
    request.matched_by = actor
    request.matched_at = timezone.now()
    request.save(update_fields=["person", "status", "match_reason", "matched_by", "matched_at"])
    with translation.override("nl"):  # the content is the Dutch record, whatever language the handler reads
        found = person_everything(person.pk)
    RequestItem.objects.bulk_create(
        RequestItem(
            request=request,
            object_type=f.object_type,
            object_id=f.object_id,
            holder=f.holder,
            label=f.label,
            label_params=f.label_params,
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
        raise Conflict(gettext("Dit verzoek is al beantwoord."), code="already_answered")
    if request.items.exclude(decision=Decision.PENDING).exists():
        raise Conflict(
            gettext("Er zijn al beslissingen genomen over de gegevens van de gekozen persoon."), code="already_decided"
        )
    if not (reason or "").strip():
        raise _invalid("reason", gettext("Leg vast waarom geen van de gevonden personen de verzoeker is."), code="required")
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


def _decisions_for(request: SubjectRequest) -> tuple[str, str]:
    """The two decisions an item of this request can get: erase or not on an erasure request, else disclose or not."""
    if request.kind == RequestKind.ERASURE:
        return Decision.ERASE, Decision.REFUSE
    return Decision.DISCLOSE, Decision.WITHHOLD


def _held(item: RequestItem) -> bool:
    from ketensignaal.retention import engine

    if item.object_type == "signal":
        return bool(engine.held_signal_ids([item.object_id]))
    if item.object_type == "attachment":
        owners = engine.attachment_signal_ids([item.object_id])
        return bool(engine.held_signal_ids(set(owners.values())))
    if item.object_type == "person":
        return bool(engine.held_person_ids([item.object_id]))
    return False


DECISION_LABELS: dict[str, str] = {
    Decision.DISCLOSE: "verstrekken",
    Decision.WITHHOLD: "niet verstrekken",
    Decision.ERASE: "wissen",
    Decision.REFUSE: "niet wissen",
}


@transaction.atomic
def request_item_decide(
    *, actor: Any, request_id: object, item_id: object, decision: str, ground: str = "", note: str = "", channel: str = "web"
) -> RequestItem:
    """Disclose an item or withhold it on a restriction ground; on an erasure request, erase it or refuse on a ground.

    Erasing is allowed for the records the retention service destroys (a signal with what hangs on it, an attachment,
    the person record); an item under a legal hold cannot be marked for erasure (refuse it on a ground)."""
    request = _locked(actor, request_id)
    known = str(item_id).isdigit() and int(str(item_id)) <= MAX_ID
    item = RequestItem.objects.filter(request=request, pk=int(str(item_id))).first() if known else None
    if item is None:
        raise ValidationFailed(gettext("Dit gegeven hoort niet bij dit verzoek."), code="not_found", status=404)
    if request.status == RequestStatus.ANSWERED:
        raise Conflict(gettext("Dit verzoek is al beantwoord; beslissingen liggen vast."), code="already_answered")
    allowed = _decisions_for(request)
    if decision not in allowed:
        message = (
            gettext("Kies wissen of niet wissen.")
            if request.kind == RequestKind.ERASURE
            else gettext("Kies verstrekken of niet verstrekken.")
        )
        raise _invalid("decision", message, code="invalid_choice")
    chosen = None
    if decision in DECISIONS_WITH_GROUND:
        if not ground:
            message = (
                gettext("Niet wissen kan alleen op een wettelijke grond; kies de grond.")
                if decision == Decision.REFUSE
                else gettext("Niet verstrekken kan alleen op een wettelijke grond; kies de grond.")
            )
            raise _invalid("ground", message, code="required")
        chosen = RestrictionGround.objects.filter(code=ground, active=True).first()
        if chosen is None:
            raise _invalid("ground", gettext("Deze grond bestaat niet."), code="invalid_choice")
    if decision == Decision.ERASE:
        if item.object_type not in ERASABLE:
            raise _invalid(
                "decision",
                gettext(
                    "Dit gegeven wordt niet los gewist: het gaat mee met het signaal of het dossier waar het bij hoort, of "
                    "volgt de bewaartermijn van de organisatie die het houdt. Weiger het wissen op een grond."
                ),
                code="not_erasable",
            )
        if _held(item):
            raise Conflict(
                gettext(
                    "Er rust een bewaarplicht op dit gegeven; wissen kan niet zolang die geldt. Weiger het wissen op een "
                    "grond, of laat de bewaarplicht eerst opheffen."
                ),
                code="legal_hold",
            )
    if item.decision == decision and item.ground_id == (chosen.pk if chosen else None) and item.decision_note == note.strip():
        return item  # the same decision submitted again
    item.decision = decision
    item.ground = chosen
    item.decision_note = (note or "").strip()
    item.decided_by = actor
    item.decided_at = timezone.now()
    item.save(update_fields=["decision", "ground", "decision_note", "decided_by", "decided_at"])
    label = DECISION_LABELS[decision] + (f" ({chosen.label})" if chosen else "")
    _event(request, actor, "item-decided", f"{item.label}: {label}")
    _log(actor, request, "update", object_type="subject-request-item", object_id=item.pk, channel=channel)
    return item


def _require_kind(request: SubjectRequest, *kinds: str) -> None:
    if request.kind not in kinds:
        raise Conflict(gettext("Dit past niet bij de soort verzoek."), code="wrong_kind")


def _require_open_match(request: SubjectRequest) -> None:
    if request.status == RequestStatus.ANSWERED:
        raise Conflict(gettext("Dit verzoek is al beantwoord."), code="already_answered")
    if request.person_id is None:
        raise Unprocessable(gettext("Koppel het verzoek eerst aan een persoon."), code="not_matched")


@transaction.atomic
def subject_request_rectify(
    *, actor: Any, request_id: object, field: str, value: str, reason: str, channel: str = "web"
) -> Rectification:
    """Correct the matched person record on a rectification request (AVG art. 16), through the persons service;
    the correction (was, is, why) is kept with the request and logged."""
    request = _locked(actor, request_id)
    _require_kind(request, RequestKind.RECTIFICATION)
    _require_open_match(request)
    if field not in RECTIFIABLE:
        raise _invalid("field", gettext("Kies naam, geboortedatum, nationaliteit of V-nummer."), code="invalid_choice")
    before, after = person_rectify(
        actor=actor, person_id=request.person_id, field=field, value=value, reason=reason, channel=channel
    )
    rectification = Rectification.objects.create(
        request=request, field=field, before=before[:200], after=after[:200], reason=reason.strip(), made_by=actor
    )
    _event(request, actor, "rectified", f"{field}: {before or '—'} → {after}")
    _log(actor, request, "update", object_type="subject-request-rectification", object_id=rectification.pk, channel=channel)
    return rectification


@transaction.atomic
def subject_request_decide(*, actor: Any, request_id: object, outcome: str, reasons: str, channel: str = "web") -> SubjectRequest:
    """Decide a restriction or objection request as a whole, with reasons. A granted restriction marks the person
    record restricted (AVG art. 18: kept, not linked or merged, shown with a banner); a granted objection (AVG art. 21)
    restricts it too, since processing stops until the record is erased or its retention ends."""
    request = _locked(actor, request_id)
    _require_kind(request, RequestKind.RESTRICTION, RequestKind.OBJECTION)
    _require_open_match(request)
    if outcome not in Outcome.values:
        raise _invalid("outcome", gettext("Kies toewijzen of afwijzen."), code="invalid_choice")
    reasons = (reasons or "").strip()
    if not reasons:
        raise _invalid("reasons", gettext("Motiveer de beslissing; de verzoeker krijgt de motivering te horen."), code="required")
    if request.outcome == outcome and request.outcome_reasons == reasons:
        return request
    request.outcome, request.outcome_reasons = outcome, reasons
    request.outcome_by, request.outcome_at = actor, timezone.now()
    request.save(update_fields=["outcome", "outcome_reasons", "outcome_by", "outcome_at"])
    person_restriction_set(
        actor=actor,
        person_id=request.person_id,
        restricted=outcome == Outcome.GRANTED,
        reason=f"{request.get_kind_display()} {request.reference}: {reasons}",
        channel=channel,
    )
    _event(request, actor, "decided", f"{Outcome(outcome).label}: {reasons}")
    _log(actor, request, "update", channel=channel)
    return request


def _erase(actor: Any, request: SubjectRequest, channel: str) -> None:
    """Carry out the erasure decisions through the retention service (legal holds re-checked, all or nothing)."""
    items = list(request.items.filter(decision=Decision.ERASE))
    if not items:
        return
    if any(i.object_type == "person" for i in items):
        request.person = None  # the request must not keep the erased record alive (its items keep the reference)
        request.save(update_fields=["person"])
    results = records_erase(
        actor=actor,
        targets=[ErasureTarget(i.object_type, i.object_id) for i in items],
        request_reference=request.reference,
        channel=channel,
    )
    for item in items:
        item.erasure_result = ErasureResult.DESTROYED if results.get(item.object_id) == "destroyed" else ErasureResult.GONE
    RequestItem.objects.bulk_update(items, ["erasure_result"])
    _event(request, actor, "erased", f"{sum(r == 'destroyed' for r in results.values())} gegevens gewist")


@transaction.atomic
def subject_request_answer(*, actor: Any, request_id: object, channel: str = "web") -> SubjectRequest:
    """Close the request with the answer: only when every item has a decision."""
    request = _locked(actor, request_id)
    if request.status == RequestStatus.ANSWERED:
        return request  # answered already: a repeated submit changes nothing
    if request.status == RequestStatus.RECEIVED:
        raise Unprocessable(
            gettext("Koppel het verzoek eerst aan een persoon, of leg vast dat er geen gegevens zijn."), code="not_matched"
        )
    pending = list(request.items.filter(decision=Decision.PENDING).values_list("label", flat=True))
    if pending:
        raise Unprocessable(
            gettext("Nog niet over alle gegevens beslist (%(pending)s open).") % {"pending": len(pending)},
            code="items_pending",
            invalid_params=[{"name": "items", "code": "pending", "reason": label} for label in pending],
        )
    if request.kind in (RequestKind.RESTRICTION, RequestKind.OBJECTION) and request.person_id and not request.outcome:
        raise Unprocessable(
            gettext("Beslis eerst over het verzoek zelf (toewijzen of afwijzen, met motivering)."), code="undecided"
        )
    if request.kind == RequestKind.ERASURE:
        _erase(actor, request, channel)
    request.status = RequestStatus.ANSWERED
    request.answered_at = timezone.now()
    request.answered_by = actor
    request.save(update_fields=["status", "answered_at", "answered_by"])
    _event(request, actor, "answered")
    _log(actor, request, "disclose", channel=channel)
    return request
