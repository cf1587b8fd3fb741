"""Demo data loads through the services, is idempotent, and keeps history and log consistent."""

from __future__ import annotations

import pytest

from ketensignaal.governance.processing_log import processing_log_verify
from ketensignaal.installation.demo import demo_load
from ketensignaal.intake.models import Signal
from ketensignaal.routing.models import SignalEvent

pytestmark = pytest.mark.django_db


def test_demo_signals_are_idempotent_and_consistent(reference: None) -> None:
    demo_load()
    count = Signal.objects.count()
    assert count >= 12
    assert Signal.objects.filter(acute=True).count() == 1
    units = set(Signal.objects.values_list("current_unit__code", flat=True))
    assert {
        "coa.bureau-veiligheid",
        "coa.adviseur-nv",
        "ind.tsz",
        "ind.unit-1f",
        "politie.cter",
        "kmar.intelligence",
        "politie.emm",
    } <= units
    assert Signal.objects.filter(status="awaiting-information").exists() and Signal.objects.filter(status="closed").exists()
    assert set(Signal.objects.values_list("names__script", flat=True)) >= {"Arab", "Cyrl", "Ethi"}
    events = SignalEvent.objects.count()
    demo_load()
    assert Signal.objects.count() == count and SignalEvent.objects.count() == events
    assert processing_log_verify().intact
