"""Reading signals, always through need to know (core.need_to_know).

Every selector takes the user and scopes by their unit's involvement; what
the user may not see is a 404. Reads of personal data (a signal's detail,
history or attachment, and the rows of a list screen) are logged through
``governance.reads``: a list selector returns a queryset that logs the rows
of the page actually shown, whatever the channel, in one write per request.

What another organisation did stays with that organisation: a unit sees the
history entries of hops that start or end in its own organisation, and once
a signal has left its organisation it sees "doorgezet naar ketenpartner",
not where it went next or how it was closed (DOMAIN.md principles 6 and 9).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import HandlingCodeForbids, NoLegalBasis, ValidationFailed, choose_one_of
from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.reads import read_item, reads_logged, reads_record, signal_subject
from ketensignaal.identity.models import Unit, User
from ketensignaal.intake.models import (
    Attachment,
    InvolvementReason,
    Signal,
    SignalInvolvement,
    SignalStatus,
    SubjectName,
)
from ketensignaal.routing import scopes
from ketensignaal.routing.disclosure import GRANT_EVENTS, disclosure_check, recallable
from ketensignaal.routing.models import HopAction, SignalEvent
from ketensignaal.routing.routes import current_edges_from, short_name
from ketensignaal.routing.scopes import may_recall_disclosure


def _log_read(user: User, signal_pk: Any, *, object_type: str = "signal", object_id: Any = None, channel: str = "web") -> None:
    reads_record(
        user=user,
        channel=channel,
        items=[
            read_item(
                activity=Activity.SIGNAL_HANDLING,
                object_type=object_type,
                object_id=object_id or signal_pk,
                subject=signal_subject(signal_pk),
            )
        ],
    )


def _summaries(user: User, qs: QuerySet[Signal]) -> QuerySet[Signal]:
    """A list whose rows (names, categories, status) are logged as read when shown: one entry per row on the page.

    ``object_type`` ``signal-summary`` tells the privacy officer that the row was seen, not the observation.
    """
    return reads_logged(
        qs,
        user=user,
        activity=Activity.SIGNAL_HANDLING,
        object_type="signal-summary",
        subject=lambda signal: signal_subject(signal.pk),
    )


def _detail_qs() -> QuerySet[Signal]:
    return Signal.objects.select_related(
        "current_unit__organisation", "reporting_unit__organisation", "reported_by", "assigned_to", "touchpoint"
    ).prefetch_related("categories", Prefetch("names", queryset=SubjectName.objects.order_by("position")), "attachments")


def _open() -> Q:
    return ~Q(status=SignalStatus.CLOSED)


def _overdue(now: Any) -> Q:
    return _open() & Q(due_at__lt=now, paused_at__isnull=True)


def _inbox_filtered(
    *,
    user: User,
    category: str | None = None,
    touchpoint: str | None = None,
    status: str | None = None,
    overdue: bool | None = None,
    assigned: Any = None,
) -> QuerySet[Signal]:
    """The inbox's signals, filtered and in inbox order (acute first, then by deadline, none last, then oldest)."""
    qs = visible(user, Signal.objects.all()).filter(current_unit_id=user.unit_id)
    if status:
        if status not in SignalStatus.values:
            raise ValidationFailed(
                gettext("Onbekende status."),
                invalid_params=[
                    {
                        "name": "status",
                        "code": "invalid_choice",
                        "reason": choose_one_of(SignalStatus.labels),
                    }
                ],
            )
        qs = qs.filter(status=status)
    else:
        qs = qs.filter(_open())
    if category:
        qs = qs.filter(categories__code=category)
    if touchpoint:
        qs = qs.filter(touchpoint__code=touchpoint)
    now = timezone.now()
    if overdue is True:
        qs = qs.filter(_overdue(now))
    elif overdue is False:
        qs = qs.exclude(_overdue(now))
    if assigned == "me":
        qs = qs.filter(assigned_to_id=user.pk)
    elif assigned is True:
        qs = qs.filter(assigned_to__isnull=False)
    elif assigned is False:
        qs = qs.filter(assigned_to__isnull=True)
    elif assigned not in (None, ""):
        qs = qs.filter(assigned_to_id=assigned)
    return qs.order_by("-acute", F("due_at").asc(nulls_last=True), "created_at")


def inbox_list(
    *,
    user: User,
    category: str | None = None,
    touchpoint: str | None = None,
    status: str | None = None,
    overdue: bool | None = None,
    assigned: Any = None,
) -> QuerySet[Signal]:
    """Signals now at the user's unit: acute first, then by deadline (none last), then oldest first.

    Only open signals unless ``status`` asks for another one.
    """
    qs = _inbox_filtered(user=user, category=category, touchpoint=touchpoint, status=status, overdue=overdue, assigned=assigned)
    return _summaries(
        user,
        qs.select_related("current_unit__organisation", "reporting_unit", "touchpoint", "assigned_to")
        .prefetch_related("categories", Prefetch("names", queryset=SubjectName.objects.order_by("position")))
        # The inbox row shows only the start of the free-text observation (who and what) and no identity details:
        # the database cuts the summary, the rest is not shipped.
        .annotate(summary=Substr("observation_text", 1, 120))
        .defer(*_INBOX_DEFERRED),
    )


# What one API inbox row is read from: plain columns of the signal and its unit, touchpoint and assignee.
INBOX_ROW_COLUMNS = (
    "id",
    "reference",
    "status",
    "outcome",
    "acute",
    "arrived_at",
    "due_at",
    "created_at",
    "version",
    "current_unit_id",
    "current_unit__code",
    "current_unit__organisation_id",
    "touchpoint__code",
    "assigned_to__username",
)


def inbox_rows(
    *,
    user: User,
    category: str | None = None,
    touchpoint: str | None = None,
    status: str | None = None,
    overdue: bool | None = None,
    assigned: Any = None,
) -> QuerySet[Any]:
    """:func:`inbox_list` as plain rows (dictionaries of :data:`INBOX_ROW_COLUMNS`, one query, no model instance per
    row) for the API, which renders a page of 50; the rows of the page are logged as read exactly as
    :func:`inbox_list`'s. Their names and categories: :func:`inbox_row_details`."""
    qs = _inbox_filtered(user=user, category=category, touchpoint=touchpoint, status=status, overdue=overdue, assigned=assigned)
    return reads_logged(
        qs.values(*INBOX_ROW_COLUMNS),
        user=user,
        activity=Activity.SIGNAL_HANDLING,
        object_type="signal-summary",
        subject=lambda row: signal_subject(row["id"]),
    )


def inbox_row_details(signal_ids: list[Any]) -> tuple[dict[Any, str], dict[Any, list[str]]]:
    """The first subject name (lowest position) and the category codes (in the categories' order) of these signals:
    two queries, none when there are no signals."""
    if not signal_ids:
        return {}, {}
    first_names: dict[Any, str] = {}
    names = SubjectName.objects.filter(signal_id__in=signal_ids).order_by("signal_id", "position", "pk")
    for signal_id, name in names.values_list("signal_id", "name"):
        first_names.setdefault(signal_id, name)
    categories: dict[Any, list[str]] = {}
    # In the categories' own order (Category.Meta.ordering), as ``signal.categories.all()`` lists them.
    links = Signal.categories.through.objects.filter(signal_id__in=signal_ids).order_by(
        "signal_id", "category__is_marker", "category__code", "pk"
    )
    for signal_id, code in links.values_list("signal_id", "category__code"):
        categories.setdefault(signal_id, []).append(code)
    return first_names, categories


def acute_elsewhere(*, user: User) -> QuerySet[Signal]:
    """Open acute signals the user's unit was alarmed about (or that passed it) but that another unit holds.

    Shown above the inbox, so an acute signal is at the top of every inbox that has it; an alarmed unit can take
    it over from there (``routing.scopes.may_take_over``).
    """
    if not user.unit_id:
        return Signal.objects.none()
    involved = SignalInvolvement.objects.filter(
        signal_id=OuterRef("pk"),
        unit_id=user.unit_id,
        user__isnull=True,
        reason__in=scopes.ACUTE_RECIPIENT_REASONS,
    )
    qs = (
        visible(user, Signal.objects.filter(acute=True))
        .filter(_open(), Exists(involved))
        .exclude(current_unit_id=user.unit_id)
        .select_related("current_unit", "touchpoint", "assigned_to")
        .prefetch_related("categories", Prefetch("names", queryset=SubjectName.objects.order_by("position")))
        .defer(*_INBOX_DEFERRED)
        .order_by(F("due_at").asc(nulls_last=True), "created_at")
    )
    return _summaries(user, qs)


def open_question(signal: Signal) -> SignalEvent | None:
    """The question the signal waits on: the latest return, while the signal is ``awaiting-information``."""
    if signal.status != SignalStatus.AWAITING_INFORMATION:
        return None
    return (
        SignalEvent.objects.filter(signal_id=signal.pk, action=HopAction.RETURNED)
        .select_related("from_unit__organisation", "to_unit", "by")
        .order_by("-at", "-id")
        .first()
    )


@dataclass(frozen=True)
class WaitingRow:
    """A signal the user's unit asked a question about, with the question and who has to answer it."""

    signal: Signal
    question: SignalEvent


def waiting_on_others(*, user: User) -> list[WaitingRow]:
    """ "Wacht op anderen": signals the user's unit returned with a question that is not answered yet, oldest first.

    The asking unit keeps need to know (it held the signal), so these stay visible; the rows are logged as read.
    """
    if not user.unit_id:
        return []
    latest_return = (
        SignalEvent.objects.filter(signal_id=OuterRef("pk"), action=HopAction.RETURNED)
        .order_by("-at", "-id")
        .values("from_unit_id")[:1]
    )
    signals = list(
        _summaries(
            user,
            visible(user, Signal.objects.filter(status=SignalStatus.AWAITING_INFORMATION))
            .annotate(asked_by_unit=Subquery(latest_return))
            .filter(asked_by_unit=user.unit_id)
            .select_related("current_unit__organisation", "touchpoint", "assigned_to")
            .prefetch_related("categories", Prefetch("names", queryset=SubjectName.objects.order_by("position")))
            .defer(*_INBOX_DEFERRED)
            .order_by("paused_at", "created_at"),
        )
    )
    questions: dict[Any, SignalEvent] = {}
    for event in (
        SignalEvent.objects.filter(signal_id__in=[s.pk for s in signals], action=HopAction.RETURNED)
        .select_related("to_unit", "by")
        .order_by("at", "id")
    ):
        questions[event.signal_id] = event  # the latest one wins
    return [WaitingRow(signal=s, question=questions[s.pk]) for s in signals if s.pk in questions]


def questions_to_my_unit(*, user: User, limit: int = 10) -> list[WaitingRow]:
    """The open questions addressed to the user's unit (signals waiting on its information), oldest first: the start
    page shows them to whoever there may answer, a reporter included. Each row shown is a logged read."""
    if not user.unit_id:
        return []
    signals = list(
        _summaries(
            user,
            visible(user, Signal.objects.filter(status=SignalStatus.AWAITING_INFORMATION, current_unit_id=user.unit_id))
            .select_related("current_unit__organisation", "touchpoint", "assigned_to")
            .prefetch_related("categories", Prefetch("names", queryset=SubjectName.objects.order_by("position")))
            .defer(*_INBOX_DEFERRED)
            .order_by("paused_at", "created_at")[:limit],
        )
    )
    questions: dict[Any, SignalEvent] = {}
    for event in (
        SignalEvent.objects.filter(signal_id__in=[s.pk for s in signals], action=HopAction.RETURNED)
        .select_related("from_unit", "by")
        .order_by("at", "id")
    ):
        questions[event.signal_id] = event  # the latest one wins
    return [WaitingRow(signal=s, question=questions[s.pk]) for s in signals if s.pk in questions]


_INBOX_DEFERRED = ("observation_text", "current_location", "identity_basis", "nationality", "date_of_birth")


def inbox_counts(*, user: User) -> dict[str, int]:
    """How many signals at the user's unit per status, plus overdue and all open ones; one query.

    On PostgreSQL they come from the counter rows a trigger keeps (routing.models.UnitSignalCount, UnitDueCount):
    per status, and per hour of the deadline plus the signals due earlier in the current hour (signal_overdue_idx),
    so the cost does not grow with the inbox.
    A signal at a unit is always visible to it (arriving at a unit records its involvement).
    """
    now = timezone.now()
    if connection.vendor == "postgresql" and user.unit_id:
        with connection.cursor() as cursor:
            cursor.execute(_COUNTS_SQL, {"unit": user.unit_id, "now": now})
            (by_status, overdue) = cursor.fetchone()
        counts = {s: int((by_status or {}).get(s, 0)) for s in SignalStatus.values}
        counts["overdue"] = overdue
        counts["open"] = sum(n for s, n in counts.items() if s in SignalStatus.values and s != SignalStatus.CLOSED)
        return counts
    aggregates = {s: Count("pk", filter=Q(status=s)) for s in SignalStatus.values}
    aggregates["overdue"] = Count("pk", filter=_overdue(now))
    aggregates["open"] = Count("pk", filter=_open())
    return dict(visible(user, Signal.objects.all()).filter(current_unit_id=user.unit_id).aggregate(**aggregates))


_COUNTS_SQL = (
    "SELECT (SELECT json_object_agg(status, n) FROM (SELECT status, sum(n) AS n FROM routing_unitsignalcount "
    "WHERE unit_id = %(unit)s GROUP BY status) c), "
    "(SELECT coalesce(sum(n), 0) FROM routing_unitduecount WHERE unit_id = %(unit)s "
    "AND due_hour < date_trunc('hour', %(now)s::timestamptz, 'UTC')) + "
    "(SELECT count(*) FROM intake_signal WHERE current_unit_id = %(unit)s AND status <> 'closed' AND paused_at IS NULL "
    "AND due_at >= date_trunc('hour', %(now)s::timestamptz, 'UTC') AND due_at < %(now)s)"
)


def inbox_is_default(**filters: Any) -> bool:
    """Whether an inbox request is the unfiltered default view (its size is then ``inbox_counts()['open']``)."""
    return not any(value not in (None, "") for value in filters.values())


def signal_visible(*, user: User, signal_id: Any) -> Signal:
    """The signal, or 404 — without logging (for callers that log their own read)."""
    return get_visible_or_404(user, _detail_qs(), pk=signal_id)


def signal_get(*, user: User, signal_id: Any, channel: str = "web") -> Signal:
    signal = signal_visible(user=user, signal_id=signal_id)
    _log_read(user, signal.pk, channel=channel)
    return signal


def recallable_disclosures(*, user: User, signal: Signal) -> list[SignalInvolvement]:
    """The grants on a signal the caller has seen (``signal_get``) that this user may recall, oldest first."""
    granted_by: dict[int, set[int]] = {}
    for to_unit_id, from_unit_id in SignalEvent.objects.filter(
        signal=signal, action__in=GRANT_EVENTS, from_unit__isnull=False
    ).values_list("to_unit_id", "from_unit_id"):
        granted_by.setdefault(to_unit_id, set()).add(from_unit_id)
    involvements = SignalInvolvement.objects.filter(signal=signal).select_related("unit", "user").order_by("since", "pk")
    return [
        i
        for i in involvements
        if recallable(signal, i) and may_recall_disclosure(user, disclosed_by_unit_ids=granted_by.get(i.unit_id, set()))
    ]


def recallable_disclosure_get(*, user: User, signal: Signal, involvement_id: Any) -> SignalInvolvement:
    """One grant this user may recall, else 404 (as for anything the user has no business with)."""
    for involvement in recallable_disclosures(user=user, signal=signal):
        if str(involvement.pk) == str(involvement_id):
            return involvement
    raise Http404


def holds_signal(user: User, signal: Signal) -> bool:
    """Whether the signal is within the user's own organisation right now."""
    return signal.current_unit.organisation_id == user.organisation_id


def signal_history(*, user: User, signal_id: Any, channel: str = "web") -> list[SignalEvent]:
    signal = signal_visible(user=user, signal_id=signal_id)
    _log_read(user, signal.pk, object_type="signal-history", channel=channel)
    return history_for(
        user, list(SignalEvent.objects.filter(signal=signal).select_related("from_unit", "to_unit", "by").order_by("at", "id"))
    )


_CARRIES_FILE = {HopAction.REPORTED, HopAction.FORWARDED, HopAction.FORWARDED_OFF_ROUTE}


def history_for(user: User, events: list[SignalEvent]) -> list[SignalEvent]:
    """The entries this user's organisation may see.

    A forward into an organisation hands over the file as it is, so the receiver sees everything before
    its latest arrival; after that, an organisation sees only hops that start or end with one of its units.
    A return (a question back to the sender) does not hand over the asker's own notes.
    """
    own = user.organisation_id

    def touches(event: SignalEvent) -> bool:
        return (event.from_unit is not None and event.from_unit.organisation_id == own) or (
            event.to_unit is not None and event.to_unit.organisation_id == own
        )

    cutoff = -1
    for index, event in enumerate(events):
        if event.action in _CARRIES_FILE and event.to_unit is not None and event.to_unit.organisation_id == own:
            cutoff = index
    return [event for index, event in enumerate(events) if index <= cutoff or touches(event)]


def signal_feedback(*, user: User, signal_id: Any) -> dict[str, str]:
    """What a reporter may know: a status and a plain Dutch sentence; never notes, outcomes or other organisations' units."""
    return feedback_for(user, signal_visible(user=user, signal_id=signal_id))


def _follow_up_agreed() -> Exists:
    return Exists(SignalEvent.objects.filter(signal_id=OuterRef("pk"), action=HopAction.FOLLOW_UP_AGREED))


def _put_to_partners() -> Exists:
    return Exists(SignalInvolvement.objects.filter(signal_id=OuterRef("pk"), reason=InvolvementReason.DISCLOSED))


def _flag(signal: Signal, name: str, fallback: QuerySet[Any]) -> bool:
    """An annotation from :func:`my_signals` when present, else one query for this signal."""
    value = getattr(signal, name, None)
    return bool(value) if value is not None else fallback.exists()


def feedback_for(user: User, signal: Signal) -> dict[str, str]:
    """The reporter's feedback; the same words whatever the follow-up, so the wording itself reveals nothing."""
    if signal.status == SignalStatus.CLOSED:
        return {"status": "closed", "summary": gettext("Afgesloten. Dank voor uw melding.")}
    # Written by coordination (routing.milestones): *that* the LRO agreed follow-up, never which.
    if _flag(signal, "feedback_follow_up_agreed", SignalEvent.objects.filter(signal=signal, action=HopAction.FOLLOW_UP_AGREED)):
        return {"status": "follow-up-agreed", "summary": gettext("Besproken in het landelijk overleg; vervolg is afgesproken.")}
    if not holds_signal(user, signal) and _flag(
        signal, "feedback_put_to_partners", signal.involvements.filter(reason=InvolvementReason.DISCLOSED)
    ):
        return {
            "status": "put-to-partners",
            "summary": gettext("Voorgelegd aan ketenpartners."),
        }  # written by disclosures; nothing more
    if not holds_signal(user, signal):
        return {
            "status": "forwarded-to-partner",
            "summary": gettext("Doorgezet naar ketenpartner. Over de verdere afhandeling kan niets worden gedeeld."),
        }
    unit = signal.current_unit
    if signal.status == SignalStatus.AWAITING_INFORMATION:
        return {
            "status": "information-requested",
            "summary": gettext("Er is aanvullende informatie gevraagd aan %(unit)s.") % {"unit": unit.name},
        }
    if signal.status == SignalStatus.RECEIVED:
        return {"status": "received", "summary": gettext("Ontvangen door %(unit)s.") % {"unit": unit.name}}
    return {"status": "in-progress", "summary": gettext("In behandeling bij %(unit)s.") % {"unit": unit.name}}


def my_signals(*, user: User) -> QuerySet[Signal]:
    return _summaries(
        user,
        visible(user, Signal.objects.all())
        .filter(reported_by=user)
        .select_related("current_unit__organisation", "reporting_unit", "touchpoint", "assigned_to")
        .prefetch_related("categories", Prefetch("names", queryset=SubjectName.objects.order_by("position")))
        # What feedback_for asks per row, answered in the list's own query.
        .annotate(feedback_follow_up_agreed=_follow_up_agreed(), feedback_put_to_partners=_put_to_partners()),
    ).order_by("-created_at")


def signal_summaries(*, user: User, signal_ids: Iterable[Any]) -> list[Signal]:
    """Who and what of the given signals as a list row shows them (names as reported, the observation's start), only
    those the user may see, oldest first; each row shown is a logged read (``signal-summary``)."""
    return list(
        _summaries(
            user,
            visible(user, Signal.objects.filter(pk__in=list(signal_ids))).prefetch_related(
                Prefetch("names", queryset=SubjectName.objects.order_by("position"))
            ),
        ).order_by("created_at")
    )


SIGNAL_SEARCH_MIN = 2
SIGNAL_SEARCH_LIMIT = 10


def signal_search(*, user: User, query: str, limit: int = SIGNAL_SEARCH_LIMIT) -> list[Signal]:
    """Signals the user may see whose reference or a name as reported contains ``query``, newest first, at most
    ``limit``: a picker finds the one signal meant instead of listing every visible signal. Each row shown is a logged
    read (``signal-summary``); a query shorter than two characters finds nothing and reads nothing."""
    text = " ".join((query or "").split())
    if len(text) < SIGNAL_SEARCH_MIN:
        return []
    named = SubjectName.objects.filter(name__icontains=text).values("signal_id")
    found = list(
        visible(user, Signal.objects.filter(Q(reference__icontains=text) | Q(pk__in=named)))
        .order_by("-created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sorted(signal_summaries(user=user, signal_ids=found), key=lambda s: s.created_at, reverse=True)


@dataclass(frozen=True)
class ForwardOption:
    unit_code: str
    unit_name: str
    where_needed: bool
    crosses_organisation: bool
    flow: str = ""  # version label of the flow that would carry the disclosure
    problem: str = ""  # why no flow applies (empty when the hop is allowed or stays inside the organisation)

    @property
    def allowed(self) -> bool:
        return not self.problem


def destination_problem(*, signal: Signal, target: Unit) -> tuple[str, str]:
    """(flow version label, problem) of one step from the signal's current unit to ``target``, weighed by the
    disclosure service without the justification (which the user fills in next). Empty problem: allowed."""
    try:
        permit = disclosure_check(signal=signal, from_unit=signal.current_unit, to_unit=target, require_justification=False)
    except (NoLegalBasis, HandlingCodeForbids) as refusal:
        return "", refusal.detail
    return permit.legal_basis, ""


def forward_options(*, user: User, signal: Signal) -> list[ForwardOption]:
    """The next hops on the route from the signal's current unit, each weighed as the disclosure service would
    (flow and handling code), so the form can say per destination whether it is possible before anything is typed."""
    origin = signal.current_unit
    options: list[ForwardOption] = []
    seen: set[int] = set()
    for edge in current_edges_from(origin.code):
        target = edge.to_unit
        if target.pk in seen or target.pk == origin.pk:
            continue
        seen.add(target.pk)
        crosses = target.organisation_id != origin.organisation_id
        flow, problem = destination_problem(signal=signal, target=target)
        options.append(ForwardOption(target.code, target.name, edge.where_needed, crosses, flow, problem))
    return options


def off_route_destinations(*, signal: Signal, exclude: Iterable[str]) -> list[ForwardOption]:
    """Every other active unit, each weighed like :func:`forward_options` (one weighing per organisation)."""
    origin = signal.current_unit
    by_org: dict[int, tuple[str, str]] = {}
    options = []
    for unit in Unit.objects.filter(is_active=True).exclude(code__in=list(exclude)).select_related("organisation"):
        crosses = unit.organisation_id != origin.organisation_id
        if unit.organisation_id not in by_org or not crosses:
            by_org[unit.organisation_id] = destination_problem(signal=signal, target=unit)
        flow, problem = by_org[unit.organisation_id]
        options.append(ForwardOption(unit.code, unit.name, False, crosses, flow, problem))
    return sorted(options, key=lambda o: o.unit_name)


def unit_colleagues(*, user: User) -> QuerySet[User]:
    if user.unit_id is None:
        return User.objects.none()
    return User.objects.filter(unit_id=user.unit_id, is_active=True).order_by("last_name", "first_name", "username")


def attachment_get(*, user: User, signal_id: Any, attachment_id: Any, channel: str = "web") -> Attachment:
    """An attachment of a visible signal (404 otherwise); every download is a logged read."""
    attachment = get_visible_or_404(user, Attachment.objects.all(), pk=attachment_id, signal_id=signal_id)
    _log_read(user, attachment.signal_id, object_type="attachment", object_id=attachment.pk, channel=channel)
    return attachment


def status_for(user: User, signal: Signal) -> dict[str, Any]:
    """Status fields as this user may see them (hidden once the signal has left the user's organisation)."""
    if holds_signal(user, signal) or _follows_open_step(user, signal):
        return {"status": signal.status, "current_unit": signal.current_unit.code, "outcome": signal.outcome or None}
    return {"status": "forwarded-to-partner", "current_unit": None, "outcome": None}


def _follows_open_step(user: User, signal: Signal) -> bool:
    """Units that keep following a signal another organisation holds: the one waiting for the answer to its
    question, and the alarmed units of an open acute signal (they may take it over)."""
    if signal.status == SignalStatus.CLOSED or not user.unit_id:
        return False
    if signal.status == SignalStatus.AWAITING_INFORMATION:
        question = open_question(signal)
        if question is not None and question.from_unit_id == user.unit_id:
            return True
    return scopes.is_acute_recipient(user, signal)


__all__ = [
    "ForwardOption",
    "acute_elsewhere",
    "attachment_get",
    "destination_problem",
    "feedback_for",
    "forward_options",
    "inbox_counts",
    "inbox_list",
    "inbox_row_details",
    "inbox_rows",
    "my_signals",
    "off_route_destinations",
    "open_question",
    "short_name",
    "signal_feedback",
    "signal_get",
    "signal_history",
    "signal_summaries",
    "signal_visible",
    "status_for",
    "unit_colleagues",
    "waiting_on_others",
]
