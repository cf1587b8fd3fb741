"""The plan of action: competent owners, interference warnings from data, reviews, two editors at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.conferences.models import ConferenceCase, Measure, MeasureWarning, Phase

pytestmark = pytest.mark.django_db


def _in(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def _measure(api: Any, case: Any, measure: str, owner: str, **extra: Any) -> Any:
    body = {"measure": measure, "owner": owner, "goal": "Doel van de maatregel", "review": _in(60), **extra}
    return api.post(f"/api/v1/conference-cases/{case.pk}/measures", body, format="json")


def test_catalogue_lists_codes_with_competent_organisations(people: dict[str, Any], api_client_for: Any) -> None:
    rows = {r["code"]: r for r in api_client_for(people["utrecht"]).get("/api/v1/measures").json()}
    assert set(rows) >= {"care", "prosecution", "undesirable-alien", "asset-freeze", "exit-facility", "probation-supervision"}
    assert rows["prosecution"]["competent_organisations"] == ["om"]
    assert rows["asset-freeze"]["competent_organisations"] == ["bz"]
    assert rows["district-team"]["municipality_competent"] is True


def test_catalogue_labels_follow_accept_language_with_the_english_beside_them(
    people: dict[str, Any], api_client_for: Any
) -> None:
    """Issue 10: ``label`` was Dutch for an English client; it follows Accept-Language, ``label_en`` stays."""
    client = api_client_for(people["utrecht"])
    dutch = {r["code"]: r for r in client.get("/api/v1/measures").json()}["prosecution"]
    english = {r["code"]: r for r in client.get("/api/v1/measures", HTTP_ACCEPT_LANGUAGE="en").json()}["prosecution"]
    assert dutch["label_en"] and dutch["label"] != dutch["label_en"]
    assert english["label"] == english["label_en"] == dutch["label_en"]


def test_a_case_measure_label_follows_accept_language(people: dict[str, Any], api_client_for: Any, case_for: Any) -> None:
    """Issue 10: a case's measure ``label`` was the catalogue's Dutch whatever the client asked."""
    case = case_for(admitted=True)
    api = api_client_for(people["utrecht"])
    created = api.post(
        f"/api/v1/conference-cases/{case.pk}/measures",
        {"measure": "prosecution", "owner": "om", "goal": "Doel", "review": _in(60)},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    measure_type = Measure.objects.get().measure_type
    assert measure_type.label_en and measure_type.label != measure_type.label_en
    assert created.json()["label"] == measure_type.label_en
    [dutch] = api.get(f"/api/v1/conference-cases/{case.pk}").json()["measures"]
    [english] = api.get(f"/api/v1/conference-cases/{case.pk}", HTTP_ACCEPT_LANGUAGE="en").json()["measures"]
    assert dutch["label"] == measure_type.label
    assert english["label"] == measure_type.label_en


def test_only_a_competent_organisation_owns_a_measure(people: dict[str, Any], api_client_for: Any, case_for: Any) -> None:
    case = case_for(admitted=True)
    api = api_client_for(people["utrecht"])
    refused = _measure(api, case, "prosecution", "gemeente.utrecht")
    assert refused.status_code == 400
    assert refused.json()["code"] == "not_competent"
    assert "Openbaar Ministerie" in refused.json()["detail"]
    assert not Measure.objects.exists()
    assert _measure(api, case, "prosecution", "om").status_code == 201
    assert _measure(api, case, "district-team", "gemeente.utrecht").status_code == 201


def test_prosecution_then_undesirable_alien_warns_and_names_who_to_consult(
    people: dict[str, Any], api_client_for: Any, case_for: Any
) -> None:
    case = case_for(admitted=True)
    api = api_client_for(people["utrecht"])
    first = _measure(api, case, "prosecution", "om")
    assert first.json()["warnings"] == []
    second = _measure(api, case, "undesirable-alien", "ind")
    assert second.status_code == 201  # a warning never blocks
    [warning] = second.json()["warnings"]
    assert warning["code"] == "prosecution-undesirable-alien"
    assert sorted(warning["measures"]) == ["prosecution", "undesirable-alien"]
    assert "OM en IND" in warning["coordination"]
    ack = api.post(
        f"/api/v1/conference-cases/{case.pk}/warnings/{warning['id']}/acknowledge",
        {"choice": "consult", "note": "Officier overlegt met de IND."},
        format="json",
    )
    assert ack.status_code == 200
    assert ack.json()["choice"] == "consult" and ack.json()["acknowledged_at"]


@pytest.mark.parametrize(
    ("first", "first_owner", "second", "second_owner", "code"),
    [
        ("asset-freeze", "bz", "family-support", "fier", "asset-freeze-family-support"),
        ("asset-freeze", "bz", "nationality-withdrawal", "ind", "asset-freeze-nationality-withdrawal"),
        ("probation-supervision", "rn", "exit-facility", "fier", "exit-facility-probation"),
        ("exit-facility", "fier", "asset-freeze", "bz", "asset-freeze-exit-facility"),
    ],
)
def test_interference_rules_from_seed_004(
    people: dict[str, Any],
    api_client_for: Any,
    case_for: Any,
    first: str,
    first_owner: str,
    second: str,
    second_owner: str,
    code: str,
) -> None:
    case = case_for(admitted=True)
    api = api_client_for(people["utrecht"])
    _measure(api, case, first, first_owner)
    warnings = _measure(api, case, second, second_owner).json()["warnings"]
    assert [w["code"] for w in warnings] == [code]
    if first == "asset-freeze" and second == "family-support":
        assert "bevriezingsoverleg" in warnings[0]["coordination"] and "OM" in warnings[0]["coordination"]


def test_om_has_the_last_word_once_a_sentence_is_executed(people: dict[str, Any], api_client_for: Any, case_for: Any) -> None:
    case = case_for(admitted=True)
    api = api_client_for(people["utrecht"])
    api.put(f"/api/v1/conference-cases/{case.pk}/plan", {"goals": "Re-integratie", "sentence_in_execution": True}, format="json")
    response = _measure(api, case, "probation-supervision", "rn")
    assert response.json()["om_last_word"] is True
    assert [w["code"] for w in response.json()["warnings"]] == ["om-last-word"]
    assert _measure(api, case, "district-team", "gemeente.utrecht").json()["warnings"] == []


def test_bad_dates_are_refused(people: dict[str, Any], api_client_for: Any, case_for: Any) -> None:
    case = case_for(admitted=True)
    api = api_client_for(people["utrecht"])
    past = _measure(api, case, "care", "ggz", review=_in(-1))
    assert past.status_code == 400 and past.json()["invalid_params"][0]["code"] == "in_the_past"
    review = api.post(
        f"/api/v1/conference-cases/{case.pk}/reviews",
        {"summary": "x", "changes_since_last": "y", "next_review": _in(-3)},
        format="json",
    )
    assert review.status_code == 400 and review.json()["invalid_params"][0]["name"] == "next_review"
    assert ConferenceCase.objects.get(pk=case.pk).phase == Phase.CONFERENCE


def test_review_records_changes_and_starts_monitoring(people: dict[str, Any], api_client_for: Any, case_for: Any) -> None:
    case = case_for(admitted=True)
    api = api_client_for(people["utrecht"])
    response = api.post(
        f"/api/v1/conference-cases/{case.pk}/reviews",
        {"summary": "Loopt volgens plan", "changes_since_last": "Werk gevonden", "next_review": _in(42)},
        format="json",
    )
    assert response.status_code == 201
    case = ConferenceCase.objects.get(pk=case.pk)
    assert case.phase == Phase.MONITORING and case.next_review.isoformat() == _in(42)
    detail = api.get(f"/api/v1/conference-cases/{case.pk}").json()
    assert detail["reviews"][0]["changes_since_last"] == "Werk gevonden"


def test_overdue_review_is_flagged_in_the_list(people: dict[str, Any], api_client_for: Any, case_for: Any) -> None:
    case = case_for(admitted=True)
    ConferenceCase.objects.filter(pk=case.pk).update(next_review=timezone.localdate() - dt.timedelta(days=2))
    [row] = api_client_for(people["utrecht"]).get("/api/v1/conference-cases").json()["results"]
    assert row["review_overdue"] is True


def test_two_editors_at_once_the_second_gets_409_and_nothing_is_saved(
    people: dict[str, Any], api_client_for: Any, case_for: Any
) -> None:
    case = case_for(admitted=True)
    api = api_client_for(people["utrecht"])
    version = api.get(f"/api/v1/conference-cases/{case.pk}").json()["version"]
    url = f"/api/v1/conference-cases/{case.pk}/plan"
    assert api.put(url, {"goals": "Eerste versie", "expected_version": version}, format="json").status_code == 200
    stale = api.put(url, {"goals": "Tweede versie", "expected_version": version}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    stale_measure = _measure(api, case, "care", "ggz", expected_version=version)
    assert stale_measure.status_code == 409
    assert ConferenceCase.objects.get(pk=case.pk).plan_goals == "Eerste versie"
    assert not Measure.objects.exists() and not MeasureWarning.objects.exists()


def test_plan_is_closed_before_admission_and_for_partners(
    people: dict[str, Any], api_client_for: Any, case_for: Any, invite: Any
) -> None:
    triage = case_for()
    assert _measure(api_client_for(people["utrecht"]), triage, "care", "ggz").status_code == 409
    case = case_for(admitted=True)
    invite(case, "politie.drio")
    assert _measure(api_client_for(people["police"]), case, "care", "ggz").status_code == 403


def test_an_interference_warning_reads_in_the_readers_language(
    people: dict[str, Any], api_client_for: Any, web_client_for: Any, case_for: Any
) -> None:
    """Issue 10: the warning's two texts show in English to an English reader, in Dutch to a Dutch one."""
    case = case_for(admitted=True)
    api = api_client_for(people["utrecht"])
    api.put(f"/api/v1/conference-cases/{case.pk}/plan", {"goals": "Re-integratie", "sentence_in_execution": True}, format="json")
    _measure(api, case, "asset-freeze", "bz")
    _measure(api, case, "family-support", "fier")
    _measure(api, case, "probation-supervision", "rn")
    web = web_client_for(people["utrecht"])
    dutch = web.get(f"/casusoverleg/{case.pk}").content.decode()
    assert "kan de inspanningen van het familiesteunpunt tegenwerken" in dutch
    assert "het OM heeft het laatste woord, omdat" in dutch
    web.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = web.get(f"/casusoverleg/{case.pk}").content.decode()
    assert "can work against the efforts of the family support point" in english
    assert "freeze meeting through the Public Prosecution Service" in english
    assert "has the last word, because it is responsible for the enforcement" in english
    assert "familiesteunpunt tegenwerken" not in english and "bevriezingsoverleg" not in english
    assert "het laatste woord" not in english


def test_the_api_says_an_interference_warning_in_the_clients_language(
    people: dict[str, Any], api_client_for: Any, case_for: Any
) -> None:
    """Issue 10: Dutch by default, English on Accept-Language (as problem+json), the English beside it in ``*_en``."""
    case = case_for(admitted=True)
    api = api_client_for(people["utrecht"])
    _measure(api, case, "asset-freeze", "bz")
    english = api.post(
        f"/api/v1/conference-cases/{case.pk}/measures",
        {"measure": "family-support", "owner": "fier", "goal": "Doel", "review": _in(60)},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert english.status_code == 201 and english["Content-Language"] == "en"
    [warning] = english.json()["warnings"]
    assert "can work against the efforts of the family support point" in warning["detail"]
    assert warning["detail"] == warning["detail_en"] and warning["coordination"] == warning["coordination_en"]
    assert "bevriezingsoverleg" not in warning["coordination"]
    dutch = api.get(f"/api/v1/conference-cases/{case.pk}").json()
    [shown] = [w for m in dutch["measures"] for w in m["warnings"]]
    assert "familiesteunpunt tegenwerken" in shown["detail"] and shown["detail_en"] == warning["detail"]
    ack = api.post(
        f"/api/v1/conference-cases/{case.pk}/warnings/{shown['id']}/acknowledge",
        {"choice": "consult", "note": "Afgestemd."},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9",
    )
    assert ack.status_code == 200 and ack.json()["coordination"] == warning["coordination"]


def test_the_reference_load_gives_an_earlier_rule_its_english_but_keeps_an_administrators_wording(
    people: dict[str, Any],
) -> None:
    import json
    from pathlib import Path

    import ketensignaal
    from ketensignaal.conferences.catalogue import catalogue_load
    from ketensignaal.conferences.models import InterferenceRule

    data = json.loads((Path(ketensignaal.__file__).parent / "reference_data.json").read_text(encoding="utf-8"))
    InterferenceRule.objects.filter(code="asset-freeze-probation").update(detail_en="", coordination_en="")
    own_wording = {"detail": "Eigen tekst.", "detail_en": "", "coordination_en": ""}
    InterferenceRule.objects.filter(code="exit-facility-probation").update(**own_wording)
    catalogue_load(measures=[], rules=data["conference_interference_rules"])
    freeze = InterferenceRule.objects.get(code="asset-freeze-probation")
    assert freeze.detail_en.startswith("Freezing funds") and "freeze meeting" in freeze.coordination_en
    own = InterferenceRule.objects.get(code="exit-facility-probation")
    assert own.detail == "Eigen tekst." and own.detail_en == "" and own.coordination_en.startswith("Agreement between")
