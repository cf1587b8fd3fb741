"""Lead time per hop: per unit the number of hops that arrived in the period, median and 90th percentile of the
working days they stayed, and the share that left within the unit's service level.

On PostgreSQL the percentiles are computed in the database (``percentile_cont``) over the narrow hop table; other
databases (the SQLite demo) compute them in Python from the same rows. A statistic over fewer hops than the
threshold is not published for an external audience: a median of three stays describes three cases.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, FloatField, Q, QuerySet

from ketensignaal.core.need_to_know import visible
from ketensignaal.identity.models import Unit
from ketensignaal.reporting.models import HopRecord
from ketensignaal.reporting.periods import Range
from ketensignaal.reporting.selectors import figures_scope
from ketensignaal.reporting.tables import Disclosure


class PercentileCont(Aggregate):
    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        super().__init__(expression, fraction=fraction, **extra)


@dataclass
class LeadTimeRow:
    unit: str
    label: str
    hops: int | None
    finished: int | None
    median_days: float | None
    p90_days: float | None
    within_deadline: int | None
    within_deadline_share: float | None
    service_level_days: int
    suppressed: bool

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _hops(user: Any, rng: Range) -> QuerySet[HopRecord]:
    figures_scope(user)  # refuses users without figures
    return visible(user, HopRecord.objects.all()).filter(arrived_at__gte=rng.start_at, arrived_at__lt=rng.end_before)


def lead_time_rows(*, user: Any, rng: Range, disclosure: Disclosure) -> list[LeadTimeRow]:
    hops = _hops(user, rng)
    finished = Q(left_at__isnull=False)
    counted: dict[str, Aggregate] = {
        "hops": Count("id"),
        "finished": Count("id", filter=finished),
        "within": Count("id", filter=Q(within_deadline=True)),
    }
    if connection.vendor == "postgresql":
        # one pass over the period's hops (an index-only scan of the covering index): counts and percentiles together
        counted["median"] = PercentileCont("working_days", 0.5, filter=finished)
        counted["p90"] = PercentileCont("working_days", 0.9, filter=finished)
    grouped = hops.values("unit_id").annotate(**counted).order_by()
    stats: dict[int, dict[str, Any]] = {row["unit_id"]: dict(row) for row in grouped}
    if connection.vendor != "postgresql":
        durations: dict[int, list[float]] = {}
        for unit_id, days in hops.filter(finished).values_list("unit_id", "working_days"):
            if days is not None:
                durations.setdefault(unit_id, []).append(days)
        for unit_id, values in durations.items():
            stats[unit_id].update(median=statistics.median(values), p90=_percentile(values, 0.9))
    threshold = disclosure.effective_threshold
    units = {u.pk: u for u in Unit.objects.filter(pk__in=stats)}
    rows = []
    for unit_id, s in sorted(stats.items(), key=lambda item: units[item[0]].code):
        unit = units[unit_id]
        hidden = threshold is not None and s["hops"] < threshold
        decided = s["finished"] or 0
        rows.append(
            LeadTimeRow(
                unit=unit.code,
                label=unit.name,
                hops=None if hidden else s["hops"],
                finished=None if hidden else s["finished"],
                median_days=None if hidden or s.get("median") is None else round(s["median"], 1),
                p90_days=None if hidden or s.get("p90") is None else round(s["p90"], 1),
                within_deadline=None if hidden else s["within"],
                within_deadline_share=None if hidden or not decided else round(s["within"] / decided, 3),
                service_level_days=unit.service_level_days,
                suppressed=hidden,
            )
        )
    return rows


def lead_time_rule(disclosure: Disclosure) -> str:
    threshold = disclosure.effective_threshold
    base = (
        "Doorlooptijd in werkdagen per schakel (aankomst tot vertrek), over schakels die in de periode aankwamen; "
        "mediaan en 90e percentiel over afgeronde schakels; binnen termijn = vertrokken binnen de servicetermijn van de eenheid."
    )
    if threshold is None:
        return base
    return f"{base} Voor publicatie buiten de keten: eenheden met minder dan {threshold} schakels worden niet getoond."
