"""Partners by invitation per case: over a registered flow with a justification; access ends with the invitation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.conferences.models import ConferenceCase, Invitation, InvitationEnd, ProgressNote
from ketensignaal.governance.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db

JUSTIFIED = {"purpose": "Politie-informatie over het netwerk", "justification": "Nodig voor het plan van aanpak in deze casus."}


def _invite(api: Any, case: Any, unit: str, **overrides: Any) -> Any:
    return api.post(f"/api/v1/conference-cases/{case.pk}/invitations", {"unit": unit, **JUSTIFIED, **overrides}, format="json")


def test_invitation_over_a_flow_gives_the_unit_access_and_is_logged_as_disclosure(
    people: dict[str, Any], api_client_for: Any, case_for: Any
) -> None:
    case = case_for(admitted=True)
    response = _invite(api_client_for(people["utrecht"]), case, "politie.drio")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["unit"] == "politie.drio" and body["active"] is True
    assert body["flow"].startswith("casusoverleg-gemeente-utrecht-politie@v")
    entry = ProcessingLogEntry.objects.get(action="disclose", object_type="conference-invitation")
    assert entry.legal_basis == body["flow"]
    police = api_client_for(people["police"])
    assert police.get(f"/api/v1/conference-cases/{case.pk}").status_code == 200
    read = ProcessingLogEntry.objects.filter(action="read", object_id=str(case.pk)).order_by("-sequence").first()
    assert read is not None and read.legal_basis == body["flow"]
    # Another police unit was not invited: need to know is per unit.
    assert api_client_for(people["police_other"]).get(f"/api/v1/conference-cases/{case.pk}").status_code == 404


def test_no_flow_is_403_and_no_justification_is_400_and_nothing_changes(
    people: dict[str, Any], api_client_for: Any, case_for: Any
) -> None:
    case = case_for(admitted=True)
    api = api_client_for(people["utrecht"])
    no_flow = _invite(api, case, "kmar.ir")
    assert no_flow.status_code == 403
    assert no_flow.json()["code"] == "no_legal_basis"
    assert "geen gegevensstroom" in no_flow.json()["detail"]
    no_reason = _invite(api, case, "om", justification="  ")
    assert no_reason.status_code == 400
    assert [p["name"] for p in no_reason.json()["invalid_params"]] == ["justification"]
    assert not Invitation.objects.exists()
    assert not ProcessingLogEntry.objects.filter(action="disclose", object_type="conference-invitation").exists()
    assert _invite(api, case, "om").status_code == 201
    assert _invite(api, case, "om").status_code == 409


def test_withdrawal_ends_access_with_404(people: dict[str, Any], api_client_for: Any, case_for: Any, invite: Any) -> None:
    case = case_for(admitted=True)
    invitation = invite(case, "politie.drio")
    police = api_client_for(people["police"])
    assert police.get(f"/api/v1/conference-cases/{case.pk}").status_code == 200
    url = f"/api/v1/conference-cases/{case.pk}/invitations/{invitation.pk}"
    no_reason = api_client_for(people["utrecht"]).delete(url)
    assert no_reason.status_code == 400 and [p["name"] for p in no_reason.json()["invalid_params"]] == ["note"]
    assert police.get(f"/api/v1/conference-cases/{case.pk}").status_code == 200
    gone = api_client_for(people["utrecht"]).delete(f"{url}?note=Geen rol meer in deze casus.")
    assert gone.status_code == 204
    assert police.get(f"/api/v1/conference-cases/{case.pk}").status_code == 404
    assert police.get("/api/v1/conference-cases").json()["count"] == 0
    assert Invitation.objects.get(pk=invitation.pk).end_reason == InvitationEnd.WITHDRAWN
    assert Invitation.objects.get(pk=invitation.pk).withdrawal_note == "Geen rol meer in deze casus."


def test_partners_cannot_invite_or_withdraw(people: dict[str, Any], api_client_for: Any, case_for: Any, invite: Any) -> None:
    case = case_for(admitted=True)
    invitation = invite(case, "politie.drio")
    police = api_client_for(people["police"])
    assert _invite(police, case, "om").status_code == 403
    assert police.delete(f"/api/v1/conference-cases/{case.pk}/invitations/{invitation.pk}").status_code == 403
    assert Invitation.objects.get(pk=invitation.pk).ended_at is None


def test_scale_down_ends_every_invitation(people: dict[str, Any], api_client_for: Any, case_for: Any, invite: Any) -> None:
    case = case_for(admitted=True)
    invite(case, "politie.drio")
    invite(case, "om")
    until = (timezone.localdate() + dt.timedelta(days=90)).isoformat()
    api = api_client_for(people["utrecht"])
    no_reason = api.post(
        f"/api/v1/conference-cases/{case.pk}/scale-down", {"reason": "", "attention_until": until}, format="json"
    )
    assert no_reason.status_code == 400
    assert api_client_for(people["police"]).get(f"/api/v1/conference-cases/{case.pk}").status_code == 200
    done = api.post(
        f"/api/v1/conference-cases/{case.pk}/scale-down", {"reason": "Zorg loopt.", "attention_until": until}, format="json"
    )
    assert done.status_code == 200
    assert done.json()["phase"] == "scaled-down"
    assert sorted(done.json()["scale_down"]["ended_units"]) == ["om", "politie.drio"]
    for who in ("police", "om"):
        assert api_client_for(people[who]).get(f"/api/v1/conference-cases/{case.pk}").status_code == 404


def test_case_director_must_come_from_the_municipality_or_an_invited_organisation(
    people: dict[str, Any], api_client_for: Any, case_for: Any, invite: Any
) -> None:
    case = case_for(admitted=True)
    api = api_client_for(people["utrecht"])
    url = f"/api/v1/conference-cases/{case.pk}/case-director"
    refused = api.post(url, {"username": "rn-toezicht", "reason": "Reclassering leidt."}, format="json")
    assert refused.status_code == 400
    assert refused.json()["invalid_params"][0]["code"] == "organisation_not_invited"
    assert ConferenceCase.objects.get(pk=case.pk).case_director is None
    invite(case, "rn")
    ok = api.post(url, {"username": "rn-toezicht", "reason": "Reclassering leidt."}, format="json")
    assert ok.status_code == 200
    assert ok.json()["case_director"]["username"] == "rn-toezicht"
    assert api.post(url, {"username": "politie-drio", "reason": "x"}, format="json").status_code == 400  # no case-director role


def test_own_judgement_organisations_confirm_and_are_marked(
    people: dict[str, Any], api_client_for: Any, case_for: Any, invite: Any
) -> None:
    case = case_for(admitted=True)
    invitation = invite(case, "fier.exit-faciliteit")
    assert invitation.on_own_judgement is True
    exit_api = api_client_for(people["exit"])
    url = f"/api/v1/conference-cases/{case.pk}/notes"
    refused = exit_api.post(url, {"text": "Hij komt naar de gesprekken."}, format="json")
    assert refused.status_code == 400
    assert refused.json()["invalid_params"][0]["name"] == "own_judgement"
    ok = exit_api.post(url, {"text": "Hij komt naar de gesprekken.", "own_judgement": True}, format="json")
    assert ok.status_code == 201
    assert ok.json()["on_own_judgement"] is True
    note = ProgressNote.objects.get()
    assert note.flow_version_label.startswith("casusoverleg-fier-gemeente-utrecht@v")


def test_an_unseen_case_is_404_whatever_the_body(people: dict[str, Any], api_client_for: Any, case_for: Any) -> None:
    case = case_for(admitted=True)
    police = api_client_for(people["police"])
    assert police.post(f"/api/v1/conference-cases/{case.pk}/invitations", {"nonsense": 1}, format="json").status_code == 404
    assert police.post(f"/api/v1/conference-cases/{case.pk}/triage", {}, format="json").status_code == 404
    names = api_client_for(people["utrecht"]).post(
        f"/api/v1/conference-cases/{case.pk}/invitations", {**JUSTIFIED, "unit": "om", "extra": 1}, format="json"
    )
    assert names.status_code == 400 and [p["name"] for p in names.json()["invalid_params"]] == ["extra"]


def test_an_unknown_unit_is_refused_in_the_readers_language_without_codes(
    people: dict[str, Any], api_client_for: Any, case_for: Any
) -> None:
    """Issue 10 leftovers: the refusal was a Dutch-only literal that taught unit codes ("politie.drio of om")."""
    case = case_for(admitted=True)
    api = api_client_for(people["utrecht"])
    dutch = _invite(api, case, "politie.onbekend").json()
    reason = "Deze eenheid kennen we niet of zij is niet meer actief; kies een eenheid uit de lijst."
    assert dutch["detail"] == reason
    assert dutch["invalid_params"] == [{"name": "unit", "code": "unknown_unit", "reason": reason}]
    english = api.post(
        f"/api/v1/conference-cases/{case.pk}/invitations",
        {"unit": "politie.onbekend", **JUSTIFIED},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()
    assert english["detail"] == "This unit is unknown or no longer active; choose a unit from the list."
    assert not Invitation.objects.exists()
