"""Issue 10: a match explanation reads in the reader's language; rows stored before the reasons were kept as data
show the stored sentence. The matching itself (outcomes, similarity) does not depend on the language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from ketensignaal.persons.matching.compare import Description, description_compare
from ketensignaal.persons.matching.dates import birth_date_parse
from ketensignaal.persons.matching.explain import explanation_for_reader
from ketensignaal.persons.matching.normalize import name_analyse
from ketensignaal.persons.services import signal_link_person
from ketensignaal.persons.tests.factories import signal_make


def _pair() -> tuple[Description, Description]:
    a = Description([name_analyse("Mohammed Al-Hassan")], [birth_date_parse("1990-04-01")], frozenset({"SYR"}))
    b = Description([name_analyse("Mohamed Alhassan")], [birth_date_parse("1990-04-01")], frozenset({"SYR", "IRQ"}))
    return a, b


def test_the_same_explanation_reads_in_english_and_in_dutch() -> None:
    a, b = _pair()
    score, explanation = description_compare(a, b)
    assert explanation["nationality"]["countries"] == ["SYR"]
    assert explanation["date_of_birth"]["dates"] == ["1990-04-01"]
    with translation.override("en"):
        english = explanation_for_reader(explanation)
        assert description_compare(a, b)[0] == score
    with translation.override("nl"):
        dutch = explanation_for_reader(explanation)
    assert english["nationality"]["summary"] == "Same nationality (Syria)."
    assert english["date_of_birth"]["summary"] == "Same date of birth (1990-04-01)."
    assert english["v_number"]["summary"] == "No matching V-number."
    assert "gelijk" not in english["names"]["summary"] and "”:" in english["names"]["summary"]
    assert dutch["nationality"]["summary"] == "Nationaliteit gelijk (Syrië)."
    assert dutch["date_of_birth"]["summary"] == "Geboortedatum gelijk (1990-04-01)."
    assert dutch["names"]["summary"] == explanation["names"]["summary"]
    assert english["names"]["query"] == explanation["names"]["query"]


def test_a_conflict_names_every_country_in_the_readers_language() -> None:
    explanation = {"nationality": {"outcome": "conflict", "countries": ["AFG", "IRN"], "summary": "Nationaliteit verschilt."}}
    with translation.override("en"):
        assert explanation_for_reader(explanation)["nationality"]["summary"] == "Nationality differs (Afghanistan, Iran)."


def test_a_row_stored_without_the_reasons_shows_what_is_stored() -> None:
    stored = {
        "names": {"query": "A", "candidate": "B", "summary": "„a” en „b”: lijkt op elkaar"},
        "date_of_birth": {"outcome": "exact", "summary": "Geboortedatum gelijk (1990-04-01)."},
        "nationality": {"outcome": "agree", "summary": "Nationaliteit gelijk (Syrië)."},
    }
    with translation.override("en"):
        shown = explanation_for_reader(stored)
    assert shown["names"]["summary"] == "„a” en „b”: lijkt op elkaar"
    assert shown["date_of_birth"]["summary"] == "Geboortedatum gelijk (1990-04-01)."
    assert shown["nationality"]["summary"] == "Nationaliteit gelijk (Syrië)."
    assert explanation_for_reader(None) == {} and explanation_for_reader({"candidates_shown": []}) == {"candidates_shown": []}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session["sso_authenticated"] = True
    session.save()
    return client


@pytest.mark.django_db
def test_the_candidates_page_explains_in_english_for_an_english_reader(make_user) -> None:
    hub = make_user("ind.tsz", "hub-analyst")
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    first = signal_make(reporter=reporter, names=[("Tesfay Gebremichael", "Latn")], nationality="ERI", date_of_birth="1992")
    signal_link_person(actor=hub, signal_id=first.pk, new=True)
    second = signal_make(reporter=reporter, names=[("Tesfaye Gebremikael", "Latn")], nationality="ERI", date_of_birth="1992")
    client = _client(hub)
    dutch = client.get(f"/signalen/{second.pk}/personen").content.decode()
    assert "Nationaliteit gelijk (Eritrea)." in dutch
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(f"/signalen/{second.pk}/personen").content.decode()
    assert "Same nationality (Eritrea)." in english
    assert "Nationaliteit gelijk" not in english and "Geboortedat" not in english and "V-nummer" not in english
