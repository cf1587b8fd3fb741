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
