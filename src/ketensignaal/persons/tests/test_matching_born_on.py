"""The exact-date pool (``_born_on``): persons born on exactly the query's date who share a name key. The statement
was rewritten to be driven by the birth-date index; its result is the same set as the earlier statement's."""

from __future__ import annotations

import pytest
from django.db import connection

from ketensignaal.persons.matching.compare import Description
from ketensignaal.persons.matching.dates import birth_date_parse
from ketensignaal.persons.matching.engine import _born_on, key_groups
from ketensignaal.persons.matching.normalize import name_analyse
from ketensignaal.persons.models import Person, PersonBirthDate, PersonNameKey
from ketensignaal.persons.services import person_dated_keys_refresh, person_name_add

pytestmark = pytest.mark.django_db

# The statement before the rewrite (an EXISTS over the name keys per birth-date row), kept as the reference.
_EARLIER_SQL = (
    "SELECT DISTINCT b.person_id FROM persons_personbirthdate b WHERE b.earliest = ANY(%s::date[]) "
    "AND b.latest = b.earliest AND EXISTS (SELECT 1 FROM persons_personnamekey k "
    "JOIN unnest(%s::varchar[], %s::varchar[]) AS q(kind, value) ON k.kind = q.kind AND k.value = q.value "
    "WHERE k.person_id = b.person_id) LIMIT %s"
)


def _person(name: str, *dates: str) -> Person:
    person = Person.objects.create(display_name=name)
    person_name_add(person=person, original=name)
    for text in dates:
        parsed = birth_date_parse(text)
        PersonBirthDate.objects.create(
            person=person, text=parsed.text, earliest=parsed.earliest, latest=parsed.latest, uncertain=parsed.uncertain
        )
    person_dated_keys_refresh(person.pk)
    return person


def _expected(query: Description) -> set:
    """By definition, in Python: an exact stored date equal to an exact query date, and any name key in common."""
    days = {d.earliest for d in query.birth_dates if d.exact}
    groups, _dated = key_groups(query.names, [])
    born = set(PersonBirthDate.objects.filter(earliest__in=days).values_list("person_id", "earliest", "latest").distinct())
    result = set()
    for pid, earliest, latest in born:
        keys = set(PersonNameKey.objects.filter(person_id=pid).values_list("kind", "value"))
        if earliest == latest and keys & set(groups):
            result.add(pid)
    return result


def test_born_on_is_the_persons_born_that_day_sharing_a_key():
    sharing = _person("Yusuf Haddad", "1990-05-04")
    surname_only = _person("Karim Haddad", "1990-05-04")
    twice_that_day = _person("Youssef Hadad", "1990-05-04", "1990-05-04")
    second_day = _person("Yusuf Haddad", "1985-11-30")
    _person("Piet Jansen", "1990-05-04")  # born that day, no key in common
    _person("Yusuf Haddad", "1990-05")  # a month, not a day (latest is not earliest)
    _person("Yusuf Haddad", "1991-05-04")  # another day
    _person("Yusuf Haddad")  # no date of birth
    query = Description(
        names=[name_analyse("Yusuf Haddad")], birth_dates=[birth_date_parse("1990-05-04"), birth_date_parse("1985-11-30")]
    )
    groups, _dated = key_groups(query.names, [])

    found = _born_on(query, groups)

    assert len(found) == len(set(found))
    assert set(found) == _expected(query) == {sharing.pk, surname_only.pk, twice_that_day.pk, second_day.pk}


def test_born_on_needs_an_exact_query_date():
    _person("Yusuf Haddad", "1990-05-04")
    query = Description(names=[name_analyse("Yusuf Haddad")], birth_dates=[birth_date_parse("1990-05")])
    groups, _dated = key_groups(query.names, [])
    assert _born_on(query, groups) == []


def test_born_on_same_set_as_the_earlier_statement():
    if connection.vendor != "postgresql":
        pytest.skip("the earlier statement is PostgreSQL's")
    for index, name in enumerate(["Yusuf Haddad", "Karim Haddad", "Piet Jansen", "Youssef Hadad", "Amina Yusuf"]):
        _person(name, "1990-05-04", f"1970-01-{index + 1:02d}")
        _person(name, "1990-05")
    for query_name in ("Yusuf Haddad", "Piet Jansen", "Amina Mohammed"):
        query = Description(names=[name_analyse(query_name)], birth_dates=[birth_date_parse("1990-05-04")])
        groups, _dated = key_groups(query.names, [])
        with connection.cursor() as cursor:
            cursor.execute(
                _EARLIER_SQL, [[date.earliest for date in query.birth_dates], [k for k, _ in groups], [v for _, v in groups], 60]
            )
            earlier = {row[0] for row in cursor.fetchall()}
        assert set(_born_on(query, groups)) == earlier == _expected(query)


def test_two_short_parts_joined_find_a_one_word_name_born_that_day():
    """علي ما يشو / Ali Maychou (1983-05-25): no name key in common but the skeleton of ما يشو joined ("ms"), which
    is asked for in the exact-date pool only (too common to weigh in the name pools)."""
    from ketensignaal.persons.matching.engine import candidate_pool, candidates_find

    target = _person("Ali Maychou", "1983-05-25")
    _person("Musa Karimi", "1983-05-26")  # the same two-letter skeleton, born another day
    query = Description(names=[name_analyse("علي ما يشو")], birth_dates=[birth_date_parse("1983-05-25")])
    assert target.pk in candidate_pool(query)
    assert candidates_find(query)[0].person_id == target.pk
    if connection.vendor != "postgresql":  # (PostgreSQL adds a trigram search when the keys find few)
        assert target.pk not in candidate_pool(Description(names=[name_analyse("علي ما يشو")]))
