"""Dates of birth as people give them: a day, a month, a year, a range, or 'about'."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext

from ketensignaal.core.errors import ValidationFailed

_PART = r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?"
_UNCERTAIN = re.compile(r"^(?:ca\.?|circa|omstreeks|~|about|approx\.?)\s*", re.IGNORECASE)
_RANGE = re.compile(rf"^{_PART}\s*(?:/|–|-|\.\.|tot|to)\s*{_PART}$")
_SINGLE = re.compile(rf"^{_PART}$")
UNCERTAIN_MARGIN_YEARS = 2
#: Dates of birth spanning more years than this (after widening 'about') give no year keys for retrieval.
KEY_YEAR_SPAN = 5


@dataclass(frozen=True)
class BirthDate:
    text: str
    earliest: date
    latest: date
    uncertain: bool = False

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest and not self.uncertain


def _bounds(year: str, month: str | None, day: str | None) -> tuple[date, date]:
    y = int(year)
    if month is None:
        return date(y, 1, 1), date(y, 12, 31)
    m = int(month)
    if day is None:
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    d = date(y, m, int(day))
    return d, d


def birth_date_parse(text: str, *, uncertain: bool = False) -> BirthDate:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, a range ``1970/1975`` or ``1970-03..1971``, optionally 'ca.'."""
    raw = (text or "").strip()
    body = _UNCERTAIN.sub("", raw)
    uncertain = uncertain or body != raw
    try:
        if found := _SINGLE.match(body):
            earliest, latest = _bounds(*found.groups())
        elif found := _RANGE.match(body):
            groups = found.groups()
            earliest, _ = _bounds(*groups[:3])
            _, latest = _bounds(*groups[3:])
        else:
            raise ValueError(raw)
    except ValueError:
        raise ValidationFailed(
            gettext("Geboortedatum '%(raw)s' is niet te lezen; gebruik JJJJ, JJJJ-MM, JJJJ-MM-DD of een periode JJJJ/JJJJ.")
            % {"raw": raw},
            code="invalid_date_of_birth",
            invalid_params=[{"name": "date_of_birth", "reason": gettext("Gebruik JJJJ, JJJJ-MM, JJJJ-MM-DD of JJJJ/JJJJ.")}],
        ) from None
    if earliest > latest:
        earliest, latest = latest, earliest
    return BirthDate(raw, earliest, latest, uncertain)


def _widened(value: BirthDate) -> tuple[date, date]:
    if not value.uncertain:
        return value.earliest, value.latest
    m = UNCERTAIN_MARGIN_YEARS
    return (
        value.earliest.replace(year=value.earliest.year - m, day=min(value.earliest.day, 28)),
        value.latest.replace(year=value.latest.year + m, day=min(value.latest.day, 28)),
    )


def birth_dates_compare(first: list[BirthDate], second: list[BirthDate]) -> tuple[str, str, list[str]]:
    """(outcome, Dutch explanation, the dates it names); outcome is exact / compatible / conflict / unknown. Symmetric.

    The dates are kept beside the sentence so a page can say the same in the reader's language
    (persons.matching.explain)."""
    if not first or not second:
        return "unknown", "Geboortedatum ontbreekt bij een van beide; niet vergeleken.", []
    best = "conflict"
    detail = ""
    dates: list[str] = []
    for a in first:
        for b in second:
            if a.exact and b.exact and a.earliest == b.earliest:
                return "exact", f"Geboortedatum gelijk ({a.earliest.isoformat()}).", [a.earliest.isoformat()]
            a_lo, a_hi = _widened(a)
            b_lo, b_hi = _widened(b)
            if a_lo <= b_hi and b_lo <= a_hi and best != "compatible":
                best = "compatible"
                dates = sorted([a.text, b.text])
                detail = f"Geboortedata verenigbaar ({dates[0]} en {dates[1]}; onvolledig of onzeker)."
    if best == "conflict":
        dates = sorted({x.text for x in first} | {x.text for x in second})
        detail = f"Geboortedata strijdig ({', '.join(dates)})."
    return best, detail, dates


def birth_years(values: list[BirthDate]) -> list[int]:
    """The years a person may be born in, for retrieval keys: every year of each (widened) date of birth that spans
    at most ``KEY_YEAR_SPAN`` years. A wide range gives none (the name keys alone then find the person)."""
    years: set[int] = set()
    for value in values:
        lo, hi = _widened(value)
        if hi.year - lo.year < KEY_YEAR_SPAN:
            years.update(range(lo.year, hi.year + 1))
    return sorted(years)
