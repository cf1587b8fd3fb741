"""Demo data: an inlichtingenbericht on the AIVD's own initiative, the IND's follow-up (brief staff), a briefing for
the COA location Ter Apel and an inspection request. Idempotent: loads once."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from ketensignaal.intelligence import services
from ketensignaal.intelligence.models import InboundMessage

DEMO_SUBJECT = "Demo: ronselen via besloten chatgroepen"


@transaction.atomic
def demo_load(*, users: dict[str, Any]) -> None:
    if InboundMessage.objects.filter(subject=DEMO_SUBJECT).exists():
        return
    hub = users.get("ind.tsz")
    if hub is None:
        return
    message = services.inbound_register(
        actor=hub,
        kind="inlichtingenbericht",
        service="aivd",
        dated=date(2026, 11, 2),
        subject=DEMO_SUBJECT,
        summary="Werving van jongeren in opvanglocaties via besloten chatgroepen neemt toe.",
        content="De dienst ziet dat in besloten chatgroepen jongeren in opvanglocaties worden benaderd met propaganda.",
        channel="demo",
    )
    services.follow_up_record(
        actor=hub,
        message=message,
        decision="brief-staff",
        owner_code="ind.tsz",
        note="Medewerkers COA en IND informeren.",
        channel="demo",
    )
    services.briefing_write(
        actor=hub,
        title="Demo: signalen van online ronselen",
        body="Let op jongeren die zich terugtrekken, nieuwe telefoons hebben en over besloten groepen praten.",
        unit_codes=["coa.locatie.ter-apel", "ind.aanmeldcentrum"],
        message=message,
        channel="demo",
    )
    services.inspection_request_record(
        actor=hub,
        message=message,
        prosecutor="Landelijk officier van justitie CTER",
        requested_on=date(2026, 11, 10),
        channel="demo",
    )
