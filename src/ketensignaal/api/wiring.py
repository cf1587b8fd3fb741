"""Wiring of ports that a lower context defines and a higher context fills in.

``governance.subjects`` must learn which signals belong to a person, but
governance may not import persons or intake (import-linter contract). This
top-layer module connects them; see ADR 0004.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from ketensignaal.governance.subjects import register_subject_resolver
from ketensignaal.identity.lockout import register_lockout_audit


def _person_subjects(person_id: str) -> Iterable[tuple[str, str]]:
    from ketensignaal.persons.models import PersonSignalLink

    try:
        uuid.UUID(person_id)
    except ValueError:  # a malformed id matches nothing, like an unknown one
        return []
    from ketensignaal.conferences.models import ConferenceCase

    signal_ids = list(PersonSignalLink.objects.filter(person_id=person_id).values_list("signal_id", flat=True))
    # A case conference about the person links (some of) their signals; its log entries concern the person too.
    case_ids = ConferenceCase.objects.filter(signals__in=signal_ids).values_list("pk", flat=True).distinct()
    return [("signal", str(signal_id)) for signal_id in signal_ids] + [("conference-case", str(pk)) for pk in case_ids]


def _signal_reference_subjects(reference: str) -> Iterable[tuple[str, str]]:
    from ketensignaal.intake.models import Signal

    return [("signal", str(pk)) for pk in Signal.objects.filter(reference=reference.upper()).values_list("pk", flat=True)]


def _lockout_audit(*, actor: Any, channel: str, **entry: Any) -> None:
    from ketensignaal.governance.activities import Activity
    from ketensignaal.governance.processing_log import processing_log_record_one

    processing_log_record_one(actor=actor, channel=channel, activity=Activity.ADMINISTRATION, **entry)


def wire_lockout_audit() -> None:
    register_lockout_audit(_lockout_audit)


def wire_subject_resolvers() -> None:
    register_subject_resolver("person", _person_subjects)
    register_subject_resolver("signal-reference", _signal_reference_subjects)
