"""Starter set of weighing criteria, phase formats and factors (seeds 000 and 002), in Dutch with English beside it.

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


# The English of every Dutch text above, for English readers (``label_en``, ``help_text_en``, ``description_en``,
# and ``label_en``/``help_en`` in a format's fields).
ENGLISH = {
    # weighing criteria and their help texts
    "Valt de vraag binnen de opdracht van het LIV (zorgen over radicalisering én over de psychische gesteldheid)?": (
        "Does the question fall within the LIV's remit (concerns about radicalisation and about mental health)?"
    ),
    "Zaken in een strafrechtelijke procedure of met (dreigend) geweld horen bij de veiligheidspartners.": (
        "Cases in criminal proceedings or with (threatened) violence belong with the security partners."
    ),
    "Is inzet van het LIV proportioneel ten opzichte van de zorgen?": "Is deploying the LIV proportionate to the concerns?",
    "Weeg af of lichtere zorg of ondersteuning via de opdrachtgever volstaat.": (
        "Weigh whether lighter care or support through the commissioning party is enough."
    ),
    "Is inzet van het LIV legitiem (grondslag, rol, en de positie van de persoon)?": (
        "Is deploying the LIV legitimate (legal basis, role, and the person's position)?"
    ),
    "Is er een opdrachtgever (COA of gemeente) die het advies kan opvolgen?": (
        "Is there a commissioning party (COA or municipality) that can follow up the advice?"
    ),
    # phase formats
    "Aanleiding en zorgen van de aanmelder": "Reason and concerns of the referrer",
    "Wat is er gezien of gehoord, door wie?": "What was seen or heard, and by whom?",
    "Beschikbare informatie en bronnen": "Available information and sources",
    "Betrokken hulpverlening en zorg": "Support and care involved",
    "Gesprekken en observaties": "Conversations and observations",
    "Met wie is gesproken, met of zonder tolk?": "Who was spoken to, with or without an interpreter?",
    "Duiding van het gedrag": "Interpretation of the behaviour",
    "Onbegrepen gedrag kan een psychische oorzaak hebben.": "Misunderstood behaviour can have a psychological cause.",
    "Samenvatting voor de opdrachtgever": "Summary for the commissioning party",
    "Aanbevolen zorg en ondersteuning": "Recommended care and support",
    "Afstemming met de opdrachtgever over het advies": "Consultation with the commissioning party about the advice",
    # risk and protective factors
    "Meegemaakt geweld": "Violence experienced",
    "Geweld in het land van herkomst, als slachtoffer of getuige.": "Violence in the country of origin, as a victim or witness.",
    "Verlies van familie": "Loss of family",
    "Overlijden of vermissing van gezinsleden.": "Death or disappearance of family members.",
    "Vervolging of discriminatie": "Persecution or discrimination",
    "Religieuze begeleiding door een vertrouwd persoon": "Religious guidance by a trusted person",
    "Opleiding of werk in het land van herkomst": "Education or work in the country of origin",
    "Traumatische ervaringen tijdens de vlucht": "Traumatic experiences during the flight",
    "Slachtoffer van mensensmokkel of -handel": "Victim of people smuggling or trafficking",
    "Gescheiden geraakt van familie tijdens de vlucht": "Separated from family during the flight",
    "Steun van reisgenoten of familie tijdens de vlucht": "Support from fellow travellers or family during the flight",
    "Onzekerheid over en duur van de procedure": "Uncertainty about and length of the procedure",
    "Aanknopingspunt: de periode van onzekerheid beperken.": "Point of action: shorten the period of uncertainty.",
    "Veelvuldige verhuizingen tussen opvanglocaties": "Frequent moves between reception locations",
    "Sociaal isolement": "Social isolation",
    "Ongewenste beïnvloeding in of buiten de opvang": "Unwanted influence inside or outside reception",
    "Psychische klachten zonder passende zorg": "Psychological complaints without suitable care",
    "Sociale steun": "Social support",
    "Toegang tot (geestelijke) gezondheidszorg": "Access to (mental) health care",
    "Dagbesteding en dagstructuur": "Daytime activities and daily structure",
    "Weerbaarheidstraining": "Resilience training",
    "Bijvoorbeeld trainingen voor mentale en fysieke weerbaarheid.": "For example training in mental and physical resilience.",
    "Contact met familie": "Contact with family",
    "Taal leren en perspectief op werk of opleiding": "Learning the language and prospects of work or education",
}


def _english(dutch: str) -> str:
    return ENGLISH.get(dutch, "") if dutch else ""


def _with_english(model: Any, defaults: dict[str, Any], **english: str) -> dict[str, Any]:
    """``defaults`` plus the English texts, when ``model`` has the English fields (migration 0002 loads the starter
    set into the models as they were before; migration 0004 adds the English there)."""
    names = {field.name for field in model._meta.get_fields()}
    return {**defaults, **{name: value for name, value in english.items() if name in names}}


def format_fields_with_english(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A format's fields with the English label and help added where the catalogue knows them and none was set."""
    out = []
    for item in fields:
        item = dict(item)
        if not item.get("label_en") and _english(item.get("label", "")):
            item["label_en"] = _english(item["label"])
        if not item.get("help_en") and _english(item.get("help", "")):
            item["help_en"] = _english(item["help"])
        out.append(item)
    return out


def catalogue_load(apps: Any = None) -> None:
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    criterion = apps.get_model("trajectories", "WeighingCriterion")
    phase_format = apps.get_model("trajectories", "PhaseFormat")
    factor = apps.get_model("trajectories", "FactorDefinition")
    for position, (code, label, help_text) in enumerate(CRITERIA):
        criterion.objects.get_or_create(
            code=code,
            defaults=_with_english(
                criterion,
                {"label": label, "help_text": help_text, "position": position},
                label_en=_english(label),
                help_text_en=_english(help_text),
            ),
        )
    for phase, fields in FORMATS.items():
        if not phase_format.objects.filter(phase=phase).exists():
            phase_format.objects.create(phase=phase, version=1, fields=format_fields_with_english(fields))
    for position, (code, kind, story_phase, label, description) in enumerate(FACTORS):
        factor.objects.get_or_create(
            code=code,
            defaults=_with_english(
                factor,
                {"kind": kind, "story_phase": story_phase, "label": label, "description": description, "position": position},
                label_en=_english(label),
                description_en=_english(description),
            ),
        )
