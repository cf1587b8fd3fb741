"""Demo data for the hub: a DT&V signal at IND TSZ, enriched, put to the AIVD, a naslag request with an
answer, and an ambtsbericht on the AIVD's own initiative. Idempotent: loads once."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from ketensignaal.disclosures import services
from ketensignaal.disclosures.models import NaslagRequest

DEMO_MARK = "Demo: "


@transaction.atomic
def demo_load(*, users: dict[str, Any]) -> None:
    if NaslagRequest.objects.filter(justification__startswith=DEMO_MARK).exists():
        return
    hub = users.get("ind.tsz")
    reporter = users.get("dtv.medewerker")
    if hub is None or reporter is None:
        return
    from ketensignaal.intake.validation import parse_signal_input
    from ketensignaal.routing.services import signal_submit

    data = parse_signal_input(
        {
            "subject": {
                "names": [{"name": "Abdullah Haddad"}, {"name": "عبد الله حداد", "script": "Arab"}],
                "date_of_birth": "1991",
                "nationality": "SYR",
                "minor": False,
            },
            "observation": {
                "type": "statement",
                "text": "Tijdens een vertrekgesprek sprak betrokkene met instemming over een aanslag"
                " en vroeg naar contacten in Syrië.",
            },
            "categories": ["terrorisme"],
            "touchpoint": "na-besluit",
            "grading": {"source": "B", "information": "2"},
            "handling_code": "AMBER",
        }
    )
    signal, _created = signal_submit(actor=reporter, data=data, channel="web")
    services.enrichment_record(
        actor=hub,
        signal=signal,
        kind="procedure-stage",
        value="Asielaanvraag afgewezen; vertrektermijn loopt.",
        source="INDiGO dossier",
    )
    services.disclosure_create(
        actor=hub,
        signal=signal,
        recipient="aivd",
        justification="Instemmende uitspraken over een aanslag en vragen naar contacten in Syrië; vertrek ophanden.",
    )
    naslag = services.naslag_request_create(
        actor=hub,
        signal=signal,
        service="aivd",
        own_means_exhausted=True,
        other_means_insufficient=True,
        justification=DEMO_MARK
        + "IND-dossier, gehoren en eigen registraties geraadpleegd; de politie heeft geen aanvullende gegevens.",
    )
    services.naslag_answer_record(
        actor=hub, request=naslag, kind="no-information", text="De dienst heeft geen informatie over betrokkene."
    )
    services.ambtsbericht_register(
        actor=hub,
        service="aivd",
        dated=date(2026, 11, 10),
        subject="Trends in ronselen rond opvanglocaties",
        summary="Algemeen beeld voor briefing van IND- en COA-medewerkers over indicatoren.",
        content="De dienst signaleert pogingen tot ronselen in de nabijheid van opvanglocaties. (Demogegevens.)",
    )
