"""Daily roll-up of the signal figures, so a year's dashboard over a million signals reads a few thousand counts.

The figures job rebuilds :class:`SignalDay` once a day (set-based ``INSERT … SELECT``, no rows through Python): per
local day, for the whole chain and per unit involved as a unit, the signals registered by category, touchpoint,
reporting organisation and first hop, and the signals closed by outcome. The dashboard reads the roll-up for the
days before the watermark's cut-off and counts the days since then from the signals themselves (indexed on
``created_at`` / ``closed_at``), so a new signal counts at once. What changes later about an older signal (its
categories, its removal by the retention job) reaches the figures with the next daily rebuild.

Need to know is kept: a unit's roll-up rows count exactly the signals it is involved in as a unit; signals a user
sees only through a grant in person (the LIV) are counted from the signals themselves. Without a roll-up (never
refreshed, e.g. a fresh demo) every figure is counted from the signals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from ketensignaal.intake.models import Signal, SignalInvolvement
from ketensignaal.reporting.models import SignalDay, SignalDayWatermark
from ketensignaal.routing.models import HopAction

# measure -> the signal field it groups on (the dashboard's dimensions, and the outcome of closed signals)
MEASURES: dict[str, str] = {
    "category": "categories",
    "touchpoint": "touchpoint_id",
    "organisation": "reporting_unit__organisation_id",
    "route": "events__to_unit_id",
    "outcome": "outcome",
}
# Late commits: a signal stamped just before midnight may commit just after it. The cut-off trails the clock by
# this margin, so the day a rebuild covers up to is closed for writing.
MARGIN = dt.timedelta(hours=1)


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=_tz())


def _moment(measure: str) -> str:
    return "closed_at" if measure == "outcome" else "created_at"


def _chain_rows(measure: str, before: dt.datetime) -> QuerySet[Any]:
    moment = _moment(measure)
    qs = Signal.objects.filter(**{f"{moment}__lt": before})
    if measure == "route":
        qs = qs.filter(events__action=HopAction.REPORTED)
    return (
        qs.annotate(day=TruncDate(moment, tzinfo=_tz())).values("day", k=F(MEASURES[measure])).annotate(n=Count("pk")).order_by()
    )


def _unit_rows(measure: str, before: dt.datetime) -> QuerySet[Any]:
    moment = f"signal__{_moment(measure)}"
    qs = SignalInvolvement.objects.filter(user__isnull=True, **{f"{moment}__lt": before})
    if measure == "route":
        qs = qs.filter(signal__events__action=HopAction.REPORTED)
    return (
        qs.annotate(day=TruncDate(moment, tzinfo=_tz()))
        .values("day", "unit_id", k=F(f"signal__{MEASURES[measure]}"))
        .annotate(n=Count("signal_id", distinct=True))
        .order_by()
    )


def _insert(measure: str, rows: QuerySet[Any], *, per_unit: bool) -> None:
    select, params = rows.query.sql_with_params()
    unit = "g.unit_id" if per_unit else "NULL"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SignalDay._meta.db_table} (day, unit_id, measure, key, n) "  # noqa: S608 - table from the model
            f"SELECT g.day, {unit}, %s, CAST(g.k AS TEXT), g.n FROM ({select}) AS g WHERE g.k IS NOT NULL",
            [measure, *params],
        )


def signal_days_refresh(*, force: bool = False) -> int:
    """Rebuild the roll-up when its cut-off day has moved on (or when forced); returns the rows written (0: current)."""
    covered_before = (timezone.localtime() - MARGIN).date()
    with transaction.atomic():
        mark, _ = SignalDayWatermark.objects.select_for_update().get_or_create(id=1)
        if mark.covered_before == covered_before and not force:
            return 0
        before = midnight(covered_before)
        SignalDay.objects.all().delete()
        for measure in MEASURES:
            _insert(measure, _chain_rows(measure, before), per_unit=False)
            _insert(measure, _unit_rows(measure, before), per_unit=True)
        mark.covered_before = covered_before
        mark.refreshed_at = timezone.now()
        mark.save()
        return SignalDay.objects.count()


def covered_before() -> dt.date | None:
    """The first local day the roll-up does not cover; None when there is no roll-up."""
    return SignalDayWatermark.objects.filter(id=1).values_list("covered_before", flat=True).first()


def rolled_up(*, measure: str, unit_id: int | None, start: dt.date, end_before: dt.date) -> Iterator[tuple[dt.date, str, int]]:
    """(day, key, count) of the roll-up: the whole chain (``unit_id`` None) or one unit's involvements."""
    if start >= end_before:
        return iter(())
    rows = SignalDay.objects.filter(measure=measure, day__gte=start, day__lt=end_before)
    rows = rows.filter(unit__isnull=True) if unit_id is None else rows.filter(unit_id=unit_id)
    return iter(rows.values_list("day", "key", "n"))


def granted_in_person_only(user: Any) -> Q:
    """Signals the user sees only through an involvement granted to them in person, not through their unit's."""
    personal = SignalInvolvement.objects.filter(signal_id=OuterRef("pk"), user_id=user.pk)
    unit_wide = SignalInvolvement.objects.filter(signal_id=OuterRef("pk"), unit_id=user.unit_id, user__isnull=True)
    return Q(Exists(personal)) & ~Q(Exists(unit_wide))
