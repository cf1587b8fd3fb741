"""Demo data for the LRO: one past meeting with decisions, one upcoming meeting with an agenda (idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from ketensignaal.core.dates import long_date
from ketensignaal.core.need_to_know import visible
from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import Signal
from ketensignaal.persons.models import PersonSignalLink

from . import services
from .config import cycle_days
from .models import AgendaItem, Decision, DecisionKind, Meeting, Task


@transaction.atomic
def demo_load(*, users: dict[str, Any]) -> None:
    hub = users.get("ind.tsz")
    if hub is None or Meeting.objects.exists():
        return
    today = timezone.localdate()
    signals = list(visible(hub, Signal.objects.all()).order_by("created_at")[:4])
    past = Meeting.objects.create(
        date=today - dt.timedelta(days=cycle_days() - 7), created_by=hub, status="closed", closed_at=timezone.now()
    )
    cter = Unit.objects.get(code="politie.cter")
    if signals:
        first = signals[0]
        link = PersonSignalLink.objects.filter(signal=first).first()
        item = AgendaItem.objects.create(
            meeting=past,
            person_id=link.person_id if link else None,
            signal=None if link else first,
            added_by=hub,
            added_reason="Voorgedragen door de hub",
        )
        decision = Decision.objects.create(
            item=item,
            interpretation="Zorgelijke uitlatingen; nader onderzoek door politie CTER.",
            kind=DecisionKind.POLICE_CTER,
            owner_unit=cter,
            due=today + dt.timedelta(days=7),
            decided_by=hub,
        )
        Task.objects.create(
            source="lro",
            description=f"LRO {long_date(past.date)}: Politie CTER — {decision.interpretation}",
            owner_unit=cter,
            due=decision.due,
            decision=decision,
        )
    upcoming = services.meeting_create(actor=hub, date=today + dt.timedelta(days=7), channel="web")
    for signal in signals[1:]:
        if signal.handling_code == "RED":
            continue  # TLP:RED never goes on an agenda (governance.handling_codes)
        services.item_put_forward(
            actor=hub,
            meeting_id=upcoming.pk,
            signal_id=signal.pk,
            reason="Voorgedragen door de hub",
            justification="Meerdere signalen over dezelfde persoon; gezamenlijke duiding door IND, KMar en politie nodig.",
        )
