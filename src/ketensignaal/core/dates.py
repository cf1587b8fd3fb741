"""The one date format on screens and in texts the system writes (tasks, messages, notifications): ``j F Y``
("3 december 2026"), with the month named in the active language; a moment adds ``H:i`` in local time."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format


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
