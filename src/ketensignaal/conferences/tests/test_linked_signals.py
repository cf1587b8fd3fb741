"""A case links a signal the municipality holds (never copies it), and its log entries concern that person too."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.conferences import services
from ketensignaal.conferences.audit import case_subject
from ketensignaal.governance.subjects import subject_refs_for
from ketensignaal.persons.models import Person, PersonSignalLink
from ketensignaal.trajectories.tests.conftest import signal_for

from .conftest import SUBJECT

pytestmark = pytest.mark.django_db


def test_linked_signal_stays_scoped_and_the_person_finds_the_case_in_the_log(
    people: dict[str, Any], api_client_for: Any, invite: Any
) -> None:
    signal = signal_for(people["utrecht_reporter"])
    case = services.case_register(
        actor=people["utrecht"], municipality_code="gemeente.utrecht", subject=SUBJECT, reason="Melding", signal_ids=[signal.pk]
    )
    services.case_triage(actor=people["utrecht"], case=case, admitted=True, reason="Toegelaten")
    invite(case, "politie.drio")
    mine = api_client_for(people["utrecht"]).get(f"/api/v1/conference-cases/{case.pk}").json()
    assert mine["signals"] == [{"id": str(signal.pk), "reference": signal.reference}]
    police = api_client_for(people["police"]).get(f"/api/v1/conference-cases/{case.pk}").json()
    assert police["signals"] == []  # the invitation gives the case, not the municipality's signal
    person = Person.objects.create(display_name="Samir El Idrissi")
    PersonSignalLink.objects.create(signal=signal, person=person, linked_by=people["utrecht"])
    assert case_subject(case) in subject_refs_for("person", str(person.pk))
