"""Service levels per hop, in Dutch working days.

A working day is a calendar day (Europe/Amsterdam) that is neither a Saturday,
a Sunday nor a Dutch public holiday (the ``holidays`` package, country NL).
Time is counted only on working days: a signal that arrives on Friday at 14:00
with one working day is due on Monday at 14:00; one that arrives on a Saturday
starts its clock at the beginning of the next working day.

While a signal waits for information (``awaiting-information``) its clock is
paused; on resumption the deadline moves by the *working* time that passed,
so a weekend spent waiting costs the handling unit nothing.

The arithmetic is pure (:func:`add_working_time`, :func:`working_time_between`);
the helpers at the bottom set the timing fields on a signal but never save it:
the routing service that calls them saves within its own transaction.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

from ketensignaal.routing.config import acute_deadline_hours

ONE_DAY = dt.timedelta(days=1)


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@lru_cache(maxsize=64)
def _holidays_for(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays_for(day.year)


def _start_of_day(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=tz)


def add_working_time(start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
    """``start`` plus ``amount`` of time counted on working days only (wall-clock, Amsterdam)."""
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    if amount < dt.timedelta(0):
        raise ValueError("amount must not be negative")
    tz = _tz()
    moment = start.astimezone(tz)
    remaining = amount
    # Bounded: every pass consumes a day or returns.
    for _ in range(amount.days * 3 + 400):
        day = moment.date()
        if not is_working_day(day):
            moment = _start_of_day(day + ONE_DAY, tz)
            continue
        day_end = _start_of_day(day + ONE_DAY, tz)
        left_today = day_end.replace(tzinfo=None) - moment.replace(tzinfo=None)
        if remaining < left_today:
            return (moment.replace(tzinfo=None) + remaining).replace(tzinfo=tz)
        remaining -= left_today
        moment = day_end
        if remaining == dt.timedelta(0):
            return moment
    raise ValueError("no working days found in range")  # pragma: no cover - only with an empty calendar


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    return add_working_time(start, dt.timedelta(days=days))


def working_time_between(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Wall-clock time between ``start`` and ``end`` that fell on working days."""
    if end <= start:
        return dt.timedelta(0)
    tz = _tz()
    a, b = start.astimezone(tz).replace(tzinfo=None), end.astimezone(tz).replace(tzinfo=None)
    total = dt.timedelta(0)
    day = a.date()
    while day <= b.date():
        if is_working_day(day):
            lo = max(a, dt.datetime.combine(day, dt.time.min))
            hi = min(b, dt.datetime.combine(day + ONE_DAY, dt.time.min))
            if hi > lo:
                total += hi - lo
        day += ONE_DAY
    return total


def deadline_for(*, unit: Any, start: dt.datetime, acute: bool = False) -> dt.datetime:
    """When a hop that reached ``unit`` at ``start`` is due: the unit's service level in working days.

    An acute signal is due within the configured number of hours, counted around the clock.
    """
    if acute:
        return start + dt.timedelta(hours=acute_deadline_hours())
    return add_working_days(start, int(unit.service_level_days))


# --- helpers for the routing services (set fields, never save) ---------------------------------


def deadline_start(signal: Any, *, unit: Any | None = None, at: dt.datetime | None = None) -> list[str]:
    """A new hop begins at ``unit`` (default: the signal's current unit): fresh arrival and due date."""
    at = at or timezone.now()
    signal.arrived_at = at
    signal.due_at = deadline_for(unit=unit or signal.current_unit, start=at, acute=_open_acute(signal))
    signal.paused_at = None
    return ["arrived_at", "due_at", "paused_at"]


def deadline_pause(signal: Any, *, at: dt.datetime | None = None) -> list[str]:
    """Stop the clock (waiting for information). Pausing a paused signal keeps the first pause moment."""
    if signal.paused_at is None:
        signal.paused_at = at or timezone.now()
    return ["paused_at"]


def deadline_resume(signal: Any, *, at: dt.datetime | None = None) -> list[str]:
    """Restart the clock: the deadline moves by the working time spent paused."""
    if signal.paused_at is None:
        return []
    at = at or timezone.now()
    if signal.due_at is not None:
        signal.due_at = add_working_time(signal.due_at, working_time_between(signal.paused_at, at))
    signal.paused_at = None
    return ["due_at", "paused_at"]


def deadline_on_forward(signal: Any, *, target: Any, at: dt.datetime | None = None) -> list[str]:
    """The deadline when a signal arrives at ``target`` by a forward.

    A signal that was returned with a question (paused) and now goes back to the unit that asked
    resumes that unit's deadline, extended by the paused working time; any other arrival starts a
    fresh deadline at ``target``.
    """
    at = at or timezone.now()
    if signal.paused_at is not None and target.pk == _asking_unit_id(signal):
        fields = deadline_resume(signal, at=at)
        signal.arrived_at = at
        return [*fields, "arrived_at"]
    return deadline_start(signal, unit=target, at=at)


def _open_acute(signal: Any) -> bool:
    return bool(getattr(signal, "acute", False)) and getattr(signal, "status", "") != "closed"


def _asking_unit_id(signal: Any) -> int | None:
    from ketensignaal.routing.models import HopAction, SignalEvent

    return (
        SignalEvent.objects.filter(signal_id=signal.pk, action=HopAction.RETURNED)
        .order_by("-at", "-id")
        .values_list("from_unit_id", flat=True)
        .first()
    )
