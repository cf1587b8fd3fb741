"""Reference data in the reader's language: English when there is English, the Dutch text otherwise."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import translation

from ketensignaal.core.language import in_reader_language


def test_an_english_reader_gets_the_english_text_and_a_dutch_reader_the_dutch() -> None:
    factor = SimpleNamespace(label="Sociaal isolement", label_en="Social isolation")
    field = {"label": "Duiding van het gedrag", "label_en": "Interpretation of the behaviour"}
    with translation.override("en"):
        assert in_reader_language(factor, "label") == "Social isolation"
        assert in_reader_language(field, "label") == "Interpretation of the behaviour"
    with translation.override("nl"):
        assert in_reader_language(factor, "label") == "Sociaal isolement"
        assert in_reader_language(field, "label") == "Duiding van het gedrag"


def test_without_english_the_dutch_text_shows_rather_than_nothing() -> None:
    written_by_the_administrator = {"label": "Eigen vraag", "label_en": "", "help": ""}
    with translation.override("en"):
        assert in_reader_language(written_by_the_administrator, "label") == "Eigen vraag"
        assert in_reader_language(written_by_the_administrator, "help") == ""
        assert in_reader_language(SimpleNamespace(label="Alleen Nederlands"), "label") == "Alleen Nederlands"
