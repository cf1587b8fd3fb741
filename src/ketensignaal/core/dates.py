"""The one date format on screens and in texts the system writes (tasks, messages, notifications): ``j F Y``
("3 december 2026"), with the month named in the active language; a moment adds ``H:i`` in local time."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext


def long_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return date_format(value, "j F Y")


def long_moment(value: datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return date_format(local, "j F Y H:i")


# How a date is typed into a form: day-month-year as the Dutch write it (3-11-2026, also with / or .), or ISO
# (2026-11-03, what a browser's own date field and an API client send). One list, for every date a person types.
DATE_INPUT_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d")
# A moment: such a date and the time in hours and minutes (14:30 or 14.30), or ISO (what an API client sends).
DATETIME_INPUT_FORMATS = tuple(
    f"{day}{sep}{clock}" for day in DATE_INPUT_FORMATS for sep in (" ", "T") for clock in ("%H:%M", "%H.%M")
)


def date_from_input(value: str | None) -> date | None:
    """The date typed into a form field (see ``DATE_INPUT_FORMATS``), or ``None`` when it is not one."""
    text = (value or "").strip()
    for pattern in DATE_INPUT_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no moment
        except ValueError:
            continue
    return None


# Something typed the way a date is typed (day-month-year or ISO), whatever the numbers: to tell "31-02-2026" (a date
# that does not exist) from "morgen" (not a date at all).
_DATE_SHAPE = re.compile(r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})$|^(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})$")


def date_input_problem(value: str | None) -> str:
    """Why the text typed into a date field is not a date, in the reader's language ("" when it is one, or empty).

    A date written the right way that does not exist says so ("31-02-2026 bestaat niet: februari 2026 heeft 28
    dagen"), rather than repeating how to write a date the person already wrote correctly."""
    text = (value or "").strip()
    if not text or date_from_input(text) is not None:
        return ""
    return _day_missing(text) or gettext("Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-11-2026.")


# A moment typed the way a moment is typed (a date as above, then the time as 14:30 or 14.30), whatever the numbers.
_MOMENT_SHAPE = re.compile(r"^(?P<day>\S+)[ T](?P<h>\d{1,2})[:.](?P<min>\d{2})$")


def moment_input_problem(value: str | None) -> str:
    """Why the text typed into a date-and-time field is not a moment, when the reason is specific: a day its month
    lacks says so, as for a date ("De datum 31-02-2026 bestaat niet: februari 2026 heeft 28 dagen."). "" when the
    text is a moment, empty, or wrong in some other way (the field then says how to write a moment)."""
    shape = _MOMENT_SHAPE.match((value or "").strip())
    if shape is None or not (int(shape["h"]) < 24 and int(shape["min"]) < 60):
        return ""
    return _day_missing(shape["day"])


def _day_missing(text: str) -> str:
    """The message for a date written the right way whose day its month lacks (31-02-2026); "" for anything else."""
    shape = _DATE_SHAPE.match(text)
    if shape is None or date_from_input(text) is not None:
        return ""
    month, year = int(shape["m"] or shape["im"]), int(shape["y"] or shape["iy"])
    if not 1 <= month <= 12 or year < 1:  # most likely month and day swapped (2/13/2026): say how to write it
        return ""
    first = date(year, month, 1)
    days = ((first.replace(day=28) + timedelta(days=4)).replace(day=1) - first).days
    return gettext("De datum %(value)s bestaat niet: %(month)s heeft %(days)d dagen.") % {
        "value": text,
        "month": date_format(first, "F Y"),
        "days": days,
    }


# A date of birth as stored: as much as is known (1994, 1994-03, 1994-03-07), a range (1990/1994) or 'about'.
_BIRTH_PART = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
_BIRTH = re.compile(
    rf"^(?P<about>ca\.?|circa|omstreeks|~|about|approx\.?)?\s*(?P<first>{_BIRTH_PART})"
    rf"(?:\s*(?:/|–|-|\.\.|tot|to)\s*(?P<last>{_BIRTH_PART}))?$",
    re.IGNORECASE,
)


def _birth_part(text: str) -> str:
    year, *rest = (int(piece) for piece in text.split("-"))
    if not rest:
        return str(year)
    if len(rest) == 1:
        return date_format(date(year, rest[0], 1), "F Y")
    return date_format(date(year, rest[0], rest[1]), "j F Y")


def birth_date_text(value: str | date | None) -> str:
    """A (partial) date of birth the way a reader says it, in the active language: "1994", "maart 1994",
    "3 maart 1994" (English: "March 1994"), a range "1990 – 1994", "ca. 1994". Stored ISO ("1994-03") is for
    matching and the API, never for the screen; a text that is not a date of birth is shown as it was given."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return long_date(value)
    raw = str(value).strip()
    found = _BIRTH.match(raw)
    if found is None:
        return raw
    try:
        parts = [_birth_part(found["first"])] + ([_birth_part(found["last"])] if found["last"] else [])
    except ValueError:
        return raw
    text = " – ".join(parts)
    return gettext("ca. %(date)s") % {"date": text} if found["about"] else text
