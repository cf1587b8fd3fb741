"""NGOs share only on their own judgement (DOMAIN.md principle 6): Nidos and VWN confirm it, and their signal reaches IND TSZ."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.intake.models import Signal
from ketensignaal.routing.models import SignalEvent
from ketensignaal.routing.tests.factories import body

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("unit", "flow"), [("nidos", "nidos-ind-eigen-afweging@v1"), ("vwn", "vwn-ind-eigen-afweging@v1")])
def test_an_ngo_reporters_signal_reaches_ind_tsz_over_its_own_flow(
    make_user: Any, api_client_for: Any, unit: str, flow: str
) -> None:
    reporter = make_user(unit, "reporter")
    response = api_client_for(reporter).post("/api/v1/signals", {**body(), "own_judgement": True}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["current_unit"] is None  # it left the NGO: status as the reporter may know it
    assert response.json()["own_judgement"] is True
    signal = Signal.objects.get(pk=response.json()["id"])
    assert signal.current_unit.code == "ind.tsz" and signal.own_judgement
    hop = SignalEvent.objects.get(signal=signal, action="reported")
    assert hop.legal_basis == flow and "eigen afweging" in hop.justification
    assert ProcessingLogEntry.objects.filter(action="disclose", legal_basis=flow).count() == 1
    tsz = api_client_for(make_user("ind.tsz", "hub-analyst", "handler"))
    assert tsz.get(f"/api/v1/signals/{signal.pk}").status_code == 200


@pytest.mark.parametrize("value", [None, False, "ja"])
def test_without_the_confirmation_an_ngo_report_is_a_400_naming_own_judgement(
    make_user: Any, api_client_for: Any, value: Any
) -> None:
    reporter = make_user("nidos", "reporter")
    payload = body() if value is None else {**body(), "own_judgement": value}
    response = api_client_for(reporter).post("/api/v1/signals", payload, format="json")
    assert response.status_code == 400
    assert "own_judgement" in [p["name"] for p in response.json()["invalid_params"]]
    assert Signal.objects.count() == 0


def test_other_reporters_need_no_confirmation(make_user: Any, api_client_for: Any) -> None:
    response = api_client_for(make_user("coa.locatie.ter-apel", "reporter")).post("/api/v1/signals", body(), format="json")
    assert response.status_code == 201 and response.json()["own_judgement"] is False


def test_the_web_form_asks_an_ngo_reporter_for_the_confirmation_and_records_it(make_user: Any, web_client_for: Any) -> None:
    reporter = make_user("vwn", "reporter")
    web = web_client_for(reporter)
    url = reverse("intake:signal_new")
    page = web.get(url, {"acuut": "nee"})
    assert page.status_code == 200 and 'name="own_judgement"' in page.content.decode()
    coa_page = web_client_for(make_user("coa.locatie.ter-apel", "reporter")).get(url, {"acuut": "nee"})
    assert 'name="own_judgement"' not in coa_page.content.decode()
    form = {
        "acute": "nee",
        "names-0-name": "Ahmed Yusuf",
        "names-0-kind": "name",
        "observation_type": "statement",
        "observation_text": "Vertelde over werving in de moskee.",
        "categories": ["ronselen"],
        "touchpoint": "opvanglocatie",
        "handling_code": "AMBER",
    }
    refused = web.post(url, form)
    assert refused.status_code == 400 and "own-judgement-error" in refused.content.decode()
    assert Signal.objects.count() == 0
    accepted = web.post(url, {**form, "own_judgement": "on"})
    assert accepted.status_code == 302
    assert Signal.objects.get().own_judgement is True
