"""The hop table behind lead-time figures, derived from routing's signal history.

A hop starts when a signal arrives at a unit (reported to its first hop, forwarded, or returned) and ends at the
next arrival elsewhere or at closure. Its deadline is the unit's service level in Dutch working days
(``routing.deadlines``), the same arithmetic the inbox uses. The refresh is incremental: signals with events
after the watermark get their hops recomputed, and the days of the daily lead-time roll-up those hops arrived on
are rolled up again (``rollup.hop_days_touch``); it runs as a periodic job and is idempotent.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from ketensignaal.identity.models import Unit
from ketensignaal.reporting.models import HopRecord, HopWatermark
from ketensignaal.reporting.rollup import hop_days_touch
from ketensignaal.routing.deadlines import deadline_for, working_time_between
from ketensignaal.routing.models import HopAction, SignalEvent

ARRIVALS = (HopAction.REPORTED, HopAction.FORWARDED, HopAction.FORWARDED_OFF_ROUTE, HopAction.RETURNED)
MOVES = (*ARRIVALS, HopAction.CLOSED)
BATCH = 2000


def _hops(events: list[Any], units: dict[int, Unit], now: Any) -> list[HopRecord]:
    records: list[HopRecord] = []
    for event in events:
        if records and records[-1].left_at is None:
            records[-1].left_at = event.at
        if event.action == HopAction.CLOSED:
            break
        unit = units[event.to_unit_id]
        records.append(
            HopRecord(
                signal_id=event.signal_id,
                position=len(records),
                unit_id=unit.pk,
                arrived_at=event.at,
                due_at=deadline_for(unit=unit, start=event.at),
            )
        )
    for record in records:
        if record.left_at is not None:
            record.working_days = round(working_time_between(record.arrived_at, record.left_at).total_seconds() / 86400, 3)
            record.within_deadline = record.left_at <= record.due_at
        elif record.due_at < now:
            record.within_deadline = False
    return records


def hop_records_refresh(*, limit: int | None = None) -> int:
    """Recompute the hops of every signal with events after the watermark; returns the number of signals done."""
    done = 0
    units = {u.pk: u for u in Unit.objects.all()}
    while True:
        with transaction.atomic():
            mark, _ = HopWatermark.objects.select_for_update().get_or_create(id=1)
            new = list(
                SignalEvent.objects.filter(id__gt=mark.last_event_id, action__in=MOVES)
                .order_by("id")
                .values_list("id", "signal_id")[:BATCH]
            )
            if not new:
                mark.refreshed_at = timezone.now()
                mark.save(update_fields=["refreshed_at"])
                return done
            signal_ids = {s for _, s in new}
            by_signal: dict[Any, list[Any]] = defaultdict(list)
            for event in SignalEvent.objects.filter(signal_id__in=signal_ids, action__in=MOVES).order_by("at", "id"):
                by_signal[event.signal_id].append(event)
            now = timezone.now()
            old = HopRecord.objects.filter(signal_id__in=signal_ids)
            touched = {timezone.localdate(at) for at in old.values_list("arrived_at", flat=True)}
            old.delete()
            records = [h for events in by_signal.values() for h in _hops(events, units, now)]
            HopRecord.objects.bulk_create(records)
            touched |= {timezone.localdate(h.arrived_at) for h in records}
            hop_days_touch(touched)
            mark.last_event_id = new[-1][0]
            mark.refreshed_at = now
            mark.save()
            done += len(signal_ids)
        if limit is not None and done >= limit:
            return done


def hop_deadlines_sweep() -> int:
    """Open hops whose deadline has passed are late even before they end."""
    return HopRecord.objects.filter(left_at__isnull=True, within_deadline__isnull=True, due_at__lt=timezone.now()).update(
        within_deadline=False
    )


def figures_refresh() -> dict[str, int]:
    from ketensignaal.reporting.rollup import signal_days_refresh

    return {
        "signals": hop_records_refresh(),
        "late_open_hops": hop_deadlines_sweep(),
        "signal_days": signal_days_refresh(),
    }
