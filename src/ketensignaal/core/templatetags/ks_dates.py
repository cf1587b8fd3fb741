"""``{{ signal.date_of_birth|birth_date }}``: a (partial) date of birth in the reader's words ("maart 1994"), never
the stored ISO ("1994-03"); ``|birth_dates`` joins several."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django import template

from ketensignaal.core.dates import birth_date_text

register = template.Library()


@register.filter
def birth_date(value: str | date | None) -> str:
    return birth_date_text(value)


@register.filter
def birth_dates(values: Iterable[str | date] | None) -> str:
    return ", ".join(birth_date_text(value) for value in values or [])
