"""The LIV trajectory through the API: request to report, each refusal leaving nothing changed."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.intake.models import SignalInvolvement
from ketensignaal.trajectories.models import LivTrajectory, RecordedFactor
from ketensignaal.trajectories.tests.conftest import ACCEPT_ANSWERS, make_expert, signal_for

pytestmark = pytest.mark.django_db
BASE = "/api/v1/liv-trajectories"


def _request(api: Any, signal: Any, client: str = "coa") -> dict[str, Any]:
    response = api.post(
        BASE,
        {"client": client, "signal": str(signal.pk), "question": "Duiding gevraagd: vreemd gedrag en uitspraken."},
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def _to_interpretation(staff_api: Any, pk: str) -> None:
    assert staff_api.post(f"{BASE}/{pk}/weigh", {"accepted": True, "answers": ACCEPT_ANSWERS}, format="json").status_code == 200
    assert (
        staff_api.put(
            f"{BASE}/{pk}/phases/intake",
            {"answers": {"aanleiding": "Melding COA", "beschikbare_informatie": "Signaal"}},
            format="json",
        ).status_code
        == 200
    )
    assert staff_api.post(f"{BASE}/{pk}/advance", format="json").status_code == 200


def test_full_trajectory_from_request_to_delivered_report(liv: dict[str, Any], signal: Any, api_client_for: Any) -> None:
    coa_api, staff_api = api_client_for(liv["coa"]), api_client_for(liv["staff"])
    created = _request(coa_api, signal)
    pk = created["id"]
    assert created["phase"] == "weighing" and created["accepted"] is None and created["deadline"] is None
    assert "question" not in created  # the requesting unit gets the status view only
    assert SignalInvolvement.objects.filter(signal=signal, unit__code="lse.liv", reason="liv").exists()

    weighed = staff_api.post(f"{BASE}/{pk}/weigh", {"accepted": True, "answers": ACCEPT_ANSWERS}, format="json").json()
    assert weighed["phase"] == "intake" and weighed["accepted"] is True and weighed["deadline"]
    assert len(weighed["weighing"]["answers"]) == 4

    expert = make_expert()
    assert staff_api.post(f"{BASE}/{pk}/team", {"expert": str(expert.pk), "task": "duiding"}, format="json").status_code == 201
    staff_api.put(
        f"{BASE}/{pk}/phases/intake",
        {"answers": {"aanleiding": "Melding COA", "beschikbare_informatie": "Signaal"}},
        format="json",
    )
    assert staff_api.post(f"{BASE}/{pk}/advance", format="json").json()["phase"] == "interpretation"

    staff_api.put(
        f"{BASE}/{pk}/phases/interpretation",
        {"answers": {"verloop_gesprekken": "Twee gesprekken met tolk", "duiding": "Psychische klachten"}},
        format="json",
    )
    for code, presence in (("geweld-herkomst", "present"), ("sociale-steun", "present"), ("dagbesteding", "absent")):
        r = staff_api.post(
            f"{BASE}/{pk}/factors",
            {"factor": code, "presence": presence, "explanation": "Uit gesprek", "source": "gesprek"},
            format="json",
        )
        assert r.status_code == 200, r.content
    assert staff_api.post(f"{BASE}/{pk}/advance", format="json").json()["phase"] == "advice"

    staff_api.put(
        f"{BASE}/{pk}/phases/advice", {"answers": {"samenvatting": "Geen CTER", "zorg_ondersteuning": "GGZ"}}, format="json"
    )
    staff_api.put(f"{BASE}/{pk}/phases/closure", {"answers": {"afstemming_opdrachtgever": "Besproken"}}, format="json")
    r = staff_api.put(
        f"{BASE}/{pk}/conclusion",
        {"conclusions": ["no-radicalisation", "psychological-problems"], "advice": "Toeleiden naar GGZ."},
        format="json",
    )
    assert r.status_code == 200, r.content

    assert coa_api.get(f"{BASE}/{pk}/report.pdf").status_code == 404  # not delivered yet
    pdf = staff_api.get(f"{BASE}/{pk}/report.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert staff_api.post(f"{BASE}/{pk}/report-delivery", format="json").json()["report_delivered_to"] == "coa"
    assert coa_api.get(f"{BASE}/{pk}/report.pdf").status_code == 200
    assert staff_api.post(f"{BASE}/{pk}/advance", format="json").json()["phase"] == "closed"
    assert ProcessingLogEntry.objects.filter(activity="liv-traject", action="disclose", object_type="liv-report").count() == 1


def test_non_acceptance_records_reason_and_underlying_problem(liv: dict[str, Any], signal: Any, api_client_for: Any) -> None:
    pk = _request(api_client_for(liv["coa"]), signal)["id"]
    staff_api = api_client_for(liv["staff"])
    missing = staff_api.post(f"{BASE}/{pk}/weigh", {"accepted": False}, format="json")
    assert missing.status_code == 422
    assert {p["name"] for p in missing.json()["invalid_params"]} == {"reason", "underlying_problem"}
    r = staff_api.post(
        f"{BASE}/{pk}/weigh",
        {"accepted": False, "reason": "Strafrechtelijke procedure loopt", "underlying_problem": "Huisvestingsproblemen"},
        format="json",
    )
    body = r.json()
    assert body["phase"] == "not-accepted" and body["accepted"] is False
    assert body["weighing"]["reason"] == "Strafrechtelijke procedure loopt"
    assert body["weighing"]["underlying_problem"] == "Huisvestingsproblemen"


def test_advance_with_empty_required_fields_names_each_and_changes_nothing(
    liv: dict[str, Any], signal: Any, api_client_for: Any
) -> None:
    pk = _request(api_client_for(liv["coa"]), signal)["id"]
    staff_api = api_client_for(liv["staff"])
    staff_api.post(f"{BASE}/{pk}/weigh", {"accepted": True, "answers": ACCEPT_ANSWERS}, format="json")
    staff_api.put(f"{BASE}/{pk}/phases/intake", {"answers": {"aanleiding": "Iets"}}, format="json")
    r = staff_api.post(f"{BASE}/{pk}/advance", format="json")
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in r.json()["invalid_params"]] == ["intake.beschikbare_informatie"]
    assert "Beschikbare informatie" in r.json()["detail"]
    assert LivTrajectory.objects.get(pk=pk).phase == "intake"


def test_interpretation_needs_a_protective_factor(liv: dict[str, Any], signal: Any, api_client_for: Any) -> None:
    pk = _request(api_client_for(liv["coa"]), signal)["id"]
    staff_api = api_client_for(liv["staff"])
    _to_interpretation(staff_api, pk)
    staff_api.put(f"{BASE}/{pk}/phases/interpretation", {"answers": {"verloop_gesprekken": "x", "duiding": "y"}}, format="json")
    staff_api.post(
        f"{BASE}/{pk}/factors", {"factor": "isolement", "presence": "present", "explanation": "Alleen op kamer"}, format="json"
    )
    r = staff_api.post(f"{BASE}/{pk}/advance", format="json")
    assert r.status_code == 422
    assert [p["name"] for p in r.json()["invalid_params"]] == ["factors.protective"]
    assert LivTrajectory.objects.get(pk=pk).phase == "interpretation"


def test_factor_without_explanation_is_refused(liv: dict[str, Any], signal: Any, api_client_for: Any) -> None:
    pk = _request(api_client_for(liv["coa"]), signal)["id"]
    staff_api = api_client_for(liv["staff"])
    _to_interpretation(staff_api, pk)
    r = staff_api.post(
        f"{BASE}/{pk}/factors", {"factor": "sociale-steun", "presence": "present", "explanation": "  "}, format="json"
    )
    assert r.status_code == 400
    assert [p["name"] for p in r.json()["invalid_params"]] == ["explanation"]
    assert not RecordedFactor.objects.exists()


def test_unavailable_expert_is_refused(liv: dict[str, Any], signal: Any, api_client_for: Any) -> None:
    pk = _request(api_client_for(liv["coa"]), signal)["id"]
    staff_api = api_client_for(liv["staff"])
    staff_api.post(f"{BASE}/{pk}/weigh", {"accepted": True, "answers": ACCEPT_ANSWERS}, format="json")
    expert = make_expert("Dr. Bezet", available=False)
    r = staff_api.post(f"{BASE}/{pk}/team", {"expert": str(expert.pk)}, format="json")
    assert r.status_code == 422 and r.json()["invalid_params"][0]["code"] == "unavailable"
    assert not LivTrajectory.objects.get(pk=pk).assignments.exists()


def test_report_before_advice_is_refused(liv: dict[str, Any], signal: Any, api_client_for: Any) -> None:
    pk = _request(api_client_for(liv["coa"]), signal)["id"]
    staff_api = api_client_for(liv["staff"])
    _to_interpretation(staff_api, pk)
    r = staff_api.get(f"{BASE}/{pk}/report.pdf")
    assert r.status_code == 422 and r.json()["invalid_params"][0]["code"] == "not_at_advice"
    d = staff_api.post(f"{BASE}/{pk}/report-delivery", format="json")
    assert d.status_code == 422
    assert LivTrajectory.objects.get(pk=pk).report_delivered_at is None


def test_need_to_know(liv: dict[str, Any], signal: Any, api_client_for: Any) -> None:
    pk = _request(api_client_for(liv["coa"]), signal)["id"]
    outsider = api_client_for(liv["ind"])
    assert outsider.get(f"{BASE}/{pk}").status_code == 404
    assert outsider.get(BASE).json()["count"] == 0
    coa_api = api_client_for(liv["coa"])
    assert (
        coa_api.post(
            f"{BASE}/{pk}/weigh", {"accepted": False, "reason": "x", "underlying_problem": "y"}, format="json"
        ).status_code
        == 404
    )
    # an unassigned expert sees nothing; once assigned, the working file
    expert_api = api_client_for(liv["expert_user"])
    assert expert_api.get(f"{BASE}/{pk}").status_code == 404
    staff_api = api_client_for(liv["staff"])
    staff_api.post(f"{BASE}/{pk}/weigh", {"accepted": True, "answers": ACCEPT_ANSWERS}, format="json")
    staff_api.post(f"{BASE}/{pk}/team", {"staff": liv["expert_user"].username}, format="json")
    assert "question" in expert_api.get(f"{BASE}/{pk}").json()


def test_partner_cannot_refer_a_signal_it_cannot_see(liv: dict[str, Any], api_client_for: Any) -> None:
    other = signal_for(liv["ind"])
    r = api_client_for(liv["coa"]).post(BASE, {"client": "coa", "signal": str(other.pk), "question": "?"}, format="json")
    assert r.status_code == 400 and r.json()["invalid_params"][0]["name"] == "signal"
    assert not LivTrajectory.objects.exists()


def test_liv_staff_registers_a_municipal_request_without_signal(liv: dict[str, Any], api_client_for: Any) -> None:
    r = api_client_for(liv["staff"]).post(
        BASE, {"client": "gemeente.utrecht", "question": "Vraag van de gemeente per telefoon"}, format="json"
    )
    assert r.status_code == 201 and r.json()["source"] == "direct"
    assert api_client_for(liv["gemeente"]).get(f"{BASE}/{r.json()['id']}").status_code == 200
    bad = api_client_for(liv["staff"]).post(BASE, {"client": "politie", "question": "x"}, format="json")
    assert bad.status_code == 400 and bad.json()["invalid_params"][0]["name"] == "client"


def test_every_read_and_write_is_logged(liv: dict[str, Any], signal: Any, api_client_for: Any) -> None:
    before = ProcessingLogEntry.objects.filter(activity="liv-traject").count()
    pk = _request(api_client_for(liv["coa"]), signal)["id"]
    api_client_for(liv["staff"]).get(f"{BASE}/{pk}")
    entries = list(
        ProcessingLogEntry.objects.filter(activity="liv-traject")
        .order_by("sequence")
        .values_list("action", "audit__actor_username")
    )[before:]
    # The answer to the request carries the trajectory back to the requester: a read like any other (issue 9 item 8).
    assert entries == [
        ("create", liv["coa"].username),
        ("disclose", liv["coa"].username),
        ("read", liv["coa"].username),
        ("read", liv["staff"].username),
    ]


def test_list_query_budget_does_not_grow_with_rows(
    liv: dict[str, Any], api_client_for: Any, django_assert_max_num_queries: Any
) -> None:
    from ketensignaal.trajectories import services

    staff_api = api_client_for(liv["staff"])
    for _ in range(3):
        services.trajectory_request(
            actor=liv["coa"], client_code="coa", question="x", signal_id=signal_for(liv["coa"]).pk, channel="api"
        )
    staff_api.get(BASE)  # warm up (token, roles)
    with django_assert_max_num_queries(30) as few:
        assert staff_api.get(BASE).json()["count"] == 3
    for _ in range(10):
        services.trajectory_request(
            actor=liv["coa"], client_code="coa", question="x", signal_id=signal_for(liv["coa"]).pk, channel="api"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert staff_api.get(BASE).json()["count"] == 13
