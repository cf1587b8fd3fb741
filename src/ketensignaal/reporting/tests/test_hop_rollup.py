"""The lead-time roll-up: percentiles from a histogram of stays are within the documented precision of the exact
percentile, the dashboard gives the same lead times with and without the roll-up, a hop that changes after the
daily rebuild reaches the roll-up with the next job run, and need to know holds (a unit's rows, grants in person)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import InvolvementReason, SignalInvolvement
from ketensignaal.reporting.hops import hop_records_refresh
from ketensignaal.reporting.lead_times import lead_time_rows
from ketensignaal.reporting.models import HopDay
from ketensignaal.reporting.periods import range_parse
from ketensignaal.reporting.rollup import (
    PRECISION_DAYS,
    bucket_of,
    histogram_percentile,
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
