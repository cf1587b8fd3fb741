"""Demo data: two needs from the chain's inventory — one answered by a registered flow, one still without a flow."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ketensignaal.identity.models import Organisation
from ketensignaal.informationneeds import services
from ketensignaal.informationneeds.models import InformationNeed


@transaction.atomic
def demo_load(*, users: dict[str, Any]) -> None:
    if InformationNeed.objects.exists():
        return
    keeper = next((u for u in users.values() if u.has_role("privacy-officer") or u.has_role("functional-admin")), None)
    if keeper is None:
        return
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=["coa", "ind"])}
    if len(orgs) < 2:
        return
    services.need_create(
        actor=keeper,
        provider=orgs["coa"],
        receiver=orgs["ind"],
        need="Signalen uit de opvang, met wat is waargenomen en over wie.",
        purpose="Beoordeling en verrijking door het knooppunt van de kleine keten.",
        flow_code="coa-ind-nationale-veiligheid",
        channel="demo",
    )
    services.need_create(
        actor=keeper,
        provider=orgs["ind"],
        receiver=orgs["coa"],
        need="Terugkoppeling op hoofdlijnen over wat met een melding uit de opvang is gedaan.",
        purpose="Melders gemotiveerd houden (seed 004: wie niets terughoort, meldt minder).",
        open_questions="Welke grondslag draagt de terugkoppeling? Wat mag de IND zeggen zonder inhoud van de diensten?",
        channel="demo",
    )
