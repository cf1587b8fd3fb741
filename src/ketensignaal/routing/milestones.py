"""Milestones that contexts above routing report on a signal, so the reporter can hear back (DOMAIN.md principle 9).

Routing sits below coordination and may not import it; coordination calls :func:`signal_follow_up_record`
when the national coordination meeting (LRO) records an agreed follow-up on an item. The history entry says
only *that* the signal was discussed and follow-up was agreed, never which follow-up, by whom it is taken
up, or the meeting's interpretation: the feedback to the reporter reads it, and must not be able to say more.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from ketensignaal.core.errors import NotAllowed
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.identity.models import RoleCode
from ketensignaal.intake.models import Signal
from ketensignaal.routing.models import HopAction, SignalEvent

FOLLOW_UP_NOTE = "Besproken in het landelijk overleg ({occasion}); vervolg is afgesproken."


@transaction.atomic
def signal_follow_up_record(*, actor: Any, signal_ids: Iterable[Any], occasion: str, channel: str = "web") -> list[Any]:
    """Record on each signal that the LRO discussed it and agreed follow-up; returns the signals newly marked.

    ``occasion`` names the meeting (e.g. ``LRO 08-12-2026``); a second decision on the same item at the same
    meeting adds nothing. The entry sits at the signal's current unit, so the organisation holding it sees it
    in the history; the reporter's organisation learns it from the feedback only.
    """
    if not actor.has_role(RoleCode.LRO_MEMBER):
        raise NotAllowed(
            gettext("Alleen leden van het LRO kunnen een afgesproken vervolg vastleggen."), code="lro_member_required"
        )
    ids = list(signal_ids)
    note = FOLLOW_UP_NOTE.format(occasion=occasion.strip())
    already = set(
        SignalEvent.objects.filter(signal_id__in=ids, action=HopAction.FOLLOW_UP_AGREED, note=note).values_list(
            "signal_id", flat=True
        )
    )
    signals = [
        (pk, unit_id)
        for pk, unit_id in Signal.objects.filter(pk__in=ids).values_list("pk", "current_unit_id")
        if pk not in already
    ]
    if not signals:
        return []
    SignalEvent.objects.bulk_create(
        SignalEvent(
            signal_id=pk, action=HopAction.FOLLOW_UP_AGREED, from_unit_id=unit_id, to_unit_id=unit_id, by=actor, note=note
        )
        for pk, unit_id in signals
    )
    processing_log_record(
        actor=actor,
        channel=channel,
        items=[
            LogItem(activity=Activity.LRO, action="update", object_type="signal", object_id=pk, subject=subject_ref("signal", pk))
            for pk, _unit in signals
        ],
    )
    return [pk for pk, _unit in signals]
