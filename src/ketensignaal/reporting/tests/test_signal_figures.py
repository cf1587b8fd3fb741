"""Signal volumes: need to know (a unit sees what it may see; chain-wide only for chain roles), disclosure control
for external audiences, bad input, and the UI page with its chart and CSV export."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.reporting.tests.factories import at, figure_signal

pytestmark = pytest.mark.django_db

URL = "/api/v1/figures/signals"


@pytest.fixture
def chain(make_user: Any) -> dict[str, Any]:
    coa = make_user("coa.locatie.ter-apel", "reporter")
    kmar = make_user("kmar.ir", "reporter")
    hub = make_user("ind.tsz", "handler", "hub-analyst")
    for _ in range(12):
        figure_signal(coa, created=at(2026, 3), category="radicalisering", first_hop="coa.bureau-veiligheid")
    for _ in range(3):
        figure_signal(coa, created=at(2026, 4), category="terrorisme", first_hop="coa.bureau-veiligheid")
    for _ in range(11):
        figure_signal(kmar, created=at(2026, 4), category="radicalisering", first_hop="kmar.intelligence")
    figure_signal(kmar, created=at(2025, 4), category="radicalisering")  # outside the range
    return {"coa": coa, "kmar": kmar, "hub": hub}


def _row(body: dict[str, Any], key: str) -> dict[str, Any]:
    return next(r for r in body["rows"] if r["key"] == key)


def test_chain_role_sees_the_whole_chain_by_category(chain: dict[str, Any], api_client_for: Any) -> None:
    response = api_client_for(chain["hub"]).get(URL, {"from": "2026-03-01", "to": "2026-04-30", "by": "category"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["scope"] == "chain"
    assert [p["key"] for p in body["periods"]] == ["2026-03", "2026-04"]
    radicalisering = _row(body, "radicalisering")
    assert [c["count"] for c in radicalisering["cells"]] == [12, 11]
    assert radicalisering["total"] == {"count": 23, "suppressed": False}
    assert _row(body, "terrorisme")["total"]["count"] == 3
    assert body["totals"]["total"]["count"] == 26
    assert body["disclosure"]["applied"] is False


def test_a_unit_sees_only_figures_of_the_signals_it_may_see(chain: dict[str, Any], api_client_for: Any) -> None:
    body = api_client_for(chain["kmar"]).get(URL, {"from": "2026-03-01", "to": "2026-04-30"}).json()
    assert body["scope"] == "unit"
    assert body["totals"]["total"]["count"] == 11  # KMar's own signals; not COA's 15
    assert _row(body, "terrorisme")["total"]["count"] == 0


def test_external_audience_suppresses_small_counts_and_what_would_reveal_them(chain: dict[str, Any], api_client_for: Any) -> None:
    body = api_client_for(chain["hub"]).get(URL, {"from": "2026-03-01", "to": "2026-04-30", "audience": "external"}).json()
    assert body["disclosure"]["applied"] is True and body["disclosure"]["threshold"] == 10
    terrorisme = _row(body, "terrorisme")
    assert terrorisme["cells"][1] == {"period": "2026-04", "count": None, "suppressed": True}
    assert terrorisme["total"]["suppressed"] is True  # 3 would otherwise be its row total
    counts = [c["count"] for r in body["rows"] for c in r["cells"] if not c["suppressed"]]
    assert all(n >= 10 for n in counts)
    assert "kleiner dan 10" in body["disclosure"]["rule"]
    # A lower threshold hides less; the grand total is still published.
    hidden_at_10 = body["disclosure"]["suppressed_cells"]
    params = {"from": "2026-03-01", "to": "2026-04-30", "audience": "external", "threshold": 2}
    body = api_client_for(chain["hub"]).get(URL, params).json()
    assert body["disclosure"]["suppressed_cells"] < hidden_at_10
    assert body["totals"]["total"]["count"] == 26


@pytest.mark.parametrize("by", ["touchpoint", "organisation", "route"])
def test_every_dimension_adds_up_to_the_same_signals(chain: dict[str, Any], api_client_for: Any, by: str) -> None:
    body = api_client_for(chain["hub"]).get(URL, {"from": "2026-03-01", "to": "2026-04-30", "by": by}).json()
    assert body["totals"]["total"]["count"] == 26
    if by == "organisation":
        assert _row(body, "coa")["total"]["count"] == 15
    if by == "route":
        assert _row(body, "kmar.intelligence")["total"]["count"] == 11


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"threshold": 0, "audience": "external"}, "threshold"),
        ({"from": "2026-05-01", "to": "2026-04-01"}, "from"),
        ({"by": "person"}, "by"),
        ({"from": "gisteren"}, "from"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_input_is_a_problem_naming_the_parameter(chain: dict[str, Any], api_client_for: Any, params: Any, name: str) -> None:
    response = api_client_for(chain["hub"]).get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert name in [p["name"] for p in response.json()["invalid_params"]]


def test_without_token_401(db: Any) -> None:
    from rest_framework.test import APIClient

    assert APIClient().get(URL).status_code == 401


def test_dashboard_page_shows_chart_table_and_suppressed_cells(chain: dict[str, Any], web_client_for: Any) -> None:
    web = web_client_for(chain["hub"])
    page = web.get("/cijfers/", {"from": "2026-03-01", "to": "2026-04-30", "audience": "external"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert 'data-suppressed="true"' in html
    assert "kleiner dan 10" in html


def test_dashboard_bad_threshold_is_a_clear_message(chain: dict[str, Any], web_client_for: Any) -> None:
    page = web_client_for(chain["hub"]).get("/cijfers/", {"audience": "external", "threshold": "0"})
    assert page.status_code == 400
    assert "minstens 1" in page.content.decode()


def test_csv_export_is_not_cached_and_writes_suppressed_as_such(chain: dict[str, Any], web_client_for: Any) -> None:
    web = web_client_for(chain["hub"])
    response = web.get("/cijfers/signals.csv", {"from": "2026-03-01", "to": "2026-04-30", "audience": "external"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert "onderdrukt" in text and ";3;" not in text


def test_csv_export_of_a_period_without_data_is_refused(chain: dict[str, Any], web_client_for: Any) -> None:
    response = web_client_for(chain["hub"]).get("/cijfers/signals.csv", {"from": "2020-01-01", "to": "2020-02-01"})
    assert response.status_code == 404
    assert "geen gegevens" in response.content.decode()
