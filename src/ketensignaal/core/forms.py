"""Form fields shared by every context: the one way a person types a date (``DutchDateField``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from ketensignaal.core.dates import DATE_INPUT_FORMATS

DATE_HINT = gettext_lazy("Dag-maand-jaar, bijvoorbeeld 3-11-2026.")
DATE_INVALID = gettext_lazy("Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-11-2026.")


class DutchDateInput(forms.DateInput):
    """A plain text box: a browser's date picker shows its own locale's pattern (mm/dd/yyyy), whatever language the
    page is in. A stored date is shown the way it is typed (3-11-2026)."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"class": "utrecht-textbox ks-input--date", "inputmode": "numeric", "autocomplete": "off", "size": "12"}
        super().__init__(attrs={**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, date):
            return f"{value.day}-{value.month}-{value.year}"
        return super().format_value(value)


class DutchDateField(forms.DateField):
    """A date typed as day-month-year (3-2-2026 or 03-02-2026, also with / or .; ISO still reads), with the pattern
    in its hint and an error that says how to write it. The API keeps ISO dates; this is for the screens only."""

    widget = DutchDateInput
    default_error_messages = {"invalid": DATE_INVALID}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("help_text", DATE_HINT)
        super().__init__(**kwargs)
