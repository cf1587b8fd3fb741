"""The daily roll-up behind the chain figures: the same counts as counting the signals, for the whole chain and for
a unit, and what happened since the cut-off (or is seen only through a grant in person) still counts at once."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

import pytest
from django.utils import timezone

from ketensignaal.intake.models import InvolvementReason, SignalInvolvement
from ketensignaal.reporting import rollup
from ketensignaal.reporting.dashboard import dashboard_tables, request_parse
from ketensignaal.reporting.models import SignalDay, SignalMonth
from ketensignaal.reporting.rollup import covered_before, signal_days_refresh
from ketensignaal.reporting.tests.factories import at, figure_signal

pytestmark = pytest.mark.django_db


def _figures(user: Any, by: str, start: str = "2026-01-01", end: str = "2026-12-31") -> dict[str, Any]:
    tables = dashboard_tables(user=user, request=request_parse({"from": start, "to": end, "by": by}))
    return {name: table.as_dict() for name, table in tables.items()}


def _total(user: Any) -> int:
    return int(_figures(user, "category")["signals"]["totals"]["total"]["count"])


@pytest.fixture
def chain(make_user: Any) -> dict[str, Any]:
    coa = make_user("coa.locatie.ter-apel", "reporter")
    kmar = make_user("kmar.ir", "reporter")
    hub = make_user("ind.tsz", "handler", "hub-analyst")
    for month in (2, 3, 3, 7):
        figure_signal(coa, created=at(2026, month), category="radicalisering", first_hop="coa.bureau-veiligheid")
    figure_signal(coa, created=at(2026, 4), category="terrorisme", outcome="monitoring", closed=at(2026, 5))
    figure_signal(kmar, created=at(2026, 4, 30), category="radicalisering", first_hop="kmar.intelligence")
    figure_signal(kmar, created=at(2026, 6), outcome="no-further-action", closed=at(2026, 6, 20))
    return {"coa": coa, "kmar": kmar, "hub": hub}


@pytest.mark.parametrize("by", ["category", "touchpoint", "organisation", "route"])
def test_figures_from_the_roll_up_equal_the_counted_figures(chain: dict[str, Any], by: str) -> None:
    counted = {who: _figures(chain[who], by) for who in ("hub", "coa", "kmar")}
    assert covered_before() is None
    assert signal_days_refresh() > 0
    assert covered_before() is not None and SignalDay.objects.filter(unit__isnull=True).exists()
    for who in ("hub", "coa", "kmar"):
        assert _figures(chain[who], by) == counted[who], who


def test_after_the_cut_off_and_through_a_grant_in_person_signals_count_at_once(chain: dict[str, Any], make_user: Any) -> None:
    signal_days_refresh()
    assert signal_days_refresh() == 0  # current: nothing rebuilt until the cut-off day moves on
    liv = make_user("lse.liv", "handler")
    before = _total(liv)
    # a grant in person to an older, rolled-up signal of COA's
    granted = figure_signal(chain["coa"], created=at(2026, 3, 3), category="terrorisme")
    SignalInvolvement.objects.create(signal=granted, unit=liv.unit, user=liv, reason=InvolvementReason.LIV)
    assert _total(liv) == before + 1
    # a new signal today (after the cut-off) counts for the chain without a rebuild
    hub_before = _total(chain["hub"])
    figure_signal(chain["kmar"], created=timezone.now(), category="radicalisering")
    if timezone.localdate().year == 2026:
        assert _total(chain["hub"]) == hub_before + 1


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-02-11", "2026-06-19"),  # partial edge months on both sides, whole months between
        ("2026-03-10", "2026-05-10"),  # edges on the very days signals were registered and closed
        ("2026-04-30", "2026-05-01"),  # across one month edge, no whole month
        ("2026-04-01", "2026-04-30"),  # exactly one whole month
        ("2026-02-01", "2026-06-20"),  # whole months, then an edge ending on a closing day
    ],
)
def test_month_rows_and_edge_days_give_the_counted_figures(chain: dict[str, Any], start: str, end: str) -> None:
    """Whole months of the range come from the month rows, the partial edge months from the day rows: the figures
    are those counted from the signals."""
    signal_days_refresh()
    assert SignalMonth.objects.filter(unit__isnull=True, measure="category").exists()
    for who in ("hub", "coa", "kmar"):
        for by in ("category", "route"):
            rolled = _figures(chain[who], by, start, end)
            with patch.object(rollup, "covered_before", return_value=None):
                assert rolled == _figures(chain[who], by, start, end), (who, by)
