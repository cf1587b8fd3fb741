"""The acute alarm: imminent danger goes straight to the police and the IND hub.

Called by ``signal_submit`` inside its transaction, after the signal exists. Each alarm unit gets need to know
through the disclosure service (involvement ``alarm``, an ``alarm`` history entry, a ``disclose`` log entry):
across organisations over the registered acute-danger flow ``acuut-gevaar-<from>-<to>`` whose statutory basis
is the vital interest (AVG art. 6(1)(d)) and the police task; the reporter named the alarm units by marking
the signal acute, so the handling code does not hold the alarm back. In-app notifications are added here by
the deadlines/notifications context.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import InvolvementReason, Signal
from ketensignaal.routing.config import acute_alarm_unit_codes, acute_duty_unit_code
from ketensignaal.routing.disclosure import Pending, signal_disclose
from ketensignaal.routing.models import ALARM_NOTE, HopAction, SignalEvent
from ketensignaal.routing.notifications import alarm_notify

ALARM_JUSTIFICATION = "Acuut gevaar gemeld door de melder (vitaal belang); de melder is gevraagd direct 112 te bellen."


def acute_flow_code(from_org: str, to_org: str) -> str:
    """The registered acute-danger flow between two organisations (reference data)."""
    return f"acuut-gevaar-{from_org}-{to_org}"


def acute_duty_unit() -> Unit | None:
    """The unit on duty for acute signals (configuration), if it exists and is active."""
    return Unit.objects.filter(code=acute_duty_unit_code(), is_active=True).select_related("organisation").first()


def raise_acute_alarm(signal: Signal, actor: Any, *, categories: Sequence[str], pending: Pending) -> None:
    """Alarm every alarm unit, and the duty unit that now holds the signal (``signal_submit`` placed it there)."""
    codes = {*acute_alarm_unit_codes(), acute_duty_unit_code()}
    alarm_units = list(Unit.objects.filter(code__in=codes, is_active=True).select_related("organisation").order_by("code"))
    # The signal is new: what it has is in ``pending`` (the reporting unit and its first hop).
    involved = {i.unit_id for i in pending.involvements if i.user_id is None}
    reporting = signal.reporting_unit
    for unit in alarm_units:
        if unit.pk in involved:
            continue
        signal_disclose(
            actor=actor,
            signal=signal,
            to_unit=unit,
            from_unit=reporting,
            reason=InvolvementReason.ALARM,
            channel="",
            justification=ALARM_JUSTIFICATION,
            hop_event=SignalEvent(
                signal=signal, action=HopAction.ALARM, from_unit=reporting, to_unit=unit, by=actor, note=ALARM_NOTE
            ),
            require_justification=False,
            named_by_supplier=True,
            flow_code=acute_flow_code(reporting.organisation.code, unit.organisation.code)
            if unit.organisation_id != reporting.organisation_id
            else None,
            categories=categories,
            pending=pending,
            new_signal=True,
        )
    # Every member of the alarm units hears at once: in the app, and by e-mail without personal data.
    alarm_notify(signal=signal, unit_ids=[u.pk for u in alarm_units])
