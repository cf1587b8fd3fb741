"""Issue 10: the one Dutch date input every form uses (``core.forms.DutchDateField``)."""

from __future__ import annotations

import datetime as dt

from django import forms

from ketensignaal.core.forms import DutchDateField


class _Form(forms.Form):
    on = DutchDateField(label="Datum")


def test_day_month_year_is_read_with_and_without_leading_zeros() -> None:
    for typed in ("3-2-2026", "03-02-2026"):
        form = _Form({"on": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["on"] == dt.date(2026, 2, 3)


def test_a_day_that_does_not_exist_is_refused_with_how_to_write_it() -> None:
    form = _Form({"on": "31-2-2026"})
    assert not form.is_valid()
    assert form.errors["on"] == ["Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-11-2026."]


def test_the_field_is_a_text_box_with_the_pattern_in_its_hint() -> None:
    form = _Form(initial={"on": dt.date(2026, 11, 3)})
    html = str(form["on"])
    assert 'type="text"' in html and 'type="date"' not in html and 'value="3-11-2026"' in html
    assert str(form.fields["on"].help_text) == "Dag-maand-jaar, bijvoorbeeld 3-11-2026."
