"""Deadlines through the routing services: set on arrival, paused on return, resumed when it comes back."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from ketensignaal.intake.models import SignalStatus
from ketensignaal.routing.deadlines import add_working_days, deadline_for
from ketensignaal.routing.models import Notification, NotificationKind
from ketensignaal.routing.services import signal_forward, signal_return
from ketensignaal.routing.tests.factories import submit

AMS = ZoneInfo("Europe/Amsterdam")


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, start: dt.datetime) -> None:
        self.now = start
        monkeypatch.setattr(timezone, "now", lambda: self.now)


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "reporter": make_user("coa.locatie.ter-apel", "reporter", "handler"),
        "bv": make_user("coa.bureau-veiligheid", "handler"),
        "adviseur": make_user("coa.adviseur-nv", "handler"),
    }


def test_submit_sets_due_at_from_the_first_hops_service_level(people: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    Clock(monkeypatch, dt.datetime(2026, 12, 24, 15, 0, tzinfo=AMS))  # Christmas Eve
    signal = submit(people["reporter"])
    assert signal.current_unit.code == "coa.bureau-veiligheid"
    assert signal.due_at == deadline_for(unit=signal.current_unit, start=signal.arrived_at)
    days = signal.current_unit.service_level_days
    assert signal.due_at == add_working_days(dt.datetime(2026, 12, 24, 15, 0, tzinfo=AMS), days)


def test_return_pauses_and_forward_back_resumes_with_paused_working_time(
    people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch, dt.datetime(2026, 11, 23, 10, 0, tzinfo=AMS))  # Monday
    signal = submit(people["reporter"])
    due = signal.due_at

    clock.now = dt.datetime(2026, 11, 24, 10, 0, tzinfo=AMS)  # Tuesday: bureau asks the location a question
    signal = signal_return(actor=people["bv"], signal_id=signal.pk, note="Wie was erbij?", channel="web")
    assert signal.status == SignalStatus.AWAITING_INFORMATION
    assert signal.paused_at == clock.now
    assert signal.due_at == due  # kept, not counting

    clock.now = dt.datetime(2026, 11, 30, 10, 0, tzinfo=AMS)  # next Monday: answered and sent back
    signal = signal_forward(
        actor=people["reporter"], signal_id=signal.pk, to_unit="coa.bureau-veiligheid", note="Twee medebewoners.", channel="web"
    )
    assert signal.paused_at is None
    # Tuesday 10:00 -> Monday 10:00 is four working days; the weekend does not count.
    assert signal.due_at == add_working_days(due, 4)

    clock.now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=AMS)  # onward to the next unit: a fresh deadline there
    signal = signal_forward(actor=people["bv"], signal_id=signal.pk, to_unit="coa.adviseur-nv", channel="web")
    assert signal.due_at == deadline_for(unit=signal.current_unit, start=clock.now)


def test_acute_signal_notifies_alarm_units(make_user: Any, django_capture_on_commit_callbacks: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    cter = make_user("politie.cter", "handler")
    tsz = make_user("ind.tsz", "hub-analyst")
    with django_capture_on_commit_callbacks(execute=True):
        signal = submit(reporter, acute=True)
    assert Notification.objects.filter(signal=signal, kind=NotificationKind.ALARM, recipient__in=[cter, tsz]).count() == 2
