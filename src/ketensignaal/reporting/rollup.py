"""Daily roll-up of the signal figures, so a year's dashboard over a million signals reads a few thousand counts.

The figures job rebuilds :class:`SignalDay` once a day (set-based ``INSERT … SELECT``, no rows through Python): per
local day, for the whole chain and per unit involved as a unit, the signals registered by category, touchpoint,
reporting organisation and first hop, and the signals closed by outcome. The dashboard reads the roll-up for the
days before the watermark's cut-off and counts the days since then from the signals themselves (indexed on
``created_at`` / ``closed_at``), so a new signal counts at once. What changes later about an older signal (its
categories, its removal by the retention job) reaches the figures with the next daily rebuild.

The same rebuild fills :class:`HopDay`, the lead-time roll-up (histograms of stays per day, scope and unit; see
below); the hop-table job rolls up again the days whose hops it changed, so a hop that ends later counts within
minutes.

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
from django.db.models import Count, Exists, F, FloatField, Func, IntegerField, OuterRef, Q, QuerySet
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone

from ketensignaal.intake.models import Signal, SignalInvolvement
from ketensignaal.reporting.models import HopDay, HopRecord, SignalDay, SignalDayWatermark
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
        HopDay.objects.all().delete()
        _hop_days_insert(HopRecord.objects.filter(arrived_at__lt=before))
        mark.covered_before = covered_before
        mark.refreshed_at = timezone.now()
        mark.save()
        return SignalDay.objects.count() + HopDay.objects.count()


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


def granted_in_person_only(user: Any, signal_ref: str = "pk") -> Q:
    """Signals the user sees only through an involvement granted to them in person, not through their unit's."""
    personal = SignalInvolvement.objects.filter(signal_id=OuterRef(signal_ref), user_id=user.pk)
    unit_wide = SignalInvolvement.objects.filter(signal_id=OuterRef(signal_ref), unit_id=user.unit_id, user__isnull=True)
    return Q(Exists(personal)) & ~Q(Exists(unit_wide))


# --- Lead times: a histogram per day, scope and unit ----------------------------------------------------------
#
# Percentiles need every value, and sorting a year's hops per unit (300,000 at 100,000 signals a year) cost seconds.
# The roll-up keeps, per day of arrival, scope and unit of the hop, the finished hops' working days as a histogram
# of buckets of 1/BUCKETS_PER_DAY working day (the stay rounded to the nearest bucket). Rounding is monotone, so the
# k-th smallest rounded stay is the rounded k-th smallest stay: a percentile interpolated between the rounded order
# statistics differs from the exact one (``percentile_cont``) by at most half a bucket, 0.005 working day (about
# seven minutes of working time); the figures show one decimal. Counts (hops, finished, within the service level)
# are exact.

BUCKETS_PER_DAY = 100
PRECISION_DAYS = 0.5 / BUCKETS_PER_DAY


def bucket_of(working_days: float) -> int:
    """The histogram bucket of a stay, as the database computes it (``ROUND(working_days * 100)``)."""
    return round(working_days * BUCKETS_PER_DAY)


def hop_buckets(hops: QuerySet[Any], *, by_day: bool = False, by_scope: bool = False) -> QuerySet[Any]:
    """Per unit (and local day of arrival, and scope) and bucket: hops, finished hops and hops within the service
    level. Unfinished hops have bucket None. One GROUP BY in the database; no hop passes through Python."""
    # one-argument ROUND (PostgreSQL has no ROUND(double precision, integer)): to the nearest bucket
    nearest = Func(F("working_days") * BUCKETS_PER_DAY, function="ROUND", output_field=FloatField())
    keys: dict[str, Any] = {"b": Cast(nearest, IntegerField())}
    if by_day:
        keys["day"] = TruncDate("arrived_at", tzinfo=_tz())
    if by_scope:
        keys["scope"] = F("signal__involvements__unit_id")
    return (
        hops.annotate(**keys)
        .values("unit_id", *keys)
        .annotate(n=Count("id"), f=Count("id", filter=Q(left_at__isnull=False)), w=Count("id", filter=Q(within_deadline=True)))
        .order_by()
    )


def _hop_days_insert(hops: QuerySet[HopRecord]) -> None:
    """Roll these hops up, set-based: rows for the whole chain, and rows per unit involved as a unit (the unit-wide
    involvement is unique per signal and unit, so the join counts each hop once per unit)."""
    postgres = connection.vendor == "postgresql"
    agg = "jsonb_object_agg(g.b, g.f)" if postgres else "json_group_object(CAST(g.b AS TEXT), g.f)"
    empty = "'{}'::jsonb" if postgres else "json('{}')"
    # both conditions on one join: an inner join to the unit-wide involvements (never a scope-less outer row)
    unit_wide = hops.filter(signal__involvements__user__isnull=True, signal__involvements__unit__isnull=False)
    for rows, scope in (
        (hop_buckets(hops, by_day=True), "NULL"),
        (hop_buckets(unit_wide, by_day=True, by_scope=True), "g.scope"),
    ):
        select, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {HopDay._meta.db_table} (day, scope_id, unit_id, hops, finished, within, histogram) "  # noqa: S608 - table from the model
                f"SELECT g.day, {scope}, g.unit_id, SUM(g.n), SUM(g.f), SUM(g.w), "
                f"COALESCE({agg} FILTER (WHERE g.b IS NOT NULL AND g.f > 0), {empty}) "
                f"FROM ({select}) AS g GROUP BY g.day, g.unit_id{'' if scope == 'NULL' else ', g.scope'}",
                params,
            )


def hop_days_touch(days: set[dt.date]) -> None:
    """The hop table changed for hops that arrived on these days: roll those days up again (the figures job calls
    this after each batch, so a hop that ends after the daily rebuild reaches the roll-up within minutes)."""
    covered = covered_before()
    days = {d for d in days if covered is not None and d < covered}
    if not days:
        return
    HopDay.objects.filter(day__in=days).delete()
    within = Q()
    for day in days:
        within |= Q(arrived_at__gte=midnight(day), arrived_at__lt=midnight(day + dt.timedelta(days=1)))
    _hop_days_insert(HopRecord.objects.filter(within))


def hop_days_summed(
    *, unit_id: int | None, start: dt.date, end_before: dt.date
) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int]]]:
    """The roll-up's days added up in the database, the whole chain (``unit_id`` None) or one unit's scope:
    (unit, hops, finished, within) per unit, and (unit, bucket, count) of the summed histograms — a few hundred
    rows for a year, however many hops it had (the histograms' entries are added by ``GROUP BY``, not in Python)."""
    table = HopDay._meta.db_table
    scope = "h.scope_id IS NULL" if unit_id is None else "h.scope_id = %s"
    params: list[Any] = [start, end_before] + ([] if unit_id is None else [unit_id])
    where = f"h.day >= %s AND h.day < %s AND {scope}"
    each = "jsonb_each_text(h.histogram)" if connection.vendor == "postgresql" else "json_each(h.histogram)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT h.unit_id, SUM(h.hops), SUM(h.finished), SUM(h.within) FROM {table} h "  # noqa: S608 - table from the model
            f"WHERE {where} GROUP BY h.unit_id",
            params,
        )
        counts = [tuple(int(v) for v in row) for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT h.unit_id, CAST(e.key AS integer), SUM(CAST(e.value AS integer)) FROM {table} h, {each} AS e "  # noqa: S608
            f"WHERE {where} GROUP BY h.unit_id, CAST(e.key AS integer)",
            params,
        )
        buckets = [tuple(int(v) for v in row) for row in cursor.fetchall()]
    return counts, buckets  # type: ignore[return-value]


def histogram_percentile(histogram: dict[int, int], fraction: float) -> float | None:
    """``percentile_cont(fraction)`` over the stays a histogram holds, in working days (within PRECISION_DAYS)."""
    total = sum(histogram.values())
    if not total:
        return None
    position = fraction * (total - 1)
    low = int(position)
    ranks = (low, min(low + 1, total - 1))
    values: list[float] = []
    seen = 0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        while len(values) < 2 and ranks[len(values)] < seen:
            values.append(bucket / BUCKETS_PER_DAY)
        if len(values) == 2:
            break
    return values[0] + (values[1] - values[0]) * (position - low)
