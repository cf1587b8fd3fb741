"""Reading checklists, screenings and the gaps overview; personal data only through need to know, reads logged."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import NotAllowed, ValidationFailed
from ketensignaal.core.need_to_know import visible
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import subject_ref
from ketensignaal.governance.reads import read_item, reads_record
from ketensignaal.persons.models import Person
from ketensignaal.screening.models import TOUCHPOINT_PROCEDURE, Checklist, Gap, Procedure, Screening, ScreeningGap
from ketensignaal.screening.scopes import may_see_gaps

ACTIVITY = Activity.SCREENING
LEGAL_BASIS = "Vw 2000 art. 107; AVG art. 6 lid 1 sub e"
# Counts from 1 up to this number are not shown (disclosure control): a small cell can point at a person.
SUPPRESS_BELOW = 5


def checklist_current(*, procedure: str, step: str) -> Checklist | None:
    return (
        Checklist.objects.filter(procedure=procedure, touchpoint__code=step, is_current=True)
        .select_related("touchpoint")
        .prefetch_related("items")
        .first()
    )


def checklists_list(*, user: Any, procedure: str = "", step: str = "") -> list[Checklist]:
    """Current checklist versions, optionally for one procedure and step, in procedure order."""
    qs = visible(user, Checklist.objects.filter(is_current=True))
    if procedure:
        qs = qs.filter(procedure=procedure)
    if step:
        qs = qs.filter(touchpoint__code=step)
    return list(qs.select_related("touchpoint").prefetch_related("items").order_by("procedure", "touchpoint__position"))


def steps_for(procedure: str) -> list[tuple[str, str]]:
    """(touchpoint code, name) of the steps of a procedure that have a current checklist."""
    rows = (
        Checklist.objects.filter(procedure=procedure, is_current=True, touchpoint__procedure=TOUCHPOINT_PROCEDURE[procedure])
        .select_related("touchpoint")
        .order_by("touchpoint__position")
    )
    return [(c.touchpoint.code, c.touchpoint.label) for c in rows]


def _log_reads(*, actor: Any, screenings: list[Screening], channel: str) -> None:
    if not screenings:
        return
    reads_record(
        user=actor,
        channel=channel,
        items=[
            read_item(
                activity=ACTIVITY,
                object_type="screening",
                object_id=s.pk,
                subject=subject_ref("person", s.person_id),
                legal_basis=LEGAL_BASIS,
            )
            for s in screenings
        ],
    )


def person_screenings(*, user: Any, person: Person, channel: str = "web") -> list[Screening]:
    """The person's screenings the user may see, newest first, with answers, SIS alert and gaps; reads logged."""
    rows = list(
        visible(user, Screening.objects.filter(person=person))
        .select_related("touchpoint", "unit", "screener", "checklist", "sis_alert")
        .prefetch_related("answers", "gaps", "checklist__items")
    )
    _log_reads(actor=user, screenings=rows, channel=channel)
    return rows


def screening_get(*, user: Any, screening_id: object, channel: str = "web") -> Screening:
    from ketensignaal.core.need_to_know import get_visible_or_404

    screening = get_visible_or_404(
        user,
        Screening.objects.select_related("touchpoint", "unit", "screener", "checklist", "sis_alert").prefetch_related(
            "answers", "gaps"
        ),
        pk=screening_id,
    )
    _log_reads(actor=user, screenings=[screening], channel=channel)
    return screening


@dataclass
class GapCell:
    count: int | None
    suppressed: bool


@dataclass
class GapRow:
    location: str
    location_name: str
    step: str
    step_name: str
    screenings: GapCell
    gaps: dict[str, GapCell] = field(default_factory=dict)


@dataclass
class GapsReport:
    date_from: date
    date_to: date
    rows: list[GapRow]
    totals: dict[str, GapCell]
    screenings: GapCell


def _cell(count: int) -> GapCell:
    if 0 < count < SUPPRESS_BELOW:
        return GapCell(None, True)
    return GapCell(count, False)


def parse_period(date_from: str | None, date_to: str | None) -> tuple[date, date]:
    """``from``/``to`` as ISO dates (inclusive); default the last 90 days up to today."""
    problems = []
    parsed: dict[str, date | None] = {}
    for name, text in (("from", date_from), ("to", date_to)):
        try:
            parsed[name] = date.fromisoformat(text) if text else None
        except ValueError:
            parsed[name] = None
            problems.append({"name": name, "code": "invalid", "reason": gettext("Een datum als JJJJ-MM-DD.")})
    today = timezone.localdate()
    end = parsed["to"] or today
    start = parsed["from"] or end - timedelta(days=90)
    if not problems and start > end:
        problems.append({"name": "from", "code": "invalid", "reason": gettext("'from' ligt na 'to'.")})
    if problems:
        raise ValidationFailed(gettext("De periode is niet geldig."), invalid_params=problems)
    return start, end


def screening_gaps_report(*, user: Any, date_from: date, date_to: date) -> GapsReport:
    """How often each known gap occurred per location (recording unit) and step in a period; counts only.

    Counts over every screening in the chain: the overview names no person, and cells from 1 to
    ``SUPPRESS_BELOW - 1`` are suppressed so that it cannot point at one.
    """
    if not may_see_gaps(user):
        raise NotAllowed(gettext("Het overzicht van screeningshiaten is voor behandelaars, analisten, privacy en beheer."))
    start = timezone.make_aware(datetime.combine(date_from, time.min))
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min))
    screenings: QuerySet[Screening] = Screening.objects.filter(screened_at__gte=start, screened_at__lt=end)
    keys = ("unit__code", "unit__name", "touchpoint__code", "touchpoint__name", "touchpoint__position")
    totals = {tuple(r[k] for k in keys): r["n"] for r in screenings.values(*keys).annotate(n=Count("id")).order_by()}
    gap_keys = tuple(f"screening__{k}" for k in keys)
    counts: dict[tuple[Any, ...], dict[str, int]] = {}
    for r in ScreeningGap.objects.filter(screening__in=screenings).values(*gap_keys, "code").annotate(n=Count("id")).order_by():
        counts.setdefault(tuple(r[k] for k in gap_keys), {})[r["code"]] = r["n"]
    rows = []
    for key in sorted(totals, key=lambda k: (k[1], k[4], k[2])):
        per_gap = counts.get(key, {})
        rows.append(
            GapRow(
                location=key[0],
                location_name=key[1],
                step=key[2],
                step_name=key[3],
                screenings=_cell(totals[key]),
                gaps={str(code): _cell(per_gap.get(code, 0)) for code in Gap},
            )
        )
    gap_totals = {str(code): _cell(sum(c.get(code, 0) for c in counts.values())) for code in Gap}
    return GapsReport(date_from, date_to, rows, gap_totals, _cell(sum(totals.values())))


def person_for_screening(user: Any, person_id: object) -> Person:
    """The person (404 when unseen) for the screening pages; 403 when the user may not screen; the read is logged."""
    from ketensignaal.core.need_to_know import get_visible_or_404
    from ketensignaal.persons.selectors import person_get
    from ketensignaal.screening.scopes import may_screen

    get_visible_or_404(user, Person.objects.all(), pk=person_id)
    if not may_screen(user):
        raise PermissionDenied
    return person_get(user=user, person_id=person_id)  # the page shows who it is: logged as a read


PROCEDURES = [(p.value, p.label) for p in Procedure]
