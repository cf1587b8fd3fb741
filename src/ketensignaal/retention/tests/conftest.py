"""A signal that travelled the chain and was closed long ago, and the people around it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import Signal
from ketensignaal.routing import services as routing
from ketensignaal.routing.disclosure import signal_disclose
from ketensignaal.routing.tests.factories import submit


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "reporter": make_user("ind.aanmeldcentrum", "reporter"),
        "handler": make_user("ind.handhaving", "handler"),
        "cter": make_user("politie.cter", "handler"),
        "kmar": make_user("kmar.intelligence", "handler"),
        "officer": make_user("ind.handhaving", "privacy-officer"),
        "police_officer": make_user("politie.cter", "privacy-officer"),
    }


def closed_signal(people: dict[str, Any], *, outcome: str = "unfounded", months_ago: int = 13, share: bool = True) -> Signal:
    """Reported at the IND application centre, at ``ind.handhaving``, shared with police CTER and KMar, closed
    ``months_ago`` months ago with ``outcome``."""
    signal = submit(people["reporter"], categories=["terrorisme"])
    if share:
        with transaction.atomic():
            for code in ("politie.cter", "kmar.intelligence"):
                signal_disclose(
                    actor=people["handler"],
                    signal=signal,
                    to_unit=Unit.objects.get(code=code),
                    reason="disclosed",
                    channel="web",
                    justification="Concrete aanwijzing; de partner moet dit weten.",
                )
    routing.signal_close(actor=people["handler"], signal_id=signal.pk, outcome=outcome, note="Afgerond.", channel="web")
    Signal.objects.filter(pk=signal.pk).update(closed_at=timezone.now() - timedelta(days=31 * months_ago))
    return Signal.objects.get(pk=signal.pk)
