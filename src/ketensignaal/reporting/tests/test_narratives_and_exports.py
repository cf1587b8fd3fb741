"""Narratives beside the figures (coordinating unit only; personal-data check when they leave the chain), the other
dashboard tables, and XLSX export."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from ketensignaal.reporting.models import Narrative
from ketensignaal.reporting.tests.factories import at, figure_signal

pytestmark = pytest.mark.django_db
URL = "/api/v1/figures/narratives"


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {"hub": make_user("ind.tsz", "handler", "hub-analyst"), "coa": make_user("coa.locatie.ter-apel", "reporter")}


def test_the_coordinating_unit_writes_a_narrative_and_everyone_with_figures_reads_it(
    people: dict[str, Any], api_client_for: Any
) -> None:
    body = {
        "period": "2026-T3",
        "case_type": "signals",
        "went_well": "Snelle doorzetting naar TSZ.",
        "got_stuck": "Terugkoppeling.",
    }
    response = api_client_for(people["hub"]).post(URL, body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["version"] == 1
    again = api_client_for(people["hub"]).post(URL, {**body, "went_well": "Nog sneller."}, format="json")
    assert again.json()["version"] == 2 and Narrative.objects.count() == 1
    listed = api_client_for(people["coa"]).get(URL, {"period": "2026-T3"}).json()
    assert [n["went_well"] for n in listed] == ["Nog sneller."]


def test_others_may_not_write(people: dict[str, Any], api_client_for: Any) -> None:
    response = api_client_for(people["coa"]).post(URL, {"period": "2026", "case_type": "all", "went_well": "x"}, format="json")
    assert response.status_code == 403
    assert not Narrative.objects.exists()


@pytest.mark.parametrize(
    "text", ["Betrokkene V-nummer 1234567890 meldde zich.", "Geboren 03-04-1994 in Aleppo.", "Sinds 1994-04-03."]
)
def test_personal_data_in_a_narrative_that_leaves_the_chain_needs_confirmation(
    people: dict[str, Any], api_client_for: Any, text: str
) -> None:
    client = api_client_for(people["hub"])
    body = {"period": "2026-T3", "case_type": "liv", "examples": text, "leaves_chain": True}
    refused = client.post(URL, body, format="json")
    assert refused.status_code == 400
    problem = refused.json()
    assert problem["code"] == "personal_data_suspected"
    assert "examples" in [p["name"] for p in problem["invalid_params"]]
    assert not Narrative.objects.exists()
    assert client.post(URL, {**body, "confirm_no_personal_data": True}, format="json").status_code == 201
    # Inside the chain the same text needs no confirmation.
    assert client.post(URL, {**body, "case_type": "lro", "leaves_chain": False}, format="json").status_code == 201


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"period": "dit jaar", "case_type": "all", "went_well": "x"}, "period"),
        ({"period": "2026", "case_type": "persons", "went_well": "x"}, "case_type"),
        ({"period": "2026", "case_type": "all"}, "went_well"),
        ({"period": "2026", "case_type": "all", "went_well": "x", "score": 3}, "score"),
    ],
)
def test_bad_narratives_are_refused_with_the_field_named(
    people: dict[str, Any], api_client_for: Any, body: dict[str, Any], name: str
) -> None:
    response = api_client_for(people["hub"]).post(URL, body, format="json")
    assert response.status_code == 400
    assert name in [p["name"] for p in response.json()["invalid_params"]]
    assert not Narrative.objects.exists()


@pytest.mark.parametrize("table", ["outcomes", "lro-follow-ups", "liv-requests", "liv-non-acceptance"])
def test_the_other_dashboard_tables(people: dict[str, Any], api_client_for: Any, table: str) -> None:
    figure_signal(people["coa"], created=at(2026, 3), outcome="no-further-action", closed=at(2026, 3, 20))
    response = api_client_for(people["hub"]).get(f"/api/v1/figures/{table}", {"from": "2026-03-01", "to": "2026-03-31"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["table"] == table and body["rows"]
    if table == "outcomes":
        assert next(r for r in body["rows"] if r["key"] == "no-further-action")["total"]["count"] == 1


def test_unknown_table_is_404(people: dict[str, Any], api_client_for: Any) -> None:
    assert api_client_for(people["hub"]).get("/api/v1/figures/persons").status_code == 404


def test_xlsx_export_is_a_workbook_with_the_rule_under_the_table(people: dict[str, Any], web_client_for: Any) -> None:
    for _ in range(12):
        figure_signal(people["coa"], created=at(2026, 3))
    response = web_client_for(people["hub"]).get(
        "/cijfers/signals.xlsx", {"from": "2026-03-01", "to": "2026-03-31", "audience": "external"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>12</v>" in sheet and "onderdrukt" in sheet and "kleiner dan 10" in sheet


def test_dashboard_writes_a_narrative_through_the_form(people: dict[str, Any], web_client_for: Any) -> None:
    web = web_client_for(people["hub"])
    page = web.get("/cijfers/")
    assert "Toelichting schrijven" in page.content.decode()
    response = web.post("/cijfers/toelichting", {"period": "2026-11", "case_type": "all", "went_well": "Goede samenwerking."})
    assert response.status_code == 302
    assert Narrative.objects.get().went_well == "Goede samenwerking."
    assert "Toelichting schrijven" not in web_client_for(people["coa"]).get("/cijfers/").content.decode()


def test_the_period_is_typed_day_month_year_and_an_unreadable_date_says_so(people: dict[str, Any], web_client_for: Any) -> None:
    """Issue 10: the dashboard's period filter is the one Dutch date input (not the browser's picker); a date it
    cannot read is a readable message on the page, not a 500 and not silently the default period."""
    for _ in range(12):
        figure_signal(people["coa"], created=at(2026, 3))
    web = web_client_for(people["hub"])
    page = web.get("/cijfers/", {"from": "1-3-2026", "to": "31-3-2026"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="from" value="1-3-2026"' in html and 'name="to" value="31-3-2026"' in html
    assert 'type="date"' not in html and "Datums als dag-maand-jaar, bijvoorbeeld 3-11-2026." in html
    assert "mrt 2026" in html and "feb 2026" not in html  # the typed period, not the default twelve months
    # The export behind the page reads the same typed period.
    assert web.get("/cijfers/signals.csv", {"from": "1-3-2026", "to": "31-3-2026"}).status_code == 200
    wrong = web.get("/cijfers/", {"from": "31-2-2026", "to": "31-3-2026"})
    assert wrong.status_code == 400
    assert "Van: De datum 31-2-2026 bestaat niet: februari 2026 heeft 28 dagen." in wrong.content.decode()
    assert 'name="from" value="31-2-2026"' in wrong.content.decode()
    assert web.get("/cijfers/signals.csv", {"from": "maart", "to": "31-3-2026"}).status_code == 400
