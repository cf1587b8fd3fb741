"""Loading reference data (codes of DOMAIN.md) idempotently into every context."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from ketensignaal.conferences.catalogue import catalogue_load
from ketensignaal.configuration.services import chain_settings_seed
from ketensignaal.governance.models import LegalBasisFlow, ProcessingActivity
from ketensignaal.identity.models import Organisation, Role, Unit
from ketensignaal.intake.models import Category, Touchpoint
from ketensignaal.privacy.grounds import restriction_grounds_load
from ketensignaal.reporting.programme_data import programme_measures_load
from ketensignaal.routing.models import Route, RouteEdge
from ketensignaal.screening.reference import checklists_load
from ketensignaal.training.catalogue import trainings_load

REFERENCE_FILE = Path(__file__).with_name("reference_data.json")


def processing_activities_load(rows: list[dict[str, Any]]) -> int:
    """Seed the register of processing activities (one entry per ``governance.activities.Activity`` value).

    After the first load the privacy officer and the functional administrator maintain the entries in the register
    screens (audited), so a reload only fills what is still empty and never overwrites their text.
    """
    for row in rows:
        fields = {k: v for k, v in row.items() if k != "code"}
        activity, created = ProcessingActivity.objects.get_or_create(code=row["code"], defaults=fields)
        if not created:
            empty = {k: v for k, v in fields.items() if getattr(activity, k) in ("", [], None)}
            if empty:
                ProcessingActivity.objects.filter(pk=activity.pk).update(**empty)
    return len(rows)


def reference_data() -> dict[str, Any]:
    return json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def reference_load(data: dict[str, Any] | None = None) -> dict[str, int]:
    """Create what is missing and refresh names; never removes what administrators added."""
    data = data or reference_data()
    counts: dict[str, int] = {}
    for code in data["roles"]:
        Role.objects.get_or_create(code=code)
    counts["roles"] = len(data["roles"])
    orgs = {}
    for row in data["organisations"]:
        org, _ = Organisation.objects.update_or_create(code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})
        orgs[org.code] = org
    counts["organisations"] = len(orgs)
    units = {}
    for row in data["units"]:
        unit, _ = Unit.objects.update_or_create(
            code=row["code"],
            defaults={"organisation": orgs[row["organisation"]], "name": row["name"], "description": row["description"]},
        )
        units[unit.code] = unit
    counts["units"] = len(units)
    for row in data["categories"]:
        Category.objects.update_or_create(code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})
    counts["categories"] = len(data["categories"])
    for row in data["touchpoints"]:
        Touchpoint.objects.update_or_create(code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})
    counts["touchpoints"] = len(data["touchpoints"])
    for org_code, edges in data["routes"].items():
        if Route.objects.filter(organisation=orgs[org_code]).exists():
            continue  # administrators own routes once loaded; they version their own edits
        route = Route.objects.create(organisation=orgs[org_code], version=1, description="Standaardroute")
        RouteEdge.objects.bulk_create(
            RouteEdge(
                route=route,
                from_pattern=e["from_pattern"],
                to_unit=units[e["to_unit"]],
                position=e["position"],
                where_needed=e["where_needed"],
            )
            for e in edges
        )
    counts["routes"] = len(data["routes"])
    for row in data["legal_basis_flows"]:
        if LegalBasisFlow.objects.filter(code=row["code"]).exists():
            continue  # flows are versioned by the privacy officer after the first load
        LegalBasisFlow.objects.create(
            code=row["code"],
            version=row["version"],
            name=row["name"],
            from_organisation=orgs[row["from_organisation"]],
            to_organisation=orgs[row["to_organisation"]],
            purpose=row["purpose"],
            statutory_basis=row["statutory_basis"],
            covenant=row["covenant"],
            data_categories=row["data_categories"],
            signal_categories=row["signal_categories"],
            status=row["status"],
            valid_from=date.fromisoformat(row["valid_from"]),
            valid_until=date.fromisoformat(row["valid_until"]) if row["valid_until"] else None,
            named_use_only=row.get("named_use_only", False),
        )
    counts["legal_basis_flows"] = len(data["legal_basis_flows"])
    counts["processing_activities"] = processing_activities_load(data["processing_activities"])
    counts.update(
        catalogue_load(measures=data.get("conference_measures", []), rules=data.get("conference_interference_rules", []))
    )
    counts["screening_checklists"] = checklists_load(data.get("screening_checklists", []))
    counts["chain_settings"] = chain_settings_seed(data.get("chain_settings", []))
    counts["restriction_grounds"] = restriction_grounds_load(data.get("restriction_grounds", []))
    counts["programme_measures"] = programme_measures_load()
    counts["trainings"] = trainings_load()
    return counts
