"""Case-conference measures by kind in the chain figures, with need to know: a municipality counts its own cases'
measures, an outsider none, a chain role all; an external audience gets disclosure control like every table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/figures/conference-measures"
SUBJECT = {"names": [{"name": "Oefen Persoon"}], "date_of_birth": "1990-01"}


def _case_with(actor: Any, *measures: tuple[str, str]) -> Any:
    from ketensignaal.conferences import plan, services

    case = services.case_register(actor=actor, municipality_code=actor.unit.code, subject=SUBJECT, reason="Zorgen.")
    case = services.case_triage(actor=actor, case=case, admitted=True, reason="Toegelaten.")
    for code, owner in measures:
        plan.measure_propose(
            actor=actor, case=case, measure_code=code, owner=owner, goal="Doel.", review=dt.date.today() + dt.timedelta(days=30)
        )
    return case


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "utrecht": make_user("gemeente.utrecht", "case-director"),
        "amsterdam": make_user("gemeente.amsterdam", "case-director"),
        "hub": make_user("ind.tsz", "handler", "hub-analyst"),
        "coa": make_user("coa.locatie.ter-apel", "reporter"),
    }


def _counts(body: dict[str, Any]) -> dict[str, Any]:
    return {row["key"]: row["total"]["count"] for row in body["rows"]}


def test_measures_by_kind_follow_need_to_know(people: dict[str, Any], api_client_for: Any) -> None:
    _case_with(people["utrecht"], ("prosecution", "om"), ("care", "gemeente.utrecht"))
    _case_with(people["amsterdam"], ("prosecution", "om"))
    utrecht = api_client_for(people["utrecht"]).get(URL).json()
    assert utrecht["scope"] == "unit"
    assert _counts(utrecht)["prosecution"] == 1 and _counts(utrecht)["care"] == 1
    assert _counts(api_client_for(people["hub"]).get(URL).json())["prosecution"] == 2
    outsider = api_client_for(people["coa"]).get(URL).json()
    assert outsider["totals"]["total"]["count"] == 0


def test_measures_by_kind_are_suppressed_for_an_external_audience(people: dict[str, Any], api_client_for: Any) -> None:
    _case_with(people["utrecht"], ("prosecution", "om"), ("care", "gemeente.utrecht"))
    external = api_client_for(people["hub"]).get(URL, {"audience": "external"}).json()
    row = next(r for r in external["rows"] if r["key"] == "prosecution")
    assert row["total"] == {"count": None, "suppressed": True}
    assert external["disclosure"]["applied"] is True


def test_the_dashboard_shows_the_table_and_exports_it(people: dict[str, Any], web_client_for: Any) -> None:
    _case_with(people["utrecht"], ("prosecution", "om"))
    client = web_client_for(people["utrecht"])
    page = client.get("/cijfers/").content.decode()
    assert "Maatregelen in lokale casusoverleggen per soort" in page
    assert client.get("/cijfers/conference-measures.csv").status_code == 200
