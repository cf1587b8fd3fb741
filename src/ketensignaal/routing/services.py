"""Writing signals: submit, and every action at a hop of the reporting line.

Each service runs in one transaction that also writes the history entry
(:class:`SignalEvent`) and the processing-log entry, so a change can never
exist without both. The signal row is locked (``select_for_update``) and its
``version`` bumped on every change; a caller that passes a stale
``expected_version`` gets a 409 instead of silently overwriting someone else.

Refused cross-organisation forwards: the signal, its history and its
involvements stay exactly as they were, but the *attempt* is recorded in the
processing log with result ``refused`` (a separate, committed transaction),
because an attempted disclosure is what a privacy officer needs to see.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from ketensignaal.core import statements
from ketensignaal.core.errors import (
    Conflict,
    HandlingCodeForbids,
    NoLegalBasis,
    NotAllowed,
    Unprocessable,
    ValidationFailed,
    choose_one_of,
)
from ketensignaal.core.need_to_know import get_visible_or_404
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.handling_codes import is_lower
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.identity.models import Unit, User
from ketensignaal.intake.attachments import InspectedFile, attachment_inspect, attachment_write
from ketensignaal.intake.models import (
    Attachment,
    HandlingCode,
    IdempotencyRecord,
    InvolvementReason,
    Outcome,
    Signal,
    SignalCounter,
    SignalInvolvement,
    SignalStatus,
    SubjectName,
)
from ketensignaal.intake.validation import SignalInput, _text_problem, category_objects, touchpoint_object
from ketensignaal.routing import scopes
from ketensignaal.routing.alerts import acute_duty_unit, raise_acute_alarm
from ketensignaal.routing.corroboration import missing_corroboration_detail, only_single_database_hit
from ketensignaal.routing.deadlines import deadline_for, deadline_on_forward, deadline_pause
from ketensignaal.routing.disclosure import Pending, pending_flush, reporting_grant, signal_disclose, signal_disclosure_recall
from ketensignaal.routing.models import ASSIGNED_NOTE, HopAction, NotificationKind, SignalEvent
from ketensignaal.routing.notifications import information_notify
from ketensignaal.routing.reporters import OWN_JUDGEMENT_NOTE, own_judgement_check
from ketensignaal.routing.routes import current_edges_from
from ketensignaal.routing.selectors import open_question
from ketensignaal.routing.workflow import Action, next_status

MAX_NOTE_CHARS = 10_000
STALE_MESSAGE = "Iemand anders heeft dit signaal intussen gewijzigd; laad opnieuw."


def _log(
    signal: Signal,
    *,
    activity: Activity = Activity.SIGNAL_HANDLING,
    action: str = "update",
    legal_basis: str = "",
    result: str = "success",
) -> LogItem:
    return LogItem(
        activity=activity,
        action=action,
        object_type="signal",
        object_id=signal.pk,
        subject=subject_ref("signal", signal.pk),
        legal_basis=legal_basis,
        result=result,
    )


def _next_reference() -> str:
    """Per-year counter: one upsert that locks the year's row until commit (INSERT … ON CONFLICT … RETURNING)."""
    year = timezone.localdate().year
    table = connection.ops.quote_name(SignalCounter._meta.db_table)
    with connection.cursor() as cursor:
        # The table name comes from model metadata, never from input.
        upsert = f"INSERT INTO {table} (year, last) VALUES (%s, 1) ON CONFLICT (year) DO UPDATE SET last = {table}.last + 1"  # noqa: S608
        cursor.execute(upsert + " RETURNING last", [year])
        number = cursor.fetchone()[0]
    return f"KS-{year}-{number:06d}"


def _inspect_all(attachments: Iterable[Any], *, field: str = "attachments") -> list[InspectedFile]:
    uploads = list(attachments)
    if len(uploads) == 1 and field == "file":
        return [attachment_inspect(uploads[0], field=field)]
    return [attachment_inspect(upload, field=f"{field}.{index}") for index, upload in enumerate(uploads)]


@transaction.atomic
def signal_submit(
    *, actor: User, data: SignalInput, attachments: Sequence[Any] = (), idempotency_key: str | None = None, channel: str
) -> tuple[Signal, bool]:
    """Register a signal in the actor's unit; it lands at the first hop of the organisation's route."""
    return signal_submit_in_transaction(
        actor=actor, data=data, attachments=attachments, idempotency_key=idempotency_key, channel=channel
    )


def signal_submit_in_transaction(
    *, actor: User, data: SignalInput, attachments: Sequence[Any] = (), idempotency_key: str | None = None, channel: str
) -> tuple[Signal, bool]:
    """:func:`signal_submit` inside the caller's own transaction, without a savepoint of its own (the API's create is
    one transaction). The caller rolls that transaction back on any error."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("signal_submit_in_transaction needs the caller's transaction")
    if idempotency_key:
        record = IdempotencyRecord.objects.filter(user=actor, key=idempotency_key).select_related("signal").first()
        if record is not None:
            if record.request_hash != data.fingerprint():
                raise Unprocessable(
                    gettext("Deze Idempotency-Key is al gebruikt voor een ander verzoek."), code="idempotency_key_reused"
                )
            return record.signal, False
    unit = actor.unit
    if unit is None:
        raise NotAllowed(gettext("U hoort niet bij een eenheid en kunt daarom niet melden."), code="no_unit")
    own_judgement_check(organisation=unit.organisation, own_judgement=data.own_judgement)
    inspected = _inspect_all(attachments)
    target = unit
    edges = current_edges_from(unit.code, organisation_id=unit.organisation_id)
    if edges:
        target = edges[0].to_unit
    # An acute signal is placed at once with the unit on duty for acute signals (the alarm grants it need to know).
    holder = (acute_duty_unit() or target) if data.acute else target
    now = timezone.now()
    # The create's INSERTs are built once per process (core.statements), not compiled by the ORM on every request.
    signal = statements.create(
        Signal(
            reference=_next_reference(),
            reporting_unit=unit,
            reported_by=actor,
            current_unit=holder,
            acute=data.acute,
            own_judgement=data.own_judgement,
            v_number=data.v_number,
            date_of_birth=data.date_of_birth,
            date_of_birth_uncertain=data.date_of_birth_uncertain,
            nationality=data.nationality,
            minor=data.minor,
            identity_basis=data.identity_basis,
            current_location=data.current_location,
            observation_type=data.observation_type,
            observation_text=data.observation_text,
            observed_at=data.observed_at,
            touchpoint_id=data.touchpoint_id,
            hearing_mode=data.hearing_mode,
            data_carrier_handling=data.data_carrier_handling,
            source_reliability=data.source_reliability,
            information_credibility=data.information_credibility,
            handling_code=data.handling_code,
            arrived_at=now,
            due_at=deadline_for(unit=holder, start=now, acute=data.acute),
            created_at=now,
            updated_at=now,
        )
    )
    names = [SubjectName(signal=signal, name=n.name, script=n.script, kind=n.kind, position=i) for i, n in enumerate(data.names)]
    statements.insert(names)
    through = Signal.categories.through
    statements.insert([through(signal_id=signal.pk, category_id=pk) for pk in data.category_ids])
    pending = Pending(items=[_log(signal, activity=Activity.SIGNAL_REGISTRATION, action="create")])
    reporting_grant(signal=signal, reporting_unit=unit, at=now, pending=pending)
    hop = SignalEvent(signal=signal, action=HopAction.REPORTED, from_unit=unit, to_unit=target, by=actor, at=now)
    if target.pk != unit.pk:
        # The first hop is the supplier's own choice (its formal route): it needs a registered flow when it leaves the
        # organisation, but no case-level justification — reporting along one's route is the route's purpose. An
        # organisation that shares only on its own judgement has confirmed that (own_judgement) above.
        signal_disclose(
            actor=actor,
            signal=signal,
            to_unit=target,
            reason=InvolvementReason.ROUTED,
            channel=channel,
            justification=OWN_JUDGEMENT_NOTE if data.own_judgement else "",
            hop_event=hop,
            require_justification=False,
            named_by_supplier=True,
            categories=list(data.categories),
            pending=pending,
            new_signal=True,
        )
    else:
        pending.events.append(hop)
    if data.acute:
        raise_acute_alarm(signal, actor, categories=list(data.categories), pending=pending)
    # Grants and history now; the log entries last, after the attachments (pending_flush with the log).
    pending_flush(pending, actor=actor, channel=channel, include_log=False)
    items = pending.items
    rows: list[Attachment] = []
    if inspected:
        rows = [attachment_write(inspected=f, signal=signal, actor=actor) for f in inspected]
        Attachment.objects.bulk_create(rows)
        items += [
            LogItem(
                activity=Activity.SIGNAL_REGISTRATION,
                action="create",
                object_type="attachment",
                object_id=a.pk,
                subject=subject_ref("signal", signal.pk),
            )
            for a in rows
        ]
    if idempotency_key:
        IdempotencyRecord.objects.create(user=actor, key=idempotency_key, request_hash=data.fingerprint(), signal=signal)
    # Last before commit: appending to the processing log locks its head row until the transaction ends.
    processing_log_record(actor=actor, items=items, channel=channel)
    _prime(signal, names=names, attachments=rows, category_ids=data.category_ids)
    return signal, True


def _prime(signal: Signal, *, names: list[SubjectName], attachments: list[Attachment], category_ids: Sequence[int]) -> None:
    """Fill the new signal's relations from memory so the caller can answer without re-reading what it just wrote."""
    touchpoint = touchpoint_object(signal.touchpoint_id)
    if touchpoint is not None:
        signal.touchpoint = touchpoint
    related: dict[str, list[Any]] = {
        "names": names,
        "attachments": attachments,
        "categories": category_objects(category_ids),
    }
    cache = signal.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, objects in related.items():
        # The relation's own queryset (filtered to this signal), taken before its cache entry exists: a caller
        # that narrows it (.filter, .values_list) then queries this signal's rows, not the whole table.
        qs = getattr(signal, name).all()
        qs._result_cache = objects
        qs._prefetch_done = True
        cache[name] = qs


def _lock(*, actor: User, signal_id: Any, expected_version: int | None, at_unit: bool = True) -> Signal:
    """The visible signal, row-locked; 404 when not visible, 409 when stale, 403 when not at the actor's unit."""
    # Lock the bare row first. A locking query with joins would, in PostgreSQL's READ COMMITTED re-check
    # after waiting, compare the updated row with the *old* joined unit row and find nothing (a false 404).
    try:
        locked = list(Signal.objects.select_for_update().filter(pk=signal_id).values_list("pk", flat=True))
    except (ValueError, TypeError, DjangoValidationError):
        raise Http404 from None
    if not locked:
        raise Http404
    # Then read it (fresh snapshot, after the lock) through need to know.
    signal = get_visible_or_404(
        actor, Signal.objects.select_related("current_unit__organisation", "reporting_unit"), pk=signal_id
    )
    if expected_version is not None and signal.version != expected_version:
        raise Conflict(STALE_MESSAGE, code="stale_version")
    if at_unit and signal.current_unit_id != actor.unit_id:
        raise NotAllowed(gettext("Dit signaal ligt niet (meer) bij uw eenheid."), code="not_at_your_unit")
    return signal


def _require_handler(actor: User) -> None:
    if not scopes.is_handler(actor):
        raise NotAllowed(gettext("Alleen behandelaars van de eenheid kunnen dit doen."), code="handler_role_required")


def _clean_note(note: str, *, field: str = "note", required: bool = False) -> str:
    note = note or ""
    if required and not note.strip():
        raise ValidationFailed(
            gettext("Een toelichting is verplicht."),
            invalid_params=[{"name": field, "code": "required", "reason": gettext("Dit veld is verplicht.")}],
        )
    if len(note) > MAX_NOTE_CHARS:
        raise ValidationFailed(
            gettext("De tekst is te lang."),
            invalid_params=[
                {
                    "name": field,
                    "code": "too_long",
                    "reason": gettext("Maximaal %(limit)s tekens.") % {"limit": MAX_NOTE_CHARS},
                }
            ],
        )
    problem = _text_problem(note, allow_newlines=True)
    if problem:
        raise ValidationFailed(
            gettext("De tekst bevat ongeldige tekens."),
            invalid_params=[{"name": field, "code": problem[0], "reason": problem[1]}],
        )
    return note


def _commit(
    signal: Signal, *, actor: User, channel: str, events: list[SignalEvent], items: list[LogItem], fields: Iterable[str] = ()
) -> Signal:
    signal.version += 1
    signal.updated_at = timezone.now()
    signal.save(update_fields=["version", "updated_at", *fields])
    for event in events:
        event.at = signal.updated_at
    SignalEvent.objects.bulk_create(events)
    processing_log_record(actor=actor, items=items, channel=channel)
    return signal


@transaction.atomic
def signal_take(*, actor: User, signal_id: Any, expected_version: int | None = None, channel: str) -> Signal:
    signal = _lock(actor=actor, signal_id=signal_id, expected_version=expected_version)
    _require_handler(actor)
    signal.status = next_status(signal.status, Action.TAKE)
    signal.assigned_to = actor
    event = SignalEvent(
        signal=signal, action=HopAction.TAKEN, from_unit=signal.current_unit, to_unit=signal.current_unit, by=actor
    )
    return _commit(signal, actor=actor, channel=channel, events=[event], items=[_log(signal)], fields=["status", "assigned_to"])


@transaction.atomic
def signal_take_over(*, actor: User, signal_id: Any, expected_version: int | None = None, channel: str) -> Signal:
    """An acute signal held by another alarmed unit comes to the actor's unit, taken by the actor.

    The alarm already granted the actor's unit need to know (``routing.alerts``), so nothing new is disclosed;
    the deadline in hours keeps running.
    """
    signal = _lock(actor=actor, signal_id=signal_id, expected_version=expected_version, at_unit=False)
    if not scopes.may_take_over(actor, signal):
        raise NotAllowed(gettext("Alleen een eenheid die het acute alarm kreeg, kan dit signaal overnemen."), code="not_alarmed")
    origin, unit = signal.current_unit, actor.unit
    assert unit is not None  # may_take_over requires a unit
    signal.status = next_status(signal.status, Action.TAKE_OVER)
    signal.current_unit, signal.assigned_to, signal.paused_at = unit, actor, None
    event = SignalEvent(signal=signal, action=HopAction.TAKEN_OVER, from_unit=origin, to_unit=unit, by=actor)
    return _commit(
        signal,
        actor=actor,
        channel=channel,
        events=[event],
        items=[_log(signal)],
        fields=["status", "current_unit", "assigned_to", "paused_at"],
    )


@transaction.atomic
def signal_add_note(*, actor: User, signal_id: Any, note: str, expected_version: int | None = None, channel: str) -> Signal:
    signal = _lock(actor=actor, signal_id=signal_id, expected_version=expected_version)
    note = _clean_note(note, required=True)
    signal.status = next_status(signal.status, Action.NOTE)
    event = SignalEvent(
        signal=signal, action=HopAction.NOTE, from_unit=signal.current_unit, to_unit=signal.current_unit, by=actor, note=note
    )
    return _commit(signal, actor=actor, channel=channel, events=[event], items=[_log(signal)])


def previous_unit(signal: Signal) -> Unit | None:
    """The unit that sent the signal to where it is now: the last arrival (report or forward) at the current unit."""
    event = (
        SignalEvent.objects.filter(
            signal=signal,
            to_unit_id=signal.current_unit_id,
            action__in=[HopAction.REPORTED, HopAction.FORWARDED, HopAction.FORWARDED_OFF_ROUTE],
        )
        .exclude(from_unit_id=signal.current_unit_id)
        .select_related("from_unit__organisation")
        .order_by("-at", "-id")
        .first()
    )
    return event.from_unit if event else None


@transaction.atomic
def signal_return(*, actor: User, signal_id: Any, note: str, expected_version: int | None = None, channel: str) -> Signal:
    """Back to the unit it came from, with a question; it waits there (awaiting-information) until forwarded again."""
    signal = _lock(actor=actor, signal_id=signal_id, expected_version=expected_version)
    note = _clean_note(note, required=True)
    status = next_status(signal.status, Action.RETURN)
    target = previous_unit(signal)
    if target is None:
        raise Unprocessable(
            gettext("Dit signaal is hier gemeld; er is geen vorige eenheid om het naar terug te sturen."), code="no_previous_unit"
        )
    origin = signal.current_unit
    signal.status, signal.current_unit, signal.assigned_to = status, target, None
    # The asking unit's clock stops until the signal comes back to it (deadlines.deadline_on_forward).
    signal.arrived_at = timezone.now()
    deadline_pause(signal, at=signal.arrived_at)
    event = SignalEvent(signal=signal, action=HopAction.RETURNED, from_unit=origin, to_unit=target, by=actor, note=note)
    crosses = target.organisation_id != origin.organisation_id
    # A question back to the sender is part of the exchange that brought the signal here (same flow, logged as such).
    basis = ""
    if crosses:
        arrival = (
            SignalEvent.objects.filter(signal=signal, to_unit=origin, from_unit=target)
            .exclude(legal_basis="")
            .order_by("-at", "-id")
            .first()
        )
        basis = arrival.legal_basis if arrival else ""
        event.legal_basis = basis
    item = _log(signal, activity=Activity.DISCLOSURE, action="disclose", legal_basis=basis) if crosses else _log(signal)
    _commit(
        signal,
        actor=actor,
        channel=channel,
        events=[event],
        items=[item],
        fields=["status", "current_unit", "assigned_to", "arrived_at", "due_at", "paused_at"],
    )
    # The asked unit hears of the question at once (in the app, and a mail without personal data).
    information_notify(signal=signal, kind=NotificationKind.INFORMATION_REQUESTED, unit_id=target.pk)
    return signal


@transaction.atomic
def signal_answer(*, actor: User, signal_id: Any, answer: str, expected_version: int | None = None, channel: str) -> Signal:
    """The asked unit answers the question in place: the signal goes back to the unit (and handler) that asked.

    The answer is a history entry on the hop back; the asker's paused deadline resumes, extended by the time spent
    waiting. Back across organisations it travels over the flow the question came with (logged as a disclosure).
    """
    signal = _lock(actor=actor, signal_id=signal_id, expected_version=expected_version)
    answer = _clean_note(answer, field="answer", required=True)
    status = next_status(signal.status, Action.ANSWER)
    question = open_question(signal)
    if question is None or question.from_unit is None:
        raise Unprocessable(gettext("Er staat geen vraag open bij dit signaal."), code="no_open_question")
    asker_unit, asker = question.from_unit, question.by
    origin = signal.current_unit
    now = timezone.now()
    signal.current_unit = asker_unit
    deadline_on_forward(signal, target=asker_unit, at=now)
    # Back with the handler who asked, if they still work there; otherwise in the unit's inbox for anyone to take.
    if asker.is_active and asker.unit_id == asker_unit.pk:
        signal.status, signal.assigned_to = status, asker
    else:
        signal.status, signal.assigned_to = SignalStatus.RECEIVED, None
    event = SignalEvent(
        signal=signal,
        action=HopAction.ANSWERED,
        from_unit=origin,
        to_unit=asker_unit,
        by=actor,
        note=answer,
        legal_basis=question.legal_basis,
    )
    crosses = asker_unit.organisation_id != origin.organisation_id
    item = (
        _log(signal, activity=Activity.DISCLOSURE, action="disclose", legal_basis=question.legal_basis)
        if crosses
        else _log(signal)
    )
    _commit(
        signal,
        actor=actor,
        channel=channel,
        events=[event],
        items=[item],
        fields=["status", "current_unit", "assigned_to", "arrived_at", "due_at", "paused_at"],
    )
    recipients = [asker.pk] if signal.assigned_to_id else None
    information_notify(signal=signal, kind=NotificationKind.INFORMATION_ANSWERED, unit_id=asker_unit.pk, user_ids=recipients)
    return signal


def _record_refusal(*, actor: User, signal_id: Any, channel: str) -> None:
    """Log a refused disclosure attempt in its own committed transaction (nothing about the signal changes)."""
    # Called after the forward's own transaction rolled back. Inside a caller's outer transaction (a larger
    # unit of work, or a test) this entry shares that transaction's fate.
    with transaction.atomic():
        processing_log_record(
            actor=actor,
            channel=channel,
            items=[
                LogItem(
                    activity=Activity.DISCLOSURE,
                    action="disclose",
                    object_type="signal",
                    object_id=signal_id,
                    subject=subject_ref("signal", signal_id),
                    result="refused",
                )
            ],
        )


def signal_forward(
    *,
    actor: User,
    signal_id: Any,
    to_unit: str,
    note: str = "",
    reason: str = "",
    justification: str = "",
    expected_version: int | None = None,
    channel: str,
) -> Signal:
    """Forward along the route, or off-route with a reason; across organisations only over a registered flow."""
    try:
        return _signal_forward(
            actor=actor,
            signal_id=signal_id,
            to_unit=to_unit,
            note=note,
            reason=reason,
            justification=justification,
            expected_version=expected_version,
            channel=channel,
        )
    except (NoLegalBasis, HandlingCodeForbids):
        _record_refusal(actor=actor, signal_id=signal_id, channel=channel)
        raise


@transaction.atomic
def _signal_forward(
    *,
    actor: User,
    signal_id: Any,
    to_unit: str,
    note: str,
    reason: str,
    justification: str,
    expected_version: int | None,
    channel: str,
) -> Signal:
    signal = _lock(actor=actor, signal_id=signal_id, expected_version=expected_version)
    note = _clean_note(note)
    reason = _clean_note(reason, field="reason")
    justification = _clean_note(justification, field="justification")
    target = Unit.objects.select_related("organisation").filter(code=to_unit, is_active=True).first()
    if target is None:
        # Named by label, never by the code that was sent (an empty choice has none).
        reason = (
            gettext("Kies de eenheid waar het signaal naartoe gaat.")
            if not to_unit.strip()
            else gettext("Deze eenheid bestaat niet (meer); kies een eenheid uit de lijst.")
        )
        raise ValidationFailed(
            gettext("Kies een eenheid om het signaal naar door te sturen."),
            invalid_params=[{"name": "to_unit", "code": "unknown_unit", "reason": reason}],
        )
    origin = signal.current_unit
    if target.pk == origin.pk:
        raise ValidationFailed(
            gettext("Het signaal ligt al bij deze eenheid."),
            invalid_params=[{"name": "to_unit", "code": "same_unit", "reason": gettext("Kies een andere eenheid.")}],
        )
    status = next_status(signal.status, Action.FORWARD)
    on_route = any(edge.to_unit_id == target.pk for edge in current_edges_from(origin.code))
    if not on_route and not reason.strip():
        raise ValidationFailed(
            gettext("Deze eenheid ligt niet op de meldroute; geef een reden om buiten de route door te sturen."),
            code="reason_required",
            invalid_params=[
                {"name": "reason", "code": "required", "reason": gettext("Verplicht bij doorsturen buiten de route.")}
            ],
        )
    now = timezone.now()
    event = SignalEvent(
        signal=signal,
        action=HopAction.FORWARDED if on_route else HopAction.FORWARDED_OFF_ROUTE,
        from_unit=origin,
        to_unit=target,
        by=actor,
        note=note,
        reason=reason,
    )
    pending = Pending()
    # The one disclosure service weighs the step (flow, handling code, justification) and grants need to know.
    grant = signal_disclose(
        actor=actor,
        signal=signal,
        to_unit=target,
        from_unit=origin,
        reason=InvolvementReason.ROUTED,
        channel=channel,
        justification=justification,
        hop_event=event,
        pending=pending,
    )
    signal.status, signal.current_unit, signal.assigned_to = status, target, None
    deadline_on_forward(signal, target=target, at=now)
    if not grant.permit.crosses:
        pending.items.append(_log(signal))
    return _commit(
        signal,
        actor=actor,
        channel=channel,
        events=pending.events,
        items=pending.items,
        fields=["status", "current_unit", "assigned_to", "arrived_at", "due_at", "paused_at"],
    )


# Why a close without a note is refused: the screen's form, the API's serializer and this service say the same.
CLOSE_NOTE_REQUIRED = gettext_lazy("Geef een toelichting: waarom sluit u het signaal af met deze uitkomst?")


def signal_close_check(*, signal: Signal, outcome: str) -> None:
    """The rules on the outcome itself, also asked by the screen before it shows the confirmation step, so a refused
    outcome is said at once and not after "Bevestigen"."""
    if outcome not in Outcome.values:
        raise ValidationFailed(
            gettext("Kies de uitkomst waarmee u het signaal afsluit."),
            invalid_params=[
                {
                    "name": "outcome",
                    "code": "invalid_choice",
                    "reason": choose_one_of(Outcome.labels),
                }
            ],
        )
    if outcome == Outcome.ESTABLISHED and only_single_database_hit(signal):
        # The field's message is the whole refusal: the screen shows it at the outcome, naming what would count.
        detail = missing_corroboration_detail()
        raise Unprocessable(
            detail,
            code="single_database_hit",
            invalid_params=[{"name": "outcome", "code": "single_database_hit", "reason": detail}],
        )


@transaction.atomic
def signal_close(
    *, actor: User, signal_id: Any, outcome: str, note: str, expected_version: int | None = None, channel: str
) -> Signal:
    """Close with an outcome and a note saying why: closing cannot be undone, so the history keeps the reasoning
    (DOMAIN.md principle 7) whether the step came from the screen or the API."""
    signal = _lock(actor=actor, signal_id=signal_id, expected_version=expected_version)
    _require_handler(actor)
    signal_close_check(signal=signal, outcome=outcome)
    if not (note or "").strip():
        raise ValidationFailed(
            gettext("Het signaal is niet afgesloten: een toelichting ontbreekt."),
            invalid_params=[{"name": "note", "code": "required", "reason": CLOSE_NOTE_REQUIRED}],
        )
    note = _clean_note(note)
    status = next_status(signal.status, Action.CLOSE)
    signal.status, signal.outcome, signal.closed_at = status, outcome, timezone.now()
    event = SignalEvent(
        signal=signal,
        action=HopAction.CLOSED,
        from_unit=signal.current_unit,
        to_unit=signal.current_unit,
        by=actor,
        note=note,
        outcome=outcome,
    )
    return _commit(
        signal, actor=actor, channel=channel, events=[event], items=[_log(signal)], fields=["status", "outcome", "closed_at"]
    )


@transaction.atomic
def signal_assign(*, actor: User, signal_id: Any, assignee_id: Any, expected_version: int | None = None, channel: str) -> Signal:
    signal = _lock(actor=actor, signal_id=signal_id, expected_version=expected_version)
    _require_handler(actor)
    assignee = (
        User.objects.filter(pk=assignee_id, unit_id=actor.unit_id, is_active=True).first()
        if str(assignee_id).isdigit() and actor.unit_id is not None
        else None
    )
    if assignee is None:
        raise ValidationFailed(
            gettext("Kies een collega uit uw eigen eenheid."),
            invalid_params=[
                {"name": "assignee", "code": "not_a_colleague", "reason": gettext("Geen actieve collega in uw eenheid.")}
            ],
        )
    signal.status = next_status(signal.status, Action.ASSIGN)
    signal.assigned_to = assignee
    label = assignee.display_name
    event = SignalEvent(
        signal=signal,
        action=HopAction.ASSIGNED,
        from_unit=signal.current_unit,
        to_unit=signal.current_unit,
        by=actor,
        note=ASSIGNED_NOTE % {"name": label},  # stored in Dutch; SignalEvent.display_note shows it in the reader's
    )
    return _commit(signal, actor=actor, channel=channel, events=[event], items=[_log(signal)], fields=["status", "assigned_to"])


@transaction.atomic
def signal_attach(
    *, actor: User, signal_id: Any, uploads: Sequence[Any], expected_version: int | None = None, channel: str
) -> list[Attachment]:
    """Add attachments: by the unit holding the signal, or by its reporter (e.g. answering a question)."""
    signal = _lock(actor=actor, signal_id=signal_id, expected_version=expected_version, at_unit=False)
    if signal.current_unit_id != actor.unit_id and signal.reported_by_id != actor.pk:
        raise NotAllowed(
            gettext("Alleen de eenheid waar het signaal ligt, of de melder, kan bijlagen toevoegen."), code="not_at_your_unit"
        )
    if signal.status == "closed":
        raise Unprocessable(gettext("Een afgesloten signaal krijgt geen nieuwe bijlagen."), code="invalid_transition")
    inspected = _inspect_all(uploads, field="file")
    if not inspected:
        raise ValidationFailed(
            gettext("Kies een bestand."),
            invalid_params=[{"name": "file", "code": "required", "reason": gettext("Kies een bestand.")}],
        )
    rows = [attachment_write(inspected=f, signal=signal, actor=actor) for f in inspected]
    Attachment.objects.bulk_create(rows)
    event = SignalEvent(
        signal=signal,
        action=HopAction.ATTACHED,
        from_unit=actor.unit,
        to_unit=signal.current_unit,
        by=actor,
        note=", ".join(a.original_name for a in rows),
    )
    items = [
        LogItem(
            activity=Activity.SIGNAL_HANDLING,
            action="create",
            object_type="attachment",
            object_id=a.pk,
            subject=subject_ref("signal", signal.pk),
        )
        for a in rows
    ]
    _commit(signal, actor=actor, channel=channel, events=[event], items=[_log(signal), *items])
    return rows


@transaction.atomic
def signal_handling_code_lower(
    *, actor: User, signal_id: Any, handling_code: str, reason: str, expected_version: int | None = None, channel: str
) -> Signal:
    """The supplier lowers the handling code (TLP 2.0) of what it supplied; only the supplier can, and it is recorded.

    The supplier is the reporting unit. A code can only go down (RED → AMBER+STRICT → AMBER → GREEN → CLEAR):
    a legal basis never overrides a code, only the supplier lowering it does.
    """
    signal = _lock(actor=actor, signal_id=signal_id, expected_version=expected_version, at_unit=False)
    if signal.reporting_unit_id != actor.unit_id:
        raise NotAllowed(
            gettext("Alleen de leverancier (de eenheid die het signaal meldde) kan de verspreidingscode verlagen."),
            code="not_the_supplier",
        )
    reason = _clean_note(reason, field="reason", required=True)
    if handling_code not in HandlingCode.values or not is_lower(handling_code, signal.handling_code):
        raise ValidationFailed(
            gettext("Kies een lagere verspreidingscode."),
            invalid_params=[
                {
                    "name": "handling_code",
                    "code": "not_lower",
                    "reason": gettext("De code is nu TLP:%(handling_code)s; kies een lagere code.")
                    % {"handling_code": signal.handling_code},
                }
            ],
        )
    previous, signal.handling_code = signal.handling_code, handling_code
    event = SignalEvent(
        signal=signal,
        action=HopAction.HANDLING_CODE_LOWERED,
        from_unit=actor.unit,
        to_unit=signal.current_unit,
        by=actor,
        note=f"TLP:{previous} → TLP:{handling_code}",
        reason=reason,
    )
    return _commit(signal, actor=actor, channel=channel, events=[event], items=[_log(signal)], fields=["handling_code"])


@transaction.atomic
def disclosure_recall(*, actor: User, signal_id: Any, involvement_id: Any, reason: str, channel: str) -> SignalInvolvement:
    """End one grant on a signal the actor can see (the recall form): the disclosing unit or the hub, with a reason.

    A grant that is gone meanwhile (another user recalled it first) answers 409 with a readable message.
    """
    signal = get_visible_or_404(actor, Signal.objects.all(), pk=signal_id)
    involvement = SignalInvolvement.objects.filter(signal=signal, pk=involvement_id).select_related("unit", "user").first()
    if involvement is None:
        raise Conflict(gettext("Deze verstrekking is intussen al ingetrokken. Er is niets veranderd."), code="already_recalled")
    return signal_disclosure_recall(
        actor=actor, signal=signal, unit=involvement.unit, user=involvement.user, reason=reason, channel=channel
    )


@transaction.atomic
def signal_reporter_addition(*, actor: User, signal_id: Any, note: str, channel: str) -> Signal:
    """The reporter adds information to a signal they reported (the public channel's receipt code).

    A note in the history at the unit where the signal now is; the reporter need not (and may not) see where that
    is, so this does not go through need to know — only the account that reported the signal may add.
    """
    signal = Signal.objects.select_for_update().filter(pk=signal_id, reported_by=actor).first()
    if signal is None:
        raise Http404
    note = _clean_note(note, field="text", required=True)
    event = SignalEvent(
        signal=signal,
        action=HopAction.NOTE,
        from_unit_id=signal.reporting_unit_id,
        to_unit_id=signal.current_unit_id,
        by=actor,
        note=note,
    )
    return _commit(signal, actor=actor, channel=channel, events=[event], items=[_log(signal)])
