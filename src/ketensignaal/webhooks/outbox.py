"""Writing deliveries for an event, in the caller's transaction; sending is scheduled for after commit."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from ketensignaal.intake import refcache
from ketensignaal.webhooks.events import cloud_event
from ketensignaal.webhooks.models import Delivery, Subscription

refcache.watch(Subscription)


def _active() -> dict[int, list[tuple[Any, frozenset[str], str]]]:
    """Active subscriptions by unit: (id, types, unit code). Cached per process (intake.refcache), because every
    saved signal asks: without subscriptions at its unit, a save costs no query here."""
    by_unit: dict[int, list[tuple[Any, frozenset[str], str]]] = {}
    for pk, unit_id, types, code in Subscription.objects.filter(is_active=True).values_list(
        "pk", "unit_id", "types", "unit__code"
    ):
        by_unit.setdefault(unit_id, []).append((pk, frozenset(types or ()), code))
    return by_unit


def outbox_add(*, type: str, unit_ids: Iterable[Any], subject: Any, data: dict[str, str], path: str = "") -> list[Delivery]:
    """One delivery per active subscription of these units that asked for ``type`` (a cheap no-op without any)."""
    units = {pk for pk in unit_ids if pk is not None}
    if not units:
        return []
    active = refcache.cached("webhooks.subscriptions", _active)
    wanted = [(pk, code) for unit in units for pk, types, code in active.get(unit, []) if type in types]
    if not wanted:
        return []
    now = timezone.now()
    rows = []
    for subscription_id, code in wanted:
        event_id = uuid.uuid4()
        event = cloud_event(event_id=event_id, type=type, subject=str(subject), unit_code=code, at=now, data=data, path=path)
        rows.append(
            Delivery(
                id=event_id,
                subscription_id=subscription_id,
                type=type,
                subject=str(subject),
                event=event,
                created_at=now,
                next_attempt_at=now,
            )
        )
    Delivery.objects.bulk_create(rows)
    ids = [row.pk for row in rows]

    def send() -> None:
        from ketensignaal.webhooks.delivery import deliveries_schedule

        deliveries_schedule(ids)

    transaction.on_commit(send)
    return rows
