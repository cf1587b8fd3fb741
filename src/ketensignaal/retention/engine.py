"""Per record type: which records are due, which are held or linked, and how one batch of them is destroyed.

Every record type with a rule is proposed by the job: signals (by outcome), the attachments of closed signals, person
records without signals, closed LIV trajectories, closed case-conference cases, naslag answers and ambtsberichten
(received from a service). Each is re-checked at destruction (still due, no legal hold, no other file referring to
it) and destroyed on its own (a savepoint per record when a batch cannot go at once), with a log entry per record
and, where the record was shared, a recall entry per recipient: a case's invited partners, a trajectory's experts
and the unit its report was delivered to.

A signal is destroyed with everything that hangs from it by ``CASCADE`` (names, history, attachments, enrichment,
naslag requests, person proposals) after every copy is recalled through the disclosure service. Records that
another file still refers to (``PROTECT``, or a many-to-many link such as an LIV trajectory or a case-conference
case) are not proposed: they follow that file's retention. The processing log is never touched: its entries refer
to the signal by a keyed pseudonym and an id, not by a foreign key.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from dateutil.relativedelta import relativedelta
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from ketensignaal.conferences.models import ConferenceCase, Invitation
from ketensignaal.conferences.models import Phase as CasePhase
from ketensignaal.disclosures.models import Ambtsbericht, NaslagAnswer
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, subject_ref
from ketensignaal.identity.models import Organisation, Unit
from ketensignaal.intake.attachments import attachment_path
from ketensignaal.intake.models import Attachment, Outcome, Signal, SignalStatus
from ketensignaal.persons.models import Person, PersonEvent, PersonSignalLink
from ketensignaal.retention.models import HoldTarget, ItemStatus, LegalHold, RecordType, RetentionClock
from ketensignaal.routing.disclosure import signal_copies_recall
from ketensignaal.trajectories.models import Assignment, LivTrajectory
from ketensignaal.trajectories.models import Phase as TrajectoryPhase

logger = logging.getLogger(__name__)

SIGNAL_OUTCOMES: dict[str, str] = {
    RecordType.SIGNAL_UNFOUNDED: Outcome.UNFOUNDED,
    RecordType.SIGNAL_NO_FURTHER_ACTION: Outcome.NO_FURTHER_ACTION,
    RecordType.SIGNAL_ESTABLISHED: Outcome.ESTABLISHED,
}
AUTOMATED = (
    *SIGNAL_OUTCOMES,
    RecordType.ATTACHMENT,
    RecordType.PERSON_WITHOUT_SIGNALS,
    RecordType.LIV_TRAJECTORY,
    RecordType.CONFERENCE_CASE,
    RecordType.NASLAG_ANSWER,
    RecordType.AMBTSBERICHT,
)
# Person records are the IND hub's (persons.scopes): their destruction is on the IND's lists.
PERSON_CONTROLLER = "ind"


@dataclass(frozen=True)
class Candidate:
    record_type: str
    object_id: UUID
    reference: str
    reference_date: date
    organisation_id: int


def cutoff_for(period_months: int, today: date) -> date:
    """A record whose reference date is on or before this date is due."""
    return today - relativedelta(months=period_months)


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


# ---------------------------------------------------------------------------------------------------------------
# Holds and links


def held_signal_ids(signal_ids: Iterable[Any]) -> set[Any]:
    """Signals under an active hold: on the signal, on the person it is linked to, or on a case it belongs to."""
    ids = list(signal_ids)
    if not ids:
        return set()
    active = LegalHold.objects.filter(released_at__isnull=True)
    held = set(active.filter(target=HoldTarget.SIGNAL, target_id__in=ids).values_list("target_id", flat=True))
    persons = active.filter(target=HoldTarget.PERSON).values("target_id")
    held |= set(PersonSignalLink.objects.filter(signal_id__in=ids, person_id__in=persons).values_list("signal_id", flat=True))
    cases = active.filter(target=HoldTarget.CASE).values("target_id")
    through = ConferenceCase.signals.through
    held |= set(through.objects.filter(signal_id__in=ids, conferencecase_id__in=cases).values_list("signal_id", flat=True))
    return held


def _referenced_ids(model: type[models.Model], ids: list[Any], *, also: Sequence[type[models.Model]] = ()) -> set[Any]:
    """Rows of ``model`` another file still refers to: a ``PROTECT``/``RESTRICT`` foreign key or a many-to-many
    link from another model, or any foreign key from the models in ``also``. Found from the model graph, so a
    context that adds such a reference is covered without changing this module."""
    if not ids:
        return set()
    linked: set[Any] = set()
    relations: list[Any] = [
        f
        for f in model._meta.get_fields(include_hidden=True)  # related_name="+" relations are hidden, not absent
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one or f.many_to_many)
    ]
    for relation in relations:
        if relation.many_to_many:
            through = relation.through
            column = next(f.attname for f in through._meta.concrete_fields if f.is_relation and f.related_model is model)
            linked |= set(through.objects.filter(**{f"{column}__in": ids}).values_list(column, flat=True))
        elif relation.on_delete in (models.PROTECT, models.RESTRICT) or relation.related_model in also:
            column = relation.field.attname
            manager = relation.related_model._default_manager
            linked |= set(manager.filter(**{f"{column}__in": ids}).values_list(column, flat=True))
    return linked


def linked_signal_ids(signal_ids: Iterable[Any]) -> set[Any]:
    """Signals another file still refers to (an LRO agenda item, an LIV trajectory, a case-conference case)."""
    return _referenced_ids(Signal, list(signal_ids))


def held_person_ids(person_ids: Iterable[Any]) -> set[Any]:
    ids = list(person_ids)
    active = LegalHold.objects.filter(released_at__isnull=True, target=HoldTarget.PERSON, target_id__in=ids)
    return set(active.values_list("target_id", flat=True))


def linked_person_ids(person_ids: Iterable[Any]) -> set[Any]:
    """Persons another file still refers to (LRO agenda, screening, a merge) or that an ambtsbericht is about (its
    own retention is longer: the person stays with it)."""
    return _referenced_ids(Person, list(person_ids), also=(Ambtsbericht,))


def orphaned_persons(person_ids: Iterable[Any]) -> list[Any]:
    """Of ``person_ids``, the persons that have no signal left."""
    ids = list(person_ids)
    with_links = set(PersonSignalLink.objects.filter(person_id__in=ids).values_list("person_id", flat=True))
    return [pk for pk in ids if pk not in with_links]


def _persons_without_signals() -> Any:
    """Person records without any signal, not merged, each with the moment their period counts from: the latest
    of created, last history event (e.g. a signal linked) and the moment their last signal was destroyed."""
    clock = RetentionClock.objects.filter(record_type=RecordType.PERSON_WITHOUT_SIGNALS, object_id=OuterRef("pk"))
    last_event = PersonEvent.objects.filter(person=OuterRef("pk")).order_by("-at").values("at")[:1]
    return (
        Person.objects.filter(merged_into__isnull=True)
        .exclude(Exists(PersonSignalLink.objects.filter(person=OuterRef("pk"))))
        .exclude(Exists(Person.objects.filter(merged_into=OuterRef("pk"))))
        .annotate(
            counted_from=Greatest(
                "created_at",
                Coalesce(Subquery(last_event), "created_at"),
                Coalesce(Subquery(clock.values("since")[:1]), "created_at"),
            )
        )
    )


# ---------------------------------------------------------------------------------------------------------------
# Candidates


def _signal_candidates(record_type: str, cutoff: date) -> Iterator[Candidate]:
    rows = (
        Signal.objects.filter(status=SignalStatus.CLOSED, outcome=SIGNAL_OUTCOMES[record_type], closed_at__lt=_end_of(cutoff))
        .order_by("closed_at", "pk")
        .values_list("pk", "reference", "closed_at", "current_unit__organisation_id")
    )
    for pk, reference, closed_at, organisation_id in rows.iterator(chunk_size=5000):
        if closed_at is not None:
            yield Candidate(record_type, pk, reference, _local_date(closed_at), organisation_id)


def _attachment_candidates(cutoff: date) -> Iterator[Candidate]:
    rows = (
        Attachment.objects.filter(signal__status=SignalStatus.CLOSED, signal__closed_at__lt=_end_of(cutoff))
        .order_by("signal__closed_at", "pk")
        .values_list("pk", "signal__reference", "signal__closed_at", "signal__current_unit__organisation_id", "kind")
    )
    for pk, reference, closed_at, organisation_id, kind in rows.iterator(chunk_size=5000):
        if closed_at is not None:
            yield Candidate(RecordType.ATTACHMENT, pk, f"{reference} ({kind.upper()})", _local_date(closed_at), organisation_id)


def _person_candidates(cutoff: date) -> Iterator[Candidate]:
    org_id = Organisation.objects.filter(code=PERSON_CONTROLLER).values_list("pk", flat=True).first()
    if org_id is None:
        return
    rows = (
        _persons_without_signals()
        .filter(counted_from__lt=_end_of(cutoff))
        .order_by("counted_from", "pk")
        .values_list("pk", "counted_from")
    )
    for pk, counted_from in rows.iterator(chunk_size=5000):
        yield Candidate(RecordType.PERSON_WITHOUT_SIGNALS, pk, person_reference(pk), _local_date(counted_from), org_id)


def person_reference(pk: Any) -> str:
    """A person record has no human reference; this short code names it on a list without any personal data."""
    return f"P-{str(pk)[:8].upper()}"


def _liv_organisation() -> int | None:
    from ketensignaal.trajectories.config import liv_unit_code

    return Unit.objects.filter(code=liv_unit_code()).values_list("organisation_id", flat=True).first()


def _trajectory_candidates(cutoff: date) -> Iterator[Candidate]:
    """Closed (or not accepted) trajectories: the LIV's records, on the LIV's organisation's list."""
    org_id = _liv_organisation()
    rows = (
        LivTrajectory.objects.filter(phase__in=TRAJECTORY_ENDED, closed_at__lt=_end_of(cutoff))
        .order_by("closed_at", "pk")
        .values_list("pk", "reference", "closed_at", "client__organisation_id")
    )
    for pk, reference, closed_at, client_org in rows.iterator(chunk_size=5000):
        if closed_at is not None:
            yield Candidate(RecordType.LIV_TRAJECTORY, pk, reference, _local_date(closed_at), org_id or client_org)


def _case_candidates(cutoff: date) -> Iterator[Candidate]:
    """Closed (or not admitted) case-conference cases, on the municipality's list."""
    rows = (
        ConferenceCase.objects.filter(phase__in=CASE_ENDED, closed_at__lt=_end_of(cutoff))
        .order_by("closed_at", "pk")
        .values_list("pk", "reference", "closed_at", "municipality__organisation_id")
    )
    for pk, reference, closed_at, org_id in rows.iterator(chunk_size=5000):
        if closed_at is not None:
            yield Candidate(RecordType.CONFERENCE_CASE, pk, reference, _local_date(closed_at), org_id)


def _naslag_candidates(cutoff: date) -> Iterator[Candidate]:
    """Answers to naslag requests, on the list of the organisation that asked."""
    rows = (
        NaslagAnswer.objects.filter(received_on__lte=cutoff)
        .order_by("received_on", "pk")
        .values_list("pk", "request__signal__reference", "received_on", "request__requesting_unit__organisation_id")
    )
    for pk, reference, received_on, org_id in rows.iterator(chunk_size=5000):
        yield Candidate(RecordType.NASLAG_ANSWER, pk, f"{reference} (naslag)", received_on, org_id)


def _ambtsbericht_candidates(cutoff: date) -> Iterator[Candidate]:
    """Ambtsberichten received, on the list of the receiving organisation (named by service and date, no content)."""
    rows = (
        Ambtsbericht.objects.filter(received_at__lt=_end_of(cutoff))
        .order_by("received_at", "pk")
        .values_list("pk", "service", "dated", "received_at", "received_by__unit__organisation_id")
    )
    for pk, service, dated, received_at, org_id in rows.iterator(chunk_size=5000):
        if org_id is not None:
            yield Candidate(RecordType.AMBTSBERICHT, pk, f"AB-{service.upper()}-{dated:%Y%m%d}", _local_date(received_at), org_id)


def candidates(record_type: str, cutoff: date) -> Iterator[Candidate]:
    if record_type == RecordType.PERSON_WITHOUT_SIGNALS:
        return _person_candidates(cutoff)
    if record_type == RecordType.LIV_TRAJECTORY:
        return _trajectory_candidates(cutoff)
    if record_type == RecordType.CONFERENCE_CASE:
        return _case_candidates(cutoff)
    if record_type == RecordType.NASLAG_ANSWER:
        return _naslag_candidates(cutoff)
    if record_type == RecordType.AMBTSBERICHT:
        return _ambtsbericht_candidates(cutoff)
    if record_type in SIGNAL_OUTCOMES:
        return _signal_candidates(record_type, cutoff)
    if record_type == RecordType.ATTACHMENT:
        return _attachment_candidates(cutoff)
    return iter(())


def attachment_signal_ids(attachment_ids: Iterable[Any]) -> dict[Any, Any]:
    return dict(Attachment.objects.filter(pk__in=list(attachment_ids)).values_list("pk", "signal_id"))


def kept_for_proposal(record_type: str, object_ids: Sequence[Any]) -> set[Any]:
    """Of ``object_ids``, the ones not to propose: held, or (signals) linked to another file."""
    if record_type in SIGNAL_OUTCOMES:
        return held_signal_ids(object_ids) | linked_signal_ids(object_ids)
    if record_type == RecordType.PERSON_WITHOUT_SIGNALS:
        return held_person_ids(object_ids) | linked_person_ids(object_ids)
    if record_type == RecordType.ATTACHMENT:
        owners = attachment_signal_ids(object_ids)
        held = held_signal_ids(set(owners.values()))
        return {pk for pk, signal_id in owners.items() if signal_id in held}
    if record_type in OTHER_FILES:
        spec = OTHER_FILES[record_type]
        return spec.held(list(object_ids)) | _referenced_ids(spec.model, list(object_ids))
    return set(object_ids)


# ---------------------------------------------------------------------------------------------------------------
# Destruction of one batch


@dataclass
class BatchOutcome:
    """What a batch did, item by item (``status`` per object id), with the log items to append in its transaction."""

    status: dict[Any, str] = field(default_factory=dict)
    copies: dict[Any, int] = field(default_factory=dict)
    log_items: list[LogItem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def _destruction_item(object_type: str, object_id: Any, subject: str) -> LogItem:
    return LogItem(activity=Activity.RETENTION, action="delete", object_type=object_type, object_id=object_id, subject=subject)


def _destroy_signals(record_type: str, ids: list[Any], cutoff: date, outcome: BatchOutcome) -> None:
    rows = {
        pk: (state, closed_at)
        for pk, state, closed_at in Signal.objects.select_for_update()
        .filter(pk__in=ids, status=SignalStatus.CLOSED)
        .order_by("pk")
        .values_list("pk", "outcome", "closed_at")
    }
    present = set(Signal.objects.filter(pk__in=ids).values_list("pk", flat=True)) if len(rows) < len(ids) else set(rows)
    for pk in ids:
        if pk not in present:
            outcome.status[pk] = ItemStatus.GONE
    still_due = {
        pk
        for pk, (state, closed_at) in rows.items()
        if closed_at is not None and state == SIGNAL_OUTCOMES[record_type] and _local_date(closed_at) <= cutoff
    }
    for pk in present - still_due:
        outcome.status[pk] = ItemStatus.KEPT_CHANGED
    held = held_signal_ids(still_due)
    for pk in held:
        outcome.status[pk] = ItemStatus.KEPT_HOLD
    linked = linked_signal_ids(still_due - held)
    for pk in linked:
        outcome.status.setdefault(pk, ItemStatus.KEPT_LINKED)
    doomed = sorted(still_due - held - linked)
    if not doomed:
        return
    persons = set(PersonSignalLink.objects.filter(signal_id__in=doomed).values_list("person_id", flat=True))
    try:
        with transaction.atomic():  # a savepoint: the batch at once, or record by record if something refuses
            destroyed = _recall_and_delete(doomed, outcome)
    except (models.ProtectedError, models.RestrictedError):
        destroyed = []
        for pk in doomed:
            try:
                with transaction.atomic():
                    destroyed += _recall_and_delete([pk], outcome)
            except (models.ProtectedError, models.RestrictedError):
                outcome.status[pk] = ItemStatus.KEPT_LINKED
    orphans = orphaned_persons(persons)
    if orphans:  # their own period (person without signals) starts now
        RetentionClock.objects.filter(record_type=RecordType.PERSON_WITHOUT_SIGNALS, object_id__in=orphans).delete()
        RetentionClock.objects.bulk_create(
            [RetentionClock(record_type=RecordType.PERSON_WITHOUT_SIGNALS, object_id=pk) for pk in orphans]
        )
    for pk in destroyed:
        outcome.status[pk] = ItemStatus.DESTROYED


def _recall_and_delete(ids: list[Any], outcome: BatchOutcome) -> list[Any]:
    """Recall every copy of ``ids`` and delete them; the log items join the outcome only when the deletion held."""
    files = [attachment_path(a) for a in Attachment.objects.filter(signal_id__in=ids).only("storage_name")]
    recalls, copies = signal_copies_recall(signal_ids=ids)
    Signal.objects.filter(pk__in=ids).delete()
    outcome.files.extend(files)
    outcome.log_items.extend(recalls)
    outcome.log_items.extend(_destruction_item("signal", pk, subject_ref("signal", pk)) for pk in ids)
    outcome.copies.update(copies)
    return list(ids)


def _destroy_attachments(ids: list[Any], cutoff: date, outcome: BatchOutcome) -> None:
    rows = {
        a.pk: a
        for a in Attachment.objects.select_for_update()
        .filter(pk__in=ids)
        .select_related("signal")
        .only("pk", "storage_name", "signal__status", "signal__closed_at")
    }
    due = {
        pk
        for pk, a in rows.items()
        if a.signal.status == SignalStatus.CLOSED and a.signal.closed_at is not None and _local_date(a.signal.closed_at) <= cutoff
    }
    held_signals = held_signal_ids({rows[pk].signal_id for pk in due})
    doomed = []
    for pk in ids:
        if pk not in rows:
            outcome.status[pk] = ItemStatus.GONE
        elif pk not in due:
            outcome.status[pk] = ItemStatus.KEPT_CHANGED
        elif rows[pk].signal_id in held_signals:
            outcome.status[pk] = ItemStatus.KEPT_HOLD
        else:
            doomed.append(pk)
    if not doomed:
        return
    outcome.files.extend(attachment_path(rows[pk]) for pk in doomed)
    Attachment.objects.filter(pk__in=doomed).delete()
    for pk in doomed:
        outcome.status[pk] = ItemStatus.DESTROYED
        outcome.log_items.append(_destruction_item("attachment", pk, subject_ref("signal", rows[pk].signal_id)))


def _destroy_persons(ids: list[Any], cutoff: date, outcome: BatchOutcome) -> None:
    present = set(Person.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    due = {
        pk
        for pk, counted_from in _persons_without_signals().filter(pk__in=present).values_list("pk", "counted_from")
        if _local_date(counted_from) <= cutoff
    }
    held = held_person_ids(due)
    linked = linked_person_ids(due - held)
    doomed = sorted(due - held - linked)
    for pk in ids:
        if pk not in present:
            outcome.status[pk] = ItemStatus.GONE
        elif pk not in due:
            outcome.status[pk] = ItemStatus.KEPT_CHANGED
        elif pk in held:
            outcome.status[pk] = ItemStatus.KEPT_HOLD
        elif pk in linked:
            outcome.status[pk] = ItemStatus.KEPT_LINKED
    if not doomed:
        return
    Person.objects.filter(pk__in=doomed).delete()
    RetentionClock.objects.filter(record_type=RecordType.PERSON_WITHOUT_SIGNALS, object_id__in=doomed).delete()
    for pk in doomed:
        outcome.status[pk] = ItemStatus.DESTROYED
        outcome.log_items.append(_destruction_item("person", pk, subject_ref("person", pk)))


# --- the other files: LIV trajectories, case-conference cases, naslag answers, ambtsberichten ------------------------

TRAJECTORY_ENDED = (TrajectoryPhase.CLOSED, TrajectoryPhase.NOT_ACCEPTED)
CASE_ENDED = (CasePhase.CLOSED, CasePhase.NOT_ADMITTED)


def _held_trajectories(ids: list[Any]) -> set[Any]:
    through = LivTrajectory.signals.through
    links = list(through.objects.filter(livtrajectory_id__in=ids).values_list("livtrajectory_id", "signal_id"))
    held = held_signal_ids({signal_id for _pk, signal_id in links})
    return {pk for pk, signal_id in links if signal_id in held}


def _held_cases(ids: list[Any]) -> set[Any]:
    active = LegalHold.objects.filter(released_at__isnull=True)
    held = set(active.filter(target=HoldTarget.CASE, target_id__in=ids).values_list("target_id", flat=True))
    through = ConferenceCase.signals.through
    links = list(through.objects.filter(conferencecase_id__in=ids).values_list("conferencecase_id", "signal_id"))
    held_signals = held_signal_ids({signal_id for _pk, signal_id in links})
    return held | {pk for pk, signal_id in links if signal_id in held_signals}


def _held_naslag_answers(ids: list[Any]) -> set[Any]:
    owners = dict(NaslagAnswer.objects.filter(pk__in=ids).values_list("pk", "request__signal_id"))
    held = held_signal_ids(set(owners.values()))
    return {pk for pk, signal_id in owners.items() if signal_id in held}


def _held_ambtsberichten(ids: list[Any]) -> set[Any]:
    rows = list(Ambtsbericht.objects.filter(pk__in=ids).values_list("pk", "signal_id", "person_id"))
    signals = held_signal_ids({s for _pk, s, _p in rows if s is not None})
    persons = held_person_ids({p for _pk, _s, p in rows if p is not None})
    return {pk for pk, s, p in rows if s in signals or p in persons}


def _due_trajectories(ids: list[Any], cutoff: date) -> set[Any]:
    rows = LivTrajectory.objects.filter(pk__in=ids, phase__in=TRAJECTORY_ENDED).values_list("pk", "closed_at")
    return {pk for pk, closed_at in rows if closed_at is not None and _local_date(closed_at) <= cutoff}


def _due_cases(ids: list[Any], cutoff: date) -> set[Any]:
    rows = ConferenceCase.objects.filter(pk__in=ids, phase__in=CASE_ENDED).values_list("pk", "closed_at")
    return {pk for pk, closed_at in rows if closed_at is not None and _local_date(closed_at) <= cutoff}


def _due_naslag_answers(ids: list[Any], cutoff: date) -> set[Any]:
    return set(NaslagAnswer.objects.filter(pk__in=ids, received_on__lte=cutoff).values_list("pk", flat=True))


def _due_ambtsberichten(ids: list[Any], cutoff: date) -> set[Any]:
    return set(Ambtsbericht.objects.filter(pk__in=ids, received_at__lt=_end_of(cutoff)).values_list("pk", flat=True))


def _recall(object_type: str, object_id: Any, recipient: Any, subject: str) -> LogItem:
    """Proof that one recipient's copy of a file ends with it (object id ``<file>:<recipient>``)."""
    return LogItem(
        activity=Activity.RETENTION,
        action="delete",
        object_type=object_type,
        object_id=f"{object_id}:{recipient}",
        subject=subject,
    )


def _trajectory_copies(ids: list[Any]) -> dict[Any, list[LogItem]]:
    """A trajectory was shared with its experts (assignments) and with the unit its report was delivered to."""
    copies: dict[Any, list[LogItem]] = {pk: [] for pk in ids}
    for pk, expert_id, staff_id in Assignment.objects.filter(trajectory_id__in=ids).values_list(
        "trajectory_id", "expert_id", "staff_id"
    ):
        recipient = f"expert-{expert_id}" if expert_id is not None else f"user-{staff_id}"
        copies[pk].append(_recall("liv-trajectory-copy", pk, recipient, subject_ref("liv-trajectory", pk)))
    for pk, unit_code in LivTrajectory.objects.filter(pk__in=ids, report_delivered_to__isnull=False).values_list(
        "pk", "report_delivered_to__code"
    ):
        copies[pk].append(_recall("liv-trajectory-copy", pk, unit_code, subject_ref("liv-trajectory", pk)))
    return copies


def _case_copies(ids: list[Any]) -> dict[Any, list[LogItem]]:
    """A case was shared with every partner invited to its conference (open or ended invitations alike)."""
    copies: dict[Any, list[LogItem]] = {pk: [] for pk in ids}
    for pk, unit_code in Invitation.objects.filter(case_id__in=ids).values_list("case_id", "unit__code"):
        copies[pk].append(_recall("conference-case-copy", pk, unit_code, subject_ref("conference-case", pk)))
    return copies


def _no_copies(ids: list[Any]) -> dict[Any, list[LogItem]]:
    return {pk: [] for pk in ids}


@dataclass(frozen=True)
class OtherFile:
    model: type[models.Model]
    object_type: str
    due: Any
    held: Any
    copies: Any
    subject: Any


OTHER_FILES: dict[str, OtherFile] = {
    RecordType.LIV_TRAJECTORY: OtherFile(
        LivTrajectory,
        "liv-trajectory",
        _due_trajectories,
        _held_trajectories,
        _trajectory_copies,
        lambda pk: subject_ref("liv-trajectory", pk),
    ),
    RecordType.CONFERENCE_CASE: OtherFile(
        ConferenceCase,
        "conference-case",
        _due_cases,
        _held_cases,
        _case_copies,
        lambda pk: subject_ref("conference-case", pk),
    ),
    RecordType.NASLAG_ANSWER: OtherFile(
        NaslagAnswer,
        "naslag-answer",
        _due_naslag_answers,
        _held_naslag_answers,
        _no_copies,
        lambda pk: "",
    ),
    RecordType.AMBTSBERICHT: OtherFile(
        Ambtsbericht,
        "ambtsbericht",
        _due_ambtsberichten,
        _held_ambtsberichten,
        _no_copies,
        lambda pk: "",
    ),
}


def _subjects(record_type: str, ids: list[Any]) -> dict[Any, str]:
    """Whose data the file is, pseudonymised as elsewhere in the log: a naslag answer's signal, an ambtsbericht's
    person (or signal); a trajectory or case is its own subject."""
    if record_type == RecordType.NASLAG_ANSWER:
        rows = NaslagAnswer.objects.filter(pk__in=ids).values_list("pk", "request__signal_id")
        return {pk: subject_ref("signal", signal_id) for pk, signal_id in rows}
    if record_type == RecordType.AMBTSBERICHT:
        result = {}
        for pk, person_id, signal_id in Ambtsbericht.objects.filter(pk__in=ids).values_list("pk", "person_id", "signal_id"):
            result[pk] = (
                subject_ref("person", person_id) if person_id else (subject_ref("signal", signal_id) if signal_id else "")
            )
        return result
    spec = OTHER_FILES[record_type]
    return {pk: spec.subject(pk) for pk in ids}


def _destroy_other(record_type: str, ids: list[Any], cutoff: date, outcome: BatchOutcome) -> None:
    """Destroy closed files of one of the other types: each still due, not held, not referred to by another file;
    per record in a savepoint (all or nothing per record), with the recall of its copies and its log entry."""
    spec = OTHER_FILES[record_type]
    manager = spec.model._default_manager
    present = set(manager.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    due = spec.due(sorted(present), cutoff)
    held = spec.held(sorted(due))
    linked = _referenced_ids(spec.model, sorted(due - held))
    for pk in ids:
        if pk not in present:
            outcome.status[pk] = ItemStatus.GONE
        elif pk not in due:
            outcome.status[pk] = ItemStatus.KEPT_CHANGED
        elif pk in held:
            outcome.status[pk] = ItemStatus.KEPT_HOLD
        elif pk in linked:
            outcome.status[pk] = ItemStatus.KEPT_LINKED
    doomed = sorted(due - held - linked)
    if not doomed:
        return
    subjects = _subjects(record_type, doomed)
    copies = spec.copies(doomed)
    for pk in doomed:
        try:
            with transaction.atomic():
                manager.filter(pk=pk).delete()
        except (models.ProtectedError, models.RestrictedError):
            outcome.status[pk] = ItemStatus.KEPT_LINKED
            continue
        outcome.status[pk] = ItemStatus.DESTROYED
        outcome.copies[pk] = len(copies[pk])
        outcome.log_items.extend(copies[pk])
        outcome.log_items.append(_destruction_item(spec.object_type, pk, subjects.get(pk, "")))


def destroy_batch(record_type: str, ids: list[Any], cutoff: date) -> BatchOutcome:
    """Destroy what is still due of ``ids`` (one record type); must run inside the batch's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("destroy_batch must run inside the caller's transaction.")
    outcome = BatchOutcome()
    if record_type in SIGNAL_OUTCOMES:
        _destroy_signals(record_type, ids, cutoff, outcome)
    elif record_type == RecordType.ATTACHMENT:
        _destroy_attachments(ids, cutoff, outcome)
    elif record_type == RecordType.PERSON_WITHOUT_SIGNALS:
        _destroy_persons(ids, cutoff, outcome)
    elif record_type in OTHER_FILES:
        _destroy_other(record_type, ids, cutoff, outcome)
    else:
        for pk in ids:
            outcome.status[pk] = ItemStatus.KEPT_CHANGED
    return outcome


def remove_files(paths: Iterable[Path]) -> None:
    """After commit: remove the stored files of destroyed attachments (a leftover file has no row pointing at it)."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:  # pragma: no cover - logged, the row is gone and the file is unreachable
            logger.warning("Kon bijlagebestand niet verwijderen: %s", path.name)
