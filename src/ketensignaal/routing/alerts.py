"""The acute alarm: imminent danger goes straight to the police and the IND hub.

Called by ``signal_submit`` inside its transaction, after the signal exists.
It gives the alarm units need to know (involvement ``alarm``), writes an
``alarm`` history entry per unit and returns the processing-log items, which
the caller appends together with its own (one log write per transaction).
In-app notifications are added here by the deadlines/notifications context.
"""

from __future__ import annotations

from typing import Any

from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, subject_ref
from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import InvolvementReason, Signal, SignalInvolvement
from ketensignaal.routing.models import HopAction, SignalEvent
from ketensignaal.routing.notifications import alarm_notify

ACUTE_ALARM_UNITS = ("politie.cter", "ind.tsz")
# Imminent danger to life: vital interest (AVG art. 6(1)(d)) plus the police task; recorded on every alarm disclosure.
ACUTE_LEGAL_BASIS = "acuut-gevaar: AVG art. 6 lid 1 sub d (vitaal belang)"


def raise_acute_alarm(signal: Signal, actor: Any, *, already_involved: frozenset[int] = frozenset()) -> list[LogItem]:
    alarm_units = list(Unit.objects.filter(code__in=ACUTE_ALARM_UNITS, is_active=True))
    units = [u for u in alarm_units if u.pk not in already_involved]
    SignalInvolvement.objects.bulk_create(
        [SignalInvolvement(signal=signal, unit=unit, reason=InvolvementReason.ALARM) for unit in units], ignore_conflicts=True
    )
    SignalEvent.objects.bulk_create(
        [
            SignalEvent(
                signal=signal,
                action=HopAction.ALARM,
                from_unit_id=signal.reporting_unit_id,
                to_unit=unit,
                by=actor,
                note="Acuut gevaar gemeld: de melder is gevraagd direct 112 te bellen.",
                legal_basis=ACUTE_LEGAL_BASIS,
            )
            for unit in units
        ]
    )
    # Every member of the alarm units hears at once: in the app, and by e-mail without personal data.
    alarm_notify(signal=signal, unit_ids=[u.pk for u in alarm_units])
    return [
        LogItem(
            activity=Activity.DISCLOSURE,
            action="disclose",
            object_type="signal",
            object_id=signal.pk,
            subject=subject_ref("signal", signal.pk),
            legal_basis=ACUTE_LEGAL_BASIS,
        )
        for _unit in units
    ]
