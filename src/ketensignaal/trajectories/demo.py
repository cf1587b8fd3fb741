"""Demo data for the LIV: an expert pool and a few trajectories in different phases (idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ketensignaal.core.need_to_know import visible
from ketensignaal.intake.models import Signal
from ketensignaal.trajectories import services, team
from ketensignaal.trajectories.catalogue import CRITERIA, catalogue_load
from ketensignaal.trajectories.models import Expert, ExpertAvailability, LivTrajectory, Source

ACCEPT = {code: {"answer": True, "explanation": "Afgewogen in het wegingsoverleg."} for code, _, _ in CRITERIA}

EXPERTS = [
    ("Dr. Samira Haddou", ["interpreter-of-radicalisation", "cultural-expert"], ["nl", "ar", "fr"], True, "liv.expert"),
    ("Dr. Jeroen Kramer", ["psychiatrist"], ["nl", "en"], True, None),
    ("Tesfay Gebremedhin", ["language-interpreter"], ["ti", "am", "nl"], True, None),
    ("Drs. Leila Rahimi", ["therapist", "psychologist"], ["fa", "nl", "en"], False, None),
]


def _experts(users: dict[str, Any]) -> dict[str, Expert]:
    today = timezone.localdate()
    pool = {}
    for name, expertise, languages, available, username in EXPERTS:
        expert, created = Expert.objects.get_or_create(
            name=name,
            defaults={"expertise": expertise, "languages": languages, "user": users.get(username) if username else None},
        )
        if created:
            if available:
                ExpertAvailability.objects.create(
                    expert=expert, starts_on=today - dt.timedelta(days=30), ends_on=today + dt.timedelta(days=365)
                )
            else:
                ExpertAvailability.objects.create(
                    expert=expert,
                    starts_on=today + dt.timedelta(days=60),
                    ends_on=today + dt.timedelta(days=120),
                    note="Met verlof",
                )
        pool[name] = expert
    return pool


def demo_load(*, users: dict[str, Any]) -> None:
    staff, coa = users.get("liv.staf"), users.get("coa.bv")
    if staff is None or coa is None:
        return
    catalogue_load()
    pool = _experts(users)
    if LivTrajectory.objects.filter(question__startswith="[demo]").exists():
        return
    signals = list(visible(coa, Signal.objects.all()).order_by("created_at")[:1])

    def request(
        question: str, *, actor: Any, client: str = "coa", signal: Any = None, language: str = "", interpreter: bool | None = None
    ) -> LivTrajectory:
        return services.trajectory_request(
            actor=actor,
            client_code=client,
            question=f"[demo] {question}",
            signal_id=signal.pk if signal else None,
            source=Source.PARTNER if signal else Source.DIRECT,
            channel="demo",
            person_language=language,
            interpreter_needed=interpreter,
        )

    # 1. A fresh request from COA Bureau Veiligheid, waiting for the weighing moment.
    request(
        "Bewoner doet uitspraken over geweld en lijkt ernstig somber; graag duiding en advies over zorg.",
        actor=coa if signals else staff,
        signal=signals[0] if signals else None,
        language="ar",
    )

    # 2. Not accepted: a criminal procedure runs; the underlying problem is housing and procedure stress.
    t2 = request("Gemeente vraagt duiding na conflict in de wijk.", actor=staff, client="gemeente.utrecht")
    services.trajectory_weigh(
        actor=staff,
        trajectory=t2,
        accepted=False,
        channel="demo",
        answers={"binnen-opdracht": {"answer": False, "explanation": "Strafrechtelijke procedure loopt al."}},
        reason="Zaak valt buiten de opdracht: strafrechtelijke procedure loopt.",
        underlying_problem="Spanning door lange procedure en huisvesting; doorverwezen naar wijkteam.",
    )

    # 3. In interpretation, with factors from both kinds recorded and an interpreter need.
    t3 = request("Onbegrepen gedrag op de opvanglocatie na overplaatsing.", actor=staff, language="ti", interpreter=True)
    services.trajectory_weigh(actor=staff, trajectory=t3, accepted=True, answers=ACCEPT, channel="demo")
    team.trajectory_member_assign(
        actor=staff, trajectory=t3, expert_id=pool["Dr. Samira Haddou"].pk, task="Duiding", channel="demo"
    )
    team.trajectory_member_assign(
        actor=staff, trajectory=t3, expert_id=pool["Tesfay Gebremedhin"].pk, task="Tolk Tigrinya", channel="demo"
    )
    services.trajectory_phase_fill(
        actor=staff,
        trajectory=t3,
        phase="intake",
        channel="demo",
        answers={
            "aanleiding": "Melding van COA na incident in de keuken.",
            "beschikbare_informatie": "Signaal en gesprek met de woonbegeleider.",
        },
    )
    services.trajectory_advance(actor=staff, trajectory=t3, channel="demo")
    for code, presence, explanation in (
        ("trauma-vlucht", "present", "Vertelt over detentie in Libië."),
        ("verhuisbewegingen", "present", "Vier locaties in zes maanden."),
        ("sociale-steun", "absent", "Geen contacten op de nieuwe locatie."),
        ("dagbesteding", "unknown", "Nog niet besproken."),
    ):
        services.trajectory_factor_record(
            actor=staff,
            trajectory=t3,
            factor_code=code,
            presence=presence,
            explanation=explanation,
            source="Gesprek met tolk",
            channel="demo",
        )

    # 4. At advice: no radicalisation, psychological problems; report delivered to the client.
    t4 = request("Zorgen over radicale uitspraken en slapeloosheid.", actor=staff, language="fa")
    services.trajectory_weigh(actor=staff, trajectory=t4, accepted=True, answers=ACCEPT, channel="demo")
    services.trajectory_phase_fill(
        actor=staff,
        trajectory=t4,
        phase="intake",
        channel="demo",
        answers={"aanleiding": "Uitspraken tijdens taalles.", "beschikbare_informatie": "Verslag docent."},
    )
    services.trajectory_advance(actor=staff, trajectory=t4, channel="demo")
    services.trajectory_phase_fill(
        actor=staff,
        trajectory=t4,
        phase="interpretation",
        channel="demo",
        answers={
            "verloop_gesprekken": "Twee gesprekken met psychiater.",
            "duiding": "Uitspraken passen bij traumaklachten; geen ideologische lading.",
        },
    )
    for code, presence in (("geweld-herkomst", "present"), ("toegang-ggz", "present"), ("contact-familie", "present")):
        services.trajectory_factor_record(
            actor=staff,
            trajectory=t4,
            factor_code=code,
            presence=presence,
            explanation="Uit de gesprekken.",
            source="Psychiater",
            channel="demo",
        )
    services.trajectory_advance(actor=staff, trajectory=t4, channel="demo")
    services.trajectory_phase_fill(
        actor=staff,
        trajectory=t4,
        phase="advice",
        channel="demo",
        answers={
            "samenvatting": "Geen aanwijzingen voor radicalisering; wel psychische klachten.",
            "zorg_ondersteuning": "Toeleiding naar GGZ en dagbesteding.",
        },
    )
    services.trajectory_conclusion_record(
        actor=staff,
        trajectory=t4,
        conclusions=["no-radicalisation", "psychological-problems"],
        advice="Toeleiden naar traumabehandeling; dagbesteding op de locatie; vinger aan de pols via de woonbegeleider.",
        channel="demo",
    )
    services.trajectory_report_deliver(actor=staff, trajectory=t4, channel="demo")
