"""Signals for figure tests, created directly (figures read what routing wrote; how it got there is not tested here)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import Category, InvolvementReason, Signal, SignalInvolvement, Touchpoint
from ketensignaal.routing.models import HopAction, SignalEvent

AMS = ZoneInfo("Europe/Amsterdam")


def figure_signal(
    user: Any,
    *,
    created: dt.datetime,
    category: str = "radicalisering",
    touchpoint: str | None = None,
    first_hop: str | None = None,
    outcome: str = "",
    closed: dt.datetime | None = None,
) -> Signal:
    number = Signal.objects.count() + 1
    signal = Signal.objects.create(
        reference=f"KS-{created.year}-{number:06d}",
        reporting_unit=user.unit,
        reported_by=user,
        current_unit=user.unit,
        observation_type="behaviour",
        observation_text="Gedrag in de opvang",
        touchpoint=Touchpoint.objects.get(code=touchpoint) if touchpoint else Touchpoint.objects.first(),
        created_at=created,
        arrived_at=created,
        outcome=outcome,
        status="closed" if outcome else "received",
        closed_at=closed,
    )
    signal.categories.add(Category.objects.get(code=category))
    SignalInvolvement.objects.create(signal=signal, unit=user.unit, reason=InvolvementReason.REPORTED)
    if first_hop:
        SignalEvent.objects.create(
            signal=signal,
            action=HopAction.REPORTED,
            from_unit=user.unit,
            to_unit=Unit.objects.get(code=first_hop),
            by=user,
            at=created,
        )
    return signal


def at(year: int, month: int, day: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, 12, 0, tzinfo=AMS)
