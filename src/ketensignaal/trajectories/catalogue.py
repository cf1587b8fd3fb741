"""Starter set of weighing criteria, phase formats and factors (seeds 000 and 002).

Loaded by a data migration and by the demo; only creates what is missing, so
the functional administrator's later edits are never overwritten.
"""

from __future__ import annotations

from typing import Any

CRITERIA = [
    (
        "binnen-opdracht",
        "Valt de vraag binnen de opdracht van het LIV (zorgen over radicalisering én over de psychische gesteldheid)?",
        "Zaken in een strafrechtelijke procedure of met (dreigend) geweld horen bij de veiligheidspartners.",
    ),
    (
        "proportionaliteit",
        "Is inzet van het LIV proportioneel ten opzichte van de zorgen?",
        "Weeg af of lichtere zorg of ondersteuning via de opdrachtgever volstaat.",
    ),
    ("legitimiteit", "Is inzet van het LIV legitiem (grondslag, rol, en de positie van de persoon)?", ""),
    ("opdrachtgever", "Is er een opdrachtgever (COA of gemeente) die het advies kan opvolgen?", ""),
]

FORMATS: dict[str, list[dict[str, Any]]] = {
    "intake": [
        {
            "key": "aanleiding",
            "label": "Aanleiding en zorgen van de aanmelder",
            "required": True,
            "help": "Wat is er gezien of gehoord, door wie?",
        },
        {"key": "beschikbare_informatie", "label": "Beschikbare informatie en bronnen", "required": True, "help": ""},
        {"key": "betrokken_hulpverlening", "label": "Betrokken hulpverlening en zorg", "required": False, "help": ""},
    ],
    "interpretation": [
        {
            "key": "verloop_gesprekken",
            "label": "Gesprekken en observaties",
            "required": True,
            "help": "Met wie is gesproken, met of zonder tolk?",
        },
        {
            "key": "duiding",
            "label": "Duiding van het gedrag",
            "required": True,
            "help": "Onbegrepen gedrag kan een psychische oorzaak hebben.",
        },
    ],
    "advice": [
        {"key": "samenvatting", "label": "Samenvatting voor de opdrachtgever", "required": True, "help": ""},
        {"key": "zorg_ondersteuning", "label": "Aanbevolen zorg en ondersteuning", "required": True, "help": ""},
    ],
    "closure": [
        {
            "key": "afstemming_opdrachtgever",
            "label": "Afstemming met de opdrachtgever over het advies",
            "required": True,
            "help": "",
        },
    ],
}

# (code, kind, story phase, label, description)
FACTORS = [
    ("geweld-herkomst", "risk", "origin", "Meegemaakt geweld", "Geweld in het land van herkomst, als slachtoffer of getuige."),
    ("verlies-familie", "risk", "origin", "Verlies van familie", "Overlijden of vermissing van gezinsleden."),
    ("vervolging", "risk", "origin", "Vervolging of discriminatie", ""),
    ("religieuze-begeleiding", "protective", "origin", "Religieuze begeleiding door een vertrouwd persoon", ""),
    ("opleiding-herkomst", "protective", "origin", "Opleiding of werk in het land van herkomst", ""),
    ("trauma-vlucht", "risk", "flight", "Traumatische ervaringen tijdens de vlucht", ""),
    ("mensensmokkel", "risk", "flight", "Slachtoffer van mensensmokkel of -handel", ""),
    ("gescheiden-vlucht", "risk", "flight", "Gescheiden geraakt van familie tijdens de vlucht", ""),
    ("steun-vlucht", "protective", "flight", "Steun van reisgenoten of familie tijdens de vlucht", ""),
    (
        "onzekerheid-procedure",
        "risk",
        "netherlands",
        "Onzekerheid over en duur van de procedure",
        "Aanknopingspunt: de periode van onzekerheid beperken.",
    ),
    ("verhuisbewegingen", "risk", "netherlands", "Veelvuldige verhuizingen tussen opvanglocaties", ""),
    ("isolement", "risk", "netherlands", "Sociaal isolement", ""),
    ("ongewenste-beinvloeding", "risk", "netherlands", "Ongewenste beïnvloeding in of buiten de opvang", ""),
    ("psychische-klachten", "risk", "netherlands", "Psychische klachten zonder passende zorg", ""),
    ("sociale-steun", "protective", "netherlands", "Sociale steun", ""),
    ("toegang-ggz", "protective", "netherlands", "Toegang tot (geestelijke) gezondheidszorg", ""),
    ("dagbesteding", "protective", "netherlands", "Dagbesteding en dagstructuur", ""),
    (
        "weerbaarheidstraining",
        "protective",
        "netherlands",
        "Weerbaarheidstraining",
        "Bijvoorbeeld trainingen voor mentale en fysieke weerbaarheid.",
    ),
    ("contact-familie", "protective", "netherlands", "Contact met familie", ""),
    ("taal-leren", "protective", "netherlands", "Taal leren en perspectief op werk of opleiding", ""),
]


def catalogue_load(apps: Any = None) -> None:
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    criterion = apps.get_model("trajectories", "WeighingCriterion")
    phase_format = apps.get_model("trajectories", "PhaseFormat")
    factor = apps.get_model("trajectories", "FactorDefinition")
    for position, (code, label, help_text) in enumerate(CRITERIA):
        criterion.objects.get_or_create(code=code, defaults={"label": label, "help_text": help_text, "position": position})
    for phase, fields in FORMATS.items():
        if not phase_format.objects.filter(phase=phase).exists():
            phase_format.objects.create(phase=phase, version=1, fields=fields)
    for position, (code, kind, story_phase, label, description) in enumerate(FACTORS):
        factor.objects.get_or_create(
            code=code,
            defaults={"kind": kind, "story_phase": story_phase, "label": label, "description": description, "position": position},
        )
