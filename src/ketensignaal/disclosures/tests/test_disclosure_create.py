"""Putting a signal to the police and the services: lawful, logged, or refused with nothing changed."""

from __future__ import annotations

from datetime import date

import pytest

from ketensignaal.disclosures.models import Disclosure
from ketensignaal.disclosures.tests.factories import signal_at_hub
from ketensignaal.governance.models import LegalBasisFlow, ProcessingLogEntry
from ketensignaal.intake.models import SignalInvolvement


@pytest.fixture
def hub(make_user):
    return make_user("ind.tsz", "hub-analyst", "handler")


@pytest.fixture
def reporter(make_user):
    return make_user("coa.locatie.ter-apel", "reporter")


def _state() -> tuple[int, int, int]:
    return Disclosure.objects.count(), ProcessingLogEntry.objects.count(), SignalInvolvement.objects.count()


def test_disclosure_to_police_uses_covenant_flow_logs_and_grants_cter(hub, reporter, api_client_for) -> None:
    signal = signal_at_hub(reporter=reporter, categories=("terrorisme",))
    response = api_client_for(hub).post(
        f"/api/v1/signals/{signal.pk}/disclosures",
        {"recipient": "politie", "justification": "Concrete aanwijzingen van steun aan IS."},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["recipient_unit"] == "politie.cter"
    assert body["legal_basis_flow"] == "ind-politie-convenant-ct@v1"
    entry = ProcessingLogEntry.objects.get(action="disclose")
    assert entry.legal_basis == "ind-politie-convenant-ct@v1" and entry.object_id == str(signal.pk)
    assert SignalInvolvement.objects.get(signal=signal, unit__code="politie.cter").reason == "disclosed"


def test_named_unit_receives_it(hub, reporter, api_client_for) -> None:
    signal = signal_at_hub(reporter=reporter, categories=("terrorisme",))
    response = api_client_for(hub).post(
        f"/api/v1/signals/{signal.pk}/disclosures", {"recipient": "politie.tim", "justification": "1F-aanwijzing."}, format="json"
    )
    assert response.status_code == 201
    assert SignalInvolvement.objects.filter(signal=signal, unit__code="politie.tim").exists()


def test_extremism_to_police_is_refused_naming_the_covenant_flow(hub, reporter, api_client_for) -> None:
    signal = signal_at_hub(reporter=reporter, categories=("extremisme",))
    before = _state()
    response = api_client_for(hub).post(
        f"/api/v1/signals/{signal.pk}/disclosures", {"recipient": "politie", "justification": "Rechts-extremisme."}, format="json"
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == "no_legal_basis"
    assert "convenant IND–Politie–KMar 2018" in body["detail"] and "'extremisme'" in body["detail"]
    assert _state() == before


def test_missing_justification_is_400_and_changes_nothing(hub, reporter, api_client_for) -> None:
    signal = signal_at_hub(reporter=reporter, categories=("terrorisme",))
    before = _state()
    response = api_client_for(hub).post(
        f"/api/v1/signals/{signal.pk}/disclosures", {"recipient": "aivd", "justification": "  "}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "justification"
    assert _state() == before


def test_expired_flow_is_refused_and_changes_nothing(hub, reporter, api_client_for) -> None:
    LegalBasisFlow.objects.filter(code="ind-aivd-wiv").update(valid_until=date(2020, 1, 1))
    signal = signal_at_hub(reporter=reporter, categories=("terrorisme",))
    before = _state()
    response = api_client_for(hub).post(
        f"/api/v1/signals/{signal.pk}/disclosures", {"recipient": "aivd", "justification": "Reden."}, format="json"
    )
    assert response.status_code == 403
    assert "verlopen op 1 januari 2020" in response.json()["detail"]
    assert _state() == before


def test_reporter_cannot_disclose_and_cannot_see_disclosures(hub, reporter, api_client_for) -> None:
    signal = signal_at_hub(reporter=reporter, categories=("terrorisme",))
    api_client_for(hub).post(
        f"/api/v1/signals/{signal.pk}/disclosures", {"recipient": "aivd", "justification": "Reden."}, format="json"
    )
    client = api_client_for(reporter)
    assert (
        client.post(
            f"/api/v1/signals/{signal.pk}/disclosures", {"recipient": "aivd", "justification": "x"}, format="json"
        ).status_code
        == 403
    )
    assert client.get(f"/api/v1/signals/{signal.pk}/disclosures").json() == []


def test_unseen_signal_is_404(make_user, reporter, api_client_for) -> None:
    signal = signal_at_hub(reporter=reporter, categories=("terrorisme",))
    other_hub = make_user("kmar.intelligence", "handler")
    response = api_client_for(other_hub).post(
        f"/api/v1/signals/{signal.pk}/disclosures", {"recipient": "aivd", "justification": "x"}, format="json"
    )
    assert response.status_code == 404


def test_reporter_feedback_becomes_put_to_partners_without_more(hub, reporter, api_client_for) -> None:
    signal = signal_at_hub(reporter=reporter, categories=("terrorisme",))
    client = api_client_for(reporter)
    assert client.get(f"/api/v1/signals/{signal.pk}/feedback").json()["status"] != "put-to-partners"
    api_client_for(hub).post(
        f"/api/v1/signals/{signal.pk}/disclosures", {"recipient": "aivd", "justification": "Reden."}, format="json"
    )
    feedback = client.get(f"/api/v1/signals/{signal.pk}/feedback").json()
    assert feedback["status"] == "put-to-partners"
    assert feedback["summary"] == "Voorgelegd aan ketenpartners."


def test_a_second_disclosure_to_the_same_recipient_is_refused_naming_the_first(hub, reporter, api_client_for) -> None:
    signal = signal_at_hub(reporter=reporter, categories=("terrorisme",))
    body = {"recipient": "aivd", "justification": "Uitspraken over een aanslag."}
    assert api_client_for(hub).post(f"/api/v1/signals/{signal.pk}/disclosures", body, format="json").status_code == 201
    before = _state()
    again = api_client_for(hub).post(f"/api/v1/signals/{signal.pk}/disclosures", body, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_disclosed"
    assert "heeft dit signaal al ontvangen" in again.json()["detail"]
    assert _state() == before
