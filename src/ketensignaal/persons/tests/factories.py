"""Signals about a subject, with the units that have need to know; made directly (no intake service needed)."""

from __future__ import annotations

from typing import Any

import factory

from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import InvolvementReason, Signal, SignalInvolvement, SubjectName, Touchpoint


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal

    reference = factory.Sequence(lambda n: f"KS-2026-{n + 900000:06d}")
    observation_type = "statement"
    observation_text = "Waarneming voor een test."
    touchpoint = factory.LazyFunction(lambda: Touchpoint.objects.get(code="opvanglocatie"))


def signal_make(
    *,
    reporter: Any,
    names: list[tuple[str, str]],
    involved: tuple[str, ...] = ("ind.tsz",),
    v_number: str = "",
    date_of_birth: str = "",
    nationality: str = "",
) -> Signal:
    signal = SignalFactory(
        reporting_unit=reporter.unit,
        reported_by=reporter,
        current_unit=reporter.unit,
        v_number=v_number,
        date_of_birth=date_of_birth,
        nationality=nationality,
    )
    for position, (name, script) in enumerate(names):
        SubjectName.objects.create(signal=signal, name=name, script=script, position=position)
    SignalInvolvement.objects.create(signal=signal, unit=reporter.unit, reason=InvolvementReason.REPORTED)
    for code in involved:
        if code != reporter.unit.code:
            SignalInvolvement.objects.create(signal=signal, unit=Unit.objects.get(code=code), reason=InvolvementReason.ROUTED)
    return signal
