"""Wiring of ports that a lower context defines and a higher context fills in.

``governance.subjects`` must learn which signals belong to a person, but
governance may not import persons or intake (import-linter contract). This
top-layer module connects them; see ADR 0004.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from ketensignaal.governance.subjects import register_person_finder, register_subject_resolver
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


def _persons_by_name(user: Any, text: str) -> list[tuple[str, str]]:
    """Persons the user may see whose recorded name contains ``text`` or whose V-number is ``text`` (need to know:
    only the names and identifiers the user may see are searched; the label is the name the user may see)."""
    from django.db.models import Q

    from ketensignaal.core.need_to_know import visible
    from ketensignaal.persons.models import Person, PersonIdentifier, PersonName
    from ketensignaal.persons.selectors import person_display_name

    text = " ".join(text.split())
    if len(text) < 2:
        return []
    by_name = visible(user, PersonName.objects.filter(Q(original__icontains=text) | Q(cleaned__icontains=text.lower())))
    by_number = visible(user, PersonIdentifier.objects.filter(value=text.replace(" ", "")))
    ids = set(by_name.values_list("person_id", flat=True)) | set(by_number.values_list("person_id", flat=True))
    persons = visible(user, Person.objects.filter(pk__in=ids, merged_into__isnull=True)).order_by("display_name")[:20]
    return [(str(p.pk), person_display_name(user=user, person=p)) for p in persons]


def wire_subject_resolvers() -> None:
    register_person_finder(_persons_by_name)
    register_subject_resolver("person", _person_subjects)
    register_subject_resolver("signal-reference", _signal_reference_subjects)
