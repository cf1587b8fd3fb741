"""The LRO through the API: agenda bundled per person, legal-basis sharing, decisions, tasks, bad input."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.coordination.models import Decision, Task
from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.intake.models import SignalInvolvement
from ketensignaal.routing.models import SignalEvent
from ketensignaal.trajectories.models import LivTrajectory

from .conftest import coa_signal, kmar_signal, link, person, soon

pytestmark = pytest.mark.django_db


def _meeting(client: Any, days: int = 7) -> dict[str, Any]:
    r = client.post("/api/v1/lro-meetings", {"date": soon(days)}, format="json")
    assert r.status_code == 201, r.content
    return r.json()


def _setup(lro: dict[str, Any], api_client_for: Any) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    hub = api_client_for(lro["hub"])
    meeting = _meeting(hub)
    p1, p2 = person("Persoon Een"), person("Persoon Twee")
    s1, s2 = coa_signal(lro), kmar_signal(lro, acute=True)
    s3 = coa_signal(lro)
    link(s1, p1, lro["hub"]), link(s2, p1, lro["hub"]), link(s3, p2, lro["hub"])
    lone = coa_signal(lro)
    for s in (s1, s3, lone):
        assert (
            hub.post(
                f"/api/v1/lro-meetings/{meeting['id']}/items",
                {"signal": str(s.pk), "justification": "Gezamenlijke duiding nodig."},
                format="json",
            ).status_code
            == 201
        )
    return hub, meeting, {"s1": s1, "s2": s2, "s3": s3, "lone": lone, "p1": p1, "p2": p2}


def test_agenda_bundles_signals_per_person_across_organisations(lro: Any, api_client_for: Any) -> None:
    _hub, meeting, ctx = _setup(lro, api_client_for)
    cter = api_client_for(lro["cter"])
    agenda = cter.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").json()["items"]
    assert len(agenda) == 3
    first = agenda[0]  # the person with an acute signal comes first
    assert first["person"]["display_name"] == "Persoon Een"
    assert {s["id"] for s in first["signals"]} >= {str(ctx["s1"].pk)}
    assert [i["person"] for i in agenda].count(None) == 1
    # members got involvement under a flow, with disclose entries
    assert SignalInvolvement.objects.filter(signal=ctx["s1"], unit__code="politie.cter", reason="lro").exists()
    assert ProcessingLogEntry.objects.filter(activity="lro", action="disclose").exists()


def test_no_flow_means_not_shared(lro: Any, api_client_for: Any) -> None:
    hub = api_client_for(lro["hub"])
    meeting = _meeting(hub)
    s = coa_signal(lro, categories=["identiteitsfraude"])
    assert (
        hub.post(
            f"/api/v1/lro-meetings/{meeting['id']}/items",
            {"signal": str(s.pk), "justification": "Gezamenlijke duiding nodig."},
            format="json",
        ).status_code
        == 201
    )
    agenda = hub.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").json()["items"]
    withheld = {w["unit"]: w for w in agenda[0]["signals"][0]["not_shared_with"]}
    # The code stays for clients to link on; the reason names the member as people know it (issue 10 leftovers).
    cter = withheld["politie.cter"]
    assert cter["unit_name"] == "Politie cluster CTER"
    assert cter["reason"] == "Niet gedeeld met Politie cluster CTER: daarvoor is geen grondslag."
    assert not any(code in w["reason"] for code in withheld for w in withheld.values())
    english = hub.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda", HTTP_ACCEPT_LANGUAGE="en").json()["items"]
    reasons = {w["unit"]: w["reason"] for w in english[0]["signals"][0]["not_shared_with"]}
    assert reasons["politie.cter"] == "Not shared with Politie cluster CTER: there is no legal basis for it."
    assert not SignalInvolvement.objects.filter(signal=s, unit__code="politie.cter").exists()


def test_non_members_get_404_and_non_hub_cannot_put_forward(lro: Any, api_client_for: Any) -> None:
    _hub, meeting, ctx = _setup(lro, api_client_for)
    outsider = api_client_for(lro["outsider"])
    assert outsider.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").status_code == 404
    cter = api_client_for(lro["cter"])
    r = cter.post(
        f"/api/v1/lro-meetings/{meeting['id']}/items",
        {"signal": str(ctx["s1"].pk), "justification": "Gezamenlijke duiding nodig."},
        format="json",
    )
    assert r.status_code == 403


def test_decisions_make_tasks_and_liv_request(lro: Any, api_client_for: Any) -> None:
    hub, meeting, _ctx = _setup(lro, api_client_for)
    agenda = hub.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").json()["items"]
    item = agenda[0]
    url = f"/api/v1/lro-meetings/{meeting['id']}/decisions"
    r = hub.post(
        url,
        {
            "item": item["id"],
            "interpretation": "Zorgelijk beeld",
            "decision": "police-cter",
            "owner": "politie.cter",
            "due": soon(21),
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    r = hub.post(
        url,
        {"item": item["id"], "interpretation": "Begeleiding nodig", "decision": "liv", "owner": "lse.liv", "due": soon(21)},
        format="json",
    )
    assert r.status_code == 201, r.content
    assert LivTrajectory.objects.filter(source="lro").count() == 1
    tasks = api_client_for(lro["cter"]).get("/api/v1/tasks").json()["results"]
    assert any(t["source"] == "lro" and t["status"] == "open" for t in tasks)
    # carried over into the next meeting with the earlier decision's status
    nxt = _meeting(hub, days=28)
    items = hub.get(f"/api/v1/lro-meetings/{nxt['id']}/agenda").json()["items"]
    assert items and items[0]["carried_over"] and items[0]["earlier_decisions"][0]["task"]["status"] == "open"
    # the owner completes the task
    task_id = next(t["id"] for t in tasks if t["source"] == "lro")
    done = api_client_for(lro["cter"]).patch(f"/api/v1/tasks/{task_id}", {"status": "done"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "done"


def test_decision_shares_only_the_discussed_signals_with_the_owner(lro: Any, api_client_for: Any, make_user: Any) -> None:
    """The owner of a follow-up gets the signals put forward to the meeting — not the person's other signals."""
    hub, meeting, ctx = _setup(lro, api_client_for)
    agenda = hub.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").json()["items"]
    item = next(i for i in agenda if i["person"] and i["person"]["display_name"] == "Persoon Een")
    body = {"item": item["id"], "interpretation": "Oorlogsmisdrijven?", "decision": "police-tim", "owner": "politie.tim"}
    disclosures_before = ProcessingLogEntry.objects.filter(action="disclose", legal_basis="ind-politie-convenant-ct@v1").count()
    r = hub.post(f"/api/v1/lro-meetings/{meeting['id']}/decisions", {**body, "due": soon(21)}, format="json")
    assert r.status_code == 201, r.content
    shared = set(SignalInvolvement.objects.filter(unit__code="politie.tim").values_list("signal_id", flat=True))
    assert shared == {ctx["s1"].pk}  # s2 (KMar, same person) was never put forward
    # One disclosure to the owner, over the IND → police flow, with the history entry naming the recipient.
    after = ProcessingLogEntry.objects.filter(action="disclose", legal_basis="ind-politie-convenant-ct@v1").count()
    assert after == disclosures_before + 1
    assert SignalEvent.objects.filter(action="disclosed", to_unit__code="politie.tim").count() == 1
    tim = api_client_for(make_user("politie.tim", "handler"))
    assert tim.get(f"/api/v1/signals/{ctx['s1'].pk}").status_code == 200
    assert tim.get(f"/api/v1/signals/{ctx['s2'].pk}").status_code == 404


def test_members_see_the_person_by_a_name_from_signals_they_may_see(lro: Any, api_client_for: Any) -> None:
    """The stored display name came from a COA signal that was withheld from the police; they see the KMar name."""
    hub = api_client_for(lro["hub"])
    meeting = _meeting(hub)
    someone = person("Naam uit het COA-signaal")
    coa = coa_signal(lro, categories=["identiteitsfraude"])  # no flow IND -> police covers it: withheld
    kmar = kmar_signal(lro)
    link(coa, someone, lro["hub"]), link(kmar, someone, lro["hub"], name="Naam uit het KMar-signaal")
    for s in (coa, kmar):
        assert (
            hub.post(
                f"/api/v1/lro-meetings/{meeting['id']}/items",
                {"signal": str(s.pk), "justification": "Gezamenlijke duiding nodig."},
                format="json",
            ).status_code
            == 201
        )
    cter_agenda = api_client_for(lro["cter"]).get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").json()["items"]
    assert [i["person"]["display_name"] for i in cter_agenda] == ["Naam uit het KMar-signaal"]
    assert "Naam uit het COA-signaal" not in str(cter_agenda)
    hub_agenda = hub.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").json()["items"]
    assert [i["person"]["display_name"] for i in hub_agenda] == ["Naam uit het COA-signaal"]


@pytest.mark.parametrize(
    "change, name",
    [({"owner": ""}, "owner"), ({"due": ""}, "due"), ({"due": "2020-01-01"}, "due"), ({"decision": "arrest"}, "decision")],
)
def test_bad_decisions_refused_nothing_saved(lro: Any, api_client_for: Any, change: dict[str, str], name: str) -> None:
    hub, meeting, _ = _setup(lro, api_client_for)
    item = hub.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").json()["items"][0]
    body = {
        "item": item["id"],
        "interpretation": "Duiding",
        "decision": "monitoring",
        "owner": "politie.cter",
        "due": soon(),
        **change,
    }
    r = hub.post(f"/api/v1/lro-meetings/{meeting['id']}/decisions", body, format="json")
    assert r.status_code == 400, r.content
    assert name in {p["name"] for p in r.json()["invalid_params"]}
    assert Decision.objects.count() == 0 and Task.objects.count() == 0


def test_decision_on_item_of_other_meeting_refused(lro: Any, api_client_for: Any) -> None:
    hub, meeting, _ = _setup(lro, api_client_for)
    other = _meeting(hub, days=30)
    item = hub.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").json()["items"][0]
    r = hub.post(
        f"/api/v1/lro-meetings/{other['id']}/decisions",
        {"item": item["id"], "interpretation": "x", "decision": "monitoring", "owner": "politie.cter", "due": soon()},
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalid_params"][0]["code"] == "other_meeting"
    assert Decision.objects.count() == 0


def test_stale_version_conflicts(lro: Any, api_client_for: Any) -> None:
    hub, meeting, _ = _setup(lro, api_client_for)
    item = hub.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").json()["items"][0]
    body = {
        "item": item["id"],
        "interpretation": "x",
        "decision": "monitoring",
        "owner": "politie.cter",
        "due": soon(),
        "expected_version": item["version"],
    }
    url = f"/api/v1/lro-meetings/{meeting['id']}/decisions"
    assert hub.post(url, body, format="json").status_code == 201
    r = api_client_for(lro["cter"]).post(url, body, format="json")
    assert r.status_code == 409 and "ander lid" in r.json()["detail"]
    assert Decision.objects.count() == 1 and Task.objects.count() == 1


def test_remove_item_needs_reason_and_minutes_pdf(lro: Any, api_client_for: Any) -> None:
    hub, meeting, _ = _setup(lro, api_client_for)
    items = hub.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").json()["items"]
    url = f"/api/v1/lro-meetings/{meeting['id']}/items/{items[-1]['id']}/remove"
    assert hub.post(url, {"reason": ""}, format="json").status_code == 400
    assert hub.post(url, {"reason": "Al besproken bilateraal"}, format="json").status_code == 200
    assert len(hub.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").json()["items"]) == len(items) - 1
    pdf = hub.get(f"/api/v1/lro-meetings/{meeting['id']}/minutes.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert ProcessingLogEntry.objects.filter(activity="lro", action="disclose", object_type="lro-minutes").count() == 3


def test_next_date_proposed_three_weeks_after_last(lro: Any, api_client_for: Any) -> None:
    hub = api_client_for(lro["hub"])
    m = _meeting(hub, days=3)
    proposal = hub.get("/api/v1/lro-meetings").json()["next_date"]
    assert proposal == (dt.date.fromisoformat(m["date"]) + dt.timedelta(days=21)).isoformat()
    assert timezone.localdate() <= dt.date.fromisoformat(proposal)


@pytest.mark.parametrize(("member", "unit"), [("cter", "politie.cter"), ("kmar", "kmar.intelligence")])
def test_a_police_or_kmar_member_can_agree_an_liv_follow_up(lro: Any, api_client_for: Any, member: str, unit: str) -> None:
    _hub, meeting, _ctx = _setup(lro, api_client_for)
    client = api_client_for(lro[member])
    item = next(i for i in client.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").json()["items"] if not i["person"])
    body = {"item": item["id"], "interpretation": "Zorgen om psychische gezondheid", "decision": "liv", "owner": "lse.liv"}
    r = client.post(f"/api/v1/lro-meetings/{meeting['id']}/decisions", {**body, "due": soon(21)}, format="json")
    assert r.status_code == 201, r.content
    trajectory = LivTrajectory.objects.get()
    assert trajectory.requesting_unit.code == unit
    # The LIV got it over the police/KMar → LSE flow, in person for its coordinators only (none here), never the unit.
    assert not SignalInvolvement.objects.filter(unit__code="lse.liv", user__isnull=True).exists()


def test_a_decision_whose_owner_may_not_receive_the_signals_is_refused_and_nothing_is_saved(
    lro: Any, api_client_for: Any
) -> None:
    hub, meeting, _ctx = _setup(lro, api_client_for)
    item = next(i for i in hub.get(f"/api/v1/lro-meetings/{meeting['id']}/agenda").json()["items"] if not i["person"])
    body = {"item": item["id"], "interpretation": "Opvolging door de opvang", "decision": "monitoring", "owner": "coa"}
    r = hub.post(f"/api/v1/lro-meetings/{meeting['id']}/decisions", {**body, "due": soon(21)}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "no_legal_basis"  # no IND → COA flow is registered
    assert "mag de besproken signalen niet ontvangen" in r.json()["detail"]
    assert "owner" in [p["name"] for p in r.json()["invalid_params"]]
    assert not Decision.objects.exists() and not Task.objects.exists()


def test_put_forward_with_the_published_body_records_the_standard_weighing(api_client_for: Any, lro: dict[str, Any]) -> None:
    """API.md's body is just {"signal": id}: it works, and the disclosure names the standard weighing it used."""
    from ketensignaal.coordination.services import STANDARD_PUT_FORWARD_WEIGHING

    hub = api_client_for(lro["hub"])
    meeting = _meeting(hub)
    signal = coa_signal(lro)
    response = hub.post(f"/api/v1/lro-meetings/{meeting['id']}/items", {"signal": str(signal.pk)}, format="json")
    assert response.status_code == 201, response.content
    notes = " ".join(e.justification or "" for e in SignalEvent.objects.filter(signal=signal))
    assert STANDARD_PUT_FORWARD_WEIGHING in notes
