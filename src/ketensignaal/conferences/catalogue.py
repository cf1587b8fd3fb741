"""Loading the measures catalogue and the interference rules (reference data, idempotent).

Both are data the functional administrator maintains in the admin afterwards: the loader creates what is
missing and never overwrites what an administrator changed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ketensignaal.conferences.models import InterferenceRule, MeasureType
from ketensignaal.identity.models import Organisation


@transaction.atomic
def catalogue_load(*, measures: list[dict[str, Any]], rules: list[dict[str, Any]]) -> dict[str, int]:
    orgs = {o.code: o for o in Organisation.objects.all()}
    for row in measures:
        measure, created = MeasureType.objects.get_or_create(
            code=row["code"],
            defaults={
                "label": row["label"],
                "label_en": row.get("label_en", ""),
                "municipality_competent": row.get("municipality_competent", False),
                "touches_sentence": row.get("touches_sentence", False),
                "source_note": row.get("source_note", ""),
                "position": row.get("position", 0),
            },
        )
        if created:
            measure.competent_organisations.set([orgs[code] for code in row.get("competent_organisations", [])])
    by_code = {m.code: m for m in MeasureType.objects.all()}
    for row in rules:
        rule, created = InterferenceRule.objects.get_or_create(
            code=row["code"],
            defaults={
                "first": by_code[row["first"]],
                "second": by_code[row["second"]],
                "detail": row["detail"],
                "detail_en": row.get("detail_en", ""),
                "coordination": row["coordination"],
                "coordination_en": row.get("coordination_en", ""),
                "source_note": row.get("source_note", ""),
            },
        )
        if not created:
            _english_fill(rule, row)
    return {"conference_measures": len(measures), "conference_interference_rules": len(rules)}


def _english_fill(rule: InterferenceRule, row: dict[str, Any]) -> None:
    """Give a rule loaded before English existed its English text, only where the Dutch is still the reference's
    and no English was written: an administrator's own wording is left alone."""
    changed = []
    for field in ("detail", "coordination"):
        english = row.get(f"{field}_en", "")
        if english and not getattr(rule, f"{field}_en") and getattr(rule, field) == row[field]:
            setattr(rule, f"{field}_en", english)
            changed.append(f"{field}_en")
    if changed:
        rule.save(update_fields=changed)
