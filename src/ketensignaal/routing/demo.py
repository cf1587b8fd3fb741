"""Demo signals at various hops of every reporting line, created through the real services.

Because everything goes through ``signal_submit`` and the hop services, each demo
signal has a consistent history and processing log. Idempotent: each signal is
keyed (Idempotency-Key per demo reporter) and skipped when it already exists.
The persons are invented; names are in their original scripts on purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from ketensignaal.intake.models import IdempotencyRecord
from ketensignaal.intake.validation import parse_signal_input
from ketensignaal.routing import services

Step = tuple[str, str, dict[str, Any]]  # (action, username, keyword arguments)

JUSTIFY = (
    "Uitspraken en gedrag wijzen samen op mogelijke betrokkenheid; verrijking "
    "en beoordeling door de ontvanger zijn nodig en evenredig."
)


def _body(
    names: list[dict[str, str]],
    *,
    days_ago: int,
    text: str,
    kind: str = "statement",
    categories: list[str] | None = None,
    touchpoint: str = "opvanglocatie",
    **extra: Any,
) -> dict[str, Any]:
    subject = {"names": names, **extra.pop("subject", {})}
    return {
        "subject": subject,
        "observation": {"type": kind, "text": text, "observed_at": (timezone.now() - timedelta(days=days_ago)).isoformat()},
        "categories": categories or ["radicalisering"],
        "touchpoint": touchpoint,
        "grading": extra.pop("grading", {"source": "B", "information": "2"}),
        "handling_code": extra.pop("handling_code", "AMBER"),
        **extra,
    }


DEMO_SIGNALS: list[tuple[str, str, dict[str, Any], list[Step]]] = [
    (
        "coa.terapel",
        "demo-01",
        _body(
            [{"name": "Khaled Al-Masri", "script": "Latn"}, {"name": "خالد المصري", "script": "Arab"}],
            days_ago=1,
            text=(
                "Bewoner sprak in de gemeenschappelijke ruimte goedkeurend over een "
                "recente aanslag en probeerde medebewoners mee te krijgen."
            ),
            subject={
                "v_number": "2034567811",
                "date_of_birth": "1996",
                "date_of_birth_uncertain": True,
                "nationality": "SYR",
                "minor": False,
                "identity_basis": "plausible",
                "current_location": "COA Ter Apel, unit C",
            },
        ),
        [],
    ),
    (
        "coa.terapel",
        "demo-02",
        _body(
            [{"name": "Tesfay Gebremichael", "script": "Latn"}, {"name": "ተስፋይ ገብረሚካኤል", "script": "Ethi"}],
            days_ago=3,
            kind="co-resident",
            categories=["mensenhandel-smokkel"],
            text="Medebewoner vertelt dat de bewoner schulden bij een smokkelaar moet afbetalen en 's nachts wordt opgehaald.",
            subject={"nationality": "ERI", "minor": True, "date_of_birth": "2009-04"},
        ),
        [
            ("take", "coa.bv", {}),
            ("forward", "coa.bv", {"to_unit": "coa.adviseur-nv", "note": "Mogelijk minderjarig slachtoffer; graag advies."}),
        ],
    ),
    (
        "coa.budel",
        "demo-03",
        _body(
            [{"name": "Alireza Rezaei", "script": "Latn"}, {"name": "علی‌رضا رضایی", "script": "Arab"}],
            days_ago=6,
            categories=["terrorisme", "psychische-zorgen"],
            kind="behaviour",
            text="Toont op zijn telefoon propagandavideo's aan jongere bewoners; trekt zich verder terug en slaapt slecht.",
            subject={"nationality": "AFG", "date_of_birth": "1999-11-02", "identity_basis": "document"},
        ),
        [
            ("take", "coa.bv", {}),
            ("note", "coa.bv", {"note": "Locatiemanager bevestigt het gedrag; geen acute dreiging."}),
            ("forward", "coa.bv", {"to_unit": "coa.adviseur-nv"}),
            (
                "forward",
                "coa.adviseur",
                {"to_unit": "ind.tsz", "justification": JUSTIFY, "note": "Graag verrijken met het IND-dossier."},
            ),
            ("take", "ind.tsz", {}),
        ],
    ),
    (
        "coa.budel",
        "demo-04",
        _body(
            [{"name": "Yusuf Haddad", "script": "Latn"}, {"name": "يوسف حداد", "script": "Arab"}],
            days_ago=0,
            kind="statement",
            categories=["openbare-orde", "terrorisme"],
            acute=True,
            handling_code="RED",
            grading={"source": "A", "information": "2"},
            text=(
                "Bewoner kondigde aan vanavond bij de kerstmarkt 'iets te gaan doen' en toonde een mes. Politie is gebeld (112)."
            ),
        ),
        [],
    ),
    (
        "coa.terapel",
        "demo-05",
        _body(
            [{"name": "Ahmad Karimi"}],
            days_ago=4,
            text="Uitspraak tijdens het individuele gesprek over radicalisering; context onduidelijk.",
            subject={"nationality": "XXX"},
        ),
        [("return", "coa.bv", {"note": "Kunt u aangeven wie het gesprek voerde en wat er letterlijk is gezegd?"})],
    ),
    (
        "ind.aanmeld",
        "demo-06",
        _body(
            [{"name": "Oleksandr Kovalenko", "script": "Latn"}, {"name": "Олександр Коваленко", "script": "Cyrl"}],
            days_ago=8,
            categories=["internationale-misdrijven"],
            touchpoint="aanmeldgehoor",
            text=(
                "Verklaarde in het aanmeldgehoor te hebben gediend bij een eenheid "
                "die bij executies van krijgsgevangenen betrokken was."
            ),
            subject={"v_number": "3045678122", "nationality": "RUS", "date_of_birth": "1988-06-14", "identity_basis": "document"},
            hearing_mode="in-person",
        ),
        [("take", "ind.handhaving", {}), ("forward", "ind.handhaving", {"to_unit": "ind.unit-1f", "note": "Mogelijk 1F."})],
    ),
    (
        "ind.aanmeld",
        "demo-07",
        _body(
            [{"name": "Samir Benali"}],
            days_ago=2,
            kind="database",
            categories=["identiteitsfraude"],
            touchpoint="id-registratie",
            text="Treffer in SIS II op een eerder gebruikte identiteit met andere geboortedatum.",
            subject={"date_of_birth": "1990", "date_of_birth_uncertain": True, "nationality": "DZA"},
            data_carrier_handling="quick-scan",
        ),
        [("take", "ind.handhaving", {})],
    ),
    (
        "politie.avim",
        "demo-08",
        _body(
            [{"name": "Dawit Haile", "script": "Latn"}, {"name": "ዳዊት ሃይለ", "script": "Ethi"}],
            days_ago=5,
            kind="data-carrier",
            categories=["mensenhandel-smokkel"],
            touchpoint="id-registratie",
            data_carrier_handling="read-out",
            text="Telefoon bevat contacten en betalingsberichten die passen bij een smokkelnetwerk via Libië.",
            subject={"nationality": "ETH"},
        ),
        [],
    ),
    (
        "kmar.ir",
        "demo-09",
        _body(
            [{"name": "Rustam Dzhabrailov", "script": "Latn"}, {"name": "Рустам Джабраилов", "script": "Cyrl"}],
            days_ago=7,
            kind="data-carrier",
            categories=["terrorisme"],
            touchpoint="id-registratie",
            data_carrier_handling="quick-scan",
            text="Bij de quick-scan van de telefoon foto's in gevechtskleding met vlag van een terroristische organisatie.",
            subject={"nationality": "RUS", "identity_basis": "plausible"},
        ),
        [("take", "kmar.intel", {}), ("forward", "kmar.intel", {"to_unit": "politie.cter", "justification": JUSTIFY})],
    ),
    (
        "kmar.ir",
        "demo-10",
        _body(
            [{"name": "Omar Farouk"}],
            days_ago=1,
            kind="behaviour",
            categories=["identiteitsfraude"],
            touchpoint="intake-poort",
            text="Reisdocument vertoont tekenen van vervalsing; persoon wisselde van verklaring over de reisroute.",
            subject={"nationality": "EGY"},
        ),
        [],
    ),
    (
        "dtv.medewerker",
        "demo-11",
        _body(
            [{"name": "Abdirahman Warsame"}],
            days_ago=2,
            categories=["radicalisering"],
            touchpoint="na-besluit",
            text="Tijdens het vertrekgesprek uitte de persoon dreigende taal jegens 'ongelovigen' in Nederland.",
            subject={"nationality": "SOM", "v_number": "4056789133"},
        ),
        [],
    ),
    (
        "gemeente.utrecht",
        "demo-12",
        _body(
            [{"name": "Hamza El Idrissi"}],
            days_ago=20,
            kind="witness",
            categories=["extremisme"],
            touchpoint="gemeente",
            text="Wijkteam meldt dat de persoon online materiaal van een extremistische beweging deelt.",
            subject={"nationality": "XXA"},
        ),
        [
            ("take", "ind.tsz", {}),
            ("close", "ind.tsz", {"outcome": "monitoring", "note": "Geen aanwijzingen voor geweld; gemeente houdt contact."}),
        ],
    ),
    (
        "coa.terapel",
        "demo-13",
        _body(
            [{"name": "Bilal Hussein", "script": "Latn"}, {"name": "بلال حسين", "script": "Arab"}],
            days_ago=25,
            categories=["terrorisme"],
            text="Bewoner zei een oom te hebben die in Syrië voor een terroristische groep vocht en daar trots op te zijn.",
        ),
        [
            ("forward", "coa.bv", {"to_unit": "coa.adviseur-nv"}),
            ("forward", "coa.adviseur", {"to_unit": "ind.tsz", "justification": JUSTIFY}),
            ("take", "ind.tsz", {}),
            ("close", "ind.tsz", {"outcome": "referred-police-cter", "note": "Voorgelegd aan politie CTER."}),
        ],
    ),
]

_ACTIONS: dict[str, Callable[..., Any]] = {
    "take": services.signal_take,
    "note": services.signal_add_note,
    "return": services.signal_return,
    "forward": services.signal_forward,
    "close": services.signal_close,
}


def demo_load(*, users: dict[str, Any]) -> None:
    for username, key, data, steps in DEMO_SIGNALS:
        reporter = users.get(username)
        if reporter is None or IdempotencyRecord.objects.filter(user=reporter, key=key).exists():
            continue
        signal, created = services.signal_submit(
            actor=reporter, data=parse_signal_input(data), idempotency_key=key, channel="web"
        )
        if not created:
            continue
        for action, actor_name, kwargs in steps:
            _ACTIONS[action](actor=users[actor_name], signal_id=signal.pk, channel="web", **kwargs)
