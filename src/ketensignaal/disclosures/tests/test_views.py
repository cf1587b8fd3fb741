"""The hub's web screens: forms refuse with a clear message and change nothing; need to know gives 404."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from ketensignaal.disclosures import services
from ketensignaal.disclosures.models import Ambtsbericht, Disclosure, NaslagRequest
from ketensignaal.disclosures.tests.factories import signal_at_hub
from ketensignaal.governance.models import LegalBasisFlow, ProcessingLogEntry


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session["sso_authenticated"] = True  # skip the TOTP step; sign-in itself is tested in web/
    session.save()
    return client


@pytest.fixture
def hub(make_user):
    return make_user("ind.tsz", "hub-analyst", "handler")


@pytest.fixture
def signal(make_user):
    return signal_at_hub(reporter=make_user("coa.locatie.ter-apel"), categories=("terrorisme",))


def test_disclosure_form_discloses_and_lists(hub, signal) -> None:
    client = signed_in(hub)
    page = client.get(f"/signalen/{signal.pk}/verstrekkingen")
    assert page.status_code == 200 and "Voorleggen aan politie of dienst" in page.content.decode()
    response = client.post(
        f"/signalen/{signal.pk}/verstrekkingen",
        {"recipient": "aivd", "justification": "Concrete aanwijzing.", "stap": "verstrekken"},
        follow=True,
    )
    html = response.content.decode()
    assert "IND → AIVD: verstrekking en naslag (versie 1)" in html and "ind-aivd-wiv@v1" not in html
    assert Disclosure.objects.count() == 1


def test_disclosure_over_flow_without_basis_shows_the_flow_and_changes_nothing(hub, signal) -> None:
    LegalBasisFlow.objects.filter(code="ind-politie-convenant-ct").update(status="no-legal-basis")
    before = ProcessingLogEntry.objects.count()
    response = signed_in(hub).post(f"/signalen/{signal.pk}/verstrekkingen", {"recipient": "politie", "justification": "Reden."})
    assert response.status_code == 403
    assert "geen grondslag vastgesteld" in response.content.decode()
    assert Disclosure.objects.count() == 0 and ProcessingLogEntry.objects.count() == before


def test_naslag_form_without_justification_or_preconditions_is_refused(hub, signal) -> None:
    response = signed_in(hub).post(f"/signalen/{signal.pk}/naslag", {"service": "aivd", "own_means_exhausted": "on"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Andere manieren om de gegevens te verkrijgen moeten ontbreken" in body and "Onderbouw het naslagverzoek" in body
    assert not NaslagRequest.objects.exists()


def test_naslag_form_does_not_call_its_required_fields_optional(hub, signal) -> None:
    """Issue 10, point 6: the two conditions and the justification are required; "(optioneel)" is not shown there."""
    html = signed_in(hub).get(f"/signalen/{signal.pk}/naslag").content.decode()
    assert "Onderbouwing van het verzoek" in html
    assert "optioneel" not in html


def test_naslag_form_then_answer(hub, signal) -> None:
    client = signed_in(hub)
    response = client.post(
        f"/signalen/{signal.pk}/naslag",
        {"service": "aivd", "own_means_exhausted": "on", "other_means_insufficient": "on", "justification": "Uitgeput."},
    )
    naslag = NaslagRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/naslag/{naslag.pk}"
    client.post(f"/naslag/{naslag.pk}", {"kind": "ambtsbericht-follows", "received_on": "2026-11-21"})
    naslag.refresh_from_db()
    assert naslag.status == "answered"


def test_ambtsberichten_pages_are_404_for_others(hub, make_user, signal) -> None:
    report = services.ambtsbericht_register(
        actor=hub, service="aivd", dated=date(2026, 11, 1), subject="Netwerk", content="...", signal=signal
    )
    assert signed_in(hub).get("/ambtsberichten").status_code == 200
    assert signed_in(hub).get(f"/ambtsberichten/{report.pk}").status_code == 200
    for other in (make_user("ind.handhaving", "handler"), make_user("coa.locatie.ter-apel"), make_user("aivd", "handler")):
        client = signed_in(other)
        assert client.get("/ambtsberichten").status_code == 404
        assert client.get(f"/ambtsberichten/{report.pk}").status_code == 404


def test_enrichment_form(hub, signal) -> None:
    client = signed_in(hub)
    client.post(
        f"/signalen/{signal.pk}/verrijking", {"kind": "decision", "value": "Aanvraag afgewezen (1F)", "source": "INDiGO dossier"}
    )
    assert "Aanvraag afgewezen (1F)" in client.get(f"/signalen/{signal.pk}/verrijking").content.decode()


def test_register_screens_for_privacy_officer_only(make_user) -> None:
    officer = signed_in(make_user("ind", "privacy-officer"))
    listing = officer.get("/grondslagen").content.decode()
    assert "CTER-kennisknooppunt" in listing and "Geen grondslag vastgesteld" in listing
    assert officer.get("/grondslagen/ind-politie-convenant-ct").status_code == 200
    assert signed_in(make_user("ind.tsz", "hub-analyst")).get("/grondslagen").status_code == 404


def test_register_new_version_form_and_covenant_refusal(make_user) -> None:
    client = signed_in(make_user("ind", "functional-admin"))
    flow = LegalBasisFlow.objects.get(code="ind-politie-convenant-ct")
    form = {
        "name": flow.name,
        "from_organisation": "ind",
        "to_organisation": "politie",
        "purpose": flow.purpose,
        "statutory_basis": "Convenant IND–Politie–KMar 2018",
        "covenant": flow.covenant,
        "data_categories": "waarneming",
        "signal_categories": "terrorisme, radicalisering, extremisme",
        "status": "established",
        "valid_from": "2018-01-01",
    }
    refused = client.post("/grondslagen/ind-politie-convenant-ct/nieuwe-versie", form)
    assert refused.status_code == 400 and "Een convenant is geen grondslag" in refused.content.decode()
    form["statutory_basis"] = "AVG art. 6 lid 1 sub e"
    assert client.post("/grondslagen/ind-politie-convenant-ct/nieuwe-versie", form).status_code == 302
    assert LegalBasisFlow.objects.get(code="ind-politie-convenant-ct", is_current=True).version == 2


def test_api_register_lists_flows_and_versions(make_user, api_client_for) -> None:
    client = api_client_for(make_user("politie.cter", "handler"))
    flows = client.get("/api/v1/legal-basis-flows").json()
    assert any(f["code"] == "ind-politie-cter-kennisknooppunt" and f["status"] == "no-legal-basis" for f in flows)
    detail = client.get("/api/v1/legal-basis-flows/ind-aivd-wiv").json()
    assert detail["version_label"] == "ind-aivd-wiv@v1" and len(detail["versions"]) == 1
    assert client.get("/api/v1/legal-basis-flows/bestaat-niet").status_code == 404
    assert Ambtsbericht.objects.count() == 0


def _token(client: Client, url: str) -> str:
    found = re.search(r'name="form_token" value="([0-9a-f]{32})"', client.get(url).content.decode())
    assert found, f"no form token on {url}"
    return found.group(1)


def test_naslag_request_and_its_answer_sent_twice_are_recorded_once(hub, signal) -> None:
    """Issue 10: duplicate submits are harmless (the form's one-time token, ``core.form_tokens``)."""
    from ketensignaal.disclosures.models import NaslagAnswer

    client = signed_in(hub)
    url = f"/signalen/{signal.pk}/naslag"
    body = {
        "service": "aivd",
        "own_means_exhausted": "on",
        "other_means_insufficient": "on",
        "justification": "Uitgeput.",
        "form_token": _token(client, url),
    }
    first, second = client.post(url, body), client.post(url, body)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    naslag = NaslagRequest.objects.get()
    answer = {"kind": "ambtsbericht-follows", "received_on": "2026-11-21", "form_token": _token(client, f"/naslag/{naslag.pk}")}
    assert client.post(f"/naslag/{naslag.pk}", answer).status_code == 302
    assert client.post(f"/naslag/{naslag.pk}", answer).status_code == 302
    assert NaslagAnswer.objects.count() == 1


def test_ambtsbericht_form_sent_twice_registers_one(hub, signal) -> None:
    client = signed_in(hub)
    body = {
        "service": "aivd",
        "dated": "2026-11-01",
        "subject": "Netwerk",
        "content": "Inhoud zonder bronnen.",
        "signal_reference": signal.reference,
        "form_token": _token(client, "/ambtsberichten/nieuw"),
    }
    first, second = client.post("/ambtsberichten/nieuw", body), client.post("/ambtsberichten/nieuw", body)
    assert first.status_code == second.status_code == 302, first.content.decode()[:2000]
    assert first["Location"] == second["Location"]
    assert Ambtsbericht.objects.count() == 1


def test_register_forms_sent_twice_make_one_flow_and_one_version(make_user) -> None:
    client = signed_in(make_user("ind", "functional-admin"))
    form = {
        "code": "ind-coa-terugkoppeling",
        "name": "Terugkoppeling aan de opvang",
        "from_organisation": "ind",
        "to_organisation": "coa",
        "purpose": "Status aan de melder.",
        "statutory_basis": "AVG art. 6 lid 1 sub e",
        "data_categories": "status",
        "status": "established",
        "valid_from": "2026-01-01",
        "form_token": _token(client, "/grondslagen/nieuw"),
    }
    first, second = client.post("/grondslagen/nieuw", form), client.post("/grondslagen/nieuw", form)
    assert first.status_code == second.status_code == 302, first.content.decode()[:2000]
    assert first["Location"] == second["Location"]
    assert LegalBasisFlow.objects.filter(code="ind-coa-terugkoppeling").count() == 1
    url = "/grondslagen/ind-coa-terugkoppeling/nieuwe-versie"
    form = {**form, "purpose": "Status aan de melder, op hoofdlijnen.", "form_token": _token(client, url)}
    del form["code"]
    assert client.post(url, form).status_code == client.post(url, form).status_code == 302
    assert LegalBasisFlow.objects.filter(code="ind-coa-terugkoppeling").count() == 2


def test_disclosure_form_sent_twice_discloses_once_and_lands_on_the_first_result(hub, signal) -> None:
    client = signed_in(hub)
    url = f"/signalen/{signal.pk}/verstrekkingen"
    body = {
        "recipient": "aivd",
        "justification": "Concrete aanwijzing.",
        "form_token": _token(client, url),
        "stap": "verstrekken",
    }
    first, second = client.post(url, body), client.post(url, body)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"] == url
    assert Disclosure.objects.count() == 1
    assert "Dit formulier was al verstuurd" in client.get(second["Location"]).content.decode()


def test_disclosure_refused_keeps_its_token_so_the_corrected_send_counts_once(hub, signal) -> None:
    client = signed_in(hub)
    url = f"/signalen/{signal.pk}/verstrekkingen"
    token = _token(client, url)
    refused = client.post(url, {"recipient": "aivd", "justification": "", "form_token": token})
    assert refused.status_code == 400 and f'value="{token}"' in refused.content.decode()
    body = {"recipient": "aivd", "justification": "Concrete aanwijzing.", "form_token": token, "stap": "verstrekken"}
    assert client.post(url, body).status_code == client.post(url, body).status_code == 302
    assert Disclosure.objects.count() == 1


def test_enrichment_form_sent_twice_records_one_fact_and_lands_on_the_first_result(hub, signal) -> None:
    from ketensignaal.disclosures.models import EnrichmentFact

    client = signed_in(hub)
    url = f"/signalen/{signal.pk}/verrijking"
    body = {"kind": "decision", "value": "Aanvraag afgewezen (1F)", "source": "INDiGO dossier", "form_token": _token(client, url)}
    first, second = client.post(url, body), client.post(url, body)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"] == url
    assert EnrichmentFact.objects.count() == 1
    assert "Dit formulier was al verstuurd" in client.get(second["Location"]).content.decode()


def test_disclosure_form_chooses_no_recipient(hub, signal) -> None:
    """Issue 10: no default that records a decision about a person. The walk-through found "Politie (cluster CTER)"
    preselected; sending the untouched form is an error at the field and shares nothing."""
    client = signed_in(hub)
    html = client.get(f"/signalen/{signal.pk}/verstrekkingen").content.decode()
    select = re.search(r'<select name="recipient"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None
    options = re.findall(r"<option([^>]*)>", select.group(1))
    assert options[0] == ' value="" selected' and all("selected" not in o for o in options[1:]), options
    refused = client.post(f"/signalen/{signal.pk}/verstrekkingen", {"recipient": "", "justification": "Reden."})
    assert refused.status_code == 400 and "id_recipient_error" in refused.content.decode()
    assert not Disclosure.objects.exists()


def test_disclosure_is_confirmed_with_recipient_basis_and_data_before_anything_crosses(hub, signal) -> None:
    """Issue 10: confirmation for irreversible steps. The first send only weighs and shows; "Terug" returns to the
    filled-in form; "Verstrekken" discloses, once however often it is sent."""
    client = signed_in(hub)
    url = f"/signalen/{signal.pk}/verstrekkingen"
    body = {"recipient": "aivd", "justification": "Instemmende uitspraken over een aanslag.", "form_token": _token(client, url)}
    log_before = ProcessingLogEntry.objects.filter(action="disclose").count()

    confirm = client.post(url, body)
    html = confirm.content.decode()
    assert confirm.status_code == 200 and "Verstrekking bevestigen" in html
    assert "IND → AIVD: verstrekking en naslag (versie 1)" in html  # the flow's Dutch name
    assert "Wiv 2017 art. 8 lid 2 sub f en art. 39 (naslag); AVG art. 6 lid 1 sub e" in html  # the articles
    assert "identificerende gegevens, waarneming, verrijking uit IND-dossier" in html  # what is shared
    assert signal.reference in html and "Instemmende uitspraken over een aanslag." in html
    assert re.search(r'<button class="utrecht-button utrecht-button--primary-action"[^>]*value="verstrekken">Verstrekken<', html)
    assert re.search(r'<button class="utrecht-button utrecht-button--secondary-action"[^>]*value="terug">Terug<', html)
    assert "ind-aivd-wiv" not in html
    assert not Disclosure.objects.exists()
    assert ProcessingLogEntry.objects.filter(action="disclose").count() == log_before

    back = client.post(url, {**body, "stap": "terug"})
    html = back.content.decode()
    assert back.status_code == 200 and "Voorleggen aan politie of dienst" in html
    assert '<option value="aivd" selected>' in html and "Instemmende uitspraken over een aanslag." in html
    assert not Disclosure.objects.exists()

    first, second = client.post(url, {**body, "stap": "verstrekken"}), client.post(url, {**body, "stap": "verstrekken"})
    assert first.status_code == second.status_code == 302
    assert Disclosure.objects.count() == 1
    assert ProcessingLogEntry.objects.filter(action="disclose").count() == log_before + 1


def test_confirmation_refuses_what_the_disclosure_would_refuse(hub, signal) -> None:
    client = signed_in(hub)
    url = f"/signalen/{signal.pk}/verstrekkingen"
    services.disclosure_create(actor=hub, signal=signal, recipient="aivd", justification="Eerder.")
    again = client.post(url, {"recipient": "aivd", "justification": "Nogmaals."})
    assert again.status_code == 409 and "heeft dit signaal al ontvangen" in again.content.decode()
    assert "Verstrekking bevestigen" not in again.content.decode()
    assert Disclosure.objects.count() == 1


def test_confirmation_page_is_404_for_a_user_who_cannot_see_the_signal(signal, make_user) -> None:
    outsider = signed_in(make_user("ind.handhaving", "handler"))
    response = outsider.post(f"/signalen/{signal.pk}/verstrekkingen", {"recipient": "aivd", "justification": "Reden."})
    assert response.status_code == 404
    assert not Disclosure.objects.exists()


def test_already_disclosed_is_said_in_the_readers_language(hub, signal) -> None:
    """Issue 10, English complete: "heeft dit signaal al ontvangen" was an untranslated f-string."""
    from django.utils import translation

    from ketensignaal.core.errors import Conflict

    services.disclosure_create(actor=hub, signal=signal, recipient="aivd", justification="Eerder.")
    with translation.override("en"), pytest.raises(Conflict) as refused:
        services.disclosure_create(actor=hub, signal=signal, recipient="aivd", justification="Nogmaals.")
    assert (
        refused.value.detail.startswith("AIVD has already received this signal: ") and " disclosed it on " in refused.value.detail
    )
