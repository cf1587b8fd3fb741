"""The person pages in the browser-less client: candidates page, linking, person timeline, bad input messages."""

from __future__ import annotations

import pytest
from django.test import Client

from ketensignaal.persons.models import Person, PersonSignalLink
from ketensignaal.persons.services import signal_link_person
from ketensignaal.persons.tests.factories import signal_make

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    session = client.session
    session["sso_authenticated"] = True  # skip the TOTP step; sign-in itself is tested in web/
    session.save()
    return client


def test_candidates_page_link_and_timeline(make_user):
    hub = make_user("ind.tsz", "hub-analyst")
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    first = signal_make(reporter=reporter, names=[("Tesfay Gebremichael", "Latn")])
    person = signal_link_person(actor=hub, signal_id=first.pk, new=True).person
    second = signal_make(reporter=reporter, names=[("ተስፋይ ገብረሚካኤል", "Ethi")])
    client = _client(hub)
    page = client.get(f"/signalen/{second.pk}/personen")
    assert page.status_code == 200
    assert "Tesfay Gebremichael" in page.content.decode()
    response = client.post(f"/signalen/{second.pk}/personen/koppelen", {"person": str(person.pk)})
    assert response.status_code == 302 and response["Location"].endswith(f"/personen/{person.pk}")
    page = client.get(f"/personen/{person.pk}").content.decode()
    assert first.reference in page and second.reference in page


def test_particles_only_name_shows_message_and_creates_nothing(make_user):
    hub = make_user("ind.tsz", "hub-analyst")
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    signal = signal_make(reporter=reporter, names=[("Al Bin", "Latn")])
    client = _client(hub)
    assert "partikels" in client.get(f"/signalen/{signal.pk}/personen").content.decode()
    response = client.post(f"/signalen/{signal.pk}/personen/koppelen", {"new": "1"}, follow=True)
    assert "partikels" in response.content.decode()
    assert not Person.objects.exists() and not PersonSignalLink.objects.exists()


def test_pages_are_404_without_need_to_know(make_user):
    hub = make_user("ind.tsz", "hub-analyst")
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    outsider = make_user("politie.drio", "handler")
    signal = signal_make(reporter=reporter, names=[("Omar Haddad", "Latn")])
    person = signal_link_person(actor=hub, signal_id=signal.pk, new=True).person
    client = _client(outsider)
    assert client.get(f"/signalen/{signal.pk}/personen").status_code == 404
    assert client.get(f"/personen/{person.pk}").status_code == 404


def test_signal_page_leads_to_the_person_screens(make_user, web_client_for):
    hub = make_user("ind.tsz", "hub-analyst")
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    signal = signal_make(reporter=reporter, names=[("Omar Haddad", "Latn")])
    candidates_url = f"/signalen/{signal.pk}/personen"

    hub_client, reporter_client = web_client_for(hub), web_client_for(reporter)
    assert f'href="{candidates_url}"' in hub_client.get(f"/signalen/{signal.pk}").content.decode()
    unlinked = reporter_client.get(f"/signalen/{signal.pk}").content.decode()
    assert candidates_url not in unlinked and "Gekoppelde persoon" not in unlinked  # a reporter does not match

    person = signal_link_person(actor=hub, signal_id=signal.pk, new=True).person
    for client in (hub_client, reporter_client):
        page = client.get(f"/signalen/{signal.pk}").content.decode()
        assert f'href="/personen/{person.pk}"' in page and "Gekoppelde persoon" in page
    assert reporter_client.get(f"/personen/{person.pk}").status_code == 200


def test_a_partial_date_of_birth_reads_as_words_on_every_person_screen(make_user):
    """Issue 10: "1994-03" was shown as stored on the person page, the candidates page and in the match
    explanation; it reads "maart 1994" (English "March 1994"), a year alone "1994", a day "3 maart 1994"."""
    hub = make_user("ind.tsz", "hub-analyst")
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    first = signal_make(reporter=reporter, names=[("Mohammed al-Hassan", "Latn")], date_of_birth="1994-03")
    person = signal_link_person(actor=hub, signal_id=first.pk, new=True).person
    second = signal_make(reporter=reporter, names=[("Mohamed Alhassan", "Latn")], date_of_birth="1994-03")
    client = _client(hub)
    candidates = client.get(f"/signalen/{second.pk}/personen").content.decode()
    assert "Mohammed al-Hassan" in candidates, "the first signal's person is a candidate"
    assert "1994-03" not in candidates
    assert "Geboortedata verenigbaar (maart 1994 en maart 1994; onvolledig of onzeker)." in candidates
    assert "<dd>maart 1994</dd>" in candidates
    person_page = client.get(f"/personen/{person.pk}").content.decode()
    assert "maart 1994" in person_page and "1994-03" not in person_page
    signal_page = client.get(f"/signalen/{second.pk}").content.decode()
    assert "maart 1994" in signal_page and "1994-03" not in signal_page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(f"/signalen/{second.pk}/personen").content.decode()
    assert "Dates of birth compatible (March 1994 and March 1994" in english and "1994-03" not in english
