"""Reporting periods: a date range cut into months, four-month periods (the minister's progress rhythm) or years."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import pgettext_lazy as _p

from ketensignaal.core.errors import ValidationFailed

# Month abbreviations in the reader's language (English charts showed "mrt", "mei", "okt"); the context keeps them
# apart from any other "mei" in the catalogue.
MONTHS = (
    _p("maand, afgekort", "jan"),
    _p("maand, afgekort", "feb"),
    _p("maand, afgekort", "mrt"),
    _p("maand, afgekort", "apr"),
    _p("maand, afgekort", "mei"),
    _p("maand, afgekort", "jun"),
    _p("maand, afgekort", "jul"),
    _p("maand, afgekort", "aug"),
    _p("maand, afgekort", "sep"),
    _p("maand, afgekort", "okt"),
    _p("maand, afgekort", "nov"),
    _p("maand, afgekort", "dec"),
)
GRAINS = ("month", "four-month", "year")
MAX_YEARS = 10


@dataclass(frozen=True)
class Period:
    key: str
    label: str


@dataclass(frozen=True)
class Range:
    start: dt.date
    end: dt.date  # inclusive
    grain: str = "month"

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def end_before(self) -> dt.datetime:
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))

    def bucket(self, year: int, month: int) -> str:
        if self.grain == "year":
            return f"{year}"
        if self.grain == "four-month":
            return f"{year}-T{(month - 1) // 4 + 1}"
        return f"{year}-{month:02d}"

    def periods(self) -> list[Period]:
        out: list[Period] = []
        seen: set[str] = set()
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            key = self.bucket(year, month)
            if key not in seen:
                seen.add(key)
                out.append(Period(key, _label(key)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out


def _label(key: str) -> str:
    """The period as a reader says it, in the active language: "mrt 2026" / "Mar 2026", "sep–dec 2026"."""
    if "-T" in key:
        year, third = key.split("-T")
        first = (int(third) - 1) * 4
        return f"{MONTHS[first]}–{MONTHS[first + 3]} {year}"
    if "-" in key:
        year, month = key.split("-")
        return f"{MONTHS[int(month) - 1]} {year}"
    return key


def _parse(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed(
            gettext("De periode is niet goed opgegeven."),
            invalid_params=[{"name": name, "reason": gettext("Geef een datum als JJJJ-MM-DD.")}],
        ) from None


def range_parse(*, start: str | None, end: str | None, grain: str | None = None) -> Range:
    """The requested range; by default the last twelve months up to today."""
    today = timezone.localdate()
    to = _parse(end, "to") or today
    default_from = dt.date(to.year - 1, to.month, 1) if to.month == 12 else dt.date(to.year - 1, to.month + 1, 1)
    frm = _parse(start, "from") or default_from
    if frm > to:
        raise ValidationFailed(
            gettext("Het begin van de periode ligt na het einde."),
            invalid_params=[{"name": "from", "reason": gettext("Kies een begindatum op of vóór de einddatum.")}],
        )
    if (to - frm).days > MAX_YEARS * 366:
        raise ValidationFailed(
            gettext("De periode is te lang."),
            invalid_params=[
                {
                    "name": "from",
                    "reason": gettext("Kies een periode van hoogstens %(years)s jaar.") % {"years": MAX_YEARS},
                }
            ],
        )
    grain = grain or "month"
    if grain not in GRAINS:
        raise ValidationFailed(
            gettext("Onbekende periode-indeling."),
            invalid_params=[{"name": "period", "reason": gettext("Kies month, four-month of year.")}],
        )
    return Range(frm, to, grain)
