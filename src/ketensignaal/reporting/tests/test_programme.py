"""The action programme's progress reports: 38 measures as reference data, per four-month period each measure's
status and narrative, written by the coordinating unit, refused without a trace when anything is wrong, and a PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.reporting.models import MeasureProgress, ProgrammeMeasure, ProgressReport
from ketensignaal.reporting.programme_data import MEASURES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_today")]
URL = "/api/v1/progress-reports"


@pytest.fixture
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ketensignaal.reporting.programme.today", lambda: dt.date(2026, 12, 3))


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {"hub": make_user("ind.tsz", "handler", "hub-analyst"), "coa": make_user("coa.locatie.ter-apel", "reporter")}


def test_the_38_measures_are_reference_data_with_their_responsible_organisation(
    people: dict[str, Any], api_client_for: Any
) -> None:
    assert ProgrammeMeasure.objects.count() == 38 == len(MEASURES)
    rows = api_client_for(people["coa"]).get("/api/v1/programme-measures").json()
    assert [r["number"] for r in rows] == list(range(1, 39))
    by_number = {r["number"]: r for r in rows}
    assert by_number[1]["responsible"] == "Openbaar Ministerie" and by_number[1]["responsible_named_in_source"]
    assert by_number[8]["responsible"].startswith("Minister van Buitenlandse Zaken")
    assert by_number[13]["theme"] == "risk-reduction" and "Fier" in by_number[13]["responsible"]
    assert all(r["responsible"] for r in rows)


def test_the_coordinating_unit_records_progress_and_everyone_with_figures_reads_it(
    people: dict[str, Any], api_client_for: Any
) -> None:
    body = {
        "summary": "De meeste maatregelen lopen; de financiële aanpak vraagt meer afstemming.",
        "entries": [
            {"measure": 1, "status": "applied", "narrative": "Onderzoeken gestart waar aansluiting bekend werd."},
            {"measure": 13, "status": "implemented", "narrative": ""},
            {"measure": 24, "status": "not-implemented", "narrative": "Nog geen aanbod voor het mbo."},
        ],
    }
    before = ProcessingLogEntry.objects.count()
    written = api_client_for(people["hub"]).put(f"{URL}/2026-T3", body, format="json")
    assert written.status_code == 200, written.content
    out = written.json()
    assert out["version"] == 1 and out["complete"] is False and len(out["entries"]) == 38
    statuses = {e["measure"]: e["status"] for e in out["entries"]}
    assert statuses[1] == "applied" and statuses[13] == "implemented" and statuses[2] == ""
    assert ProcessingLogEntry.objects.count() == before + 1
    assert ProcessingLogEntry.objects.order_by("-sequence").first().object_type == "progress-report"

    # A second write changes one measure and keeps the others.
    again = api_client_for(people["hub"]).put(
        f"{URL}/2026-T3", {"entries": [{"measure": 24, "status": "applied"}], "version": 1}, format="json"
    )
    assert again.status_code == 200 and again.json()["version"] == 2
    assert MeasureProgress.objects.count() == 3
    assert {e["measure"]: e["status"] for e in again.json()["entries"]}[1] == "applied"

    reader = api_client_for(people["coa"])
    assert [r["period"] for r in reader.get(URL).json()] == ["2026-T3"]
    assert reader.get(f"{URL}/2026-T3").json()["summary"].startswith("De meeste maatregelen")


def test_only_the_coordinating_unit_writes(people: dict[str, Any], api_client_for: Any) -> None:
    response = api_client_for(people["coa"]).put(
        f"{URL}/2026-T3", {"entries": [{"measure": 1, "status": "applied"}]}, format="json"
    )
    assert response.status_code == 403
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(
    ("period", "body", "field"),
    [
        ("2026-T3", {"entries": [{"measure": 39, "status": "applied"}]}, "entries[0].measure"),
        ("2026-T3", {"entries": [{"measure": 2, "status": "done"}]}, "entries.0.status"),
        (
            "2026-T3",
            {"entries": [{"measure": 2, "status": "applied"}, {"measure": 2, "status": "applied"}]},
            "entries[1].measure",
        ),
        ("2026-T3", {"summary": ""}, "summary"),
        ("2026-T3", {"entries": [{"measure": 2, "status": "applied", "who": "x"}]}, "entries.0.who"),
    ],
)
def test_bad_progress_is_refused_naming_the_field_and_nothing_is_written(
    people: dict[str, Any], api_client_for: Any, period: str, body: dict[str, Any], field: str
) -> None:
    before = ProcessingLogEntry.objects.count()
    response = api_client_for(people["hub"]).put(f"{URL}/{period}", body, format="json")
    assert response.status_code == 400, response.content
    assert field in [p["name"] for p in response.json()["invalid_params"]]
    assert not ProgressReport.objects.exists() and not MeasureProgress.objects.exists()
    assert ProcessingLogEntry.objects.count() == before


@pytest.mark.parametrize("period", ["2026-T4", "2027-T1", "2026-03", "x"])
def test_a_period_that_is_not_a_past_or_current_four_month_period_is_404(
    people: dict[str, Any], api_client_for: Any, period: str
) -> None:
    client = api_client_for(people["hub"])
    assert client.get(f"{URL}/{period}").status_code == 404
    assert client.put(f"{URL}/{period}", {"summary": "x"}, format="json").status_code == 404
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("text", ["Persoon met V-nummer 1234567890 vertrok.", "Een jongen, geboren 03-04-2004, keerde terug."])
def test_personal_data_patterns_need_confirmation_before_anything_is_written(
    people: dict[str, Any], api_client_for: Any, text: str
) -> None:
    client = api_client_for(people["hub"])
    body: dict[str, Any] = {"entries": [{"measure": 14, "status": "applied", "narrative": text}]}
    refused = client.put(f"{URL}/2026-T2", body, format="json")
    assert refused.status_code == 400
    problem = refused.json()
    assert problem["code"] == "personal_data_suspected"
    assert {"entries[0].narrative", "confirm_no_personal_data"} <= {p["name"] for p in problem["invalid_params"]}
    assert not ProgressReport.objects.exists()
    confirmed = client.put(f"{URL}/2026-T2", {**body, "confirm_no_personal_data": True}, format="json")
    assert confirmed.status_code == 200


def test_a_stale_version_is_a_conflict_and_overwrites_nothing(people: dict[str, Any], api_client_for: Any) -> None:
    client = api_client_for(people["hub"])
    client.put(f"{URL}/2026-T3", {"summary": "Eerste versie."}, format="json")
    client.put(f"{URL}/2026-T3", {"summary": "Tweede versie.", "version": 1}, format="json")
    stale = client.put(f"{URL}/2026-T3", {"summary": "Op een oude versie.", "version": 1}, format="json")
    assert stale.status_code == 409
    assert ProgressReport.objects.get().summary == "Tweede versie."


def test_the_progress_report_pdf_is_tagged_and_404_for_a_period_without_report(
    people: dict[str, Any], api_client_for: Any, web_client_for: Any
) -> None:
    client = api_client_for(people["hub"])
    assert client.get(f"{URL}/2026-T3/report.pdf").status_code == 404
    assert web_client_for(people["hub"]).get("/cijfers/actieprogramma/2026-T3.pdf").status_code == 404
    client.put(
        f"{URL}/2026-T3", {"summary": "Stand per maatregel.", "entries": [{"measure": 30, "status": "applied"}]}, format="json"
    )
    response = client.get(f"{URL}/2026-T3/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    from ketensignaal.reporting.programme import report_page, report_pdf

    raw = report_pdf(report_page(user=people["coa"], period="2026-T3"), uncompressed=True)
    assert b"/StructTreeRoot" in raw and b"/Lang" in raw
    assert web_client_for(people["coa"]).get("/cijfers/actieprogramma/2026-T3.pdf").status_code == 200


def test_the_pages_show_the_measures_and_the_form_only_to_the_coordinating_unit(
    people: dict[str, Any], web_client_for: Any
) -> None:
    hub = web_client_for(people["hub"])
    index = hub.get("/cijfers/actieprogramma/").content.decode()
    assert "Openbaar Ministerie" in index and "2026-T3" in index
    page = hub.get("/cijfers/actieprogramma/2026-T3/").content.decode()
    assert 'name="status-38"' in page
    posted = hub.post(
        "/cijfers/actieprogramma/2026-T3/opslaan",
        {"summary": "Goed op weg.", "status-1": "applied", "narrative-1": "Loopt.", "version": ""},
    )
    assert posted.status_code == 302
    assert ProgressReport.objects.get().entries.get().status == "applied"
    refused = hub.post(
        "/cijfers/actieprogramma/2026-T3/opslaan",
        {"summary": "V-nummer 1234567890", "status-2": "applied", "version": "1"},
    )
    assert refused.status_code == 400 and "V-nummer" in refused.content.decode()
    assert ProgressReport.objects.get().summary == "Goed op weg."
    reader = web_client_for(people["coa"]).get("/cijfers/actieprogramma/2026-T3/").content.decode()
    assert 'name="status-1"' not in reader and "Goed op weg." in reader


def test_theme_names_read_in_the_readers_language(people: dict[str, Any], api_client_for: Any, web_client_for: Any) -> None:
    """Issue 10: the programme's theme names were Dutch to an English reader (pages, PDF, API ``theme_label``)."""
    api = api_client_for(people["coa"])
    dutch = {r["number"]: r for r in api.get("/api/v1/programme-measures").json()}[13]
    english = {r["number"]: r for r in api.get("/api/v1/programme-measures", HTTP_ACCEPT_LANGUAGE="en").json()}[13]
    assert dutch["theme"] == english["theme"] == "risk-reduction"
    assert dutch["theme_label"] == "Risicoreductie jihadgangers"
    assert english["theme_label"] == "Reducing the risk of jihadist travellers"
    hub = web_client_for(people["hub"])
    assert "Risicoreductie jihadgangers" in hub.get("/cijfers/actieprogramma/2026-T3/").content.decode()
    hub.cookies["django_language"] = "en"
    for url in ("/cijfers/actieprogramma/", "/cijfers/actieprogramma/2026-T3/"):
        page = hub.get(url).content.decode()
        assert "Reducing the risk of jihadist travellers" in page and "Risicoreductie" not in page
        assert "Information sharing and cooperation: national" in page
