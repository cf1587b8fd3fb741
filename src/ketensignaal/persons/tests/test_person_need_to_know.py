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


@pytest.fixture
def two_signals(make_user):
    """Person P, created from KMar's signal B, to which the hub later links COA's signal A.

    Both signals share one name; B brought it first, so the stored variant records B as its source.
    """
    hub = make_user("ind.tsz", "hub-analyst")
    coa = make_user("coa.locatie.ter-apel", "reporter")
    kmar = make_user("kmar.ir", "reporter")
    signal_b = signal_make(
        reporter=kmar,
        names=[("Khalid Mansour", "Latn"), ("Omar Haddad", "Latn")],
        v_number="2222222222",
        date_of_birth="1990-07-01",
        nationality="IRQ",
    )
    signal_a = signal_make(
        reporter=coa,
        names=[("Omar Haddad", "Latn"), ("عمر حداد", "Arab")],
        v_number="1111111111",
        date_of_birth="1994-03",
        nationality="SYR",
    )
    person = signal_link_person(actor=hub, signal_id=signal_b.pk, new=True).person
    signal_link_person(actor=hub, signal_id=signal_a.pk, person_id=person.pk)
    return {"hub": hub, "coa": coa, "person": person, "a": signal_a, "b": signal_b, "make_user": make_user}


B_ONLY = ("Khalid Mansour", "2222222222", "1990-07-01", "IRQ")


def test_reporter_of_one_signal_sees_only_what_that_signal_brought_api(two_signals, api_client_for):
    person, signal_a, signal_b = two_signals["person"], two_signals["a"], two_signals["b"]
    response = api_client_for(two_signals["coa"]).get(f"/api/v1/persons/{person.pk}")
    assert response.status_code == 200
    body = response.json()
    assert [s["reference"] for s in body["signals"]] == [signal_a.reference]
    assert body["display_name"] == "Omar Haddad"  # the stored display name came from B
    assert {n["name"] for n in body["names"]} == {"Omar Haddad", "عمر حداد"}
    assert body["identifiers"] == [{"kind": "v-number", "value": "1111111111"}]
    assert [d["text"] for d in body["dates_of_birth"]] == ["1994-03"]
    assert body["nationalities"] == ["SYR"]
    text = response.content.decode()
    assert str(signal_b.pk) not in text and signal_b.reference not in text
    assert not any(value in text for value in B_ONLY)


def test_hub_analyst_sees_the_whole_person(two_signals, api_client_for):
    person, signal_a, signal_b = two_signals["person"], two_signals["a"], two_signals["b"]
    body = api_client_for(two_signals["hub"]).get(f"/api/v1/persons/{person.pk}").json()
    assert {s["reference"] for s in body["signals"]} == {signal_a.reference, signal_b.reference}
    assert body["display_name"] == "Khalid Mansour"
    assert {n["name"] for n in body["names"]} == {"Khalid Mansour", "Omar Haddad", "عمر حداد"}
    assert {i["value"] for i in body["identifiers"]} == {"1111111111", "2222222222"}
    assert body["nationalities"] == ["IRQ", "SYR"]


def test_privacy_officer_of_another_organisation_sees_only_its_own_part(two_signals, api_client_for):
    officer = two_signals["make_user"]("coa.locatie.ter-apel", "privacy-officer")
    body = api_client_for(officer).get(f"/api/v1/persons/{two_signals['person'].pk}").json()
    assert [s["reference"] for s in body["signals"]] == [two_signals["a"].reference]
    assert "Omar Haddad" in {n["name"] for n in body["names"]}
    assert not any(value in str(body) for value in B_ONLY)


def test_reporter_of_one_signal_sees_only_its_part_on_the_person_page(two_signals, web_client_for):
    person, signal_a, signal_b = two_signals["person"], two_signals["a"], two_signals["b"]
    response = web_client_for(two_signals["coa"]).get(f"/personen/{person.pk}")
    assert response.status_code == 200
    page = response.content.decode()
    assert signal_a.reference in page and "Omar Haddad" in page and "1111111111" in page
    assert signal_b.reference not in page and str(signal_b.pk) not in page
    assert not any(value in page for value in B_ONLY)
    # The history shows the link of A only: not the creation from B nor B's link (no count or date of other signals).
    assert page.count("Signaal gekoppeld") == 1 and "Persoon aangemaakt" not in page

    hub_page = web_client_for(two_signals["hub"]).get(f"/personen/{person.pk}").content.decode()
    assert signal_b.reference in hub_page and "Khalid Mansour" in hub_page
    assert hub_page.count("Signaal gekoppeld") == 2 and "Persoon aangemaakt" in hub_page


def test_persons_seen_among_agrees_with_the_person_scope(make_user):
    """The agenda's set-based check: a person with a visible link counts as seen without a query; the others (a
    person merged into a visible one, a person the unit does not see) are asked of the person scope."""
    from ketensignaal.persons.models import PersonSignalLink
    from ketensignaal.persons.scopes import persons_seen_among

    hub = make_user("ind.tsz", "hub-analyst")
    coa = make_user("coa.locatie.ter-apel", "reporter")
    other = make_user("coa.locatie.budel", "reporter")
    seen = signal_link_person(actor=hub, signal_id=signal_make(reporter=coa, names=[("Omar Haddad", "Latn")]).pk, new=True).person
    unseen = signal_link_person(
        actor=hub, signal_id=signal_make(reporter=other, names=[("Khalid Mansour", "Latn")]).pk, new=True
    ).person
    merged = Person.objects.create(display_name="Samengevoegd", merged_into=seen)
    candidates = [seen.pk, unseen.pk, merged.pk]
    linked = {str(pk) for pk in visible(coa, PersonSignalLink.objects.all()).values_list("person_id", flat=True)}
    assert linked == {str(seen.pk)}

    result = persons_seen_among(coa, candidates, with_visible_link=linked)

    assert result == {str(pk) for pk in visible(coa, Person.objects.filter(pk__in=candidates)).values_list("pk", flat=True)}
    assert result == {str(seen.pk), str(merged.pk)}
    # a caller's claim of a visible link is all it takes; without it the scope decides
    assert persons_seen_among(coa, candidates, with_visible_link=set()) == result
