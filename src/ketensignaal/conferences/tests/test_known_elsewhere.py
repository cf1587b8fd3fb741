"""'Known elsewhere?': hit or no hit, nothing more; logged on both sides."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.conferences.audit import case_subject
from ketensignaal.conferences.models import KnownElsewhereQuery
from ketensignaal.governance.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db

URL = "/api/v1/conference-cases/known-elsewhere"


def test_hit_reveals_nothing_but_the_boolean_and_logs_both_sides(
    people: dict[str, Any], api_client_for: Any, case_for: Any, web_client_for: Any
) -> None:
    theirs = case_for(actor=people["amsterdam"], subject={"names": [{"name": "Samir El Idrissi"}], "date_of_birth": "1996-04"})
    api = api_client_for(people["utrecht"])
    # Another spelling with the same year of birth meets the same consonant skeleton.
    response = api.post(URL, {"subject": {"names": [{"name": "Samir al-Idrisi"}], "date_of_birth": "1996"}}, format="json")
    assert response.status_code == 200
    assert response.json() == {"known_elsewhere": True}
    assert ProcessingLogEntry.objects.filter(object_type="known-elsewhere-query", data_subject_ref=case_subject(theirs)).exists()
    assert ProcessingLogEntry.objects.filter(object_type="known-elsewhere-query").count() == 2
    page = web_client_for(people["amsterdam"]).get(f"/casusoverleg/{theirs.pk}").content.decode()
    assert "Andere gemeenten vroegen naar deze persoon" in page and "Gemeente Utrecht" in page


def test_no_hit_for_own_municipality_or_other_person(people: dict[str, Any], api_client_for: Any, case_for: Any) -> None:
    case_for(subject={"names": [{"name": "Samir El Idrissi"}], "date_of_birth": "1996"})
    api = api_client_for(people["utrecht"])
    assert api.post(
        URL, {"subject": {"names": [{"name": "Samir El Idrissi"}], "date_of_birth": "1996"}}, format="json"
    ).json() == {"known_elsewhere": False}
    amsterdam = api_client_for(people["amsterdam"])
    assert amsterdam.post(
        URL, {"subject": {"names": [{"name": "Samir El Idrissi"}], "date_of_birth": "1997"}}, format="json"
    ).json() == {"known_elsewhere": False}
    assert amsterdam.post(
        URL, {"subject": {"names": [{"name": "Samir El Idrissi"}], "date_of_birth": "1996"}}, format="json"
    ).json() == {"known_elsewhere": True}


def test_a_name_alone_is_not_enough_and_partners_may_not_ask(people: dict[str, Any], api_client_for: Any) -> None:
    refused = api_client_for(people["utrecht"]).post(URL, {"subject": {"names": [{"name": "Ali"}]}}, format="json")
    assert refused.status_code == 400
    assert refused.json()["invalid_params"][0]["code"] == "not_enough_to_compare"
    assert (
        api_client_for(people["police"])
        .post(URL, {"subject": {"names": [{"name": "Ali"}], "v_number": "1234567890"}}, format="json")
        .status_code
        == 403
    )
    assert not KnownElsewhereQuery.objects.exists()
