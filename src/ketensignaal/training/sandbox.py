"""Hypothetical cases and trainee accounts for the training sandbox (``ketensignaal sandbox``), and the debrief.

Everything here is invented: names, places, events. The cases follow the seeds' lessons (seed 000 recommends
exercising with hypothetical cases): most worrying behaviour turns out not to be CTER; a database hit alone is
not enough; a co-resident can be a valuable source; an NGO shares only on its own judgement; measures taken by
different partners can interfere. The loader refuses to run outside the sandbox, so hypothetical cases never
enter the real database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import NotAllowed
from ketensignaal.core.language import in_reader_language
from ketensignaal.identity.models import User
from ketensignaal.identity.services import user_create
from ketensignaal.intake.models import IdempotencyRecord
from ketensignaal.intake.validation import parse_signal_input
from ketensignaal.routing import services as routing
from ketensignaal.routing.models import SignalEvent

TRAINEE_PREFIX = "oefen-"
SANDBOX_PASSWORD = "Oefenen-met-verzonnen-zaken-2026"
TRAINEES: list[tuple[str, str, list[str], str]] = [
    ("oefen-coa", "coa.locatie.ter-apel", ["reporter"], "Medewerker COA-locatie"),
    ("oefen-bv", "coa.bureau-veiligheid", ["handler", "reporter"], "Bureau Veiligheid"),
    ("oefen-ind", "ind.aanmeldcentrum", ["reporter"], "IND aanmeldcentrum"),
    ("oefen-tsz", "ind.tsz", ["handler", "hub-analyst", "lro-member"], "IND TSZ"),
    ("oefen-vwn", "vwn", ["reporter"], "VluchtelingenWerk"),
    ("oefen-gemeente", "gemeente.utrecht", ["reporter", "case-director"], "Gemeente"),
    ("oefen-trainer", "lse.liv", ["liv-staff", "functional-admin"], "Trainer"),
]
TRAINER_ROLES = frozenset({"functional-admin", "liv-staff"})


def _case(
    text: str, *, kind: str, categories: list[str], touchpoint: str, names: list[dict[str, str]], days_ago: int
) -> dict[str, Any]:
    return {
        "subject": {"names": names},
        "observation": {
            "type": kind,
            "text": "[OEFENCASUS — verzonnen] " + text,
            "observed_at": (timezone.now() - timedelta(days=days_ago)).isoformat(),
        },
        "categories": categories,
        "touchpoint": touchpoint,
        "grading": {"source": "C", "information": "4"},
        "handling_code": "AMBER",
    }


CASES: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "psychisch-geen-cter",
        "oefen-coa",
        "Psychische nood, geen CTER: onbegrepen gedrag blijkt bij duiding een zorgvraag.",
        _case(
            "Bewoner roept 's nachts teksten over het einde der tijden, slaapt niet en zegt dat 'ze' hem volgen. "
            "Geen uitspraken over geweld of groepen; medebewoners zijn bang.",
            kind="behaviour",
            categories=["radicalisering", "psychische-zorgen"],
            touchpoint="opvanglocatie",
            names=[{"name": "Oefenpersoon Amir Testmans"}],
            days_ago=2,
        ),
    ),
    (
        "dunne-sis-signalering",
        "oefen-ind",
        "Een dunne SIS-signalering: een treffer alleen is niet genoeg (vraag meer informatie op).",
        _case(
            "Bij registratie een SIS-signalering 'discreet check' van een andere lidstaat, zonder verdere inhoud.",
            kind="database",
            categories=["terrorisme"],
            touchpoint="id-registratie",
            names=[{"name": "Oefenpersoon Lina Voorbeeld"}],
            days_ago=3,
        ),
    ),
    (
        "medebewoner-oorlogsgebied",
        "oefen-coa",
        "Een medebewoner zag de persoon in een oorlogsgebied: waardevolle bron, beoordeel bron en informatie apart.",
        _case(
            "Een medebewoner vertelt dat hij de persoon in 2019 gewapend zag bij een checkpoint van een strijdgroep.",
            kind="co-resident",
            categories=["internationale-misdrijven"],
            touchpoint="opvanglocatie",
            names=[{"name": "Oefenpersoon Yusuf Verzonnen"}],
            days_ago=5,
        ),
    ),
    (
        "ngo-eigen-afweging",
        "oefen-coa",
        "Een NGO deelt op eigen afweging: vertrouwenspositie, alleen wat nodig is; zonder geregistreerde stroom "
        "kan VluchtelingenWerk niet rechtstreeks aan de IND verstrekken (probeer het als oefen-vwn).",
        _case(
            "Een begeleider van VluchtelingenWerk vertelt de locatie, op eigen afweging, dat een cliënt steeds vaker "
            "extremistische filmpjes met andere jongeren deelt.",
            kind="behaviour",
            categories=["extremisme"],
            touchpoint="opvanglocatie",
            names=[{"name": "Oefenpersoon Samir Proef"}],
            days_ago=1,
        ),
    ),
    (
        "gemeente-interfererende-maatregelen",
        "oefen-gemeente",
        "Een gemeentelijke casus met maatregelen die elkaar hinderen (gebiedsverbod tegenover werk en zorg).",
        _case(
            "De gemeente overweegt een gebiedsverbod en meldplicht terwijl de zorgpartner net werk en dagbesteding "
            "in dat gebied heeft geregeld; de IND bekijkt intrekking van de verblijfsvergunning.",
            kind="behaviour",
            categories=["radicalisering"],
            touchpoint="gemeente",
            names=[{"name": "Oefenpersoon Noor Bedacht"}],
            days_ago=4,
        ),
    ),
]


CONFERENCE_LESSON = (
    "Een gemeentelijke casus in het casusoverleg met maatregelen die elkaar hinderen: vervolging door het OM en "
    "ongewenstverklaring door de IND. Bespreek de waarschuwing, wie je raadpleegt en welke keuze je vastlegt."
)
CONFERENCE_REASON = (
    "[OEFENCASUS — verzonnen] Jongeman met een tweede nationaliteit bezoekt bijeenkomsten van een extremistische "
    "groep; de politie ziet contacten met wervers. Gemeente, politie en OM bespreken de aanpak."
)


def _conference_case(director: User) -> int:
    """The municipal case with interfering measures as a real case in the case conference (idempotent)."""
    from ketensignaal.conferences import plan
    from ketensignaal.conferences import services as conferences
    from ketensignaal.conferences.models import ConferenceCase

    if ConferenceCase.objects.filter(reason=CONFERENCE_REASON).exists():
        return 0
    case = conferences.case_register(
        actor=director,
        municipality_code=director.unit.code if director.unit else "",
        subject={"names": [{"name": "Oefenpersoon Karim Fictief"}], "date_of_birth": "2001"},
        reason=CONFERENCE_REASON,
        channel="sandbox",
    )
    case = conferences.case_triage(
        actor=director, case=case, admitted=True, reason="Oefening: toegelaten tot het casusoverleg.", channel="sandbox"
    )
    review = timezone.localdate() + timedelta(days=30)
    for code, owner, goal in (
        ("prosecution", "om", "Strafrechtelijk onderzoek naar deelname aan een terroristische organisatie."),
        ("undesirable-alien", "ind", "Ongewenstverklaring voorbereiden vanwege de tweede nationaliteit."),
    ):
        plan.measure_propose(
            actor=director, case=case, measure_code=code, owner=owner, goal=goal, review=review, channel="sandbox"
        )
    return 1


def require_sandbox() -> None:
    if not getattr(settings, "SANDBOX", False):
        raise NotAllowed(gettext("Oefencasussen bestaan alleen in de oefenomgeving (ketensignaal sandbox)."), code="not_sandbox")


@transaction.atomic
def sandbox_load() -> dict[str, int]:
    """Trainee accounts and the hypothetical cases, idempotently. Refuses to run outside the sandbox."""
    require_sandbox()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    users: dict[str, User] = {}
    for username, unit, roles, first in TRAINEES:
        user = User.objects.filter(username=username).first() or user_create(
            username=username,
            unit_code=unit,
            roles=roles,
            password=SANDBOX_PASSWORD,
            first_name=first,
            last_name="(oefen)",
            validate=False,
        )
        if "functional-admin" in roles and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        TOTPDevice.objects.get_or_create(user=user, name="demo", defaults={"confirmed": True})
        users[username] = user
    created = 0
    for key, username, _lesson, body in CASES:
        reporter = users[username]
        if IdempotencyRecord.objects.filter(user=reporter, key=key).exists():
            continue
        routing.signal_submit(actor=reporter, data=parse_signal_input(body), idempotency_key=key, channel="sandbox")
        created += 1
    conference_cases = _conference_case(users["oefen-gemeente"])
    return {"trainees": len(users), "cases": created, "conference_cases": conference_cases}


@dataclass(frozen=True)
class DebriefLine:
    at: Any
    about: str
    action: str
    to: str
    note: str


def debrief(*, user: Any) -> dict[str, list[DebriefLine]]:
    """What each trainee did, for the trainer's debrief: every hop and action on the hypothetical signals, and every
    step in the hypothetical case conference (phase changes, measures, choices at interference warnings), in order.
    Sandbox only."""
    from ketensignaal.conferences.models import Measure, MeasureWarning, PhaseChange

    if not getattr(settings, "SANDBOX", False):
        raise Http404
    if not (user.is_authenticated and set(user.role_codes) & TRAINER_ROLES):
        raise Http404
    lines: list[tuple[str, DebriefLine]] = []
    events = SignalEvent.objects.filter(by__username__startswith=TRAINEE_PREFIX).select_related("by", "signal", "to_unit")
    for e in events:
        note = e.note or e.reason or ""
        lines.append(
            (
                e.by.display_name,
                DebriefLine(
                    e.at,
                    e.signal.reference,
                    str(e.get_action_display()),
                    e.to_unit.name if e.to_unit else "",
                    f"{note} ({e.outcome})" if e.outcome else note,
                ),
            )
        )
    trainee = {"by__username__startswith": TRAINEE_PREFIX}
    for change in PhaseChange.objects.filter(**trainee).select_related("by", "case"):
        label = str(change.get_to_phase_display())
        lines.append(
            (change.by.display_name if change.by else "", DebriefLine(change.at, change.case.reference, label, "", change.reason))
        )
    for measure in Measure.objects.filter(proposed_by__username__startswith=TRAINEE_PREFIX).select_related(
        "proposed_by", "case", "measure_type", "owner"
    ):
        lines.append(
            (
                measure.proposed_by.display_name,
                DebriefLine(
                    measure.proposed_at,
                    measure.case.reference,
                    in_reader_language(measure.measure_type, "label"),
                    measure.owner.name,
                    measure.goal,
                ),
            )
        )
    for warning in MeasureWarning.objects.filter(acknowledged_by__username__startswith=TRAINEE_PREFIX).select_related(
        "acknowledged_by", "case"
    ):
        lines.append(
            (
                warning.acknowledged_by.display_name if warning.acknowledged_by else "",
                DebriefLine(warning.acknowledged_at, warning.case.reference, str(warning.get_choice_display()), "", warning.note),
            )
        )
    # Grouped by the trainee's name as colleagues know it (User.display_name), never the account name.
    out: dict[str, list[DebriefLine]] = {}
    for name, line in sorted(lines, key=lambda item: (item[0], item[1].at)):
        out.setdefault(name, []).append(line)
    return out
