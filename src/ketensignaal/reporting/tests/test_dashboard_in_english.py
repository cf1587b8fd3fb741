"""Issue 10: the dashboard in English spoke Dutch in its charts: untranslated chart and table titles, Dutch month
abbreviations ("mrt", "okt") and unit codes under the lead-time bars."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ketensignaal.reporting.tests.factories import at, figure_signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {"coa": make_user("coa.locatie.ter-apel", "reporter"), "hub": make_user("ind.tsz", "handler", "hub-analyst")}


def test_the_dashboard_in_english_has_english_charts_months_and_axis_labels(people: dict[str, Any], web_client_for: Any) -> None:
    for _ in range(3):
        figure_signal(people["coa"], created=at(2026, 3))
    web = web_client_for(people["hub"])
    web.cookies["django_language"] = "en"
    html = web.get("/cijfers/", {"from": "1-3-2026", "to": "31-10-2026"}).content.decode()
    assert "Signals per period (total)" in html and "Signalen per periode (totaal)" not in html
    if 'id="grafiek-doorloop-title"' in html:
        assert "Median lead time per hop (working days)" in html
    assert "Mar 2026" in html and "Oct 2026" in html
    assert "mrt 2026" not in html and "okt 2026" not in html
    assert "Closed signals by outcome" in html and "Afgesloten signalen per uitkomst" not in html
    axis = re.findall(r'<text x="[\d.]+" y="\d+" text-anchor="middle">([^<]*)</text>', html)
    assert axis, "the charts have axis labels"
    assert not [label for label in axis if re.fullmatch(r"[a-z]+(\.[a-z-]+)+", label)], f"unit codes on the axis: {axis}"

    dutch = web_client_for(people["hub"]).get("/cijfers/", {"from": "1-3-2026", "to": "31-3-2026"}).content.decode()
    assert "Signalen per periode (totaal)" in dutch and "mrt 2026" in dutch
