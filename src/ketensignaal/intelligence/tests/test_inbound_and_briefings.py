"""Inbound intelligence gets a recorded follow-up with an owner; briefings carry no personal data; reading counts."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ketensignaal.intelligence.models import BriefingReading, FollowUp, InboundMessage
from ketensignaal.training.models import TrainingCompletion

pytestmark = pytest.mark.django_db

MESSAGE = {
    "kind": "inlichtingenbericht",
    "service": "aivd",
    "dated": "2026-11-02",
    "subject": "Ronselen via besloten chatgroepen",
    "content": "Jongeren in opvanglocaties worden benaderd.",
}


@pytest.fixture
def hub(make_user: Any) -> Any:
    return make_user("ind.tsz", "hub-analyst")


def _message(api_client_for: Any, hub: Any) -> str:
    response = api_client_for(hub).post("/api/v1/inbound-messages", MESSAGE, format="json")
    assert response.status_code == 201, response.content
    return str(response.json()["id"])


def test_inbound_message_without_sources_and_a_follow_up_with_an_owner(hub: Any, make_user: Any, api_client_for: Any) -> None:
    client = api_client_for(hub)
    refused = client.post("/api/v1/inbound-messages", {**MESSAGE, "sources": "bron X"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["code"] == "sources_not_stored"
    pk = _message(api_client_for, hub)
    url = f"/api/v1/inbound-messages/{pk}/follow-up"
    no_owner = client.post(url, {"decision": "brief-staff", "owner": ""}, format="json")
    assert no_owner.status_code == 400
    assert not FollowUp.objects.exists()
    ok = client.post(url, {"decision": "brief-staff", "owner": "ind.tsz", "note": "Briefing aan COA."}, format="json")
    assert ok.status_code == 201
    again = client.post(url, {"decision": "brief-staff", "owner": "ind.tsz", "note": "Briefing aan COA."}, format="json")
    assert again.status_code == 201
    assert FollowUp.objects.count() == 1
    other = client.post(url, {"decision": "no-action", "owner": "ind.tsz"}, format="json")
    assert other.status_code == 409
    outsider = api_client_for(make_user("coa.bureau-veiligheid", "handler", "hub-analyst"))
    assert outsider.get("/api/v1/inbound-messages").status_code == 404
    assert outsider.post(url, {"decision": "no-action", "owner": "ind.tsz"}, format="json").status_code == 404


def test_a_follow_up_owner_refusal_reads_in_the_readers_language(hub: Any, api_client_for: Any) -> None:
    """Issue 10 leftovers: the unknown-owner refusal was a Dutch-only f-string."""
    url = f"/api/v1/inbound-messages/{_message(api_client_for, hub)}/follow-up"
    client = api_client_for(hub)

    def owner_reason(owner: str, language: str) -> str:
        body = client.post(url, {"decision": "brief-staff", "owner": owner}, format="json", HTTP_ACCEPT_LANGUAGE=language)
        assert body.status_code == 400
        return next(p["reason"] for p in body.json()["invalid_params"] if p["name"] == "owner")

    assert owner_reason("ind.onbekend", "nl") == "Onbekende eenheid 'ind.onbekend'."
    assert owner_reason("ind.onbekend", "en") == "Unknown unit 'ind.onbekend'."
    assert not FollowUp.objects.exists()


def test_inspection_request_by_a_cter_prosecutor_with_its_outcome(hub: Any, api_client_for: Any) -> None:
    pk = _message(api_client_for, hub)
    client = api_client_for(hub)
    created = client.post(
        f"/api/v1/inbound-messages/{pk}/inspection-requests",
        {"prosecutor": "Landelijk officier van justitie CTER", "requested_on": "2026-11-10"},
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["outcome"] == "pending"
    done = client.post(f"/api/v1/inspection-requests/{created.json()['id']}/outcome", {"outcome": "granted"}, format="json")
    assert done.status_code == 200
    assert done.json()["outcome"] == "granted"


def test_a_briefing_refuses_v_numbers_and_asks_about_dates(hub: Any, make_user: Any, api_client_for: Any) -> None:
    client = api_client_for(hub)
    base = {"title": "Online ronselen", "units": ["coa.locatie.ter-apel"]}
    v_number = client.post("/api/v1/briefings", {**base, "body": "Let op 1234567890 in Ter Apel."}, format="json")
    assert v_number.status_code == 400
    assert v_number.json()["invalid_params"][0]["code"] == "v_number"
    dated = {**base, "body": "Sinds 01-03-2026 zien we meer berichten."}
    unconfirmed = client.post("/api/v1/briefings", dated, format="json")
    assert unconfirmed.status_code == 400
    assert unconfirmed.json()["invalid_params"][0]["name"] == "dates_confirmed"
    created = client.post("/api/v1/briefings", {**dated, "dates_confirmed": True}, format="json")
    assert created.status_code == 201

    coa = make_user("coa.locatie.ter-apel", "reporter")
    pk = created.json()["id"]
    assert api_client_for(coa).post(f"/api/v1/briefings/{pk}/read").status_code == 200
    assert api_client_for(coa).post(f"/api/v1/briefings/{pk}/read").status_code == 200  # again: harmless
    assert BriefingReading.objects.count() == 1
    assert TrainingCompletion.objects.filter(user=coa, training__code="briefing-trends-indicatoren").count() == 1
    stranger = make_user("politie.cter", "handler")
    assert api_client_for(stranger).post(f"/api/v1/briefings/{pk}/read").status_code == 404
    assert InboundMessage.objects.count() == 0


def test_the_hub_briefs_any_active_unit_of_any_organisation(
    hub: Any, make_user: Any, api_client_for: Any, web_client_for: Any
) -> None:
    from ketensignaal.identity.models import Unit

    page = web_client_for(hub).get("/briefings/nieuw").content.decode()
    for code in ("politie.cter", "gemeente.utrecht", "kmar.intelligence", "coa.locatie.ter-apel", "ind.tsz"):
        assert f'value="{code}"' in page, code
    Unit.objects.filter(code="kmar.intelligence").update(is_active=False)
    assert 'value="kmar.intelligence"' not in web_client_for(hub).get("/briefings/nieuw").content.decode()

    client = api_client_for(hub)
    base = {"title": "Signalen van online ronselen", "body": "Let op nieuwe telefoons en besloten groepen."}
    inactive = client.post("/api/v1/briefings", {**base, "units": ["politie.cter", "kmar.intelligence"]}, format="json")
    assert inactive.status_code == 400
    assert inactive.json()["invalid_params"][0]["code"] == "unknown_unit"
    created = client.post("/api/v1/briefings", {**base, "units": ["politie.cter", "gemeente.utrecht"]}, format="json")
    assert created.status_code == 201, created.content
    assert sorted(created.json()["units"]) == ["gemeente.utrecht", "politie.cter"]
    pk = created.json()["id"]
    for unit in ("politie.cter", "gemeente.utrecht"):
        reader = make_user(unit, "handler")
        assert [b["id"] for b in api_client_for(reader).get("/api/v1/briefings").json()["results"]] == [pk]
        assert api_client_for(reader).post(f"/api/v1/briefings/{pk}/read").status_code == 200
        assert TrainingCompletion.objects.filter(user=reader, training__code="briefing-trends-indicatoren").count() == 1
    coa = make_user("coa.locatie.ter-apel", "reporter")  # not chosen: does not see it
    assert web_client_for(coa).get(f"/briefings/{pk}").status_code == 404
    assert api_client_for(coa).get("/api/v1/briefings").json()["results"] == []
    assert BriefingReading.objects.filter(briefing_id=pk).count() == 2


def _at_hub(signal: Any) -> Any:
    from ketensignaal.identity.models import Unit
    from ketensignaal.intake.models import InvolvementReason, SignalInvolvement

    hub_unit = Unit.objects.get(code="ind.tsz")
    SignalInvolvement.objects.get_or_create(signal=signal, unit=hub_unit, defaults={"reason": InvolvementReason.ROUTED})
    type(signal).objects.filter(pk=signal.pk).update(current_unit=hub_unit)
    return signal


def test_the_hub_links_signals_it_finds_by_name_or_v_number_within_need_to_know(
    hub: Any, make_user: Any, api_client_for: Any, web_client_for: Any
) -> None:
    from ketensignaal.governance.models import ProcessingLogEntry
    from ketensignaal.routing.tests.factories import submit

    reporter = make_user("coa.locatie.ter-apel", "reporter")
    seen = _at_hub(submit(reporter, subject__names=[{"name": "Yusuf Haddad"}], subject__v_number="2345678901"))
    unseen = submit(reporter, subject__names=[{"name": "Karim Haddad"}], subject__v_number="3456789012")
    pk = _message(api_client_for, hub)
    web = web_client_for(hub)
    url = f"/inlichtingen/{pk}"

    by_name = web.get(url, {"zoek": "haddad"}).content.decode()
    assert "Yusuf Haddad" in by_name and f'value="{seen.pk}"' in by_name
    assert "Karim" not in by_name and str(unseen.pk) not in by_name  # what the hub may not see is never found
    assert "1 signaal gevonden" in by_name
    by_v_number = web.get(url, {"zoek": "2345678901"}).content.decode()
    assert f'value="{seen.pk}"' in by_v_number
    assert "Geen signalen gevonden" in web.get(url, {"zoek": "3456789012"}).content.decode()
    assert ProcessingLogEntry.objects.filter(object_type="signal-summary", object_id=str(seen.pk)).exists()

    form = {"decision": "link-signals", "owner": "ind.tsz", "note": "", "zoek": "haddad"}
    refused = web.post(f"{url}/vervolg", {**form, "signals": [str(unseen.pk)]})
    assert refused.status_code == 400
    assert not FollowUp.objects.exists()
    nothing = web.post(f"{url}/vervolg", form)
    assert nothing.status_code == 400
    assert "Kies de signalen om aan te koppelen." in nothing.content.decode()
    assert f'value="{seen.pk}"' in nothing.content.decode()  # the search is kept
    linked = web.post(f"{url}/vervolg", {**form, "signals": [str(seen.pk)]})
    assert linked.status_code == 302
    assert list(FollowUp.objects.get().signals.all()) == [seen]
    detail = web.get(url).content.decode()
    assert "Gekoppelde signalen" in detail and f"/signalen/{seen.pk}" in detail and "Yusuf Haddad" in detail


def test_the_inbound_form_sent_twice_registers_one_message(hub: Any, web_client_for: Any) -> None:
    """Issue 10: duplicate submits are harmless (the form's one-time token, ``core.form_tokens``)."""
    from ketensignaal.intelligence.models import InboundMessage

    web = web_client_for(hub)
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', web.get("/inlichtingen/nieuw").content.decode())
    assert token
    body = {
        "kind": "ambtsbericht",
        "service": "aivd",
        "dated": "2026-11-30",
        "subject": "Mogelijke betrokkenheid",
        "content": "Inhoud zonder bronnen.",
        "form_token": token.group(1),
    }
    first = web.post("/inlichtingen/nieuw", body)
    second = web.post("/inlichtingen/nieuw", body)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert InboundMessage.objects.count() == 1


def test_the_briefing_form_sent_twice_sends_one_briefing(hub: Any, web_client_for: Any) -> None:
    """Issue 10: a double click on 'Briefing versturen' sends one briefing, and the second send lands on the first."""
    from ketensignaal.intelligence.models import Briefing

    web = web_client_for(hub)
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', web.get("/briefings/nieuw").content.decode())
    assert token
    body = {
        "title": "Ronselen online",
        "body": "Let op besloten groepen.",
        "units": ["politie.cter"],
        "form_token": token.group(1),
    }
    first = web.post("/briefings/nieuw", body)
    second = web.post("/briefings/nieuw", body)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Briefing.objects.count() == 1
    assert "Dit formulier was al verstuurd" in web.get(second["Location"]).content.decode()


def test_the_inspection_request_form_sent_twice_records_one_request(hub: Any, api_client_for: Any, web_client_for: Any) -> None:
    """Issue 10: a double click on 'Inzageverzoek vastleggen' records one request; the second send lands on the first."""
    from ketensignaal.intelligence.models import InspectionRequest

    pk = _message(api_client_for, hub)
    web = web_client_for(hub)
    url = f"/inlichtingen/{pk}"
    # the inspection request is the only form on the page that makes a record without a natural key of its own
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', web.get(url).content.decode())
    assert token, "no form token on the inspection request form"
    body = {"prosecutor": "Landelijk officier van justitie CTER", "requested_on": "2026-11-10", "form_token": token.group(1)}
    first = web.post(f"{url}/inzageverzoek", body)
    second = web.post(f"{url}/inzageverzoek", body)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"] == url
    assert InspectionRequest.objects.count() == 1
    assert "Dit formulier was al verstuurd" in web.get(second["Location"]).content.decode()
