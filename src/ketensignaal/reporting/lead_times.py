"""Lead time per hop: per unit the number of hops that arrived in the period, median and 90th percentile of the
working days they stayed, and the share that left within the unit's service level.

The percentiles come from histograms of the stays (``reporting.rollup``: buckets of 0.01 working day, at most
0.005 working day from the exact ``percentile_cont``): the daily roll-up's for the days it covers, grouped from the
hop table for the days since, so a year's dashboard adds a few thousand histograms instead of sorting every hop.
A statistic over fewer hops than the threshold is not published for an external audience: a median of three stays
describes three cases.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext

from ketensignaal.core.need_to_know import visible
from ketensignaal.identity.models import Unit
from ketensignaal.reporting import rollup
from ketensignaal.reporting.models import HopRecord
from ketensignaal.reporting.periods import Range
from ketensignaal.reporting.selectors import figures_scope
from ketensignaal.reporting.tables import Disclosure


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


def _hops(user: Any, rng: Range) -> QuerySet[HopRecord]:
    return visible(user, HopRecord.objects.all()).filter(arrived_at__gte=rng.start_at, arrived_at__lt=rng.end_before)


@dataclass
class _Stats:
    hops: int = 0
    finished: int = 0
    within: int = 0
    histogram: Counter[int] = field(default_factory=Counter)


def _stats(user: Any, rng: Range) -> dict[int, _Stats]:
    """Per unit of the hop: counts and the histogram of stays, from the roll-up for the days it covers and from the
    hop table for the days since its cut-off (and, for a unit, the signals it sees only through a grant in person)."""
    chain = figures_scope(user) == "chain"
    stats: dict[int, _Stats] = defaultdict(_Stats)
    hops = _hops(user, rng)
    live = [hops]
    covered = rollup.covered_before()
    if covered is not None and rng.start < covered:
        end_before = min(rng.end + dt.timedelta(days=1), covered)
        counts, buckets = rollup.hop_days_summed(unit_id=None if chain else user.unit_id, start=rng.start, end_before=end_before)
        for unit_id, n, finished, within in counts:
            s = stats[unit_id]
            s.hops, s.finished, s.within = n, finished, within
        for unit_id, bucket, count in buckets:
            stats[unit_id].histogram[bucket] = count
        cut = rollup.midnight(covered)
        live = [hops.filter(arrived_at__gte=cut)]
        if not chain:
            live.append(hops.filter(rollup.granted_in_person_only(user, "signal_id"), arrived_at__lt=cut))
    for part in live:
        for row in rollup.hop_buckets(part):
            s = stats[row["unit_id"]]
            s.hops += row["n"]
            s.finished += row["f"]
            s.within += row["w"]
            if row["b"] is not None and row["f"]:
                s.histogram[row["b"]] += row["f"]
    return stats


def lead_time_rows(*, user: Any, rng: Range, disclosure: Disclosure) -> list[LeadTimeRow]:
    stats = _stats(user, rng)
    threshold = disclosure.effective_threshold
    units = {u.pk: u for u in Unit.objects.filter(pk__in=stats)}
    rows = []
    for unit_id, s in sorted(stats.items(), key=lambda item: units[item[0]].code):
        unit = units[unit_id]
        hidden = threshold is not None and s.hops < threshold
        median = rollup.histogram_percentile(s.histogram, 0.5)
        p90 = rollup.histogram_percentile(s.histogram, 0.9)
        rows.append(
            LeadTimeRow(
                unit=unit.code,
                label=unit.name,
                hops=None if hidden else s.hops,
                finished=None if hidden else s.finished,
                median_days=None if hidden or median is None else round(median, 1),
                p90_days=None if hidden or p90 is None else round(p90, 1),
                within_deadline=None if hidden else s.within,
                within_deadline_share=None if hidden or not s.finished else round(s.within / s.finished, 3),
                service_level_days=unit.service_level_days,
                suppressed=hidden,
            )
        )
    return rows


def lead_time_rule(disclosure: Disclosure) -> str:
    threshold = disclosure.effective_threshold
    base = gettext(
        "Doorlooptijd in werkdagen per schakel (aankomst tot vertrek), over schakels die in de periode aankwamen; "
        "mediaan en 90e percentiel over afgeronde schakels; binnen termijn = vertrokken binnen de servicetermijn van de eenheid."
    )
    if threshold is None:
        return base
    extra = gettext("Voor publicatie buiten de keten: eenheden met minder dan %(threshold)s schakels worden niet getoond.")
    return f"{base} {extra % {'threshold': threshold}}"
