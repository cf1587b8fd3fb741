"""Issue 10 leftovers: a date that must lie ahead (evaluation, next review, end of aftercare) is refused in one
sentence in the reader's language, with the date written the product's one way ("3 november 2025")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from ketensignaal.conferences.services import future_date
from ketensignaal.core.errors import ValidationFailed

DUTCH_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _reason(value: object) -> str:
    with pytest.raises(ValidationFailed) as refused:
        future_date(value, "review", gettext_lazy("de evaluatiedatum"))
    assert refused.value.detail == refused.value.invalid_params[0]["reason"]
    return refused.value.detail


def test_a_past_date_is_named_in_the_long_format_in_dutch_and_english() -> None:
    past = timezone.localdate() - dt.timedelta(days=400)
    with translation.override("nl"):
        long_nl = f"{past.day} {DUTCH_MONTHS[past.month - 1]} {past.year}"
        assert _reason(past) == f"De evaluatiedatum ligt in het verleden ({long_nl}); kies vandaag of een latere datum."
    with translation.override("en"):
        long_en = f"{past.day} {past.strftime('%B')} {past.year}"
        assert _reason(past) == f"The evaluation date is in the past ({long_en}); choose today or a later date."


def test_no_date_says_how_to_write_one_in_the_readers_language() -> None:
    with translation.override("nl"):
        assert _reason(None) == "Vul de evaluatiedatum in als dag-maand-jaar, bijvoorbeeld 3-11-2026."
    with translation.override("en"):
        assert _reason("morgen") == "Enter the evaluation date as day-month-year, for example 3-11-2026."


def test_today_is_accepted() -> None:
    assert future_date(timezone.localdate(), "review", gettext_lazy("de evaluatiedatum")) == timezone.localdate()
