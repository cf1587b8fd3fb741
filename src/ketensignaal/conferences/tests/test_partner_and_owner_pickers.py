"""Issue 10, internal codes as input: the case page invites partners and names a measure's owner by picking a unit
by its name. The public reporting point's pseudo-units are no partners; an owner takes part in the case."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.conferences.models import Invitation, Measure

pytestmark = pytest.mark.django_db


def _options(html: str, select_id: str) -> dict[str, str]:
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, select_id
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1)))


def _typed(days: int) -> str:
    day = timezone.localdate() + dt.timedelta(days=days)
    return f"{day.day}-{day.month}-{day.year}"


def test_partner_picker_leaves_out_the_public_reporting_point(people: dict[str, Any], web_client_for: Any, case_for: Any) -> None:
    case = case_for(admitted=True)
    web = web_client_for(people["utrecht"])
    partners = _options(web.get(f"/casusoverleg/{case.pk}").content.decode(), "uitnodigen-eenheid")
    assert partners["om"] == "Openbaar Ministerie" and "politie.drio" in partners
    assert not [code for code in partners if code.startswith("extern.")]
    assert not [label for label in partners.values() if "meldpunt" in label]
    # A hand-made request is refused at the field, and nobody is invited.
    refused = web.post(
        f"/casusoverleg/{case.pk}/uitnodigen",
        {"unit": "extern.getuige", "purpose": "Deelnemen", "justification": "Nodig in deze casus."},
    )
    assert refused.status_code == 400
    assert "ingang van het publieke meldpunt, geen partner" in refused.content.decode()
    assert not Invitation.objects.filter(case=case).exists()


def test_measure_owner_is_picked_by_name_from_the_units_taking_part(
    people: dict[str, Any], web_client_for: Any, case_for: Any, invite: Any
) -> None:
    case = case_for(admitted=True)
    invite(case, "om")
    invite(case, "politie.drio")
    web = web_client_for(people["utrecht"])
    html = web.get(f"/casusoverleg/{case.pk}").content.decode()
    assert not re.search(r'<input[^>]*name="owner"', html), "the owner is no longer typed"
    owners = _options(html, "maatregel-eigenaar")
    # Nothing chosen for the user; the municipality first, then the invited partners, each by name, never a code.
    assert list(owners) == ["", "gemeente.utrecht", "om", "politie.drio"]
    assert owners["gemeente.utrecht"] == "Gemeente Utrecht" and owners["om"] == "Openbaar Ministerie"
    assert owners["politie.drio"] == "Politie Dienst Regionale Informatie Organisatie"
    form = {"measure": "undesirable-alien", "goal": "Ontzeggen", "review": _typed(60), "version": case.version}
    # The IND is competent for this measure but does not take part: refused at the owner, nothing written.
    refused = web.post(f"/casusoverleg/{case.pk}/maatregel", {**form, "owner": "ind"})
    body = refused.content.decode()
    assert refused.status_code == 400 and "Deze eenheid neemt niet deel aan de casus." in body
    assert not Measure.objects.filter(case=case).exists()
    # No choice at all says what to do.
    empty = web.post(f"/casusoverleg/{case.pk}/maatregel", {**form, "owner": ""})
    assert empty.status_code == 400 and "Kies wie de maatregel uitvoert." in empty.content.decode()
    # A participant is taken (the competence rule still applies, by the service).
    done = web.post(f"/casusoverleg/{case.pk}/maatregel", {**form, "measure": "prosecution", "owner": "om"})
    assert done.status_code == 302
    assert Measure.objects.get(case=case).owner.code == "om"


def test_the_api_refuses_to_invite_the_public_reporting_point(people: dict[str, Any], api_client_for: Any, case_for: Any) -> None:
    case = case_for(admitted=True)
    body = {"unit": "extern.organisatie", "purpose": "Deelnemen", "justification": "Nodig in deze casus."}
    response = api_client_for(people["utrecht"]).post(f"/api/v1/conference-cases/{case.pk}/invitations", body, format="json")
    assert response.status_code == 400
    assert [(p["name"], p["code"]) for p in response.json()["invalid_params"]] == [("unit", "not_a_partner")]
    assert not Invitation.objects.filter(case=case).exists()
