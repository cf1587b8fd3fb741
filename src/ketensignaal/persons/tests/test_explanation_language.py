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
    assert english["date_of_birth"]["summary"] == "Same date of birth (1 April 1990)."
    assert english["v_number"]["summary"] == "No matching V-number."
    assert "gelijk" not in english["names"]["summary"] and "”:" in english["names"]["summary"]
    assert dutch["nationality"]["summary"] == "Nationaliteit gelijk (Syrië)."
    assert dutch["date_of_birth"]["summary"] == "Geboortedatum gelijk (1 april 1990)."
    assert dutch["names"]["summary"] == explanation["names"]["summary"]
    assert english["names"]["query"] == explanation["names"]["query"]


def test_a_conflict_names_every_country_in_the_readers_language() -> None:
    explanation = {"nationality": {"outcome": "conflict", "countries": ["AFG", "IRN"], "summary": "Nationaliteit verschilt."}}
    with translation.override("en"):
        assert explanation_for_reader(explanation)["nationality"]["summary"] == "Nationality differs (Afghanistan, Iran)."


def test_a_row_stored_without_the_reasons_shows_what_cannot_be_read_back() -> None:
    stored = {
        "names": {"query": "A", "candidate": "B", "summary": "„a” en „b”: lijkt op elkaar"},
        "date_of_birth": {"outcome": "exact", "summary": "Geboortedatum gelijk (1990-04-01)."},
        "nationality": {"outcome": "agree", "summary": "Nationaliteit gelijk (Syrië)."},
    }
    with translation.override("en"):
        shown = explanation_for_reader(stored)
    assert shown["names"]["summary"] == "„a” en „b”: lijkt op elkaar"  # no name parts kept: nothing to say it from
    # The date and the country are read back from their sentences (see below).
    assert shown["date_of_birth"]["summary"] == "Same date of birth (1 April 1990)."
    assert shown["nationality"]["summary"] == "Same nationality (Syria)."
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


def test_a_row_stored_before_the_dates_and_codes_were_kept_is_read_back_from_its_sentence() -> None:
    """Issue 10: old rows (match proposals, decisions, watch-list hits) have only the Dutch sentence for the date of
    birth and the nationality; the dates and country codes are read back from it, so they read in English too."""
    stored = {
        "names": {
            "query": "A",
            "candidate": "B",
            "tokens": [{"tokens": ["a", "b"], "method": "fuzzy", "label": "lijkt op elkaar"}],
        },
        "date_of_birth": {
            "outcome": "compatible",
            "summary": "Geboortedata verenigbaar (1990 en 1990-04; onvolledig of onzeker).",
        },
        "nationality": {"outcome": "conflict", "summary": "Nationaliteit verschilt (Afghanistan, Iran, Kosovo)."},
        "v_number": {"outcome": "none", "summary": "Geen gelijk V-nummer."},
    }
    with translation.override("en"):
        shown = explanation_for_reader(stored)
    assert shown["date_of_birth"]["summary"] == "Dates of birth compatible (1990 and April 1990; incomplete or uncertain)."
    assert shown["nationality"]["summary"] == "Nationality differs (Afghanistan, Iran, Kosovo)."
    assert shown["names"]["summary"] == "“a” and “b”: similar" and shown["names"]["tokens"][0]["label"] == "similar"
    with translation.override("en"):
        english_names = explanation_for_reader({"nationality": {"outcome": "agree", "summary": "Nationaliteit gelijk (Syria)."}})
        exact = explanation_for_reader({"date_of_birth": {"outcome": "exact", "summary": "Geboortedatum gelijk (1990-04-01)."}})
        conflict = explanation_for_reader(
            {"date_of_birth": {"outcome": "conflict", "summary": "Geboortedata strijdig (1980, 1990-04-01)."}}
        )
    # Written while an English reader was active (country names follow the language): read back all the same.
    assert english_names["nationality"]["summary"] == "Same nationality (Syria)."
    assert exact["date_of_birth"]["summary"] == "Same date of birth (1 April 1990)."
    assert conflict["date_of_birth"]["summary"] == "Dates of birth conflict (1980, 1 April 1990)."
    with translation.override("nl"):
        assert explanation_for_reader(stored)["nationality"]["summary"] == stored["nationality"]["summary"]


def test_a_sentence_that_cannot_be_read_back_is_shown_as_stored() -> None:
    odd = {
        "date_of_birth": {
            "outcome": "compatible",
            "summary": "Geboortedata verenigbaar (1990 en 1991 en 1992; onvolledig of onzeker).",
        },
        "nationality": {"outcome": "agree", "summary": "Nationaliteit gelijk (onbekend land)."},
    }
    with translation.override("en"):
        shown = explanation_for_reader(odd)
    assert shown["date_of_birth"]["summary"] == odd["date_of_birth"]["summary"]
    assert shown["nationality"]["summary"] == odd["nationality"]["summary"]


@pytest.mark.django_db
def test_the_candidates_api_explains_in_the_clients_language(make_user, api_client_for) -> None:
    """Issue 10: the API follows the rule of its errors: Dutch by default, English on Accept-Language."""
    hub = make_user("ind.tsz", "hub-analyst")
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    first = signal_make(reporter=reporter, names=[("Tesfay Gebremichael", "Latn")], nationality="ERI", date_of_birth="1992")
    signal_link_person(actor=hub, signal_id=first.pk, new=True)
    second = signal_make(reporter=reporter, names=[("Tesfaye Gebremikael", "Latn")], nationality="ERI", date_of_birth="1992")
    api = api_client_for(hub)
    url = f"/api/v1/signals/{second.pk}/person-candidates"
    dutch = api.get(url)
    assert dutch.status_code == 200 and dutch["Content-Language"] == "nl"
    assert dutch.json()[0]["explanation"]["nationality"]["summary"] == "Nationaliteit gelijk (Eritrea)."
    english = api.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english["Content-Language"] == "en"
    [candidate] = english.json()
    explanation = candidate["explanation"]
    assert explanation["nationality"]["summary"] == "Same nationality (Eritrea)."
    assert explanation["nationality"]["countries"] == ["ERI"] and explanation["nationality"]["outcome"] == "agree"
    assert explanation["date_of_birth"]["summary"] == "Dates of birth compatible (1992 and 1992; incomplete or uncertain)."
    assert "gelijk" not in explanation["names"]["summary"] and "V-nummer" not in explanation["v_number"]["summary"]
    assert candidate["rank"] == dutch.json()[0]["rank"] and candidate["similarity"] == dutch.json()[0]["similarity"]
