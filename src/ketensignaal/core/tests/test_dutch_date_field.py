"""Issue 10: the one Dutch date input every form uses (``core.forms.DutchDateField``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import timezone, translation

from ketensignaal.core.dates import birth_date_text
from ketensignaal.core.errors import ValidationFailed
from ketensignaal.core.forms import DutchDateField, DutchDateTimeField, typed_values


class _Form(forms.Form):
    on = DutchDateField(label="Datum")


def test_day_month_year_is_read_with_and_without_leading_zeros() -> None:
    for typed in ("3-2-2026", "03-02-2026"):
        form = _Form({"on": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["on"] == dt.date(2026, 2, 3)


def test_a_day_that_does_not_exist_is_refused_saying_so() -> None:
    """Issue 10 (LRO walk-through): "31-02-2026" is written the right way; the message says the date does not
    exist, not how to write a date."""
    with translation.override("nl"):
        form = _Form({"on": "31-2-2026"})
        assert not form.is_valid()
        assert form.errors["on"] == ["De datum 31-2-2026 bestaat niet: februari 2026 heeft 28 dagen."]
        # Month 13: most likely month and day swapped, so how to write a date.
        assert _Form({"on": "2/13/2026"}).errors["on"] == ["Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-11-2026."]
        assert _Form({"on": "29-2-2028"}).is_valid()  # a leap year
        assert _Form({"on": "volgende week"}).errors["on"] == ["Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-11-2026."]
    with translation.override("en"):
        assert _Form({"on": "31-02-2026"}).errors["on"] == ["The date 31-02-2026 does not exist: February 2026 has 28 days."]


def test_the_field_is_a_text_box_with_the_pattern_in_its_hint() -> None:
    form = _Form(initial={"on": dt.date(2026, 11, 3)})
    html = str(form["on"])
    assert 'type="text"' in html and 'type="date"' not in html and 'value="3-11-2026"' in html
    assert str(form.fields["on"].help_text) == "Dag-maand-jaar, bijvoorbeeld 3-11-2026."


class _MomentForm(forms.Form):
    at = DutchDateTimeField(label="Moment")


def test_a_moment_is_typed_day_month_year_and_hours_minutes_in_local_time() -> None:
    for typed in ("3-11-2026 14:30", "03-11-2026 14.30", "3/11/2026 14:30", "2026-11-03T14:30"):
        form = _MomentForm({"at": typed})
        assert form.is_valid(), (typed, form.errors)
        local = timezone.localtime(form.cleaned_data["at"])
        assert (local.date(), local.hour, local.minute) == (dt.date(2026, 11, 3), 14, 30)


def test_a_moment_without_a_time_or_with_a_wrong_one_is_refused_with_how_to_write_it() -> None:
    for typed in ("3-11-2026", "3-11-2026 25:00", "morgen"):
        form = _MomentForm({"at": typed})
        assert not form.is_valid()
        assert form.errors["at"] == ["Vul datum en tijd in als dag-maand-jaar uu:mm, bijvoorbeeld 3-11-2026 14:30."]


def test_the_moment_field_is_a_text_box_showing_the_moment_as_it_is_typed() -> None:
    moment = timezone.make_aware(dt.datetime(2026, 11, 3, 9, 5))
    html = str(_MomentForm(initial={"at": moment})["at"])
    assert 'type="text"' in html and "datetime-local" not in html and 'value="3-11-2026 09:05"' in html


def test_typed_values_reads_each_input_with_its_field_and_names_every_unreadable_one() -> None:
    fields = {"van": DutchDateField(label="Van", required=False), "tot": DutchDateField(label="Tot en met", required=False)}
    assert typed_values({"van": " 1-3-2026 ", "tot": ""}, fields) == {"van": dt.date(2026, 3, 1), "tot": None}
    with pytest.raises(ValidationFailed) as refused:
        typed_values({"van": "31-2-2026", "tot": "maart"}, fields)
    assert [p["name"] for p in refused.value.invalid_params] == ["van", "tot"]
    assert refused.value.invalid_params[1]["reason"] == "Tot en met: Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-11-2026."
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        typed_values({"van": "x"}, {"van": DutchDateField(label="From", required=False)})
    assert refused.value.invalid_params[0]["reason"] == "From: Enter the date as day-month-year, for example 3-11-2026."


@pytest.mark.parametrize(
    ("stored", "dutch", "english"),
    [
        ("1994", "1994", "1994"),
        ("1994-03", "maart 1994", "March 1994"),
        ("1994-3", "maart 1994", "March 1994"),
        ("1994-03-07", "7 maart 1994", "7 March 1994"),
        ("1990/1994", "1990 – 1994", "1990 – 1994"),
        ("ca. 1994-03", "ca. maart 1994", "about March 1994"),
        ("1994-13", "1994-13", "1994-13"),  # not a date: shown as given, never an error on a page
        ("", "", ""),
    ],
)
def test_a_partial_date_of_birth_reads_as_words_in_the_readers_language(stored: str, dutch: str, english: str) -> None:
    """Issue 10: "1994-03" on screen is how the database stores it, not how a person reads it."""
    with translation.override("nl"):
        assert birth_date_text(stored) == dutch
    with translation.override("en"):
        assert birth_date_text(stored) == english


def test_a_moment_on_a_day_that_does_not_exist_says_so_like_a_date() -> None:
    """Issue 10 leftovers: "31-02-2026 14:30" is written the right way; the message names the missing day, as
    DutchDateField does, not how to write a moment. A wrong time or no moment at all still says how to write one."""
    with translation.override("nl"):
        assert _MomentForm({"at": "31-02-2026 14:30"}).errors["at"] == [
            "De datum 31-02-2026 bestaat niet: februari 2026 heeft 28 dagen."
        ]
        assert _MomentForm({"at": "31-4-2026 9.15"}).errors["at"] == [
            "De datum 31-4-2026 bestaat niet: april 2026 heeft 30 dagen."
        ]
        how = "Vul datum en tijd in als dag-maand-jaar uu:mm, bijvoorbeeld 3-11-2026 14:30."
        assert _MomentForm({"at": "31-02-2026 25:00"}).errors["at"] == [how]
        assert _MomentForm({"at": "morgen om twee"}).errors["at"] == [how]
    with translation.override("en"):
        assert _MomentForm({"at": "31-02-2026 14:30"}).errors["at"] == [
            "The date 31-02-2026 does not exist: February 2026 has 28 days."
        ]
