"""Writes of the reporting context: narratives beside the figures (more in ``training_services`` and ``programme``)."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from ketensignaal.core.errors import NotAllowed, ValidationFailed
from ketensignaal.reporting.models import CaseType, Narrative
from ketensignaal.reporting.scopes import may_write_narratives

PERIOD_KEY = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])|-T[1-3])?$")
# Patterns that suggest personal data: a V-number (ten digits) or a date that may be a date of birth.
PERSONAL_DATA_PATTERNS = (
    (gettext_lazy("een V-nummer"), re.compile(r"(?<!\d)\d{10}(?!\d)")),
    (
        gettext_lazy("een geboortedatum"),
        re.compile(
            r"(?<!\d)(\d{1,2}[-/.]\d{1,2}[-/.](19|20)\d{2}|(19|20)\d{2}-\d{2}-\d{2})(?!\d)|\bgeb(oren|\.)\b", re.IGNORECASE
        ),
    ),
)
TEXT_FIELDS = ("went_well", "got_stuck", "examples")
MAX_LENGTH = 4000


def personal_data_findings(texts: dict[str, str]) -> list[dict[str, str]]:
    findings = []
    for field, text in texts.items():
        for label, pattern in PERSONAL_DATA_PATTERNS:
            if pattern.search(text or ""):
                findings.append({"name": field, "reason": gettext("Lijkt %(label)s te bevatten.") % {"label": label}})
    return findings


@transaction.atomic
def narrative_write(
    *,
    actor: Any,
    period: str,
    case_type: str,
    went_well: str,
    got_stuck: str,
    examples: str,
    leaves_chain: bool,
    confirm_no_personal_data: bool = False,
) -> Narrative:
    """Write (or rewrite) the narrative for a period and case type. Nothing is written when a check fails."""
    if not may_write_narratives(actor):
        raise NotAllowed(gettext("Alleen de coördinerende eenheid schrijft de toelichting bij de cijfers."))
    problems = []
    if not PERIOD_KEY.match(period or ""):
        problems.append({"name": "period", "reason": gettext("Geef een periode als 2026-T1 (vier maanden), 2026-03 of 2026.")})
    if case_type not in CaseType.values:
        problems.append({"name": "case_type", "reason": gettext("Kies een soort zaak uit de lijst.")})
    texts = {"went_well": went_well.strip(), "got_stuck": got_stuck.strip(), "examples": examples.strip()}
    if not any(texts.values()):
        problems.append({"name": "went_well", "reason": gettext("Schrijf ten minste wat goed ging of wat vastliep.")})
    problems += [
        {"name": k, "reason": gettext("Hoogstens %(limit)s tekens.") % {"limit": MAX_LENGTH}}
        for k, v in texts.items()
        if len(v) > MAX_LENGTH
    ]
    if problems:
        raise ValidationFailed(gettext("De toelichting is niet opgeslagen."), invalid_params=problems)
    findings = personal_data_findings(texts)
    if findings and leaves_chain and not confirm_no_personal_data:
        raise ValidationFailed(
            gettext(
                "De toelichting gaat buiten de keten en lijkt persoonsgegevens te bevatten. Haal ze weg, of bevestig "
                "dat het geen persoonsgegevens zijn. Er is niets opgeslagen."
            ),
            code="personal_data_suspected",
            invalid_params=[*findings, {"name": "confirm_no_personal_data", "reason": gettext("Bevestiging nodig.")}],
        )
    narrative = Narrative.objects.select_for_update().filter(period=period, case_type=case_type).first()
    if narrative is None:
        narrative = Narrative(period=period, case_type=case_type, version=0)
    narrative.went_well, narrative.got_stuck, narrative.examples = texts["went_well"], texts["got_stuck"], texts["examples"]
    narrative.leaves_chain = leaves_chain
    narrative.written_by = actor
    narrative.unit = actor.unit
    narrative.written_at = timezone.now()
    narrative.version += 1
    narrative.save()
    return narrative
