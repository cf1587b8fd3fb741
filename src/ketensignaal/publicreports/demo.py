"""Demo data: one report through the public channel (from an organisation without an account) and one addition the
reporter sent later with the receipt code — through the channel's own services, challenge and all, so the demo shows
what the hub sees of the public channel and the need-to-know probe reaches its rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from ketensignaal.publicreports.challenge import challenge_issue, challenge_solve
from ketensignaal.publicreports.models import PublicReport, ReporterKind
from ketensignaal.publicreports.services import PublicReportInput, public_addition_add, public_report_submit

DEMO_ADDRESS = "demo"  # stands for the sender's network address; only its keyed hash is stored
OBSERVATION = (
    "Een jongere uit ons buurthuis vertelt dat een man hem en twee vrienden in een besloten chatgroep heeft "
    "uitgenodigd en ze geld heeft aangeboden om 'voor de goede zaak' naar het buitenland te gaan."
)
ADDITION = "De man heeft de jongeren vandaag opnieuw benaderd, nu bij de ingang van het station."


def _solved() -> dict[str, str]:
    token = challenge_issue().token
    return {"challenge": token, "nonce": challenge_solve(token)}


def demo_load(*, users: dict[str, Any]) -> None:
    if PublicReport.objects.exists():
        return
    data = PublicReportInput(
        reporter_kind=ReporterKind.ORGANISATION,
        organisation_name="Stichting Buurtwerk Emmen",
        observation=OBSERVATION,
        person="Abu Tarik",
        place="Emmen, buurthuis aan de Houtweg",
        observed_on=timezone.localdate() - timedelta(days=3),
        topics=("ronselen", "radicalisering"),
        language="nl",
    )
    receipt = public_report_submit(data=data, address=DEMO_ADDRESS, size=len(OBSERVATION), channel="demo", **_solved())
    public_addition_add(receipt=receipt, text=ADDITION, address=DEMO_ADDRESS, size=len(ADDITION), channel="demo", **_solved())
