from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ketensignaal.disclosures.services import ambtsbericht_register
from ketensignaal.persons.services import signal_link_person
from ketensignaal.routing.tests.factories import submit

AMBTSBERICHT_CONTENT = "Betrokkene onderhoudt contacten met een persoon die bekend is bij de dienst."


@pytest.fixture
def officer(make_user: Any) -> Any:
    return make_user("ind", "privacy-officer")


@pytest.fixture
def analyst(make_user: Any) -> Any:
    return make_user("ind.tsz", "hub-analyst", "reporter")


@pytest.fixture
def person_with_ambtsbericht(analyst: Any) -> Any:
    """Mohammed al-Hassan: one signal, linked to a person record, and an AIVD ambtsbericht about him."""
    signal = submit(analyst)
    person = signal_link_person(actor=analyst, signal_id=signal.pk, new=True).person
    ambtsbericht_register(
        actor=analyst,
        service="aivd",
        dated=date(2026, 11, 30),
        subject="Contacten van betrokkene",
        content=AMBTSBERICHT_CONTENT,
        person=person,
    )
    return person


SUBJECT = {"names": [{"name": "Mohammed al-Hassan"}], "date_of_birth": "1994-03", "nationality": "SYR"}
