"""Watch lists: created over a registered flow, imported whole or not at all, one person checked on demand with a
justification, hits decided by a person, bulk checks and the CTER knowledge hub refused without a basis."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ketensignaal.governance.models import LegalBasisFlow, ProcessingLogEntry
from ketensignaal.screening.models import WatchList, WatchListCheck, WatchListEntry, WatchListHit, WatchListVersion
from ketensignaal.screening.tests.factories import visible_person
from ketensignaal.screening.tests.watch_list_data import CSV_LIST, FTM_LIST, ftm_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def ind(make_user: Any, api_client_for: Any) -> dict[str, Any]:
    admin = make_user("ind", "functional-admin")
    screener = make_user("ind.tsz", "hub-analyst", "handler")
    return {"admin": api_client_for(admin), "screener": screener, "api": api_client_for(screener)}


def _list(api: Any, flow: str = "ind-signaleringslijst-screening") -> Any:
    return api.post("/api/v1/watch-lists", {"name": "VN-sanctielijst", "flow": flow}, format="json")


def _import(api: Any, list_id: str, text: str, name: str = "lijst.jsonl") -> Any:
    return api.post(
        f"/api/v1/watch-lists/{list_id}/imports", {"file": SimpleUploadedFile(name, text.encode())}, format="multipart"
    )


def _person(ind: dict[str, Any]) -> Any:
    return visible_person(ind["screener"], touchpoint="na-besluit")


def test_a_list_needs_a_flow_that_covers_watch_lists(ind: dict[str, Any]) -> None:
    missing = ind["admin"].post("/api/v1/watch-lists", {"name": "Lijst"}, format="json")
    assert missing.status_code == 400 and [p["name"] for p in missing.json()["invalid_params"]] == ["flow"]
    cter = _list(ind["admin"], flow="ind-politie-cter-kennisknooppunt")
    assert cter.status_code == 403 and "geen grondslag vastgesteld" in cter.json()["detail"]
    other_org = _list(ind["admin"], flow="politie-signaleringslijst-id-registratie")
    assert other_org.status_code == 403 and "hoort niet bij uw organisatie" in other_org.json()["detail"]
    unknown = _list(ind["admin"], flow="bestaat-niet")
    assert unknown.status_code == 403 and "bestaat-niet" in unknown.json()["detail"]
    assert _list(ind["api"]).status_code == 403  # a screener does not maintain lists
    assert not WatchList.objects.exists()
    created = _list(ind["admin"])
    assert created.status_code == 201 and created.json()["flow"] == "ind-signaleringslijst-screening@v1"


def test_an_ftm_import_counts_lines_skips_non_persons_and_becomes_current(ind: dict[str, Any]) -> None:
    list_id = _list(ind["admin"]).json()["id"]
    response = _import(ind["admin"], list_id, FTM_LIST)
    assert response.status_code == 201, response.json()
    assert {k: response.json()[k] for k in ("version", "status", "lines", "imported", "skipped")} == {
        "version": 1,
        "status": "complete",
        "lines": 4,
        "imported": 3,
        "skipped": 1,
    }
    entry = WatchListEntry.objects.get(external_id="NK-1")
    assert entry.nationalities == ["SYR"] and entry.birth_dates == ["1994-03-12"]
    assert {n["script"] for n in entry.names} == {"Latn", "Arab"}
    assert WatchList.objects.get().current_version.version == 1
    csv = _import(ind["admin"], list_id, CSV_LIST, name="lijst.csv")
    assert csv.status_code == 201 and csv.json()["version"] == 2 and csv.json()["imported"] == 2
    assert WatchList.objects.get().current_version.version == 2


@pytest.mark.parametrize(
    ("text", "name", "line", "words"),
    [
        (FTM_LIST + "\n{niet: json}", "l.jsonl", 5, "geen geldige JSON"),
        (ftm_line("X", ["A B"]) + "\n" + ftm_line("", ["C D"]), "l.jsonl", 2, "'id' ontbreekt"),
        (ftm_line("X", ["A B"], birth="12-03-1994"), "l.jsonl", 1, "geboortedatum"),
        ("id,naam\nC-1,Ivan Petrov\n", "l.csv", 1, "kopregel"),
        ("id,name,aliases,birth_date,nationality\nC-1,,,,\n", "l.csv", 2, "'name' ontbreekt"),
        ("id,name,aliases,birth_date,nationality\nC-1,Ivan,,,Ruritanië\n", "l.csv", 2, "nationaliteit"),
    ],
)
def test_a_bad_line_refuses_the_whole_file_naming_the_line(
    ind: dict[str, Any], text: str, name: str, line: int, words: str
) -> None:
    list_id = _list(ind["admin"]).json()["id"]
    response = _import(ind["admin"], list_id, text, name=name)
    assert response.status_code == 400
    params = response.json()["invalid_params"]
    assert any(p["line"] == line and words in p["reason"] and p["reason"].startswith(f"Regel {line}") for p in params)
    assert not WatchListEntry.objects.exists()
    assert WatchListVersion.objects.get().status == "refused" and WatchList.objects.get().current_version is None


def test_one_person_is_checked_with_a_justification_and_hits_are_explained(ind: dict[str, Any]) -> None:
    list_id = _list(ind["admin"]).json()["id"]
    _import(ind["admin"], list_id, FTM_LIST)
    person = _person(ind)
    url = f"/api/v1/persons/{person.pk}/watch-list-checks"
    no_reason = ind["api"].post(url, {"watch_list": list_id, "step": "na-besluit", "justification": " "}, format="json")
    assert no_reason.status_code == 400 and [p["name"] for p in no_reason.json()["invalid_params"]] == ["justification"]
    response = ind["api"].post(
        url, {"watch_list": list_id, "step": "na-besluit", "justification": "Signalering in SIS; naam gelijkend."}, format="json"
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert "geen feit" in data["notice"] and data["legal_basis"] == "ind-signaleringslijst-screening@v1"
    [hit] = data["hits"]
    assert hit["entry"]["id"] == "NK-1" and hit["decision"] == ""
    explanation = hit["explanation"]
    assert explanation["names"]["tokens"] and explanation["date_of_birth"]["outcome"] in {"compatible", "exact"}
    assert explanation["nationality"]["outcome"] == "agree" and "v_number" not in explanation
    entry = ProcessingLogEntry.objects.get(activity="signaleringslijst-controle", object_type="watch-list-check", action="create")
    assert entry.legal_basis == "ind-signaleringslijst-screening@v1"


def test_a_hit_gets_one_recorded_human_decision(ind: dict[str, Any], make_user: Any, api_client_for: Any) -> None:
    list_id = _list(ind["admin"]).json()["id"]
    _import(ind["admin"], list_id, FTM_LIST)
    person = _person(ind)
    check = (
        ind["api"]
        .post(
            f"/api/v1/persons/{person.pk}/watch-list-checks",
            {"watch_list": list_id, "step": "na-besluit", "justification": "Bij screening."},
            format="json",
        )
        .json()
    )
    hit_id = check["hits"][0]["id"]
    url = f"/api/v1/watch-list-hits/{hit_id}/decision"
    assert ind["api"].post(url, {"decision": "match", "note": "x"}, format="json").status_code == 400
    assert ind["api"].post(url, {"decision": "not-same-person", "note": ""}, format="json").status_code == 400
    outsider = api_client_for(make_user("politie.avim", "handler"))
    assert outsider.post(url, {"decision": "same-person", "note": "x"}, format="json").status_code == 404
    done = ind["api"].post(url, {"decision": "not-same-person", "note": "Andere geboorteplaats en vader."}, format="json")
    assert done.status_code == 200 and done.json()["decision"] == "not-same-person"
    again = ind["api"].post(url, {"decision": "same-person", "note": "toch"}, format="json")
    assert again.status_code == 409
    assert WatchListHit.objects.get().decision == "not-same-person"
    assert ProcessingLogEntry.objects.filter(object_type="watch-list-hit", action="update").count() == 1


def test_bulk_checks_are_refused_naming_the_missing_basis_unless_a_flow_is_registered(ind: dict[str, Any]) -> None:
    list_id = _list(ind["admin"]).json()["id"]
    _import(ind["admin"], list_id, FTM_LIST)
    persons = [str(_person(ind).pk), str(_person(ind).pk)]
    body = {"watch_list": list_id, "persons": persons, "step": "na-besluit", "justification": "Alle nieuwe aanvragers."}
    refused = ind["api"].post("/api/v1/watch-list-checks/bulk", body, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "no_legal_basis"
    assert "populatiescreening" in refused.json()["detail"] and "bulkvergelijking" in refused.json()["detail"]
    cter = ind["api"].post(
        "/api/v1/watch-list-checks/bulk", {**body, "compare_with": "politie-cter-kennisknooppunt"}, format="json"
    )
    assert cter.status_code == 403 and "informatieknooppunt CTER" in cter.json()["detail"]
    assert "geen duidelijke rechtsgrond" in cter.json()["detail"]
    assert ind["api"].post("/api/v1/watch-list-checks/bulk", {}, format="json").status_code == 403
    assert not WatchListCheck.objects.exists()
    flow = LegalBasisFlow.objects.get(code="ind-signaleringslijst-screening")
    LegalBasisFlow.objects.create(
        code="ind-bulk-test",
        name="Test: bulkvergelijking",
        from_organisation=flow.from_organisation,
        to_organisation=flow.to_organisation,
        purpose="Test",
        statutory_basis="Testwet art. 1",
        data_categories=["bulkvergelijking"],
        valid_from=flow.valid_from,
    )
    allowed = ind["api"].post("/api/v1/watch-list-checks/bulk", body, format="json")
    assert allowed.status_code == 201 and allowed.json()["count"] == 2
    # The CTER knowledge hub stays refused: its flow is registered as having no basis.
    assert (
        ind["api"]
        .post("/api/v1/watch-list-checks/bulk", {**body, "compare_with": "politie-cter-kennisknooppunt"}, format="json")
        .status_code
        == 403
    )


def test_lists_and_checks_stay_inside_the_organisation(ind: dict[str, Any], make_user: Any, api_client_for: Any) -> None:
    list_id = _list(ind["admin"]).json()["id"]
    _import(ind["admin"], list_id, FTM_LIST)
    police = api_client_for(make_user("politie.avim", "handler", "functional-admin"))
    assert police.get("/api/v1/watch-lists").json()["count"] == 0
    assert _import(police, list_id, FTM_LIST).status_code == 404
    check = (
        ind["api"]
        .post(
            f"/api/v1/persons/{_person(ind).pk}/watch-list-checks",
            {"watch_list": list_id, "step": "na-besluit", "justification": "Bij screening."},
            format="json",
        )
        .json()
    )
    assert police.get(f"/api/v1/watch-list-checks/{check['id']}").status_code == 404
    assert ind["api"].get(f"/api/v1/watch-list-checks/{check['id']}").status_code == 200


def test_a_hits_explanation_follows_the_clients_language_also_for_a_hit_stored_before_the_codes_were_kept(
    ind: dict[str, Any],
) -> None:
    """Issue 10: the API says a hit's explanation as the pages do, Dutch by default and English on Accept-Language,
    and a hit stored with only the Dutch sentence for date of birth and nationality reads in English too."""
    list_id = _list(ind["admin"]).json()["id"]
    _import(ind["admin"], list_id, FTM_LIST)
    person = _person(ind)
    body = {"watch_list": list_id, "step": "na-besluit", "justification": "Signalering in SIS; naam gelijkend."}
    dutch = ind["api"].post(f"/api/v1/persons/{person.pk}/watch-list-checks", body, format="json")
    assert dutch.status_code == 201 and dutch["Content-Language"] == "nl"
    [hit] = dutch.json()["hits"]
    assert hit["explanation"]["nationality"]["summary"] == "Nationaliteit gelijk (Syrië)."
    assert "geen feit" in dutch.json()["notice"]
    # As a row stored before matching kept the dates and codes: only the Dutch sentences.
    stored = WatchListHit.objects.get(pk=hit["id"])
    old = {**stored.explanation}
    old["date_of_birth"] = {k: v for k, v in old["date_of_birth"].items() if k != "dates"}
    old["nationality"] = {k: v for k, v in old["nationality"].items() if k != "countries"}
    WatchListHit.objects.filter(pk=stored.pk).update(explanation=old)
    url = f"/api/v1/watch-list-checks/{dutch.json()['id']}"
    english = ind["api"].get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200 and english["Content-Language"] == "en"
    shown = english.json()["hits"][0]["explanation"]
    assert shown["nationality"]["summary"] == "Same nationality (Syria)."
    assert shown["date_of_birth"]["summary"].startswith(("Same date of birth", "Dates of birth compatible"))
    assert all("gelijk" not in pair["label"] for pair in shown["names"]["tokens"])
    assert shown["nationality"]["outcome"] == "agree" and "geen feit" not in english.json()["notice"]
    again = ind["api"].get(url).json()["hits"][0]["explanation"]
    assert again["nationality"]["summary"] == "Nationaliteit gelijk (Syrië)."
