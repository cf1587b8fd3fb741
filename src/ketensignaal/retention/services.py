"""Retention: rules, legal holds, and destruction in the open (propose → review → confirm → cooling-off → run).

Every write is logged in its own transaction (activity ``bewaren-vernietigen``). A destruction run works in
batches; each batch is one transaction that destroys its records, writes their report lines (the items' status)
and their log entries together, so a crash leaves every record either fully present or fully destroyed with its
report line, and a new run resumes with what is left. One run at a time: a second is refused while the first's
heartbeat is fresh.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import F, ProtectedError, QuerySet, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.conferences.models import ConferenceCase
from ketensignaal.core.dates import long_moment
from ketensignaal.core.errors import Conflict, NotAllowed, ValidationFailed
from ketensignaal.core.ids import is_uuid
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.identity.models import Organisation
from ketensignaal.intake.attachments import attachment_path
from ketensignaal.intake.models import Attachment, Signal, SignalInvolvement
from ketensignaal.persons.models import Person, PersonSignalLink
from ketensignaal.retention import engine
from ketensignaal.retention.models import (
    OPEN_STATUSES,
    DestructionItem,
    DestructionList,
    DestructionRunLock,
    HoldTarget,
    ItemStatus,
    LegalHold,
    ListStatus,
    RetentionRule,
    RetentionRuleChange,
)
from ketensignaal.retention.rules import RULES, ensure_default_rules
from ketensignaal.retention.scopes import may_manage_retention

ACTIVITY = Activity.RETENTION
PROPOSAL_CHUNK = 2000
# An exclusion keeps the record off the next lists for this long (then it is weighed again).
EXCLUSION_MONTHS = 12


def _cooling_off() -> timedelta:
    return timedelta(days=int(getattr(settings, "RETENTION_COOLING_OFF_DAYS", 14)))


def _stale_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "RETENTION_RUN_STALE_SECONDS", 300)))


def _require_officer(actor: Any) -> None:
    if not may_manage_retention(actor):
        raise NotAllowed(
            gettext("Alleen de privacyfunctionaris beheert bewaartermijnen en vernietiging."), code="privacy_officer_only"
        )


def _required_text(value: str, name: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(message, invalid_params=[{"name": name, "code": "required", "reason": message}])
    return value


def _log(actor: Any, channel: str, items: Sequence[LogItem]) -> None:
    processing_log_record(actor=actor, items=items, channel=channel)


# ---------------------------------------------------------------------------------------------------------------
# Rules


@transaction.atomic
def retention_rule_update(
    *, actor: Any, record_type: str, period_months: int, legal_source: str, reason: str, channel: str
) -> RetentionRule:
    """Change a rule's period or source note; refused below the record type's documented legal minimum."""
    _require_officer(actor)
    ensure_default_rules()
    rule = RetentionRule.objects.select_for_update().filter(record_type=record_type).first()
    if rule is None:
        raise ValidationFailed(
            gettext("Onbekende soort gegevens."),
            invalid_params=[{"name": "record_type", "code": "unknown", "reason": gettext("Onbekende soort gegevens.")}],
        )
    meta = RULES[record_type]
    if period_months < meta.minimum_months:
        message = (
            f"Een bewaartermijn van {period_months} maanden is korter dan het wettelijk minimum van "
            f"{meta.minimum_months} maanden ({meta.minimum_source})."
        )
        raise ValidationFailed(
            message,
            code="below_legal_minimum",
            invalid_params=[{"name": "period_months", "code": "below_legal_minimum", "reason": message}],
        )
    if period_months > 1200:
        raise ValidationFailed(
            gettext("Een bewaartermijn van meer dan honderd jaar is geen bewaartermijn."),
            invalid_params=[{"name": "period_months", "code": "too_long", "reason": gettext("Hoogstens 1200 maanden.")}],
        )
    legal_source = _required_text(legal_source, "legal_source", "Vermeld de wettelijke bron van de bewaartermijn.")
    reason = _required_text(reason, "reason", "Geef een reden voor de wijziging.")
    if rule.period_months == period_months and rule.legal_source == legal_source:
        return rule
    RetentionRuleChange.objects.create(
        rule=rule,
        period_before=rule.period_months,
        period_after=period_months,
        legal_source=legal_source,
        reason=reason,
        changed_by=actor,
    )
    rule.period_months, rule.legal_source = period_months, legal_source
    rule.updated_at, rule.updated_by = timezone.now(), actor
    rule.save(update_fields=["period_months", "legal_source", "updated_at", "updated_by"])
    _log(actor, channel, [LogItem(activity=ACTIVITY, action="update", object_type="retention-rule", object_id=record_type)])
    return rule


# ---------------------------------------------------------------------------------------------------------------
# Legal holds


@dataclass(frozen=True)
class HoldSubject:
    target: str
    target_id: Any
    label: str


def _org_units(organisation_id: int) -> Any:
    from ketensignaal.identity.models import Unit

    return Unit.objects.filter(organisation_id=organisation_id).values("pk")


def _resolve_hold_target(actor: Any, target: str, identifier: str) -> HoldSubject:
    """The record a hold is about, if the officer's organisation has a part in it (else 404-like refusal)."""
    org_id = actor.unit.organisation_id
    identifier = (identifier or "").strip()
    missing = ValidationFailed(
        gettext("Dit dossier bestaat niet of uw organisatie heeft er geen rol in."),
        code="unknown_target",
        invalid_params=[{"name": target, "code": "not_found", "reason": gettext("Onbekend of niet van uw organisatie.")}],
    )
    try:
        if target == HoldTarget.SIGNAL:
            lookup = {"reference": identifier.upper()} if identifier.upper().startswith("KS-") else {"pk": identifier}
            signal = Signal.objects.filter(**lookup).first()
            if signal is None or not SignalInvolvement.objects.filter(signal=signal, unit_id__in=_org_units(org_id)).exists():
                raise missing
            return HoldSubject(HoldTarget.SIGNAL, signal.pk, signal.reference)
        if target == HoldTarget.PERSON:
            if identifier.upper().startswith("KS-"):  # the person linked to this signal (screens show no person ids)
                person = Person.objects.filter(signal_links__signal__reference=identifier.upper()).first()
            else:
                person = Person.objects.filter(pk=identifier).first()
            involved = SignalInvolvement.objects.filter(
                signal__person_link__person=person, unit_id__in=_org_units(org_id)
            ).exists()
            # Person records are the IND hub's: its privacy officers may hold any; others one their signals reached.
            if person is None or not (involved or actor.unit.organisation.code == engine.PERSON_CONTROLLER):
                raise missing
            first = Signal.objects.filter(person_link__person=person).order_by("created_at").values_list("reference", flat=True)
            return HoldSubject(HoldTarget.PERSON, person.pk, f"persoon van {first.first() or '—'}")
        if target == HoldTarget.CASE:
            lookup = {"reference": identifier} if not is_uuid(identifier) else {"pk": identifier}
            case = ConferenceCase.objects.filter(**lookup, municipality__organisation_id=org_id).first()
            if case is None:
                raise missing
            return HoldSubject(HoldTarget.CASE, case.pk, case.reference)
    except (ValueError, TypeError, DjangoValidationError):
        raise missing from None
    raise missing


@transaction.atomic
def legal_hold_place(*, actor: Any, target: str, identifier: str, reason: str, channel: str) -> tuple[LegalHold, bool]:
    """Place a hold (or return the active one already on the same record: a repeated submit is harmless)."""
    _require_officer(actor)
    if target not in HoldTarget.values:
        raise ValidationFailed(
            gettext("Kies een persoon, signaal of casus."),
            invalid_params=[{"name": "target", "code": "invalid_choice", "reason": gettext("person, signal of case.")}],
        )
    reason = _required_text(reason, "reason", "Geef de reden van de bewaarplicht.")
    subject = _resolve_hold_target(actor, target, identifier)
    existing = LegalHold.objects.filter(
        target=subject.target, target_id=subject.target_id, released_at__isnull=True, organisation_id=actor.unit.organisation_id
    ).first()
    if existing is not None:
        return existing, False
    hold = LegalHold.objects.create(
        target=subject.target,
        target_id=subject.target_id,
        target_label=subject.label,
        organisation_id=actor.unit.organisation_id,
        reason=reason,
        owner=actor,
    )
    _log(
        actor,
        channel,
        [
            LogItem(
                activity=ACTIVITY,
                action="create",
                object_type="legal-hold",
                object_id=hold.pk,
                subject=subject_ref(
                    subject.target if subject.target != HoldTarget.CASE else "conference-case", subject.target_id
                ),
            )
        ],
    )
    return hold, True


@transaction.atomic
def legal_hold_release(*, actor: Any, hold: LegalHold, reason: str, channel: str) -> LegalHold:
    _require_officer(actor)
    reason = _required_text(reason, "reason", "Geef de reden om de bewaarplicht op te heffen.")
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.released_at is not None:
        return hold
    hold.released_at, hold.released_by, hold.release_reason = timezone.now(), actor, reason
    hold.save(update_fields=["released_at", "released_by", "release_reason"])
    _log(actor, channel, [LogItem(activity=ACTIVITY, action="update", object_type="legal-hold", object_id=hold.pk)])
    return hold


# ---------------------------------------------------------------------------------------------------------------
# Proposal


def _next_number(today: date) -> str:
    prefix = f"VL-{today.year}-"
    last = DestructionList.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True).first()
    return f"{prefix}{(int(last.rsplit('-', 1)[1]) if last else 0) + 1:04d}"


@transaction.atomic
def destruction_lists_propose(*, today: date | None = None) -> list[DestructionList]:
    """The periodic job's first half: one list per organisation of what is due, not held, not linked, not already
    on an open list and not deferred by an earlier review. An organisation with a list still under review gets no
    new one (what became due waits for the next)."""
    today = today or timezone.localdate()
    ensure_default_rules()
    busy_orgs = set(DestructionList.objects.filter(status=ListStatus.PROPOSED).values_list("organisation_id", flat=True))
    skip = set(
        DestructionItem.objects.filter(status=ItemStatus.PROPOSED, list__status__in=OPEN_STATUSES).values_list(
            "object_id", flat=True
        )
    )
    skip |= set(DestructionItem.objects.filter(not_before__gt=today).values_list("object_id", flat=True))
    per_org: dict[int, list[tuple[engine.Candidate, int]]] = defaultdict(list)
    for rule in RetentionRule.objects.filter(record_type__in=engine.AUTOMATED):
        cutoff = engine.cutoff_for(rule.period_months, today)
        chunk: list[engine.Candidate] = []

        def flush(chunk: list[engine.Candidate], rule: RetentionRule = rule) -> None:
            kept = engine.kept_for_proposal(rule.record_type, [c.object_id for c in chunk])
            for c in chunk:
                if c.object_id not in kept:
                    per_org[c.organisation_id].append((c, rule.period_months))

        for candidate in engine.candidates(rule.record_type, cutoff):
            if candidate.organisation_id in busy_orgs or candidate.object_id in skip:
                continue
            chunk.append(candidate)
            if len(chunk) >= PROPOSAL_CHUNK:
                flush(chunk)
                chunk = []
        if chunk:
            flush(chunk)
    created = []
    for org_id, rows in sorted(per_org.items()):
        dlist = DestructionList.objects.create(number=_next_number(today), organisation_id=org_id, total=len(rows))
        DestructionItem.objects.bulk_create(
            [
                DestructionItem(
                    list=dlist,
                    record_type=c.record_type,
                    object_id=c.object_id,
                    reference=c.reference[:40],
                    reference_date=c.reference_date,
                    due_on=c.reference_date + engine.relativedelta(months=period),
                    period_months=period,
                )
                for c, period in rows
            ],
            batch_size=5000,
        )
        created.append(dlist)
    if created:
        _log(
            None,
            "job",
            [LogItem(activity=ACTIVITY, action="create", object_type="destruction-list", object_id=d.pk) for d in created],
        )
    return created


# ---------------------------------------------------------------------------------------------------------------
# Review, confirm, cancel


def _lock_list(dlist: DestructionList) -> DestructionList:
    return DestructionList.objects.select_for_update().get(pk=dlist.pk)


def _require_status(dlist: DestructionList, *statuses: str, action: str) -> None:
    if dlist.status not in statuses:
        raise Conflict(
            gettext("Deze lijst is %(status)s; %(action)s kan nu niet meer.")
            % {"status": dlist.get_status_display().lower(), "action": action},
            code="list_status",
        )


@dataclass(frozen=True)
class Exclusion:
    item_id: Any
    reason: str
    until: date | None = None


@transaction.atomic
def destruction_list_review(
    *, actor: Any, dlist: DestructionList, exclude: Sequence[Exclusion], channel: str, today: date | None = None
) -> DestructionList:
    """The privacy officer takes items off the list: excluded with a reason, or postponed to a later date."""
    _require_officer(actor)
    today = today or timezone.localdate()
    dlist = _lock_list(dlist)
    _require_status(dlist, ListStatus.PROPOSED, action=gettext("beoordelen"))
    items = {str(i.pk): i for i in dlist.items.filter(pk__in=[str(e.item_id) for e in exclude if e.item_id])}
    problems = []
    for n, e in enumerate(exclude):
        if str(e.item_id) not in items:
            problems.append(
                {"name": f"exclude[{n}].item", "code": "not_found", "reason": gettext("Deze regel staat niet op de lijst.")}
            )
        if not (e.reason or "").strip():
            problems.append({"name": f"exclude[{n}].reason", "code": "required", "reason": gettext("Geef een reden.")})
        if e.until is not None and e.until <= today:
            problems.append({"name": f"exclude[{n}].until", "code": "not_later", "reason": gettext("Kies een datum na vandaag.")})
    if problems:
        raise ValidationFailed(gettext("De beoordeling is niet volledig."), invalid_params=problems)
    now = timezone.now()
    log = []
    for e in exclude:
        item = items[str(e.item_id)]
        if item.status != ItemStatus.PROPOSED:
            continue  # decided already: a repeated submit changes nothing
        item.status = ItemStatus.POSTPONED if e.until else ItemStatus.EXCLUDED
        item.not_before = e.until or today + engine.relativedelta(months=EXCLUSION_MONTHS)
        item.reason, item.decided_by, item.decided_at = e.reason.strip(), actor, now
        item.save(update_fields=["status", "not_before", "reason", "decided_by", "decided_at"])
        log.append(
            LogItem(
                activity=ACTIVITY,
                action="update",
                object_type="destruction-item",
                object_id=item.pk,
                subject=_item_subject(item),
            )
        )
    _log(actor, channel, log)
    return dlist


def _item_subject(item: DestructionItem) -> str:
    if item.record_type in ("attachment", "naslag-answer", "ambtsbericht"):
        return ""
    if item.record_type == "person-without-signals":
        return subject_ref("person", item.object_id)
    if item.record_type in ("liv-trajectory", "conference-case"):
        return subject_ref(item.record_type, item.object_id)
    return subject_ref("signal", item.object_id)


@transaction.atomic
def destruction_list_confirm(*, actor: Any, dlist: DestructionList, channel: str) -> DestructionList:
    """Start the cooling-off period; destruction runs after it unless the list is cancelled."""
    _require_officer(actor)
    dlist = _lock_list(dlist)
    if dlist.status == ListStatus.CONFIRMED:
        return dlist  # a second submit of the same confirmation
    _require_status(dlist, ListStatus.PROPOSED, action=gettext("bevestigen"))
    if not dlist.items.filter(status=ItemStatus.PROPOSED).exists():
        raise Conflict(gettext("Er staat niets meer op deze lijst om te vernietigen."), code="list_empty")
    now = timezone.now()
    dlist.status, dlist.confirmed_at, dlist.confirmed_by = ListStatus.CONFIRMED, now, actor
    dlist.destroy_after = now + _cooling_off()
    dlist.save(update_fields=["status", "confirmed_at", "confirmed_by", "destroy_after"])
    _log(actor, channel, [LogItem(activity=ACTIVITY, action="update", object_type="destruction-list", object_id=dlist.pk)])
    return dlist


@transaction.atomic
def destruction_list_cancel(*, actor: Any, dlist: DestructionList, reason: str, channel: str) -> DestructionList:
    _require_officer(actor)
    reason = _required_text(reason, "reason", "Geef de reden om de vernietiging te annuleren.")
    dlist = _lock_list(dlist)
    if dlist.status == ListStatus.CANCELLED:
        return dlist
    _require_status(dlist, ListStatus.PROPOSED, ListStatus.CONFIRMED, action=gettext("annuleren"))
    dlist.status, dlist.cancelled_at, dlist.cancelled_by, dlist.cancel_reason = (
        ListStatus.CANCELLED,
        timezone.now(),
        actor,
        reason,
    )
    dlist.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
    _log(actor, channel, [LogItem(activity=ACTIVITY, action="update", object_type="destruction-list", object_id=dlist.pk)])
    return dlist


# ---------------------------------------------------------------------------------------------------------------
# Run


class DestructionRunning(Conflict):
    code = "destruction_running"


def _claim(dlist: DestructionList) -> str:
    token = secrets.token_hex(16)
    now = timezone.now()  # the heartbeat is wall-clock time, whatever moment the run is asked to act as
    with transaction.atomic():
        lock, _ = DestructionRunLock.objects.select_for_update().get_or_create(pk=1)
        if lock.token and lock.heartbeat_at and lock.heartbeat_at > now - _stale_after():
            other = DestructionList.objects.filter(pk=str(lock.list_id)).values_list("number", flat=True).first() or "?"
            raise DestructionRunning(
                f"Er loopt al een vernietiging (lijst {other}, laatst actief om "
                f"{timezone.localtime(lock.heartbeat_at):%H:%M:%S}). Een tweede tegelijk wordt geweigerd; "
                "wacht tot die klaar is.",
            )
        lock.token, lock.list, lock.heartbeat_at = token, dlist, now
        lock.save()
    return token


def _release(token: str) -> None:
    DestructionRunLock.objects.filter(pk=1, token=token).update(token="", list=None, heartbeat_at=None)


@dataclass
class RunResult:
    list_number: str
    destroyed: int = 0
    kept: int = 0
    batches: int = 0


def destruction_run(
    *,
    dlist: DestructionList,
    now: datetime | None = None,
    batch_size: int = 200,
    on_batch: Callable[[int], None] | None = None,
) -> RunResult:
    """Destroy the list's remaining items, batch by batch; refused while another run holds the lock."""
    now = now or timezone.now()
    dlist = DestructionList.objects.get(pk=dlist.pk)
    if dlist.status == ListStatus.CONFIRMED and dlist.destroy_after and dlist.destroy_after > now:
        raise Conflict(
            gettext("De bedenktijd loopt tot %(destroy_after)s.") % {"destroy_after": long_moment(dlist.destroy_after)},
            code="cooling_off",
        )
    _require_status(dlist, ListStatus.CONFIRMED, ListStatus.RUNNING, action=gettext("vernietigen"))
    token = _claim(dlist)
    result = RunResult(dlist.number)
    try:
        DestructionList.objects.filter(pk=dlist.pk).update(
            status=ListStatus.RUNNING, started_at=dlist.started_at or timezone.now()
        )
        today = timezone.localdate(now)
        cutoffs = {r.record_type: engine.cutoff_for(r.period_months, today) for r in RetentionRule.objects.all()}
        while True:
            batch = list(
                dlist.items.filter(status=ItemStatus.PROPOSED)
                .order_by("record_type", "pk")
                .values_list("pk", "record_type", "object_id")[:batch_size]
            )
            if not batch:
                break
            _run_batch(dlist, token, batch, cutoffs, result)
            result.batches += 1
            if on_batch is not None:
                on_batch(result.batches)
        DestructionList.objects.filter(pk=dlist.pk).update(status=ListStatus.COMPLETED, finished_at=timezone.now())
    finally:
        _release(token)
    return result


def _run_batch(
    dlist: DestructionList, token: str, batch: list[tuple[Any, str, Any]], cutoffs: dict[str, date], result: RunResult
) -> None:
    by_type: dict[str, list[Any]] = defaultdict(list)
    item_of: dict[Any, Any] = {}
    for item_pk, record_type, object_id in batch:
        by_type[record_type].append(object_id)
        item_of[object_id] = item_pk
    with transaction.atomic():
        if not DestructionRunLock.objects.filter(pk=1, token=token).update(heartbeat_at=timezone.now()):
            raise DestructionRunning("Een andere vernietigingsrun heeft deze lijst overgenomen.")
        log: list[LogItem] = []
        files: list[Any] = []
        statuses: dict[str, list[Any]] = defaultdict(list)
        copies: dict[Any, int] = {}
        for record_type, ids in by_type.items():
            outcome = engine.destroy_batch(record_type, ids, cutoffs[record_type])
            for object_id, status in outcome.status.items():
                statuses[status].append(item_of[object_id])
            copies.update({item_of[k]: v for k, v in outcome.copies.items()})
            log.extend(outcome.log_items)
            files.extend(outcome.files)
        now = timezone.now()
        for status, item_pks in statuses.items():
            DestructionItem.objects.filter(pk__in=item_pks).update(
                status=status, destroyed_at=now if status == ItemStatus.DESTROYED else None
            )
        for count, item_pks in _group_by_count(copies).items():
            DestructionItem.objects.filter(pk__in=item_pks).update(copies_recalled=count)
        DestructionList.objects.filter(pk=dlist.pk).update(processed=F("processed") + len(batch))
        # The job acts on the confirming officer's decision: their unit is whose processing this is (and whose
        # privacy officer finds it in the log); the channel says the job carried it out.
        _log(dlist.confirmed_by, "job", log)
        paths = list(files)
        transaction.on_commit(lambda: engine.remove_files(paths))
    result.destroyed += len(statuses.get(ItemStatus.DESTROYED, []))
    result.kept += len(batch) - len(statuses.get(ItemStatus.DESTROYED, []))


def _group_by_count(copies: dict[Any, int]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for item_pk, count in copies.items():
        grouped[count].append(item_pk)
    return grouped


def due_lists(now: datetime | None = None) -> QuerySet[DestructionList]:
    """Confirmed lists past their cooling-off period, and lists whose run stopped half-way (resumed)."""
    now = now or timezone.now()
    return DestructionList.objects.filter(status=ListStatus.CONFIRMED, destroy_after__lte=now) | DestructionList.objects.filter(
        status=ListStatus.RUNNING
    )


def retention_cycle() -> dict[str, Any]:
    """The periodic job: run what is due for destruction, then propose new lists."""
    ran = []
    for dlist in list(due_lists().order_by("confirmed_at")):
        try:
            ran.append(destruction_run(dlist=dlist).__dict__)
        except DestructionRunning:
            break
    proposed = destruction_lists_propose()
    return {"ran": ran, "proposed": [d.number for d in proposed]}


def organisation_of(dlist: DestructionList) -> Organisation:
    return dlist.organisation


# ---------------------------------------------------------------------------------------------------------------
# Erasure on a data-subject request (AVG art. 17)

ERASABLE = ("signal", "attachment", "person")


@dataclass(frozen=True)
class ErasureTarget:
    object_type: str
    object_id: Any


def records_erase(*, actor: Any, targets: Sequence[ErasureTarget], request_reference: str, channel: str) -> dict[str, str]:
    """Destroy the records a handler decided to erase, the way a destruction run destroys them: every copy of a
    signal recalled (a recall entry per recipient), the record deleted, one log entry per record, the files removed
    after commit. All or nothing: a record under a legal hold (re-checked here, under lock), or one another file still
    refers to, refuses the whole erasure with a clear message and destroys nothing. Returns the result per object id
    (``destroyed``, or ``gone`` when it no longer existed). Must run in the caller's transaction (with the request's
    answer)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("records_erase must run inside the caller's transaction.")
    unknown = sorted({t.object_type for t in targets} - set(ERASABLE))
    if unknown:
        raise ValidationFailed(
            gettext("Deze gegevens kunnen hier niet gewist worden: %(unknown)s.") % {"unknown": ", ".join(unknown)},
            code="not_erasable",
        )
    ids: dict[str, list[Any]] = {kind: [t.object_id for t in targets if t.object_type == kind] for kind in ERASABLE}
    result: dict[str, str] = {}
    signals = set(Signal.objects.select_for_update().filter(pk__in=ids["signal"]).values_list("pk", flat=True))
    attachments = {str(pk): signal_id for pk, signal_id in engine.attachment_signal_ids(ids["attachment"]).items()}
    persons = set(Person.objects.select_for_update().filter(pk__in=ids["person"]).values_list("pk", flat=True))
    held = engine.held_signal_ids(signals | set(attachments.values())) | engine.held_person_ids(persons)
    if held:
        raise Conflict(
            gettext(
                "Er rust een bewaarplicht op een of meer van deze gegevens; wissen kan niet zolang die geldt. "
                "Weiger het wissen van die gegevens op een grond, of laat de bewaarplicht eerst opheffen."
            ),
            code="legal_hold",
        )
    linked = engine.linked_signal_ids(signals)
    if linked:
        references = ", ".join(sorted(Signal.objects.filter(pk__in=linked).values_list("reference", flat=True)))
        raise Conflict(
            gettext(
                "Een ander dossier (LRO, LIV of casusoverleg) verwijst nog naar %(references)s; dat volgt de bewaartermijn van "
                "dat dossier. Weiger het wissen op een grond."
            )
            % {"references": references},
            code="linked_elsewhere",
        )
    outcome = engine.BatchOutcome()
    for pk in ids["signal"]:
        result[str(pk)] = ItemStatus.GONE
    if signals:
        engine._recall_and_delete(sorted(signals), outcome)
        result.update({str(pk): ItemStatus.DESTROYED for pk in signals})
    remaining = [pk for pk in ids["attachment"] if str(pk) in attachments and attachments[str(pk)] not in signals]
    for pk in ids["attachment"]:
        result[str(pk)] = ItemStatus.DESTROYED if str(pk) in attachments else ItemStatus.GONE
    if remaining:
        rows = list(Attachment.objects.select_for_update().filter(pk__in=remaining).only("pk", "storage_name", "signal_id"))
        outcome.files.extend(attachment_path(a) for a in rows)
        Attachment.objects.filter(pk__in=remaining).delete()
        outcome.log_items.extend(engine._destruction_item("attachment", a.pk, subject_ref("signal", a.signal_id)) for a in rows)
    for pk in ids["person"]:
        result[str(pk)] = ItemStatus.GONE
    if persons:
        still_linked = set(PersonSignalLink.objects.filter(person_id__in=persons).values_list("person_id", flat=True))
        referenced = engine.linked_person_ids(persons)
        if still_linked or referenced:
            raise Conflict(
                gettext(
                    "De persoon kan pas gewist worden als ook al zijn signalen gewist worden en geen ander dossier "
                    "(LRO, screening, ambtsbericht) meer naar hem verwijst. Weiger het wissen van de persoon op een grond."
                ),
                code="person_still_referenced",
            )
        try:
            with transaction.atomic():
                Person.objects.filter(pk__in=persons).delete()
        except (ProtectedError, RestrictedError) as error:
            raise Conflict(
                gettext(
                    "Een ander gegeven verwijst nog naar deze persoon (bijvoorbeeld een ander verzoek van de betrokkene); "
                    "weiger het wissen van de persoon op een grond."
                ),
                code="person_still_referenced",
            ) from error
        outcome.log_items.extend(engine._destruction_item("person", pk, subject_ref("person", pk)) for pk in persons)
        result.update({str(pk): ItemStatus.DESTROYED for pk in persons})
    basis = f"AVG art. 17 (verzoek {request_reference})"
    _log(actor, channel, [replace(i, legal_basis=basis) if i.action == "delete" else i for i in outcome.log_items])
    files = list(outcome.files)
    transaction.on_commit(lambda: engine.remove_files(files))
    return result
