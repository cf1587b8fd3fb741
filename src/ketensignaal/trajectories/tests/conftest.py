"""Fixtures for the LIV context: users per role, a visible signal, an available expert."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.intake.models import InvolvementReason, Signal, SignalInvolvement, Touchpoint
from ketensignaal.trajectories.catalogue import catalogue_load
from ketensignaal.trajectories.models import Expert, ExpertAvailability


@pytest.fixture
def liv(reference: None, make_user: Any) -> dict[str, Any]:
    catalogue_load()
    return {
        "staff": make_user("lse.liv", "liv-staff"),
        "expert_user": make_user("lse.liv", "liv-expert"),
        "coa": make_user("coa.bureau-veiligheid", "handler"),
        "gemeente": make_user("gemeente.utrecht", "case-director"),
        "ind": make_user("ind.tsz", "handler", "lro-member"),
    }


def signal_for(user: Any) -> Signal:
    number = Signal.objects.count() + 1
    signal = Signal.objects.create(
        reference=f"KS-2026-{number:06d}",
        reporting_unit=user.unit,
        reported_by=user,
        current_unit=user.unit,
        observation_type="behaviour",
        observation_text="Vreemd gedrag in de opvang",
        touchpoint=Touchpoint.objects.first(),
    )
    SignalInvolvement.objects.create(signal=signal, unit=user.unit, reason=InvolvementReason.REPORTED)
    return signal


@pytest.fixture
def signal(liv: dict[str, Any]) -> Signal:
    return signal_for(liv["coa"])


def make_expert(
    name: str = "Dr. A. Duider", *, available: bool = True, expertise: list[str] | None = None, languages: list[str] | None = None
) -> Expert:
    expert = Expert.objects.create(
        name=name, expertise=expertise or ["interpreter-of-radicalisation"], languages=languages or ["nl", "ar"]
    )
    today = timezone.localdate()
    if available:
        ExpertAvailability.objects.create(
            expert=expert, starts_on=today - dt.timedelta(days=10), ends_on=today + dt.timedelta(days=90)
        )
    else:
        ExpertAvailability.objects.create(
            expert=expert, starts_on=today + dt.timedelta(days=30), ends_on=today + dt.timedelta(days=60)
        )
    return expert


ACCEPT_ANSWERS = {
    code: {"answer": True, "explanation": "Ja, toegelicht."}
    for code in ("binnen-opdracht", "proportionaliteit", "legitimiteit", "opdrachtgever")
}
