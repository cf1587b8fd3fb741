"""Demo: the TSZ analyst links the demo signals that reached the hub to persons, through the services.

Idempotent: signals already linked are skipped. The most recent hub signal is left unlinked so the demo
shows candidates with their explanations. Skips quietly when routing's demo signals are not there.
"""

from __future__ import annotations

from typing import Any

from ketensignaal.core.need_to_know import visible
from ketensignaal.intake.models import Signal
from ketensignaal.persons import services
from ketensignaal.persons.selectors import signal_candidates_compute

CONFIDENT = 0.9


def demo_load(*, users: dict[str, Any]) -> None:
    analyst = users.get("ind.tsz")
    if analyst is None:
        return
    signals = list(visible(analyst, Signal.objects.filter(person_link__isnull=True)).order_by("created_at"))
    for signal in signals[:-1]:
        if not any(n.strip() for n in signal.names.values_list("name", flat=True)):
            continue
        try:
            candidates = signal_candidates_compute(analyst, signal)
            best = candidates[0] if candidates else None
            if best is not None and (best.proposed_reason == "v-number" or best.similarity >= CONFIDENT):
                services.signal_link_person(actor=analyst, signal_id=signal.pk, person_id=best.person_id)
            else:
                services.signal_link_person(actor=analyst, signal_id=signal.pk, new=True)
        except services.DomainError:
            continue
