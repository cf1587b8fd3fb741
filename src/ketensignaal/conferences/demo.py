"""Demo data for the case conference (idempotent): Utrecht with a weegploeg, partners, and three cases.

One case in triage, one in the conference with police, OM and probation invited and a plan whose measures
raise an interference warning, one scaled down with continued attention.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from ketensignaal.conferences import plan, services
from ketensignaal.conferences.models import ConferenceCase, MunicipalitySetup
from ketensignaal.identity.models import Unit, User
from ketensignaal.identity.services import user_create

DEMO_PASSWORD = "Ketensignaal-demo-2026"
PARTNER_ACCOUNTS = [
    ("om.officier", "om", ["case-director", "handler"], "Rachid", "Bouali"),
    ("rn.toezicht", "rn", ["case-director", "handler"], "Marloes", "Kuiper"),
    ("gemeente.amsterdam", "gemeente.amsterdam", ["case-director"], "Jelle", "Schouten"),
]


def _account(username: str, unit: str, roles: list[str], first: str, last: str) -> User:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(
            username=username,
            unit_code=unit,
            roles=roles,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            validate=False,
        )
    TOTPDevice.objects.get_or_create(user=user, name="demo", defaults={"confirmed": True})
    return user


@transaction.atomic
def demo_load(*, users: dict[str, Any]) -> None:
    municipal = users.get("gemeente.utrecht")
    if municipal is None or ConferenceCase.objects.exists():
        return
    for row in PARTNER_ACCOUNTS:
        users[row[0]] = _account(*row)
    utrecht = Unit.objects.get(code="gemeente.utrecht")
    setup, _ = MunicipalitySetup.objects.get_or_create(
        municipality=utrecht, defaults={"has_triage_group": True, "has_review_meeting": True}
    )
    setup.triage_group_members.set(Unit.objects.filter(code__in=["gemeente.utrecht", "politie.drio", "om"]))
    today = timezone.localdate()

    services.case_register(
        actor=municipal,
        municipality_code="gemeente.utrecht",
        subject={"names": [{"name": "Karim Haddad"}], "date_of_birth": "2001-05"},
        reason="School meldt dat hij klasgenoten onder druk zet om 'de ware leer' te volgen.",
    )

    case = services.case_register(
        actor=municipal,
        municipality_code="gemeente.utrecht",
        subject={"names": [{"name": "Samir El Idrissi"}, {"name": "سمير الإدريسي", "script": "Arab"}], "date_of_birth": "1996"},
        reason="Politie meldt contacten met een netwerk dat uitreizigers werft; familie maakt zich zorgen.",
    )
    services.case_triage(actor=municipal, case=case, admitted=True, reason="Weegploeg: zorgen over werving, casusoverleg nodig.")
    for unit, purpose in (
        ("politie.drio", "Politie-informatie over het netwerk en de persoon"),
        ("om", "Lopend strafrechtelijk onderzoek"),
        ("rn", "Reclasseringstoezicht bij een eventuele voorwaardelijke straf"),
    ):
        services.invitation_create(
            actor=municipal,
            case=case,
            unit_code=unit,
            purpose=purpose,
            justification="Persoonsgerichte aanpak bij dreigende radicalisering; deze partner is nodig voor het plan.",
        )
    services.case_director_appoint(
        actor=municipal, case=case, username="gemeente.utrecht", reason="Zorg en familie zijn leidend in deze casus."
    )
    plan.plan_goals_set(actor=municipal, case=case, goals="Werving stoppen; contact met familie en zorg herstellen.")
    plan.measure_propose(
        actor=municipal,
        case=case,
        measure_code="prosecution",
        owner="om",
        goal="Onderzoek naar deelname aan werving",
        review=today + dt.timedelta(days=60),
    )
    plan.measure_propose(
        actor=municipal,
        case=case,
        measure_code="undesirable-alien",
        owner="ind",
        goal="Toegang tot Nederland ontzeggen bij uitreis",
        review=today + dt.timedelta(days=60),
    )

    later = services.case_register(
        actor=municipal,
        municipality_code="gemeente.utrecht",
        subject={"names": [{"name": "Yara Mansour"}], "date_of_birth": "1999-11-02"},
        reason="Zorgen over uitspraken online; inmiddels in behandeling.",
    )
    services.case_triage(actor=municipal, case=later, admitted=True, reason="Toegelaten: zorg is nodig.")
    plan.measure_propose(
        actor=municipal, case=later, measure_code="care", owner="ggz", goal="Behandeling", review=today + dt.timedelta(days=30)
    )
    services.case_scale_down(
        actor=municipal,
        case=later,
        reason="Behandeling loopt goed; geen zorgen meer over radicalisering.",
        attention_until=today + dt.timedelta(days=180),
    )
