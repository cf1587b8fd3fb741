"""Issue 10, point 7: merging persons is done by picking the other person by name or V-number, searched within
need to know, never by typing an internal id."""

from __future__ import annotations

import pytest
from django.test import Client

from ketensignaal.persons.models import Person
from ketensignaal.persons.services import signal_link_person
from ketensignaal.persons.tests.factories import signal_make

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    session = client.session
    session["sso_authenticated"] = True
    session.save()
    return client


def test_merge_picks_the_other_person_by_name_or_v_number_within_need_to_know(make_user):
    hub = make_user("ind.tsz", "hub-analyst")
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    police = make_user("politie.drio", "handler")
    survivor = signal_link_person(
        actor=hub, signal_id=signal_make(reporter=reporter, names=[("Omar Haddad", "Latn")]).pk, new=True
    ).person
    other = signal_link_person(
        actor=hub,
        signal_id=signal_make(reporter=reporter, names=[("Omar Hadad", "Latn")], v_number="1234567890").pk,
        new=True,
    ).person
    # A namesake only the police knows about: the hub may not see them, so the search never offers them.
    hidden_signal = signal_make(reporter=police, names=[("Omar Haddad", "Latn")], involved=())
    hidden = signal_link_person(actor=police, signal_id=hidden_signal.pk, new=True).person
    client = _client(hub)

    page = client.get(f"/personen/{survivor.pk}").content.decode()
    assert 'name="other" type="text"' not in page and "Kenmerk (id)" not in page
    assert 'name="zoek"' in page

    page = client.get(f"/personen/{survivor.pk}", {"zoek": "hadad"}).content.decode()
    assert "Omar Hadad" in page and f'value="{other.pk}"' in page
    assert f'value="{survivor.pk}"' not in page  # never the person itself

    page = client.get(f"/personen/{survivor.pk}", {"zoek": "Haddad"}).content.decode()
    assert f'value="{hidden.pk}"' not in page

    page = client.get(f"/personen/{survivor.pk}", {"zoek": "1234567890"}).content.decode()
    assert f'value="{other.pk}"' in page and "V-nummer 1234567890" in page

    page = client.get(f"/personen/{survivor.pk}", {"zoek": "Onbekende Naam"}).content.decode()
    assert "Geen andere persoon gevonden" in page

    response = client.post(f"/personen/{survivor.pk}/samenvoegen", {"other": str(other.pk)})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.merged_into_id == survivor.pk
    assert Person.objects.filter(merged_into__isnull=True).exclude(pk=hidden.pk).count() == 1
