"""Linking signals to persons, candidates with explanations, merge/unmerge and bad input, through the API."""

from __future__ import annotations

import pytest

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.persons.models import MatchDecision, Person, PersonEvent, PersonName, PersonSignalLink
from ketensignaal.persons.tests.factories import signal_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(make_user):
    return make_user("ind.tsz", "hub-analyst")


@pytest.fixture
def reporter(make_user):
    return make_user("coa.locatie.ter-apel", "reporter")


def _link_new(client, signal):
    response = client.post(f"/api/v1/signals/{signal.pk}/link-person", {"new": True}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_cross_script_candidate_with_explanation_then_confirm(hub, reporter, api_client_for):
    client = api_client_for(hub)
    first = signal_make(reporter=reporter, names=[("Mohammed al-Hassan", "Latn")], date_of_birth="1994", nationality="SYR")
    person = _link_new(client, first)
    assert person["names"][0]["name"] == "Mohammed al-Hassan"
    second = signal_make(reporter=reporter, names=[("محمد الحسن", "Arab")], date_of_birth="1994-03", nationality="SYR")

    response = client.get(f"/api/v1/signals/{second.pk}/person-candidates")
    assert response.status_code == 200
    candidates = response.json()
    assert candidates[0]["person"] == person["id"]
    explanation = candidates[0]["explanation"]
    assert explanation["names"]["query"] == "محمد الحسن"
    assert {p["method"] for p in explanation["names"]["tokens"]} == {"skeleton"}
    assert explanation["date_of_birth"]["outcome"] == "compatible"
    assert explanation["nationality"]["outcome"] == "agree"
    assert "risk" not in str(candidates).lower()

    response = client.post(f"/api/v1/signals/{second.pk}/link-person", {"person": person["id"]}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert [s["reference"] for s in body["signals"]] == [first.reference, second.reference]
    assert {n["script"] for n in body["names"]} == {"Latn", "Arab"}
    decision = MatchDecision.objects.get(signal=second)
    assert decision.decision == "confirmed" and decision.rank == 1
    assert ProcessingLogEntry.objects.filter(activity="persoonskoppeling").count() >= 4


def test_v_number_match_is_proposed_not_linked(hub, reporter, api_client_for):
    client = api_client_for(hub)
    person = _link_new(client, signal_make(reporter=reporter, names=[("Yusuf Karimi", "Latn")], v_number="1234567890"))
    second = signal_make(reporter=reporter, names=[("Totally Different", "Latn")], v_number="1234567890")
    candidates = client.get(f"/api/v1/signals/{second.pk}/person-candidates").json()
    assert candidates[0]["person"] == person["id"]
    assert candidates[0]["proposed_reason"] == "v-number"
    assert not PersonSignalLink.objects.filter(signal=second).exists()


def test_reject_is_recorded(hub, reporter, api_client_for):
    client = api_client_for(hub)
    person = _link_new(client, signal_make(reporter=reporter, names=[("Ahmad Rahimi", "Latn")]))
    second = signal_make(reporter=reporter, names=[("Ahmed Rahimy", "Latn")])
    response = client.post(f"/api/v1/signals/{second.pk}/person-candidates/{person['id']}/reject")
    assert response.status_code == 201
    assert MatchDecision.objects.get(signal=second).decision == "rejected"


def test_name_of_only_particles_is_refused(hub, reporter, api_client_for):
    client = api_client_for(hub)
    signal = signal_make(reporter=reporter, names=[("Al Bin", "Latn")])
    for response in (
        client.get(f"/api/v1/signals/{signal.pk}/person-candidates"),
        client.post(f"/api/v1/signals/{signal.pk}/link-person", {"new": True}, format="json"),
    ):
        assert response.status_code == 400
        assert "partikels" in response.json()["detail"]
    assert Person.objects.count() == 0


def test_merge_and_unmerge(hub, reporter, api_client_for):
    client = api_client_for(hub)
    a = _link_new(client, signal_make(reporter=reporter, names=[("Omar Haddad", "Latn")]))
    b = _link_new(client, signal_make(reporter=reporter, names=[("عمر حداد", "Arab")], v_number="1111111111"))
    response = client.post(f"/api/v1/persons/{a['id']}/merge", {"other": b["id"]}, format="json")
    assert response.status_code == 200
    merged = response.json()
    assert len(merged["signals"]) == 2 and {i["value"] for i in merged["identifiers"]} == {"1111111111"}
    assert Person.objects.get(pk=b["id"]).merged_into_id is not None
    assert PersonName.objects.filter(person_id=a["id"]).count() == 2

    response = client.post(f"/api/v1/persons/{b['id']}/unmerge")
    assert response.status_code == 200
    assert len(response.json()["signals"]) == 1
    assert client.get(f"/api/v1/persons/{a['id']}").json()["identifiers"] == []
    kinds = list(PersonEvent.objects.filter(person_id=a["id"]).values_list("kind", flat=True))
    assert "merged" in kinds and "unmerged" in kinds


def test_merge_with_itself_changes_nothing(hub, reporter, api_client_for):
    client = api_client_for(hub)
    a = _link_new(client, signal_make(reporter=reporter, names=[("Omar Haddad", "Latn")]))
    events = PersonEvent.objects.count()
    response = client.post(f"/api/v1/persons/{a['id']}/merge", {"other": a["id"]}, format="json")
    assert response.status_code == 400
    assert "zichzelf" in response.json()["detail"]
    assert PersonEvent.objects.count() == events


def test_link_to_person_caller_cannot_see_is_404(make_user, reporter, api_client_for):
    hub = make_user("ind.tsz", "hub-analyst")
    handler = make_user("coa.bureau-veiligheid", "handler")
    # A person known only through a signal that never reached coa.bureau-veiligheid.
    hidden = _link_new(api_client_for(hub), signal_make(reporter=reporter, names=[("Karim Nasser", "Latn")]))
    own = signal_make(reporter=reporter, names=[("Karim Nasser", "Latn")], involved=("coa.bureau-veiligheid",))
    client = api_client_for(handler)
    assert client.get(f"/api/v1/signals/{own.pk}/person-candidates").json() == []
    response = client.post(f"/api/v1/signals/{own.pk}/link-person", {"person": hidden["id"]}, format="json")
    assert response.status_code == 404
    assert not PersonSignalLink.objects.filter(signal=own).exists()
    assert not MatchDecision.objects.filter(signal=own).exists()


def test_reporter_may_not_link(reporter, api_client_for):
    signal = signal_make(reporter=reporter, names=[("Karim Nasser", "Latn")])
    response = api_client_for(reporter).post(f"/api/v1/signals/{signal.pk}/link-person", {"new": True}, format="json")
    assert response.status_code == 403
