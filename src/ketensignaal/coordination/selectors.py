"""Read side of the LRO: meetings, the composed agenda (bundled per person), decisions and task lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.governance.processing_log import subject_ref
from ketensignaal.governance.reads import read_item, reads_logged, reads_record
from ketensignaal.intake.models import Signal
from ketensignaal.persons.models import PersonName, PersonSignalLink
from ketensignaal.persons.scopes import sees_whole_person
from ketensignaal.persons.selectors import display_name_for

from .models import AgendaItem, Decision, Meeting, PutForward, Task, TaskStatus
from .services import ACTIVITY

NOT_SHARED = "niet gedeeld: geen grondslag"


@dataclass
class SignalRow:
    """What the agenda shows of a signal (plain values: thousands of rows stay cheap)."""

    id: Any
    reference: str
    acute: bool
    created_at: Any
    organisation_code: str
    organisation_name: str
    categories: list[str] = field(default_factory=list)


@dataclass
class AgendaSignal:
    signal: SignalRow
    put_forward: bool
    withheld_units: list[str]


@dataclass
class AgendaLine:
    item: AgendaItem
    signals: list[AgendaSignal] = field(default_factory=list)
    earlier: list[Decision] = field(default_factory=list)
    acute: bool = False
    oldest: Any = None
    # The person's name as this viewer may see it (the stored one may come from a signal they cannot see).
    display_name: str = ""

    @property
    def withheld_units(self) -> list[str]:
        return sorted({code for s in self.signals for code in s.withheld_units})


def meeting_list(*, user: Any, channel: str = "web") -> QuerySet[Meeting]:
    qs = visible(user, Meeting.objects.all()).order_by("-date")
    return qs


def meeting_get(*, user: Any, meeting_id: Any, channel: str = "web") -> Meeting:
    meeting = get_visible_or_404(user, Meeting.objects.all(), pk=meeting_id)
    reads_record(
        user=user, channel=channel, items=[read_item(activity=ACTIVITY, object_type="lro-meeting", object_id=meeting.pk)]
    )
    return meeting


def agenda_compose(*, user: Any, meeting: Meeting, channel: str = "web") -> list[AgendaLine]:
    """The agenda: items bundled per person with every signal of theirs the caller may see, acute and oldest first.

    A fixed number of queries whatever the size of the agenda.
    """
    # The item, link and signal sets are joined inside the database (subqueries), never shipped back as id lists:
    # an agenda of thousands of persons stays a handful of small statements.
    items_qs = visible(user, AgendaItem.objects.filter(meeting=meeting, removed=False))
    items = list(
        items_qs.select_related("person", "carried_from").prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.filter(withdrawn_at__isnull=True).select_related("owner_unit", "task"),
                to_attr="active_decisions",
            )
        )
    )
    put_forward = PutForward.objects.filter(meeting=meeting)
    # Most signals were shared with every member: read the withheld lists only where there are any.
    put: dict[Any, Any] = dict.fromkeys(put_forward.values_list("signal_id", flat=True), ())
    put.update(put_forward.exclude(withheld_units=[]).values_list("signal_id", "withheld_units"))
    links = PersonSignalLink.objects.filter(person_id__in=items_qs.filter(person__isnull=False).values("person_id"))
    by_person: dict[Any, list[Any]] = {}
    for person_id, signal_id in links.values_list("person_id", "signal_id"):
        by_person.setdefault(person_id, []).append(signal_id)
    wanted = visible(
        user,
        Signal.objects.filter(
            Q(pk__in=links.values("signal_id")) | Q(pk__in=items_qs.filter(signal__isnull=False).values("signal_id"))
        ),
    )
    rows = wanted.values_list(
        "id", "reference", "acute", "created_at", "reporting_unit__organisation__code", "reporting_unit__organisation__name"
    )
    signals: dict[Any, SignalRow] = {r[0]: SignalRow(*r) for r in rows}
    if signals:
        through = Signal.categories.through
        for signal_id, code in through.objects.filter(signal_id__in=wanted.values("id")).values_list(
            "signal_id", "category__code"
        ):
            if signal_id in signals:
                signals[signal_id].categories.append(code)
    earlier_by_key: dict[tuple[Any, Any], list[Decision]] = {}
    if items:
        earlier = (
            Decision.objects.filter(item__meeting__date__lt=meeting.date, withdrawn_at__isnull=True)
            .filter(
                Q(item__person_id__in=items_qs.filter(person__isnull=False).values("person_id"))
                | Q(item__signal_id__in=items_qs.filter(signal__isnull=False).values("signal_id"))
            )
            .select_related("item__meeting", "owner_unit", "task")
            .order_by("decided_at")
        )
        for decision in earlier:
            earlier_by_key.setdefault((decision.item.person_id, decision.item.signal_id), []).append(decision)
    complete = sees_whole_person(user)
    visible_names: dict[Any, list[str]] = {}
    if not complete:
        names = visible(user, PersonName.objects.filter(person_id__in=items_qs.filter(person__isnull=False).values("person_id")))
        for person_id, original in names.order_by("id").values_list("person_id", "original"):
            visible_names.setdefault(person_id, []).append(original)
    lines = []
    for item in items:
        ids = by_person.get(item.person_id, []) if item.person_id else [item.signal_id]
        line = AgendaLine(item=item, earlier=earlier_by_key.get((item.person_id, item.signal_id), []))
        if item.person is not None:
            line.display_name = display_name_for(item.person, visible_names.get(item.person_id, []), complete=complete)
        for sid in ids:
            signal = signals.get(sid)
            if signal is None:
                continue
            withheld = put.get(sid) if sid is not None else None
            line.signals.append(
                AgendaSignal(signal=signal, put_forward=withheld is not None, withheld_units=list(withheld or []))
            )
        line.signals.sort(key=lambda s: (not s.signal.acute, s.signal.created_at))
        line.acute = any(s.signal.acute for s in line.signals)
        line.oldest = min((s.signal.created_at for s in line.signals), default=item.added_at)
        lines.append(line)
    lines.sort(key=lambda line: (not line.acute, line.oldest))
    log_items = [read_item(activity=ACTIVITY, object_type="lro-agenda", object_id=meeting.pk)]
    # one read entry per data subject on the agenda (the person, or the signal for an item without a person)
    log_items += [
        read_item(
            activity=ACTIVITY,
            object_type="lro-agenda-item",
            object_id=line.item.pk,
            subject=subject_ref("person", line.item.person_id)
            if line.item.person_id
            else subject_ref("signal", line.item.signal_id),
        )
        for line in lines
    ]
    reads_record(user=user, items=log_items, channel=channel)
    return lines


@dataclass(frozen=True)
class Recipient:
    """One member unit as the put-forward would reach it: over which flow, or why not."""

    unit_code: str
    unit_name: str
    crosses_organisation: bool
    flow: str
    problem: str

    @property
    def receives(self) -> bool:
        return not self.problem


def put_forward_preview(*, user: Any, signal: Signal) -> list[Recipient]:
    """Which member units would receive ``signal`` if the hub put it on the agenda, weighed as the disclosure
    service will weigh it (flow and handling code, from the unit that holds it) — shown before the hub confirms."""
    from ketensignaal.coordination.config import member_unit_codes
    from ketensignaal.identity.models import Unit
    from ketensignaal.routing.selectors import destination_problem

    rows = []
    for unit in Unit.objects.filter(code__in=member_unit_codes()).select_related("organisation").order_by("name"):
        crosses = unit.organisation_id != signal.current_unit.organisation_id
        flow, problem = destination_problem(signal=signal, target=unit)
        rows.append(Recipient(unit.code, unit.name, crosses, flow, problem))
    return rows


def decisions_for(*, user: Any, meeting: Meeting) -> QuerySet[Decision]:
    return reads_logged(
        visible(user, Decision.objects.filter(item__meeting=meeting, withdrawn_at__isnull=True)).select_related(
            "owner_unit", "task", "item__person", "item__signal"
        ),
        user=user,
        activity=ACTIVITY,
        object_type="lro-decision",
        subject=lambda d: (
            subject_ref("person", d.item.person_id) if d.item.person_id else subject_ref("signal", d.item.signal_id)
        ),
    )


def task_list(*, user: Any, status: str | None = TaskStatus.OPEN, channel: str = "web") -> list[Task]:
    """Tasks owned by the caller's unit (open by default), overdue first."""
    qs = visible(user, Task.objects.filter(owner_unit_id=user.unit_id)).select_related("owner_unit", "decision__item__meeting")
    if status:
        qs = qs.filter(status=status)
    tasks = list(qs.order_by("due", "created_at"))
    reads_record(
        user=user, channel=channel, items=[read_item(activity=ACTIVITY, object_type="lro-task", object_id=t.pk) for t in tasks]
    )
    return tasks


def task_get(*, user: Any, task_id: Any) -> Task:
    return get_visible_or_404(user, Task.objects.all(), pk=task_id)


def today() -> Any:
    return timezone.localdate()
