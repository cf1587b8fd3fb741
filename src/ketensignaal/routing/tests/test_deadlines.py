"""Working-day deadlines: weekends, Dutch public holidays, pause while waiting for information."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from ketensignaal.routing.deadlines import (
    add_working_days,
    add_working_time,
    deadline_for,
    deadline_pause,
    deadline_resume,
    deadline_start,
    is_working_day,
    working_time_between,
)

AMS = ZoneInfo("Europe/Amsterdam")


def at(y: int, m: int, d: int, h: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, minute, tzinfo=AMS)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (at(2026, 11, 23), 1, at(2026, 11, 24)),  # Monday -> Tuesday
        (at(2026, 11, 27, 14), 1, at(2026, 11, 30, 14)),  # Friday 14:00 -> Monday 14:00 (weekend skipped)
        (at(2026, 11, 28, 9), 1, at(2026, 12, 1, 0)),  # Saturday: clock starts Monday 00:00
        (at(2026, 11, 23), 5, at(2026, 11, 30)),  # a working week
        (at(2027, 4, 26, 9), 1, at(2027, 4, 28, 9)),  # Monday before Koningsdag (Tue 27 April 2027)
        (at(2026, 4, 24, 9), 1, at(2026, 4, 28, 9)),  # Friday; Koningsdag 2026 is Monday 27 April
        (at(2026, 12, 24, 15), 1, at(2026, 12, 28, 15)),  # Christmas Eve -> Christmas, Boxing Day, Sunday skipped
        (at(2026, 12, 24, 15), 3, at(2026, 12, 30, 15)),
        (at(2026, 12, 31, 12), 1, at(2027, 1, 4, 12)),  # New Year's Day (Friday) and weekend skipped
    ],
)
def test_add_working_days_skips_weekends_and_dutch_holidays(start: dt.datetime, days: int, due: dt.datetime) -> None:
    assert add_working_days(start, days) == due


def test_holidays_are_not_working_days() -> None:
    assert not is_working_day(dt.date(2026, 4, 27))  # Koningsdag
    assert not is_working_day(dt.date(2026, 12, 25))
    assert not is_working_day(dt.date(2026, 12, 26))
    assert not is_working_day(dt.date(2026, 11, 28))  # Saturday
    assert is_working_day(dt.date(2026, 11, 23))


def test_deadline_crossing_daylight_saving_keeps_wall_clock() -> None:
    # Summer time ends Sunday 25 October 2026; Friday 10:00 + 1 working day is Monday 10:00 local.
    due = add_working_days(at(2026, 10, 23), 1)
    assert due == at(2026, 10, 26)
    assert due.utcoffset() == dt.timedelta(hours=1)


def test_deadline_for_uses_the_units_service_level() -> None:
    unit = SimpleNamespace(service_level_days=3)
    assert deadline_for(unit=unit, start=at(2026, 11, 26)) == at(2026, 12, 1)


def test_working_time_between_ignores_weekend_and_holidays() -> None:
    # Friday 12:00 -> Monday 12:00: 12 h Friday + 12 h Monday.
    assert working_time_between(at(2026, 11, 27, 12), at(2026, 11, 30, 12)) == dt.timedelta(hours=24)
    assert working_time_between(at(2026, 12, 25), at(2026, 12, 27)) == dt.timedelta(0)
    assert working_time_between(at(2026, 11, 30), at(2026, 11, 27)) == dt.timedelta(0)


def test_add_working_time_rejects_naive_and_negative() -> None:
    with pytest.raises(ValueError):
        add_working_time(dt.datetime(2026, 1, 5), dt.timedelta(hours=1))
    with pytest.raises(ValueError):
        add_working_time(at(2026, 1, 5), dt.timedelta(hours=-1))


def test_pause_and_resume_extend_the_deadline_by_paused_working_time() -> None:
    signal = SimpleNamespace(current_unit=SimpleNamespace(service_level_days=2), arrived_at=None, due_at=None, paused_at=None)
    deadline_start(signal, at=at(2026, 11, 23))  # Monday
    assert signal.due_at == at(2026, 11, 25)
    deadline_pause(signal, at=at(2026, 11, 24))  # paused Tuesday 10:00
    deadline_pause(signal, at=at(2026, 11, 24, 15))  # a second pause keeps the first moment
    assert signal.paused_at == at(2026, 11, 24)
    # Resumed Monday 10:00: Tue 10:00 -> Mon 10:00 is 4 working days (weekend not counted).
    deadline_resume(signal, at=at(2026, 11, 30))
    assert signal.paused_at is None
    assert signal.due_at == at(2026, 12, 1)  # Wed 25 Nov + 4 working days = Tue 1 Dec
    # Resuming an unpaused signal changes nothing.
    assert deadline_resume(signal, at=at(2026, 12, 5)) == []
    assert signal.due_at == at(2026, 12, 1)


def test_pause_over_a_weekend_only_costs_nothing() -> None:
    signal = SimpleNamespace(current_unit=None, arrived_at=None, due_at=at(2026, 12, 2), paused_at=None)
    deadline_pause(signal, at=at(2026, 11, 28, 9))  # Saturday
    deadline_resume(signal, at=at(2026, 11, 29, 18))  # Sunday
    assert signal.due_at == at(2026, 12, 2)
