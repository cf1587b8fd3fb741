"""The lead-time roll-up: percentiles from a histogram of stays are within the documented precision of the exact
percentile, the dashboard gives the same lead times with and without the roll-up, a hop that changes after the
daily rebuild reaches the roll-up with the next job run, and need to know holds (a unit's rows, grants in person)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import InvolvementReason, SignalInvolvement
from ketensignaal.reporting import rollup
from ketensignaal.reporting.hops import hop_records_refresh
from ketensignaal.reporting.lead_times import lead_time_rows
from ketensignaal.reporting.models import HopDay, HopMonth, HopRecord
from ketensignaal.reporting.periods import range_parse
from ketensignaal.reporting.rollup import (
    PRECISION_DAYS,
    bucket_of,
    histogram_percentile,
    next_month,
    signal_days_refresh,
)
from ketensignaal.reporting.tables import Disclosure
from ketensignaal.reporting.tests.factories import AMS, figure_signal
from ketensignaal.routing.models import HopAction, SignalEvent


def _exact(values: list[float], fraction: float) -> float:
    """PostgreSQL's percentile_cont: linear interpolation between the order statistics around fraction × (n - 1)."""
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# stays as the hop table stores them: working days rounded to three decimals
stays = st.lists(st.integers(min_value=0, max_value=250_000).map(lambda n: n / 1000), min_size=1, max_size=300)


@settings(max_examples=300, deadline=None)
@given(values=stays, fraction=st.sampled_from([0.5, 0.9, 0.0, 1.0, 0.25]))
def test_a_percentile_from_the_histogram_is_within_half_a_bucket_of_the_exact_one(values: list[float], fraction: float) -> None:
    histogram = Counter(bucket_of(v) for v in values)
    estimate = histogram_percentile(dict(histogram), fraction)
    assert estimate is not None
    assert abs(estimate - _exact(values, fraction)) <= PRECISION_DAYS + 1e-9


@settings(max_examples=100, deadline=None)
@given(parts=st.lists(stays, min_size=1, max_size=5))
def test_histograms_of_days_add_up_to_the_histogram_of_the_period(parts: list[list[float]]) -> None:
    """The dashboard adds daily histograms: the median of the sum is the median of all stays together."""
    total: Counter[int] = Counter()
    for day in parts:
        total.update(Counter(bucket_of(v) for v in day))
    everything = [v for day in parts for v in day]
    estimate = histogram_percentile(dict(total), 0.5)
    assert estimate is not None and abs(estimate - _exact(everything, 0.5)) <= PRECISION_DAYS + 1e-9


def test_an_empty_histogram_has_no_percentile() -> None:
    assert histogram_percentile({}, 0.5) is None


def _move(signal: Any, user: Any, action: str, src: str, dst: str, at: dt.datetime) -> None:
    SignalEvent.objects.create(
        signal=signal, action=action, from_unit=Unit.objects.get(code=src), to_unit=Unit.objects.get(code=dst), by=user, at=at
    )


@pytest.fixture
def chain(make_user: Any) -> dict[str, Any]:
    coa = make_user("coa.locatie.ter-apel", "reporter")
    kmar = make_user("kmar.ir", "reporter")
    hub = make_user("ind.tsz", "handler", "hub-analyst")
    monday = dt.datetime(2026, 3, 2, 9, 0, tzinfo=AMS)
    signals = []
    for i, hours in enumerate((5, 20, 31, 47, 75, 130, 170, 200, 260, 300, 333, 7)):
        arrived = monday + dt.timedelta(days=i % 3)
        s = figure_signal(coa, created=arrived, first_hop="coa.bureau-veiligheid")
        if i < 10:  # two stay open at the first hop
            left = arrived + dt.timedelta(hours=hours)
            _move(s, coa, HopAction.FORWARDED, "coa.bureau-veiligheid", "ind.tsz", left)
            _move(s, coa, HopAction.CLOSED, "ind.tsz", "ind.tsz", left + dt.timedelta(hours=hours // 2 + 1))
        signals.append(s)
    k = figure_signal(kmar, created=monday, first_hop="kmar.intelligence")
    _move(k, kmar, HopAction.FORWARDED, "kmar.intelligence", "ind.tsz", monday + dt.timedelta(days=2))
    hop_records_refresh()
    return {"coa": coa, "kmar": kmar, "hub": hub, "signals": signals}


def _lead_times(user: Any) -> list[dict[str, Any]]:
    rng = range_parse(start="2026-03-01", end="2026-03-31")
    return [row.as_dict() for row in lead_time_rows(user=user, rng=rng, disclosure=Disclosure())]


@pytest.mark.django_db
def test_lead_times_from_the_roll_up_equal_those_grouped_from_the_hop_table(chain: dict[str, Any]) -> None:
    grouped = {who: _lead_times(chain[who]) for who in ("hub", "coa", "kmar")}
    assert signal_days_refresh() > 0
    assert HopDay.objects.filter(scope__isnull=True).exists()
    assert HopDay.objects.filter(scope=chain["coa"].unit).exists()
    for who in ("hub", "coa", "kmar"):
        assert _lead_times(chain[who]) == grouped[who], who
    first = next(r for r in grouped["hub"] if r["unit"] == "coa.bureau-veiligheid")
    assert first["hops"] == 12 and first["finished"] == 10
    # KMar's unit saw its own signal only: no hop of COA's signals in its rows or its roll-up
    assert {r["unit"] for r in grouped["kmar"]} == {"kmar.intelligence", "ind.tsz"}
    kmar_days = HopDay.objects.filter(scope=chain["kmar"].unit)
    assert sum(kmar_days.values_list("hops", flat=True)) == 2


@pytest.mark.django_db
def test_a_hop_that_ends_after_the_daily_rebuild_reaches_the_roll_up_with_the_next_job_run(chain: dict[str, Any]) -> None:
    signal_days_refresh()
    before = next(r for r in _lead_times(chain["hub"]) if r["unit"] == "coa.bureau-veiligheid")
    still_open = chain["signals"][10]
    _move(
        still_open,
        chain["coa"],
        HopAction.FORWARDED,
        "coa.bureau-veiligheid",
        "ind.tsz",
        dt.datetime(2026, 3, 20, 9, 0, tzinfo=AMS),
    )
    assert hop_records_refresh() == 1
    after = next(r for r in _lead_times(chain["hub"]) if r["unit"] == "coa.bureau-veiligheid")
    assert after["finished"] == before["finished"] + 1
    assert after["hops"] == before["hops"]
    assert after["p90_days"] > before["p90_days"]  # a stay of two and a half working weeks


@pytest.mark.django_db
def test_a_grant_in_person_shows_the_hop_to_that_person_only(chain: dict[str, Any], make_user: Any) -> None:
    signal_days_refresh()
    expert = make_user("lse.liv", "handler")
    colleague = make_user("lse.liv", "handler")
    SignalInvolvement.objects.create(signal=chain["signals"][0], unit=expert.unit, user=expert, reason=InvolvementReason.LIV)
    seen = {r["unit"]: r["hops"] for r in _lead_times(expert)}
    assert seen == {"coa.bureau-veiligheid": 1, "ind.tsz": 1}
    assert _lead_times(colleague) == []


# --- The monthly level: whole months from the month rows, the edge months from the day rows ----------------------

FIRST_DAY = dt.date(2026, 1, 1)
LAST_DAY = dt.date(2026, 5, 31)


@pytest.fixture
def months_of_hops(make_user: Any) -> dict[str, Any]:
    """Hops arriving on 37 days from late January to mid-April (month edges and a leap of weekends included), with
    stays of many lengths, some left open; a KMar signal on a month's last day; then the daily rebuild."""
    coa = make_user("coa.locatie.ter-apel", "reporter")
    kmar = make_user("kmar.ir", "reporter")
    hub = make_user("ind.tsz", "handler", "hub-analyst")
    start = dt.datetime(2026, 1, 27, 16, 30, tzinfo=AMS)
    for i in range(37):
        arrived = start + dt.timedelta(days=2 * i + i % 2, hours=7 * (i % 3))
        s = figure_signal(coa, created=arrived, first_hop="coa.bureau-veiligheid")
        if i % 5 != 4:
            left = arrived + dt.timedelta(hours=3 + (i * 37) % 290)
            _move(s, coa, HopAction.FORWARDED, "coa.bureau-veiligheid", "ind.tsz", left)
            if i % 3:
                _move(s, coa, HopAction.CLOSED, "ind.tsz", "ind.tsz", left + dt.timedelta(hours=(i * 11) % 97 + 1))
    last_of_february = dt.datetime(2026, 2, 28, 23, 30, tzinfo=AMS)
    k = figure_signal(kmar, created=last_of_february, first_hop="kmar.intelligence")
    _move(k, kmar, HopAction.FORWARDED, "kmar.intelligence", "ind.tsz", last_of_february + dt.timedelta(days=3))
    hop_records_refresh()
    assert signal_days_refresh() > 0
    return {"coa": coa, "kmar": kmar, "hub": hub}


def _rows(user: Any, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    rng = range_parse(start=start.isoformat(), end=end.isoformat())
    return [row.as_dict() for row in lead_time_rows(user=user, rng=rng, disclosure=Disclosure())]


@pytest.mark.django_db
def test_month_rows_are_the_sums_of_their_day_rows(months_of_hops: dict[str, Any]) -> None:
    months = HopMonth.objects.all()
    assert {m.month for m in months} == {dt.date(2026, m, 1) for m in (1, 2, 3, 4)}
    assert months.filter(scope=months_of_hops["kmar"].unit).count() == 2  # kmar.intelligence and ind.tsz, February
    for m in months:
        days = HopDay.objects.filter(scope_id=m.scope_id, unit_id=m.unit_id, day__gte=m.month, day__lt=next_month(m.month))
        histogram: Counter[str] = Counter()
        for d in days:
            histogram.update(d.histogram)
        assert (m.hops, m.finished, m.within) == (
            sum(d.hops for d in days),
            sum(d.finished for d in days),
            sum(d.within for d in days),
        )
        assert m.histogram == dict(histogram)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=st.integers(min_value=0, max_value=(LAST_DAY - FIRST_DAY).days),
    length=st.integers(min_value=0, max_value=(LAST_DAY - FIRST_DAY).days),
    who=st.sampled_from(["hub", "coa", "kmar"]),
)
def test_lead_times_over_ranges_crossing_month_edges_equal_those_from_the_hop_table(
    months_of_hops: dict[str, Any], first: int, length: int, who: str
) -> None:
    """Counts, medians and p90s are the same whether whole months come from the month rows and the edges from the
    day rows, or everything is grouped from the hop table (no roll-up)."""
    start = FIRST_DAY + dt.timedelta(days=first)
    end = min(start + dt.timedelta(days=length), LAST_DAY)
    user = months_of_hops[who]
    rolled = _rows(user, start, end)
    with patch.object(rollup, "covered_before", return_value=None):
        grouped = _rows(user, start, end)
    assert rolled == grouped


@pytest.mark.django_db
def test_a_hop_that_ends_after_the_rebuild_reaches_the_month_row(months_of_hops: dict[str, Any]) -> None:
    """February is a whole month of the range, so it is read from its month row: the hop-table job must write it."""
    hub = months_of_hops["hub"]
    february = {"start": dt.date(2026, 2, 1), "end": dt.date(2026, 2, 28)}
    before = next(r for r in _rows(hub, **february) if r["unit"] == "coa.bureau-veiligheid")
    month_row = HopMonth.objects.filter(scope__isnull=True, unit__code="coa.bureau-veiligheid", month=dt.date(2026, 2, 1))
    finished = month_row.get().finished
    open_hop = HopRecord.objects.filter(
        unit__code="coa.bureau-veiligheid", left_at__isnull=True, arrived_at__gte=rollup.midnight(dt.date(2026, 2, 1))
    ).order_by("arrived_at")[0]
    assert open_hop.arrived_at < rollup.midnight(dt.date(2026, 3, 1))
    _move(
        open_hop.signal,
        months_of_hops["coa"],
        HopAction.FORWARDED,
        "coa.bureau-veiligheid",
        "ind.tsz",
        open_hop.arrived_at + dt.timedelta(days=1),
    )
    assert hop_records_refresh() == 1
    after = next(r for r in _rows(hub, **february) if r["unit"] == "coa.bureau-veiligheid")
    assert after["finished"] == before["finished"] + 1
    assert after["hops"] == before["hops"]
    assert month_row.get().finished == finished + 1
