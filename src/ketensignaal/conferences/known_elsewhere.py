"""'Known elsewhere?': is this person already a case at another municipality? Hit or no hit, nothing more.

The question compares strict match keys (``matching.py``) against other municipalities' open cases without
showing them to the asker: the answer is one boolean. Both sides' processing logs record it; on a hit the
other municipality sees on its case page who asked, so the two case directors can contact each other.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ketensignaal.conferences.audit import ACTIVITY, OWN_BASIS, case_subject
from ketensignaal.conferences.matching import subject_keys
from ketensignaal.conferences.models import ConferenceCase, KnownElsewhereQuery, Phase
from ketensignaal.conferences.scopes import is_municipality_staff_anywhere
from ketensignaal.conferences.services import param, require
from ketensignaal.core.errors import ValidationFailed
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.intake.validation import parse_subject_input

NOT_COUNTED = (Phase.CLOSED, Phase.NOT_ADMITTED)


@transaction.atomic
def known_elsewhere_ask(*, actor: Any, subject: Any, channel: str = "web") -> bool:
    require(
        is_municipality_staff_anywhere(actor),
        "Alleen casusregisseurs en behandelaars van een gemeente kunnen dit vragen.",
    )
    parsed = parse_subject_input(subject)
    keys = subject_keys(parsed)
    if not keys:
        reason = "Geef een V-nummer, of een naam met (ten minste) het geboortejaar: een naam alleen is niet genoeg."
        raise ValidationFailed(reason, invalid_params=[param("subject", reason, "not_enough_to_compare")])
    matched = list(
        ConferenceCase.objects.filter(subject_keys__key__in=keys)
        .exclude(municipality_id=actor.unit_id)
        .exclude(phase__in=NOT_COUNTED)
        .distinct()
        .only("pk")
    )
    query = KnownElsewhereQuery.objects.create(asking_unit=actor.unit, asked_by=actor, hit=bool(matched))
    if matched:
        query.matched_cases.set(matched)
    items = [
        LogItem(
            activity=ACTIVITY,
            action="read",
            object_type="known-elsewhere-query",
            object_id=query.pk,
            subject=subject_ref("known-elsewhere-query", query.pk),
            legal_basis=OWN_BASIS,
        )
    ]
    items += [
        LogItem(
            activity=ACTIVITY,
            action="read",
            object_type="known-elsewhere-query",
            object_id=query.pk,
            subject=case_subject(case),
            legal_basis=OWN_BASIS,
        )
        for case in matched
    ]
    processing_log_record(actor=actor, items=items, channel=channel)
    return bool(matched)
