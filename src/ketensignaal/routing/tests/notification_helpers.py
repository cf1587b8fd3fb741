"""Small builders for the deadline/notification tests: a signal sitting at a unit with a given deadline."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.test import Client
from django.utils import timezone

from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import InvolvementReason, Signal, SignalInvolvement, SubjectName, Touchpoint

_numbers = itertools.count(900000)

V_NUMBER = "1234567890"
NAMES = ("Mohammed al-Hassan", "محمد الحسن")
OBSERVATION = "Sprak in de gemeenschappelijke ruimte met waardering over een aanslag op een treinstation."


def signal_at(unit_code: str, *, reporter: Any, due_in: dt.timedelta | None, **fields: Any) -> Signal:
    """A signal now at ``unit_code`` (reported by ``reporter``), due ``due_in`` from now, visible to both units."""
    unit = Unit.objects.get(code=unit_code)
    now = timezone.now()
    signal = Signal.objects.create(
        reference=f"KS-2026-{next(_numbers)}",
        reporting_unit=reporter.unit,
        reported_by=reporter,
        current_unit=unit,
        v_number=V_NUMBER,
        observation_type="statement",
        observation_text=OBSERVATION,
        touchpoint=Touchpoint.objects.get(code="opvanglocatie"),
        arrived_at=now - dt.timedelta(days=3),
        due_at=None if due_in is None else now + due_in,
        **fields,
    )
    SubjectName.objects.bulk_create([SubjectName(signal=signal, name=n, position=i) for i, n in enumerate(NAMES)])
    SignalInvolvement.objects.bulk_create(
        [SignalInvolvement(signal=signal, unit=reporter.unit, reason=InvolvementReason.REPORTED)]
        + ([SignalInvolvement(signal=signal, unit=unit, reason=InvolvementReason.ROUTED)] if unit.pk != reporter.unit_id else [])
    )
    return signal


def web_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session["sso_authenticated"] = True  # skip the TOTP step; sign-in itself is tested in web/
    session.save()
    return client
