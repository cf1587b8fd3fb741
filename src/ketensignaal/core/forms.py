"""Form fields shared by every context: the one way a person types a date (``DutchDateField``) and a moment
(``DutchDateTimeField``), and ``typed_values`` for views that read a date from ``request.GET``/``POST`` by hand."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from ketensignaal.core.dates import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS, date_input_problem, moment_input_problem
from ketensignaal.core.errors import ValidationFailed

DATE_HINT = gettext_lazy("Dag-maand-jaar, bijvoorbeeld 3-11-2026.")
DATE_INVALID = gettext_lazy("Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-11-2026.")
DATETIME_HINT = gettext_lazy("Dag-maand-jaar en tijd, bijvoorbeeld 3-11-2026 14:30.")
DATETIME_INVALID = gettext_lazy("Vul datum en tijd in als dag-maand-jaar uu:mm, bijvoorbeeld 3-11-2026 14:30.")


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

    def to_python(self, value: Any) -> date | None:
        problem = date_input_problem(value) if isinstance(value, str) else ""
        if problem:  # a date written right that does not exist says so, not "write it as day-month-year"
            raise forms.ValidationError(problem, code="invalid")
        return super().to_python(value)


class DutchDateTimeInput(forms.DateTimeInput):
    """One plain text box for a moment, typed as the Dutch write it (3-11-2026 14:30); the browser's
    date-time picker shows its own locale's pattern, whatever language the page is in."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"class": "utrecht-textbox ks-input--datetime", "autocomplete": "off", "size": "18"}
        super().__init__(attrs={**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime):
            return typed_moment(value)
        return super().format_value(value)


class DutchDateTimeField(forms.DateTimeField):
    """A moment typed as day-month-year and hours:minutes (3-11-2026 14:30, also 03-11-2026 14.30; ISO still
    reads), in local time, with the pattern in its hint and an error that says how to write it."""

    widget = DutchDateTimeInput
    default_error_messages = {"invalid": DATETIME_INVALID}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATETIME_INPUT_FORMATS)
        kwargs.setdefault("help_text", DATETIME_HINT)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime | None:
        problem = moment_input_problem(value) if isinstance(value, str) else ""
        if problem:  # as DutchDateField: a day the month lacks says so, not "write it as day-month-year uu:mm"
            raise forms.ValidationError(problem, code="invalid")
        return super().to_python(value)


def typed_date(value: date | None) -> str:
    """A date the way it is typed into a ``DutchDateField`` (3-11-2026), to show it back in a form."""
    if value is None:
        return ""
    return f"{value.day}-{value.month}-{value.year}"


def typed_moment(value: datetime | None) -> str:
    """A moment the way it is typed into a ``DutchDateTimeField`` (3-11-2026 14:30), in local time."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local.day}-{local.month}-{local.year} {local.hour:02d}:{local.minute:02d}"


def typed_values(data: Mapping[str, Any], fields: Mapping[str, forms.Field]) -> dict[str, Any]:
    """Each named input of ``data`` read by its shared field, for views that take ``request.GET``/``POST`` by hand
    (filters, small action forms): the same patterns and messages as the forms. Every unreadable input is named in
    one :class:`ValidationFailed`, its reason prefixed with the field's label, so the page can say what to fix."""
    values: dict[str, Any] = {}
    problems: list[dict[str, Any]] = []
    for name, field in fields.items():
        raw = data.get(name, "")
        try:
            values[name] = field.clean(raw.strip() if isinstance(raw, str) else raw)
        except forms.ValidationError as exc:
            message = " ".join(exc.messages)
            reason = gettext("%(label)s: %(message)s") % {"label": field.label, "message": message} if field.label else message
            problems.append({"name": name, "code": "invalid_date", "reason": reason})
    if problems:
        raise ValidationFailed(gettext("Niet elke datum is te lezen."), invalid_params=problems)
    return values
