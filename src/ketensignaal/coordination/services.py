"""Write side of the LRO: meetings, putting signals forward, agenda changes, decisions and tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.dates import date_from_input, date_input_problem, long_date
from ketensignaal.core.errors import (
    Conflict,
    DomainError,
    HandlingCodeForbids,
    NoLegalBasis,
    NotAllowed,
    ValidationFailed,
    choose_one_of,
)
from ketensignaal.core.ids import is_uuid
from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.handling_codes import on_shared_document_problem
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import InvolvementReason, Signal
from ketensignaal.persons.models import PersonSignalLink
from ketensignaal.routing.disclosure import signal_disclose
from ketensignaal.routing.milestones import signal_follow_up_record
from ketensignaal.routing.models import LRO_WITHDRAWN_REASON
from ketensignaal.trajectories.config import liv_unit_code

from .config import cycle_days, member_unit_codes
from .models import (
    AgendaItem,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
    PutForward,
    Task,
    TaskStatus,
)
from .scopes import is_member, may_manage_meetings

ACTIVITY = Activity.LRO


def _param(name: str, reason: str, code: str = "required") -> dict[str, str]:
    return {"name": name, "code": code, "reason": reason}


def log(
    actor: Any, action: str, object_type: str, object_id: Any, *, channel: str, subject: str = "", legal_basis: str = ""
) -> None:
    processing_log_record(
        actor=actor,
        items=[
            LogItem(
                activity=ACTIVITY,
                action=action,
                object_type=object_type,
                object_id=object_id,
                subject=subject,
                legal_basis=legal_basis,
            )
        ],
        channel=channel,
    )


def _require_member(actor: Any) -> None:
    if not is_member(actor):
        raise NotAllowed(gettext("Alleen leden van het LRO (IND TSZ, KMar intelligence, politie CTER) kunnen dit doen."))


def _require_hub(actor: Any) -> None:
    if not may_manage_meetings(actor):
        raise NotAllowed(gettext("Alleen de hub (IND TSZ, hub-analist) kan signalen voordragen voor het LRO."))


def next_meeting_date(*, today: dt.date | None = None) -> dt.date:
    """Three weeks after the last meeting; never in the past."""
    today = today or timezone.localdate()
    last = Meeting.objects.aggregate(last=Max("date"))["last"]
    cycle = dt.timedelta(days=cycle_days())
    proposed = last + cycle if last else today
    while proposed < today:
        proposed += cycle
    return proposed


def _open_meeting(actor: Any, meeting_id: Any, *, lock: bool = True) -> Meeting:
    qs = Meeting.objects.select_for_update() if lock else Meeting.objects.all()
    meeting = get_visible_or_404(actor, qs, pk=meeting_id)
    if meeting.status != MeetingStatus.PLANNED:
        raise Conflict(gettext("Dit overleg is afgesloten; de agenda en besluiten liggen vast."), code="meeting_closed")
    return meeting


@transaction.atomic
def meeting_create(*, actor: Any, date: dt.date | None = None, channel: str = "web") -> Meeting:
    """Plan a meeting (default: the proposed date) and carry over items whose follow-up tasks are still open."""
    _require_member(actor)
    date = date or next_meeting_date()
    if date < timezone.localdate():
        raise ValidationFailed(
            gettext("Een overleg kan niet in het verleden worden gepland."),
            invalid_params=[_param("date", gettext("Kies vandaag of later."), "past")],
        )
    if Meeting.objects.filter(date=date).exists():
        raise Conflict(gettext("Er is al een LRO-overleg op %(date)s.") % {"date": long_date(date)}, code="meeting_exists")
    meeting = Meeting.objects.create(date=date, created_by=actor)
    log(actor, "create", "lro-meeting", meeting.pk, channel=channel)
    carried = (
        AgendaItem.objects.filter(
            decisions__task__status=TaskStatus.OPEN, decisions__withdrawn_at__isnull=True, meeting__date__lt=date
        )
        .exclude(meeting=meeting)
        .distinct()
        .order_by("added_at")
    )
    seen: set[tuple[Any, Any]] = set()
    for item in carried:
        key = (item.person_id, item.signal_id)
        same: dict[str, Any] = {"person_id": item.person_id, "signal_id": item.signal_id}
        if key in seen or AgendaItem.objects.filter(meeting=meeting, **same).exists():
            continue
        seen.add(key)
        AgendaItem.objects.create(
            meeting=meeting,
            person_id=item.person_id,
            signal_id=item.signal_id,
            carried_from=item,
            added_by=actor,
            added_reason="Open besluit uit een eerder overleg",
        )
    return meeting


@transaction.atomic
def meeting_move(*, actor: Any, meeting_id: Any, date: dt.date, channel: str = "web") -> Meeting:
    _require_member(actor)
    meeting = _open_meeting(actor, meeting_id)
    if date < timezone.localdate():
        raise ValidationFailed(
            gettext("Een overleg kan niet naar het verleden worden verplaatst."),
            invalid_params=[_param("date", gettext("Kies vandaag of later."), "past")],
        )
    if Meeting.objects.filter(date=date).exclude(pk=meeting.pk).exists():
        raise Conflict(gettext("Er is al een LRO-overleg op %(date)s.") % {"date": long_date(date)}, code="meeting_exists")
    meeting.date, meeting.version = date, meeting.version + 1
    meeting.save(update_fields=["date", "version"])
    log(actor, "update", "lro-meeting", meeting.pk, channel=channel)
    return meeting


def _share_with_members(*, actor: Any, signal: Signal, justification: str, channel: str) -> list[str]:
    """Grant LRO involvement to every member unit a registered flow allows; return the units withheld."""
    members = Unit.objects.filter(code__in=member_unit_codes()).select_related("organisation").order_by("code")
    return _share(
        actor=actor, signal=signal, units=members, reason=InvolvementReason.LRO, justification=justification, channel=channel
    )


def _share(
    *, actor: Any, signal: Signal, units: Iterable[Unit], reason: str, justification: str, channel: str, strict: bool = False
) -> list[str]:
    """Give ``units`` need to know on ``signal`` through the disclosure service, from the unit that holds it.

    A unit without a registered flow (or one the handling code keeps out) is withheld and returned — or, with
    ``strict``, the refusal is raised. A missing justification for a step across organisations is always raised.
    """
    holder = signal.current_unit
    withheld: list[str] = []
    for unit in units:
        try:
            signal_disclose(
                actor=actor,
                signal=signal,
                to_unit=unit,
                from_unit=holder,
                reason=reason,
                justification=justification,
                channel=channel,
                activity=ACTIVITY,
            )
        except (NoLegalBasis, HandlingCodeForbids):
            if strict:
                raise
            withheld.append(unit.code)
    return withheld


def _item_for(*, meeting: Meeting, signal: Signal, actor: Any, reason: str) -> AgendaItem:
    link = PersonSignalLink.objects.filter(signal=signal).only("person_id").first()
    if link is not None:
        item, _ = AgendaItem.objects.get_or_create(
            meeting=meeting, person_id=link.person_id, defaults={"added_by": actor, "added_reason": reason}
        )
    else:
        item, _ = AgendaItem.objects.get_or_create(
            meeting=meeting, signal=signal, defaults={"added_by": actor, "added_reason": reason}
        )
    if item.removed:
        item.removed, item.removed_reason, item.version = False, "", item.version + 1
        item.save(update_fields=["removed", "removed_reason", "version"])
    return item


STANDARD_PUT_FORWARD_WEIGHING = (
    "Standaardafweging (API zonder eigen afweging): voorgedragen voor gezamenlijke duiding en afstemming van de "
    "opvolging in het Landelijk Regie Overleg, het doel van de geregistreerde stroom."
)


@transaction.atomic
def item_put_forward(
    *, actor: Any, meeting_id: Any, signal_id: Any, reason: str = "", justification: str = "", channel: str = "web"
) -> AgendaItem:
    """The hub puts a signal it can see forward to a planned meeting; members get it where a flow allows.

    Giving the members of other organisations need to know is a disclosure: it needs the case-level
    ``justification`` (400 without). A ``RED`` signal never goes on an agenda (403 ``handling_code``).
    """
    _require_hub(actor)
    meeting = _open_meeting(actor, meeting_id)
    signal = (
        visible(actor, Signal.objects.select_related("current_unit__organisation")).filter(pk=signal_id).first()
        if signal_id
        else None
    )
    if signal is None:
        raise ValidationFailed(
            gettext("Dit signaal bestaat niet of de hub heeft er geen toegang toe."),
            invalid_params=[_param("signal", gettext("Kies een signaal dat de hub kan zien."), "not_found")],
        )
    if PutForward.objects.filter(meeting=meeting, signal=signal).exists():
        raise Conflict(gettext("Dit signaal staat al op de agenda van dit overleg."), code="already_on_agenda")
    problem = on_shared_document_problem(code=signal.handling_code)
    if problem:
        raise HandlingCodeForbids(problem)
    # The reason the hub gives for putting the signal forward is its case-level weighing, unless given separately.
    justification = (justification or "").strip() or reason.strip()
    withheld = _share_with_members(actor=actor, signal=signal, justification=justification, channel=channel)
    item = _item_for(meeting=meeting, signal=signal, actor=actor, reason=reason.strip())
    PutForward.objects.create(meeting=meeting, item=item, signal=signal, by=actor, reason=reason.strip(), withheld_units=withheld)
    log(actor, "create", "lro-agenda-item", item.pk, channel=channel, subject=subject_ref("signal", signal.pk))
    return item


@transaction.atomic
def item_remove(*, actor: Any, meeting_id: Any, item_id: Any, reason: str, channel: str = "web") -> AgendaItem:
    _require_member(actor)
    meeting = _open_meeting(actor, meeting_id)
    if not (reason or "").strip():
        raise ValidationFailed(
            gettext("Geef een reden om dit punt van de agenda te halen."),
            invalid_params=[_param("reason", gettext("Reden is verplicht."))],
        )
    item = get_visible_or_404(actor, AgendaItem.objects.select_for_update(), pk=item_id, meeting=meeting)
    if item.decisions.filter(withdrawn_at__isnull=True).exists():
        raise Conflict(gettext("Over dit punt is al besloten; het kan niet meer van de agenda."), code="item_decided")
    item.removed, item.removed_reason, item.version = True, reason.strip(), item.version + 1
    item.save(update_fields=["removed", "removed_reason", "version"])
    log(actor, "update", "lro-agenda-item", item.pk, channel=channel)
    return item


def _due_problem(value: Any) -> str:
    """Why the typed due date is not a date: a date that does not exist says so (31-02-2026), anything else how to
    write one."""
    return date_input_problem(str(value)) or gettext("Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-11-2026.")


def _parse_due(value: Any) -> dt.date | None:
    """A date, or the text typed on the screen (day-month-year, see ``core.dates``); the API hands a date."""
    if isinstance(value, dt.date):
        return value
    return date_from_input(str(value)) if value else None


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    meeting_id: Any,
    item_id: Any,
    interpretation: str,
    decision: str,
    owner: str,
    due: Any,
    justification: str = "",
    expected_version: int | None = None,
    idempotency_key: str = "",
    replaces: Decision | None = None,
    channel: str = "web",
) -> Decision:
    """Record one agreed follow-up on an item; it becomes a Task for the owner unit (and an LIV request for 'liv').

    The owner needs the signals the meeting discussed. Giving an owner of another organisation need to know is a
    disclosure (flow, handling code, ``justification``); when the owner may not receive them the decision is
    refused with that message and nothing is saved — never a task about a person the owner cannot see.

    Nothing is chosen for the members: the kind of follow-up and the owner are required. A repeated submit is
    harmless: the same ``idempotency_key`` on the same item, or an identical decision still in force, returns the
    decision already recorded (no second task, no second LIV request).
    """
    _require_member(actor)
    meeting = _open_meeting(actor, meeting_id)
    key = (idempotency_key or "").strip()[:64]
    if key and is_uuid(item_id):
        already = Decision.objects.filter(item_id=item_id, item__meeting=meeting, idempotency_key=key).first()
        if already is not None:
            return already
    params = []
    interpretation = (interpretation or "").strip()
    if not interpretation:
        params.append(_param("interpretation", gettext("Leg de gezamenlijke duiding vast.")))
    if not decision:
        params.append(_param("decision", gettext("Kies het afgesproken vervolg.")))
    elif decision not in DecisionKind.values:
        params.append(_param("decision", choose_one_of(DecisionKind.labels), "invalid_choice"))
    unit = Unit.objects.select_related("organisation").filter(code=owner).first() if owner else None
    if not owner:
        params.append(_param("owner", gettext("Wijs een eigenaar (organisatie of eenheid) aan.")))
    elif unit is None:
        params.append(_param("owner", gettext("Onbekende eenheid '%(owner)s'.") % {"owner": owner}, "invalid"))
    due_date = _parse_due(due)
    if not due:
        params.append(_param("due", gettext("Geef een termijn (datum).")))
    elif due_date is None:
        params.append(_param("due", _due_problem(due), "invalid"))
    elif due_date < timezone.localdate():
        params.append(_param("due", gettext("De termijn ligt in het verleden."), "past"))
    item = AgendaItem.objects.select_for_update().filter(pk=item_id).first() if is_uuid(item_id) else None
    if item is None or not visible(actor, AgendaItem.objects.filter(pk=item.pk)).exists():
        params.append(_param("item", gettext("Dit agendapunt bestaat niet."), "not_found"))
    elif item.meeting_id != meeting.pk:
        params.append(_param("item", gettext("Dit agendapunt hoort bij een ander overleg."), "other_meeting"))
    elif item.removed:
        params.append(_param("item", gettext("Dit agendapunt is van de agenda gehaald."), "removed"))
    if params:
        raise ValidationFailed(gettext("Het besluit is niet vastgelegd; zie de toelichting per veld."), invalid_params=params)
    assert item is not None and unit is not None and due_date is not None
    if expected_version is not None and item.version != expected_version:
        raise Conflict(
            gettext(
                "Een ander lid heeft dit agendapunt intussen bijgewerkt. "
                "Ververs het punt, bekijk het vastgelegde besluit en probeer het opnieuw."
            ),
            code="version_mismatch",
        )
    same = Decision.objects.filter(
        item=item, withdrawn_at__isnull=True, kind=decision, owner_unit=unit, due=due_date, interpretation=interpretation
    ).first()
    if same is not None:  # the same decision sent twice (a double click, the back button): it stands once
        return same
    # The owner needs the signals the meeting discussed to take the task up — only those put forward to it, and
    # only over a registered flow from the signal's holder (the person's other signals stay where they are). The
    # LIV gets need to know through its request instead: in person, for its coordinators and assigned team.
    discussed = Signal.objects.filter(pk__in=PutForward.objects.filter(item=item).values("signal_id")).select_related(
        "current_unit__organisation"
    )
    # The meeting's joint interpretation is its case-level weighing, unless the member gives a separate one.
    justification = (justification or "").strip() or interpretation
    if unit.code != liv_unit_code():
        try:
            for signal in discussed:
                _share(
                    actor=actor,
                    signal=signal,
                    units=[unit],
                    reason=InvolvementReason.TASK,
                    justification=justification,
                    channel=channel,
                    strict=True,
                )
        except (NoLegalBasis, HandlingCodeForbids) as refusal:
            raise type(refusal)(
                gettext(
                    "Het besluit is niet vastgelegd: %(unit)s mag de besproken signalen niet ontvangen. %(refusal)s "
                    "Kies een eigenaar die ze mag ontvangen."
                )
                % {"unit": unit.name, "refusal": refusal.detail},
                invalid_params=[{"name": "owner", "code": refusal.code, "reason": refusal.detail}, *refusal.invalid_params],
            ) from refusal
    record = Decision.objects.create(
        item=item,
        interpretation=interpretation,
        kind=decision,
        owner_unit=unit,
        due=due_date,
        decided_by=actor,
        idempotency_key=key,
        replaces=replaces,
    )
    item.version += 1
    item.save(update_fields=["version"])
    label = DecisionKind(decision).label
    Task.objects.create(
        source="lro",
        owner_unit=unit,
        due=due_date,
        decision=record,
        description=f"LRO {long_date(meeting.date)}: {label} — {interpretation}",
    )
    log(actor, "create", "lro-decision", record.pk, channel=channel)
    signals = list(_item_signals(item))
    # The reporters hear that follow-up was agreed, never which (routing keeps the milestone in each history).
    signal_follow_up_record(
        actor=actor, signal_ids=[s.pk for s in discussed], occasion=f"LRO {long_date(meeting.date)}", channel=channel
    )
    if decision == DecisionKind.LIV:
        from ketensignaal.trajectories.services import trajectory_request

        # The LIV's client is COA or the municipality that reported; the request links a discussed signal the
        # deciding member can see (the LIV gets need to know on it through the request).
        first_signal = visible(actor, discussed.order_by("created_at")).select_related("reporting_unit").first()
        first = first_signal.pk if first_signal is not None else None
        reporter_unit = first_signal.reporting_unit.code if first_signal is not None else ""
        client = reporter_unit if reporter_unit.startswith("gemeente.") else "coa"
        trajectory = trajectory_request(
            actor=actor,
            client_code=client,
            question=interpretation,
            signal_id=first,
            source="lro",
            justification=justification,
            channel=channel,
        )
        record.liv_trajectory_id = trajectory.pk
        record.save(update_fields=["liv_trajectory_id"])
    _note_on_signals(
        actor=actor,
        signals=signals,
        text=f"LRO {long_date(meeting.date)}: besloten {label} (eigenaar {unit.name}, termijn {long_date(due_date)}).",
        channel=channel,
    )
    return record


def _item_signals(item: AgendaItem) -> list[Any]:
    if item.person_id:
        return list(PersonSignalLink.objects.filter(person_id=item.person_id).values_list("signal_id", flat=True))
    return [item.signal_id] if item.signal_id else []


def _note_on_signals(*, actor: Any, signals: list[Any], text: str, channel: str) -> None:
    """Leave a note on the signals the actor's unit holds, through routing's service (others are left alone)."""
    from ketensignaal.routing.services import signal_add_note

    held = Signal.objects.filter(pk__in=signals, current_unit_id=actor.unit_id).values_list("pk", flat=True)
    for pk in held:
        try:
            with transaction.atomic():
                signal_add_note(actor=actor, signal_id=pk, note=text, channel=channel)
        except DomainError:
            continue


def _decision_for_change(actor: Any, decision_id: Any) -> tuple[Decision, Meeting]:
    _require_member(actor)
    decision = get_visible_or_404(actor, Decision.objects.select_for_update(), pk=decision_id) if is_uuid(decision_id) else None
    if decision is None:
        raise ValidationFailed(
            gettext("Dit besluit bestaat niet."), invalid_params=[_param("decision", gettext("Onbekend besluit."), "not_found")]
        )
    meeting = _open_meeting(actor, Decision.objects.filter(pk=decision.pk).values_list("item__meeting_id", flat=True)[0])
    if decision.withdrawn_at is not None:
        raise Conflict(gettext("Dit besluit is al ingetrokken of gewijzigd."), code="decision_withdrawn")
    return decision, meeting


def _withdraw(*, actor: Any, decision: Decision, reason: str, channel: str) -> None:
    """End a decision: its task lapses, an LIV request not yet weighed is taken back, the owner's grants end."""
    decision.withdrawn_at, decision.withdrawn_by, decision.withdrawn_reason = timezone.now(), actor, reason
    decision.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    Task.objects.filter(decision=decision, status=TaskStatus.OPEN).update(status=TaskStatus.DROPPED)
    if decision.liv_trajectory_id:
        from ketensignaal.trajectories.services import trajectory_request_withdraw

        trajectory_request_withdraw(actor=actor, trajectory_id=decision.liv_trajectory_id, reason=reason, channel=channel)
    others = Decision.objects.filter(item_id=decision.item_id, owner_unit_id=decision.owner_unit_id, withdrawn_at__isnull=True)
    if not others.exists() and decision.owner_unit.code != liv_unit_code():
        from ketensignaal.routing.disclosure import signal_disclosure_recall

        discussed = Signal.objects.filter(
            pk__in=PutForward.objects.filter(item_id=decision.item_id).values("signal_id"),
            involvements__unit_id=decision.owner_unit_id,
            involvements__reason=InvolvementReason.TASK,
        ).select_related("current_unit")
        for signal in discussed:
            if signal.current_unit_id == decision.owner_unit_id:
                continue  # the owner holds it now: its own history stays
            signal_disclosure_recall(
                actor=actor,
                signal=signal,
                unit=decision.owner_unit,
                # Stored in Dutch; SignalEvent.display_reason shows it in the reader's language.
                reason=LRO_WITHDRAWN_REASON % {"reason": reason},
                channel=channel,
            )
    log(actor, "update", "lro-decision", decision.pk, channel=channel)


@transaction.atomic
def decision_withdraw(*, actor: Any, decision_id: Any, reason: str, channel: str = "web") -> Decision:
    """Withdraw a decision before the meeting closes, with a reason (logged; the task lapses)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            gettext("Geef een reden om het besluit in te trekken."),
            invalid_params=[_param("reason", gettext("Reden is verplicht."))],
        )
    decision, _meeting = _decision_for_change(actor, decision_id)
    _withdraw(actor=actor, decision=decision, reason=reason, channel=channel)
    return decision


@transaction.atomic
def decision_change(
    *,
    actor: Any,
    decision_id: Any,
    interpretation: str,
    decision: str,
    owner: str,
    due: Any,
    justification: str = "",
    idempotency_key: str = "",
    channel: str = "web",
) -> Decision:
    """Change a decision before the meeting closes.

    Same follow-up and owner: the interpretation and due date are corrected in place (and the task with them).
    Another follow-up or owner: the old decision is withdrawn and a new one replaces it (its own task, sharing
    and LIV request), so every step stays in the log.
    """
    record, meeting = _decision_for_change(actor, decision_id)
    key = (idempotency_key or "").strip()[:64]
    if key and record.idempotency_key == key:
        return record  # this change was already made
    if decision == record.kind and owner == record.owner_unit.code:
        interpretation = (interpretation or "").strip()
        due_date = _parse_due(due)
        params = []
        if not interpretation:
            params.append(_param("interpretation", gettext("Leg de gezamenlijke duiding vast.")))
        if due_date is None:
            params.append(_param("due", _due_problem(due), "invalid"))
        elif due_date < timezone.localdate():
            params.append(_param("due", gettext("De termijn ligt in het verleden."), "past"))
        if params:
            raise ValidationFailed(gettext("Het besluit is niet gewijzigd; zie de toelichting per veld."), invalid_params=params)
        assert due_date is not None
        record.interpretation, record.due = interpretation, due_date
        if key:
            record.idempotency_key = key
        record.save(update_fields=["interpretation", "due", *(["idempotency_key"] if key else [])])
        label = DecisionKind(record.kind).label
        Task.objects.filter(decision=record, status=TaskStatus.OPEN).update(
            due=due_date, description=f"LRO {long_date(meeting.date)}: {label} — {interpretation}"
        )
        AgendaItem.objects.filter(pk=record.item_id).update(version=models.F("version") + 1)
        log(actor, "update", "lro-decision", record.pk, channel=channel)
        return record
    _withdraw(actor=actor, decision=record, reason="Gewijzigd in het overleg", channel=channel)
    return decision_record(
        actor=actor,
        meeting_id=meeting.pk,
        item_id=record.item_id,
        interpretation=interpretation,
        decision=decision,
        owner=owner,
        due=due,
        justification=justification,
        idempotency_key=key,
        replaces=record,
        channel=channel,
    )


@transaction.atomic
def meeting_close(*, actor: Any, meeting_id: Any, channel: str = "web") -> Meeting:
    _require_member(actor)
    meeting = _open_meeting(actor, meeting_id)
    meeting.status, meeting.closed_at, meeting.version = MeetingStatus.CLOSED, timezone.now(), meeting.version + 1
    meeting.save(update_fields=["status", "closed_at", "version"])
    log(actor, "update", "lro-meeting", meeting.pk, channel=channel)
    return meeting


@transaction.atomic
def task_complete(*, actor: Any, task_id: Any, expected_version: int | None = None, channel: str = "web") -> Task:
    task = get_visible_or_404(actor, Task.objects.select_for_update(), pk=task_id)
    if task.owner_unit_id != actor.unit_id:
        raise NotAllowed(gettext("Alleen de eigenaar van de taak kan haar afronden."))
    if expected_version is not None and task.version != expected_version:
        raise Conflict(gettext("De taak is intussen bijgewerkt; ververs de pagina."), code="version_mismatch")
    if task.status == TaskStatus.DONE:
        raise Conflict(gettext("Deze taak is al afgerond."), code="already_done")
    task.status, task.done_at, task.done_by, task.version = TaskStatus.DONE, timezone.now(), actor, task.version + 1
    task.save(update_fields=["status", "done_at", "done_by", "version"])
    log(actor, "update", "lro-task", task.pk, channel=channel)
    return task


@transaction.atomic
def minutes_distribute(*, actor: Any, meeting: Meeting, channel: str = "web") -> None:
    """Record the distribution of the minutes: one disclose entry per member unit."""
    for code in member_unit_codes():
        log(actor, "disclose", "lro-minutes", meeting.pk, channel=channel, legal_basis=f"→ {code}")
