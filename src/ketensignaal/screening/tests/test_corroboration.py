"""DOMAIN.md principle 4 made real: a lone database hit is never closed as established; a note does not change
that, corroboration of another kind does (an ambtsbericht, enrichment, another observation about the person)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ketensignaal.disclosures.services import ambtsbericht_register, enrichment_record
from ketensignaal.intake.models import Signal
from ketensignaal.persons.services import signal_link_person
from ketensignaal.routing.corroboration import corroboration_sources
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db

SIS_HIT = {
    "observation__type": "database",
    "observation__text": "Treffer in SIS II: onopvallende controle (DEU).",
    "touchpoint": "na-besluit",
}


@pytest.fixture
def hub(make_user: Any) -> dict[str, Any]:
    return {"reporter": make_user("dtv", "reporter"), "analyst": make_user("ind.tsz", "hub-analyst", "handler")}


def _close(api: Any, signal: Signal, note: str = "Bevestigd door een bron van een andere soort.") -> Any:
    return api.post(f"/api/v1/signals/{signal.pk}/close", {"outcome": "established", "note": note}, format="json")


def test_the_sources_are_registered_once_in_one_place() -> None:
    assert [s.code for s in corroboration_sources()] == ["ambtsbericht", "enrichment", "other-observation"]


def test_a_lone_sis_hit_is_refused_even_with_a_note_and_the_refusal_says_what_is_missing(
    hub: dict[str, Any], api_client_for: Any
) -> None:
    signal = submit(hub["reporter"], **SIS_HIT)
    api = api_client_for(hub["analyst"])
    assert (
        api.post(f"/api/v1/signals/{signal.pk}/notes", {"note": "Volgens collega's klopt het."}, format="json").status_code < 300
    )
    response = _close(api, signal, note="Gegrond: de signalering zegt het.")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "single_database_hit"
    assert "ambtsbericht" in body["detail"] and "verrijking" in body["detail"] and "notitie telt daarvoor niet" in body["detail"]
    signal.refresh_from_db()
    assert signal.status != "closed" and signal.outcome == ""


def test_enrichment_from_the_ind_file_is_corroboration(hub: dict[str, Any], api_client_for: Any) -> None:
    signal = submit(hub["reporter"], **SIS_HIT)
    enrichment_record(
        actor=hub["analyst"], signal=signal, kind="procedure-stage", value="Eerder 1F-onderzoek gestart.", source="INDiGO"
    )
    assert _close(api_client_for(hub["analyst"]), signal).status_code == 200


def test_a_linked_ambtsbericht_is_corroboration(hub: dict[str, Any], api_client_for: Any) -> None:
    signal = submit(hub["reporter"], **SIS_HIT)
    ambtsbericht_register(
        actor=hub["analyst"],
        service="aivd",
        dated=date(2026, 11, 30),
        subject="Betrokkene",
        content="Betrokkene vormt een gevaar voor de nationale veiligheid.",
        signal=signal,
    )
    assert _close(api_client_for(hub["analyst"]), signal).status_code == 200


def test_another_kind_of_observation_about_the_same_person_is_corroboration(hub: dict[str, Any], api_client_for: Any) -> None:
    signal = submit(hub["reporter"], **SIS_HIT)
    person = signal_link_person(actor=hub["analyst"], signal_id=signal.pk, new=True).person
    api = api_client_for(hub["analyst"])
    # Another database hit about the same person is still only database hits.
    second_hit = submit(hub["reporter"], **SIS_HIT)
    signal_link_person(actor=hub["analyst"], signal_id=second_hit.pk, person_id=person.pk)
    assert _close(api, signal).status_code == 422
    statement = submit(hub["reporter"], touchpoint="na-besluit")
    signal_link_person(actor=hub["analyst"], signal_id=statement.pk, person_id=person.pk)
    assert _close(api, signal).status_code == 200


def test_the_refusal_reads_in_english_for_an_english_reader(hub: dict[str, Any], api_client_for: Any) -> None:
    """Issue 10 leftovers: the refusal and the sources it names were Dutch whatever the reader asked."""
    signal = submit(hub["reporter"], **SIS_HIT)
    response = api_client_for(hub["analyst"]).post(
        f"/api/v1/signals/{signal.pk}/close",
        {"outcome": "established", "note": "Gegrond."},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "A signal whose only information is a database hit cannot be closed as established (an alert alone is never "
        "enough). What is missing is corroboration of another kind: a linked official report (ambtsbericht); recorded "
        "enrichment from the IND file; an observation of another kind about the same (linked) person. A note does not "
        "count for this."
    )
