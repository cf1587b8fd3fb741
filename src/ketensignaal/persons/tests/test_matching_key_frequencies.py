"""Kept key frequencies (``PersonNameKeyFrequency``): a query reads the count of a common key instead of counting its
index rows; rarer keys, and keys that became common since the last count, are counted live up to ``FREQUENT_KEY``."""

from __future__ import annotations

import pytest

from ketensignaal.persons.matching import engine
from ketensignaal.persons.matching.normalize import token_skeleton
from ketensignaal.persons.models import Person, PersonNameKey, PersonNameKeyFrequency
from ketensignaal.persons.services import person_name_add

pytestmark = pytest.mark.django_db


def _person(name: str) -> Person:
    person = Person.objects.create(display_name=name)
    person_name_add(person=person, original=name)
    return person


def _live(keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    return {(k, v): min(engine.KEY_FREQUENCY_CAP, PersonNameKey.objects.filter(kind=k, value=v).count()) for k, v in keys}


def test_kept_counts_equal_live_counts_after_a_refresh(monkeypatch):
    monkeypatch.setattr(engine, "FREQUENT_KEY", 3)
    for name in ("Mohamed Lakhal", "Mohammed Salah", "Muhammad Ali", "Mohamed Ahmadi", "Yusuf Haddad"):
        _person(name)
    kept = engine.key_frequencies_refresh()
    assert kept == PersonNameKeyFrequency.objects.count() > 0
    assert PersonNameKeyFrequency.objects.filter(kind="s", value="mhmd", count=4).exists()
    assert not PersonNameKeyFrequency.objects.filter(count__lt=3).exists()  # the rarer keys are not kept
    keys = sorted(set(PersonNameKey.objects.values_list("kind", "value")) | {("s", "nowhere")})
    assert engine._key_frequencies(keys) == _live(keys)


def test_a_key_grown_common_since_the_refresh_counts_as_frequent_until_the_next(monkeypatch):
    monkeypatch.setattr(engine, "FREQUENT_KEY", 2)
    _person("Yusuf Haddad")
    engine.key_frequencies_refresh()
    for _ in range(3):
        _person("Yusuf Haddad")
    key = ("s", token_skeleton("haddad"))
    assert engine._key_frequencies([key]) == {key: 2}  # live, at most FREQUENT_KEY rows read
    engine.key_frequencies_refresh()
    assert engine._key_frequencies([key]) == {key: 4}


def test_without_a_refresh_every_key_is_counted_live():
    for name in ("Mohamed Lakhal", "Mohammed Salah"):
        _person(name)
    keys = sorted(set(PersonNameKey.objects.values_list("kind", "value")))
    assert engine._key_frequencies(keys) == _live(keys)
