"""Lead time per hop from routing's history: the hop table, working days, deadline adherence, need to know."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ketensignaal.identity.models import Unit
from ketensignaal.reporting.hops import hop_records_refresh
from ketensignaal.reporting.models import HopRecord
from ketensignaal.reporting.tests.factories import AMS, figure_signal
from ketensignaal.routing.models import HopAction, SignalEvent

pytestmark = pytest.mark.django_db


def _move(signal: Any, user: Any, action: str, src: str, dst: str, at: dt.datetime) -> None:
    SignalEvent.objects.create(
        signal=signal, action=action, from_unit=Unit.objects.get(code=src), to_unit=Unit.objects.get(code=dst), by=user, at=at
    )


@pytest.fixture
def hops(make_user: Any) -> dict[str, Any]:
    coa = make_user("coa.locatie.ter-apel", "reporter")
    hub = make_user("ind.tsz", "handler", "hub-analyst")
    kmar = make_user("kmar.ir", "reporter")
    monday = dt.datetime(2026, 3, 2, 9, 0, tzinfo=AMS)
    for days in (1, 2, 3, 9):  # working days at COA Bureau Veiligheid before forwarding to IND TSZ
        s = figure_signal(coa, created=monday, first_hop="coa.bureau-veiligheid")
        forwarded = monday + dt.timedelta(days=days + 2 * (days // 5))  # skip weekends
        _move(s, coa, HopAction.FORWARDED, "coa.bureau-veiligheid", "ind.tsz", forwarded)
        _move(s, coa, HopAction.CLOSED, "ind.tsz", "ind.tsz", forwarded + dt.timedelta(days=1))
    return {"coa": coa, "hub": hub, "kmar": kmar}


def test_refresh_builds_one_record_per_stay_and_is_idempotent(hops: dict[str, Any]) -> None:
    assert hop_records_refresh() == 4
    assert HopRecord.objects.count() == 8
    assert hop_records_refresh() == 0  # nothing new since the watermark
    stay = HopRecord.objects.filter(unit__code="coa.bureau-veiligheid").order_by("working_days")
    assert [round(r.working_days) for r in stay] == [1, 2, 3, 9]
    assert [r.within_deadline for r in stay] == [True, True, True, False]  # service level: 5 working days


def test_lead_times_api_gives_median_p90_and_adherence(hops: dict[str, Any], api_client_for: Any) -> None:
    hop_records_refresh()
    body = api_client_for(hops["hub"]).get("/api/v1/figures/lead-times", {"from": "2026-03-01", "to": "2026-03-31"}).json()
    row = next(r for r in body["rows"] if r["unit"] == "coa.bureau-veiligheid")
    assert row["hops"] == 4 and row["finished"] == 4
    assert row["median_days"] == 2.5
    assert row["p90_days"] == pytest.approx(7.2, abs=0.1)
    assert row["within_deadline_share"] == 0.75


def test_lead_times_for_an_external_audience_hide_units_with_few_hops(hops: dict[str, Any], api_client_for: Any) -> None:
    hop_records_refresh()
    params = {"from": "2026-03-01", "to": "2026-03-31", "audience": "external"}
    body = api_client_for(hops["hub"]).get("/api/v1/figures/lead-times", params).json()
    row = next(r for r in body["rows"] if r["unit"] == "coa.bureau-veiligheid")
    assert row["suppressed"] is True and row["median_days"] is None and row["hops"] is None
    assert "minder dan 10" in body["rule"]


def test_a_unit_that_saw_none_of_the_signals_sees_no_hops(hops: dict[str, Any], api_client_for: Any) -> None:
    hop_records_refresh()
    body = api_client_for(hops["kmar"]).get("/api/v1/figures/lead-times", {"from": "2026-03-01", "to": "2026-03-31"}).json()
    assert body["scope"] == "unit" and body["rows"] == []
