"""Read side of the LRO: meetings, the composed agenda (bundled per person), decisions and task lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import BooleanField, CharField, ExpressionWrapper, Func, Q, QuerySet
from django.db.models.functions import Coalesce, Left
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.governance.pickers import pick_candidates
from ketensignaal.governance.processing_log import subject_ref, subject_refs
from ketensignaal.governance.reads import read_item, reads_logged, reads_record, reads_record_rows
from ketensignaal.intake.models import Signal
from ketensignaal.persons.models import Person, PersonName, PersonSignalLink
from ketensignaal.persons.scopes import persons_seen_among, sees_whole_person
from ketensignaal.persons.selectors import display_name_from
from ketensignaal.trajectories.selectors import trajectories_visible

from .models import AgendaItem, Decision, Meeting, PutForward, Task, TaskStatus
from .services import ACTIVITY


def not_shared_reason(unit_name: str) -> str:
    """Why a member does not see a signal on the agenda, naming the member (never its code), in the reader's language."""
    return gettext("Niet gedeeld met %(units)s: daarvoor is geen grondslag.") % {"units": unit_name}


class UuidText(Func):
    """A UUID column in its canonical text form (``8-4-4-4-12``, as ``str(uuid)`` writes it) on PostgreSQL and on
    SQLite (which stores the 32 hex digits): the agenda keys its dictionaries, and links its signal lines, by it."""

    output_field = CharField()
    template = "(%(expressions)s)::text"  # PostgreSQL

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        parts = [f"substr({sql}, {start}, {length})" for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))]
        return "(" + " || '-' || ".join(parts) + ")", params * len(parts)


class AgendaSignal(NamedTuple):
    """One signal line of the agenda as the database returned it (a tuple: thousands of lines stay cheap); the
    signal's ``id`` is its canonical text form (:class:`UuidText`)."""

    id: str
    reference: str
    acute: bool
    created_at: Any
    organisation_code: str
    organisation_name: str
    observation_start: str  # the first 120 characters of the observation, as stored
    put_forward: bool
    withheld_units: list[str]
    categories: list[str]

    @property
    def summary(self) -> str:
        """The start of the observation, whitespace collapsed: what the signal is about (computed when shown)."""
        return " ".join(self.observation_start.split())


@dataclass(slots=True)
class AgendaItemRow:
    """An agenda item as the agenda shows it: plain values (thousands of lines stay cheap), this meeting's decisions
    on demand (``decisions.all`` / ``decisions.exists``, as the model's related manager offers them)."""

    id: Any
    person_id: Any
    signal_id: Any
    carried_from_id: Any
    added_at: Any
    added_reason: str
    version: int
    person_name: str | None
    _active: list[Decision] | None = None

    @property
    def pk(self) -> Any:
        return self.id

    @property
    def decisions(self) -> QuerySet[Decision]:
        return Decision.objects.filter(item_id=self.id)

    @property
    def active_decisions(self) -> list[Decision]:
        """This meeting's decisions still in force (not withdrawn or replaced), read once on demand."""
        if self._active is None:
            self._active = list(
                Decision.objects.filter(item_id=self.id, withdrawn_at__isnull=True)
                .select_related("owner_unit", "task")
                .order_by("decided_at")
            )
        return self._active


_ITEM_COLUMNS = ("id", "person_id", "signal_id", "carried_from_id", "added_at", "added_reason", "version", "person__display_name")


@dataclass
class AgendaLine:
    item: AgendaItemRow
    signals: list[AgendaSignal] = field(default_factory=list)
    earlier: list[Decision] = field(default_factory=list)
    acute: bool = False
    oldest: Any = None
    # The person's name as this viewer may see it (the stored one may come from a signal they cannot see).
    display_name: str = ""
    # Whether the viewer may open the person's page (need to know on the person, not only on the agenda item).
    person_visible: bool = False
    # The LIV trajectories this viewer may open, of every decision on the agenda (shared by the lines).
    trajectory_ids: frozenset[Any] = frozenset()

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


def agenda_compose(*, user: Any, meeting: Meeting, channel: str = "web", item_id: Any = None) -> list[AgendaLine]:
    """The agenda: items bundled per person with every signal of theirs the caller may see, acute and oldest first.

    A fixed number of queries whatever the size of the agenda, and little Python per row: the item, link and signal
    sets are joined inside the database (subqueries, never id lists shipped back), the signal lines come back as plain
    tuples already in agenda order (acute first, then oldest) with what the agenda shows of them, and the read entries
    are written in one set-based insert.

    ``item_id``: only that item's line (one item's decision form, loaded on demand), composed and logged exactly as
    on the agenda — the same need to know, the same read entry for the line — but without the agenda's own entry.
    """
    items_qs = visible(user, AgendaItem.objects.filter(meeting=meeting, removed=False))
    if item_id is not None:
        items_qs = items_qs.filter(pk=item_id)
    person_ids = items_qs.filter(person__isnull=False).values("person_id")
    single_ids = items_qs.filter(signal__isnull=False).values("signal_id")
    # Items as plain rows, the person's stored name with them (no model instance per line), and the key of the line's
    # signals: its person's id, or its signal's, in canonical text form (the signal rows carry the same).
    owner = Coalesce(UuidText("person_id"), UuidText("signal_id"))
    items = [
        (AgendaItemRow(*row[:-1]), row[-1]) for row in items_qs.annotate(a_owner=owner).values_list(*_ITEM_COLUMNS, "a_owner")
    ]
    by_owner = _agenda_signals(user=user, meeting=meeting, person_ids=person_ids, single_ids=single_ids)
    earlier_by_key: dict[tuple[Any, Any], list[Decision]] = {}
    decided: dict[Any, list[Decision]] = {}
    if items:
        earlier = (
            visible(user, Decision.objects.filter(item__meeting__date__lt=meeting.date, withdrawn_at__isnull=True))
            .filter(Q(item__person_id__in=person_ids) | Q(item__signal_id__in=single_ids))
            .select_related("item__meeting", "owner_unit", "task")
            .order_by("decided_at")
        )
        for decision in earlier:
            earlier_by_key.setdefault((decision.item.person_id, decision.item.signal_id), []).append(decision)
        # This meeting's decisions in force, read once for every item (the page shows them per item).
        current = visible(user, Decision.objects.filter(item__meeting=meeting, withdrawn_at__isnull=True))
        if item_id is not None:
            current = current.filter(item_id=item_id)
        for decision in current.select_related("owner_unit", "task").order_by("decided_at"):
            decided.setdefault(decision.item_id, []).append(decision)
    # The LIV trajectories of the decisions shown (this meeting's and the earlier ones), as far as the viewer may open
    # them.
    liv_ids = {d.liv_trajectory_id for ds in (*earlier_by_key.values(), *decided.values()) for d in ds if d.liv_trajectory_id}
    trajectory_ids = frozenset(trajectories_visible(user=user, ids=list(liv_ids)))
    # Whether the viewer may open each person's page (need to know on the person, not only on the agenda item): a
    # person with a signal line on the agenda has a link the viewer may see, the persons scope asks only for the rest.
    seen_persons = persons_seen_among(
        user, (item.person_id for item, _ in items if item.person_id), with_visible_link=by_owner.keys()
    )
    complete = sees_whole_person(user)
    visible_names: dict[Any, list[str]] = {}
    if not complete:
        names = visible(user, PersonName.objects.filter(person_id__in=person_ids))
        for person_id, original in names.order_by("id").values_list("person_id", "original"):
            visible_names.setdefault(person_id, []).append(original)
    lines = []
    for item, owner_key in items:
        item._active = decided.get(item.id, [])
        person_id = item.person_id
        line = AgendaLine(item=item, earlier=earlier_by_key.get((person_id, item.signal_id), []))
        line.person_visible = owner_key in seen_persons if person_id else False
        line.trajectory_ids = trajectory_ids
        line.signals = by_owner.get(owner_key, [])
        if person_id:
            line.display_name = display_name_from(item.person_name or "", visible_names.get(person_id, []), complete=complete)
        # the rows came acute first, then oldest: the first tells whether the line is acute and, if not, its oldest
        if line.signals:
            first = line.signals[0]
            line.acute = first.acute
            line.oldest = min(s.created_at for s in line.signals) if first.acute else first.created_at
        else:
            line.oldest = item.added_at
        lines.append(line)
    lines.sort(key=lambda line: (not line.acute, line.oldest))
    # one read entry per data subject on the agenda: the person, or the signal for an item without a person
    subjects = subject_refs(
        ("person", line.item.person_id) if line.item.person_id else ("signal", line.item.signal_id) for line in lines
    )
    reads_record_rows(
        user=user,
        activity=ACTIVITY,
        object_type="lro-agenda-item",
        rows=zip([str(line.item.id) for line in lines], subjects, strict=True),
        with_items=[] if item_id is not None else [read_item(activity=ACTIVITY, object_type="lro-agenda", object_id=meeting.pk)],
        channel=channel,
    )
    return lines


def agenda_line(*, user: Any, meeting: Meeting, item_id: Any, channel: str = "web") -> AgendaLine | None:
    """One line of the agenda as the agenda shows it (None: not on this meeting's agenda, or not for this user)."""
    lines = agenda_compose(user=user, meeting=meeting, channel=channel, item_id=item_id)
    return lines[0] if lines else None


def _agenda_signals(
    *, user: Any, meeting: Meeting, person_ids: QuerySet[Any], single_ids: QuerySet[Any]
) -> dict[str, list[AgendaSignal]]:
    """The agenda's signal lines by owner (the person's id as text, or the signal's for an item without a person), in
    agenda order (acute first, then oldest), each signal only as far as the caller may see it: the link's scope for a
    person's signals, the signal's own for a single one. The dictionaries are keyed by the ids in canonical text form
    (thousands of ``UUID`` keys would each be built and hashed in Python); what the agenda shows of a signal comes with
    its row, nothing is read back by id, and each line is one tuple."""
    put_forward = visible(user, PutForward.objects.filter(meeting=meeting))

    def signal_rows(qs: QuerySet[Any], *, owner: str, signal: str, path: str) -> Any:
        shown = qs.annotate(
            a_owner=UuidText(owner),
            a_key=UuidText(signal),
            a_summary=Left(f"{path}observation_text", 120),
            # put forward to this meeting: a semi-join, one pass over the meeting's put-forwards
            a_put=ExpressionWrapper(Q(**{f"{signal}__in": put_forward.values("signal_id")}), output_field=BooleanField()),
        )
        return shown.order_by(f"-{path}acute", f"{path}created_at", signal).values_list(
            "a_owner",
            "a_key",
            f"{path}reference",
            f"{path}acute",
            f"{path}created_at",
            f"{path}reporting_unit__organisation__code",
            f"{path}reporting_unit__organisation__name",
            "a_summary",
            "a_put",
        )

    links = visible(user, PersonSignalLink.objects.filter(person_id__in=person_ids))
    singles = visible(user, Signal.objects.filter(pk__in=single_ids))
    rows = [
        *signal_rows(links, owner="person_id", signal="signal_id", path="signal__"),
        *signal_rows(singles, owner="pk", signal="pk", path=""),
    ]
    if not rows:
        return {}
    # Most signals were shared with every member: the withheld lists only where there are any.
    withheld = dict(
        put_forward.exclude(withheld_units=[]).annotate(a_key=UuidText("signal_id")).values_list("a_key", "withheld_units")
    )
    categories: dict[str, list[str]] = {}
    linked = Q(signal_id__in=links.values("signal_id")) | Q(signal_id__in=singles.values("pk"))
    through = Signal.categories.through.objects.filter(linked)
    for key, code in through.values_list(UuidText("signal_id"), "category__code"):
        categories.setdefault(key, []).append(code)
    by_owner: dict[str, list[AgendaSignal]] = {}
    line, none = AgendaSignal, ()
    for owner, key, reference, acute, created_at, organisation_code, organisation_name, summary, put in rows:
        held = withheld.get(key, none) if put else none
        signal = line(
            key,
            reference,
            acute,
            created_at,
            organisation_code,
            organisation_name,
            summary or "",
            put,
            [*held],
            categories.get(key, []),
        )
        if (signals := by_owner.get(owner)) is None:
            by_owner[owner] = [signal]
        else:
            signals.append(signal)
    return by_owner


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


def put_forward_candidates(*, user: Any, query: str, meeting: Meeting) -> list[Signal]:
    """Signals the hub may put on this meeting's agenda, found by a name as reported, the reference, a V-number or
    words from the observation — only among the signals the user may see (need to know: the rest is never found).
    Signals already on the agenda are left out. Showing a row is a logged read of the signal's summary
    (the one picker search, ``governance.pickers``)."""
    on_agenda = AgendaItem.objects.filter(meeting=meeting, signal__isnull=False).values("signal_id")
    return pick_candidates(
        visible(user, Signal.objects.exclude(pk__in=on_agenda)).select_related("current_unit"),
        query=query,
        user=user,
        activity=ACTIVITY,
        object_type="signal-summary",
        subject_type="signal",
        names="names__name",
        words=("observation_text",),
        prefetch=("names",),
    )


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


@dataclass(slots=True)
class TaskSignal:
    id: Any
    reference: str
    summary: str


@dataclass(slots=True)
class TaskRow:
    """A task with who and what it is about, each part only as far as the caller may see it: the person (name and
    link) only when the person is visible to the caller, the signals only those the caller may see, the meeting
    only for a caller who may open it."""

    task: Task
    person_id: Any = None
    person_name: str = ""
    signals: list[TaskSignal] = field(default_factory=list)
    meeting: Meeting | None = None


def task_rows(*, user: Any, tasks: list[Task]) -> list[TaskRow]:
    """Who and what of each task, in a fixed number of queries whatever the number of tasks."""
    items = [t.decision.item for t in tasks if t.decision is not None]
    person_ids = {i.person_id for i in items if i.person_id}
    seen_persons = set(visible(user, Person.objects.filter(pk__in=person_ids)).values_list("pk", flat=True))
    complete = sees_whole_person(user)
    names: dict[Any, list[str]] = {}
    for person_id, original in (
        visible(user, PersonName.objects.filter(person_id__in=seen_persons)).order_by("id").values_list("person_id", "original")
    ):
        names.setdefault(person_id, []).append(original)
    stored = dict(Person.objects.filter(pk__in=seen_persons).values_list("pk", "display_name"))
    links: dict[Any, list[Any]] = {}
    for person_id, signal_id in PersonSignalLink.objects.filter(person_id__in=seen_persons).values_list("person_id", "signal_id"):
        links.setdefault(person_id, []).append(signal_id)
    wanted = {sid for ids in links.values() for sid in ids} | {i.signal_id for i in items if i.signal_id}
    signals = {
        pk: TaskSignal(pk, reference, " ".join(text.split())[:120])
        for pk, reference, text in visible(user, Signal.objects.filter(pk__in=wanted))
        .order_by("created_at")
        .values_list("pk", "reference", "observation_text")
    }
    meetings = set(visible(user, Meeting.objects.filter(pk__in={i.meeting_id for i in items})).values_list("pk", flat=True))
    rows = []
    for task in tasks:
        row = TaskRow(task=task)
        item = task.decision.item if task.decision is not None else None
        if item is not None:
            if item.person_id in seen_persons:
                row.person_id = item.person_id
                row.person_name = display_name_from(
                    stored.get(item.person_id, ""), names.get(item.person_id, []), complete=complete
                )
            ids = links.get(item.person_id, []) if item.person_id else [item.signal_id]
            row.signals = [signals[i] for i in ids if i in signals]
            row.meeting = item.meeting if item.meeting_id in meetings else None
        rows.append(row)
    return rows


def task_get(*, user: Any, task_id: Any) -> Task:
    return get_visible_or_404(user, Task.objects.all(), pk=task_id)


def today() -> Any:
    return timezone.localdate()
