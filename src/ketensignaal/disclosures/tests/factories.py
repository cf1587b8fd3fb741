"""Signals as they arrive at the IND hub, built directly (intake's services are another context's)."""

from __future__ import annotations

import itertools
from typing import Any

from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import Category, InvolvementReason, Signal, SignalInvolvement, SubjectName, Touchpoint

_counter = itertools.count(1)


def signal_at_hub(*, reporter: Any, categories: tuple[str, ...] = ("radicalisering",), hub: str = "ind.tsz") -> Signal:
    """A signal reported by ``reporter`` that has reached ``hub`` (both units have need to know)."""
    hub_unit = Unit.objects.get(code=hub)
    signal = Signal.objects.create(
        reference=f"KS-2026-{next(_counter):06d}-T{Signal.objects.count()}",
        reporting_unit=reporter.unit,
        reported_by=reporter,
        current_unit=hub_unit,
        observation_type="statement",
        observation_text="Uitspraken over de strijd in Syrië.",
        touchpoint=Touchpoint.objects.get(code="opvanglocatie"),
        nationality="SYR",
    )
    signal.categories.set(Category.objects.filter(code__in=categories))
    SubjectName.objects.create(signal=signal, name="Mohammed al-Hassan")
    SignalInvolvement.objects.create(signal=signal, unit=reporter.unit, reason=InvolvementReason.REPORTED)
    if hub_unit.pk != reporter.unit_id:
        SignalInvolvement.objects.create(signal=signal, unit=hub_unit, reason=InvolvementReason.ROUTED)
    return signal
