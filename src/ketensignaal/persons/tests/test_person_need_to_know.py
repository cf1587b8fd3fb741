"""Person-level need to know: seeing a person never widens which of their signals one sees."""

from __future__ import annotations

import pytest

from ketensignaal.core.need_to_know import visible
from ketensignaal.persons.models import Person
from ketensignaal.persons.services import signal_link_person
from ketensignaal.persons.tests.factories import signal_make

pytestmark = pytest.mark.django_db


def test_reporting_unit_sees_only_its_own_signal_of_the_person(make_user, api_client_for):
    hub = make_user("ind.tsz", "hub-analyst")
    coa = make_user("coa.locatie.ter-apel", "reporter")
    ind = make_user("ind.aanmeldcentrum", "reporter")
    other_unit = make_user("coa.locatie.budel", "reporter")
    coa_signal = signal_make(reporter=coa, names=[("Omar Haddad", "Latn")])
    ind_signal = signal_make(reporter=ind, names=[("عمر حداد", "Arab")])
    person = signal_link_person(actor=hub, signal_id=coa_signal.pk, new=True).person
    signal_link_person(actor=hub, signal_id=ind_signal.pk, person_id=person.pk)

    hub_view = api_client_for(hub).get(f"/api/v1/persons/{person.pk}").json()
    assert {s["reference"] for s in hub_view["signals"]} == {coa_signal.reference, ind_signal.reference}

    coa_view = api_client_for(coa).get(f"/api/v1/persons/{person.pk}")
    assert coa_view.status_code == 200
    assert [s["reference"] for s in coa_view.json()["signals"]] == [coa_signal.reference]

    assert api_client_for(other_unit).get(f"/api/v1/persons/{person.pk}").status_code == 404
    assert not visible(other_unit, Person.objects.all()).exists()


def test_unknown_or_malformed_person_is_404(make_user, api_client_for):
    client = api_client_for(make_user("ind.tsz", "hub-analyst"))
    assert client.get("/api/v1/persons/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get("/api/v1/persons/not-a-uuid").status_code == 404
