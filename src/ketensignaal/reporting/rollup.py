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

Above both sits a monthly level (:class:`SignalMonth`, :class:`HopMonth`): each month row is the sum of that month's
day rows, written from them set-based whenever they are written (the rebuild; the months of the days the hop-table
job touches), so it always equals them. A range reads its whole months from the month rows and only the partial
edge months from the day rows: a year's chain-wide lead times add about 36 histograms instead of about 1,100, with
the same counts and the same percentiles.

Need to know is kept: a unit's roll-up rows count exactly the signals it is involved in as a unit; signals a user
sees only through a grant in person (the LIV) are counted from the signals themselves. Without a roll-up (never
refreshed, e.g. a fresh demo) every figure is counted from the signals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import chain as chained
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, F, FloatField, Func, IntegerField, OuterRef, Q, QuerySet
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone

from ketensignaal.intake.models import Signal, SignalInvolvement
from ketensignaal.reporting.models import HopDay, HopMonth, HopRecord, SignalDay, SignalDayWatermark, SignalMonth
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


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after ``day``'s."""
    return dt.date(day.year + 1, 1, 1) if day.month == 12 else dt.date(day.year, day.month + 1, 1)


def whole_months(start: dt.date, end_before: dt.date) -> tuple[dt.date, dt.date] | None:
    """The whole months within [start, end_before) as (first day of the first, first day after the last); None when
    the range holds no whole month. The days before and after are the edges read from the day rows."""
    first = start if start.day == 1 else next_month(start)
    after = end_before.replace(day=1)
    return (first, after) if first < after else None


def _month_of(column: str) -> str:
    """SQL for the first day of the month of a date column."""
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('month', {column}) AS date)"
    return f"date({column}, 'start of month')"


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
        SignalMonth.objects.all().delete()
        _signal_months_insert()
        HopDay.objects.all().delete()
        _hop_days_insert(HopRecord.objects.filter(arrived_at__lt=before))
        HopMonth.objects.all().delete()
        _hop_months_insert(None)
        mark.covered_before = covered_before
        mark.refreshed_at = timezone.now()
        mark.save()
        return sum(m.objects.count() for m in (SignalDay, SignalMonth, HopDay, HopMonth))


def _signal_months_insert() -> None:
    """Every month row from the day rows (one ``INSERT … SELECT … GROUP BY``)."""
    month = _month_of("d.day")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SignalMonth._meta.db_table} (month, unit_id, measure, key, n) "  # noqa: S608 - tables from the models
            f"SELECT {month}, d.unit_id, d.measure, d.key, SUM(d.n) FROM {SignalDay._meta.db_table} d "
            f"GROUP BY {month}, d.unit_id, d.measure, d.key"
        )


def covered_before() -> dt.date | None:
    """The first local day the roll-up does not cover; None when there is no roll-up."""
    return SignalDayWatermark.objects.filter(id=1).values_list("covered_before", flat=True).first()


def rolled_up(*, measure: str, unit_id: int | None, start: dt.date, end_before: dt.date) -> Iterator[tuple[dt.date, str, int]]:
    """(day, key, count) of the roll-up: the whole chain (``unit_id`` None) or one unit's involvements. A whole
    month of the range comes as one row per key dated on its first day (from :class:`SignalMonth`); the edge
    months' days come from :class:`SignalDay`."""
    if start >= end_before:
        return iter(())
    scope = Q(unit__isnull=True) if unit_id is None else Q(unit_id=unit_id)
    days = SignalDay.objects.filter(scope, measure=measure)
    whole = whole_months(start, end_before)
    if whole is None:
        return iter(days.filter(day__gte=start, day__lt=end_before).values_list("day", "key", "n"))
    edges = Q(day__gte=start, day__lt=whole[0]) | Q(day__gte=whole[1], day__lt=end_before)
    months = SignalMonth.objects.filter(scope, measure=measure, month__gte=whole[0], month__lt=whole[1])
    return chained(months.values_list("month", "key", "n"), days.filter(edges).values_list("day", "key", "n"))


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
    months = {day.replace(day=1) for day in days}
    HopMonth.objects.filter(month__in=months).delete()
    _hop_months_insert(months)


def _json_sql() -> tuple[str, str, str]:
    """(aggregate of bucket/count pairs into a histogram, empty histogram, entries of a histogram) for this database."""
    if connection.vendor == "postgresql":
        return "jsonb_object_agg(e.b, e.n)", "'{}'::jsonb", "jsonb_each_text"
    return "json_group_object(CAST(e.b AS TEXT), e.n)", "json('{}')", "json_each"


def _hop_months_insert(months: Iterable[dt.date] | None) -> None:
    """Write the month rows of these months (None: of every month) from the day rows, set-based: the counts summed,
    the histograms added bucket by bucket (``GROUP BY`` over their entries, then aggregated back into one)."""
    agg, empty, each = _json_sql()
    month = _month_of("d.day")
    where, params = "", []
    if months is not None:
        spans = sorted(months)
        where = "WHERE " + " OR ".join("(d.day >= %s AND d.day < %s)" for _ in spans)
        params = [v for m in spans for v in (m, next_month(m))]
    day_table = HopDay._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {HopMonth._meta.db_table} (month, scope_id, unit_id, hops, finished, within, histogram) "  # noqa: S608 - tables from the models
            f"SELECT c.month, c.scope_id, c.unit_id, c.hops, c.finished, c.within, COALESCE(h.histogram, {empty}) FROM "
            f"(SELECT {month} AS month, d.scope_id, d.unit_id, SUM(d.hops) AS hops, SUM(d.finished) AS finished, "
            f"SUM(d.within) AS within FROM {day_table} d {where} GROUP BY {month}, d.scope_id, d.unit_id) AS c "
            f"LEFT JOIN (SELECT e.month, e.scope_id, e.unit_id, {agg} AS histogram FROM "
            f"(SELECT {month} AS month, d.scope_id, d.unit_id, CAST(x.key AS integer) AS b, SUM(CAST(x.value AS integer)) AS n "
            f"FROM {day_table} d, {each}(d.histogram) AS x {where} "
            f"GROUP BY {month}, d.scope_id, d.unit_id, CAST(x.key AS integer)) AS e "
            f"GROUP BY e.month, e.scope_id, e.unit_id) AS h "
            f"ON h.month = c.month AND h.unit_id = c.unit_id AND COALESCE(h.scope_id, 0) = COALESCE(c.scope_id, 0)",
            params * 2,
        )


def hop_days_summed(
    *, unit_id: int | None, start: dt.date, end_before: dt.date
) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int]]]:
    """The roll-up added up in the database, the whole chain (``unit_id`` None) or one unit's scope: (unit, hops,
    finished, within) per unit, and (unit, bucket, count) of the summed histograms — a few hundred rows for a year,
    however many hops it had (the histograms' entries are added by ``GROUP BY``, not in Python). Whole months come
    from the month rows, the edge months' days from the day rows: for a year about 36 histograms for the chain."""
    scope = "scope_id IS NULL" if unit_id is None else "scope_id = %s"
    by_scope: list[Any] = [] if unit_id is None else [unit_id]
    whole = whole_months(start, end_before)
    spans = [(start, end_before)] if whole is None else [(start, whole[0]), (whole[1], end_before)]
    spans = [(a, b) for a, b in spans if a < b]
    parts: list[str] = []
    params: list[Any] = []
    if spans:
        days = " OR ".join("(day >= %s AND day < %s)" for _ in spans)
        parts.append(
            f"SELECT unit_id, hops, finished, within, histogram FROM {HopDay._meta.db_table} "  # noqa: S608 - table from the model
            f"WHERE {scope} AND ({days})"
        )
        params += [*by_scope, *(v for span in spans for v in span)]
    if whole is not None:
        parts.append(
            f"SELECT unit_id, hops, finished, within, histogram FROM {HopMonth._meta.db_table} "  # noqa: S608 - table from the model
            f"WHERE {scope} AND month >= %s AND month < %s"
        )
        params += [*by_scope, *whole]
    if not parts:
        return [], []
    rows = " UNION ALL ".join(parts)
    each = _json_sql()[2]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.unit_id, SUM(r.hops), SUM(r.finished), SUM(r.within) FROM ({rows}) AS r GROUP BY r.unit_id",  # noqa: S608 - tables from the models
            params,
        )
        counts = [tuple(int(v) for v in row) for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT r.unit_id, CAST(e.key AS integer), SUM(CAST(e.value AS integer)) FROM ({rows}) AS r, "  # noqa: S608
            f"{each}(r.histogram) AS e GROUP BY r.unit_id, CAST(e.key AS integer)",
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
