"""The 38 measures of the Actieprogramma Integrale Aanpak Jihadisme (2014), as reference data.

Source: seed 004 (Inspectie VenJ, evaluation of the action programme), appendix I — the list of measures by theme,
marked with whether the Inspectorate examined the measure itself. Titles are short paraphrases, not quotations.

The responsible organisation: where seed 004 names who executes or is competent for a measure (chapters 3–5), that is
recorded with ``named_in_source=True`` and the place in the source; where the seed does not name one, the entry is a
design assumption (``named_in_source=False``) that the coordinating unit can correct in the admin.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The themes' names in the reader's language (pages, PDF, admin filter, the API's ``theme_label``).
THEMES: dict[str, Promise] = {
    "risk-reduction": _("Risicoreductie jihadgangers"),
    "travel-intervention": _("Interventies bij uitreis"),
    "recruiters": _("Aanpak van verspreiders en ronselaars"),
    "counter-radicalisation": _("Radicalisering tegengaan"),
    "online": _("Sociale media en internet"),
    "cooperation-local": _("Informatie-uitwisseling en samenwerking: lokaal"),
    "cooperation-national": _("Informatie-uitwisseling en samenwerking: nationaal"),
    "cooperation-international": _("Informatie-uitwisseling en samenwerking: internationaal"),
}

APPENDIX = "Actieprogramma Integrale Aanpak Jihadisme, bijlage I"

# (number, theme, title, responsible, named in source, examined by the Inspectorate, where in the source)
MEASURES: list[tuple[int, str, str, str, bool, bool, str]] = [
    (
        1,
        "risk-reduction",
        "Strafrechtelijk onderzoek naar bekende uitreizigers die zich bij een terroristische strijdgroep aansluiten",
        "Openbaar Ministerie",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: alleen het OM beslist over vervolging",
    ),
    (
        2,
        "risk-reduction",
        "Verdachten en veroordeelden van terroristische misdrijven direct op een Terroristenafdeling plaatsen",
        "Dienst Justitiële Inrichtingen",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: plaatsing op de TA in PI Vught en PI De Schie",
    ),
    (
        3,
        "risk-reduction",
        "Terugkeerders via het strafrecht langdurig onder toezicht stellen",
        "Reclassering Nederland (toezicht op bijzondere voorwaarden)",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: reclasseringstoezicht",
    ),
    (
        4,
        "risk-reduction",
        "Nederlanderschap intrekken bij bekende uitreizigers die zich bij een strijdgroep aansluiten",
        "IND, namens de minister van VenJ",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: vreemdelingrechtelijke maatregelen",
    ),
    (
        5,
        "risk-reduction",
        "Bekende uitreizigers met een niet-EU-nationaliteit ongewenst verklaren voor het Schengengebied",
        "IND, namens de minister van VenJ",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: vreemdelingrechtelijke maatregelen",
    ),
    (
        6,
        "risk-reduction",
        "Uitreizigers met een andere nationaliteit melden bij de autoriteiten van dat land",
        "Ministerie van Buitenlandse Zaken",
        False,
        True,
        APPENDIX,
    ),
    (
        7,
        "risk-reduction",
        "Nederlandse reisdocumenten van vermoedelijke aansluiters signaleren voor vervallenverklaring of weigering",
        "Minister van VenJ, op verzoek van politie of gemeente",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: paspoortmaatregel",
    ),
    (
        8,
        "risk-reduction",
        "Bekende aansluiters op de nationale terrorismelijst plaatsen (tegoeden bevriezen)",
        "Minister van Buitenlandse Zaken (bevriezingsoverleg)",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: bevriezingsmaatregel",
    ),
    (
        9,
        "risk-reduction",
        "Uitreizigers uitschrijven uit de BRP en uitkeringen, toelagen en studiefinanciering beëindigen",
        "Gemeenten en uitkerende instanties",
        False,
        True,
        APPENDIX,
    ),
    (10, "risk-reduction", "Het moeilijker maken om aan middelen voor een aanslag te komen", "NCTV", False, False, APPENDIX),
    (
        11,
        "risk-reduction",
        "Bestuurlijke maatregelen zoals locatieverbod en meldplicht (Tijdelijke wet bestuurlijke maatregelen)",
        "Minister van VenJ, in overleg met de burgemeester",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: bestuurlijke maatregelen",
    ),
    (
        12,
        "risk-reduction",
        "Consulaire bijstand via ambassades in buurlanden van strijdgebieden",
        "Ministerie van Buitenlandse Zaken",
        False,
        False,
        APPENDIX,
    ),
    (
        13,
        "risk-reduction",
        "Een exit-faciliteit oprichten voor wie uit het jihadisme wil stappen",
        "Stichting Fier Fryslân, met subsidie van het ministerie van VenJ",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: exit-faciliteit",
    ),
    (
        14,
        "travel-intervention",
        "Strafrechtelijk ingrijpen bij een redelijke verdenking van uitreis",
        "Openbaar Ministerie",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: strafrechtelijk ingrijpen",
    ),
    (
        15,
        "travel-intervention",
        "Reisdocumenten, ook identiteitskaarten, signaleren bij gegronde vermoedens van uitreis",
        "Minister van VenJ, op verzoek van politie of gemeente",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: paspoortmaatregel",
    ),
    (
        16,
        "travel-intervention",
        "De directe omgeving waarschuwen bij vermoedelijke uitreis",
        "Gemeenten",
        True,
        True,
        "Actieprogramma, paragraaf 3.2.1",
    ),
    (
        17,
        "travel-intervention",
        "Kinderbeschermingsmaatregelen bij vermoedelijke uitreis met een minderjarige",
        "Raad voor de Kinderbescherming (verzoek aan de kinderrechter)",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: kinderbeschermingsmaatregelen",
    ),
    (
        18,
        "recruiters",
        "Strafrechtelijk ingrijpen bij ronselen voor de gewapende strijd",
        "Openbaar Ministerie",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: alleen het OM beslist over vervolging",
    ),
    (
        19,
        "recruiters",
        "Voorrang voor strafrechtelijk optreden tegen haatzaaien en oproepen tot geweld",
        "Openbaar Ministerie",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: alleen het OM beslist over vervolging",
    ),
    (
        20,
        "recruiters",
        "Facilitatoren en verspreiders van jihadistische propaganda verstoren",
        "Politie en gemeenten",
        False,
        True,
        APPENDIX,
    ),
    (
        21,
        "counter-radicalisation",
        "Samenwerken met de islamitische gemeenschap",
        "Gemeenten",
        True,
        False,
        "Actieprogramma, paragraaf 3.2.1: gemeenten voeren het preventieve beleid uit",
    ),
    (
        22,
        "counter-radicalisation",
        "Netwerken van lokale en landelijke sleutelfiguren versterken",
        "Gemeenten",
        True,
        False,
        "Actieprogramma, paragraaf 3.2.1: gemeenten voeren het preventieve beleid uit",
    ),
    (
        23,
        "counter-radicalisation",
        "Steun voor betrokken burgers, onder meer via het familiesteunpunt",
        "Gemeenten; familiesteunpunt bij Stichting Fier Fryslân",
        True,
        False,
        "Actieprogramma, paragraaf 3.2.1 en paragraaf 4.2",
    ),
    (24, "counter-radicalisation", "Onderwijsinstellingen ondersteunen", "Ministerie van OCW", False, False, APPENDIX),
    (
        25,
        "counter-radicalisation",
        "Een expertisecentrum voor maatschappelijke spanningen en radicalisering oprichten",
        "Ministerie van SZW (Expertise-unit Sociale Stabiliteit)",
        False,
        True,
        APPENDIX,
    ),
    (
        26,
        "counter-radicalisation",
        "Gerichte inzet op radicaliserende jongeren in lokale risicogebieden",
        "Gemeenten",
        True,
        True,
        "Actieprogramma, paragraaf 3.2.1: gemeenten voeren het preventieve beleid uit",
    ),
    (
        27,
        "counter-radicalisation",
        "Maatschappelijke tegengeluiden mobiliseren en weerbaarheid versterken",
        "Ministerie van SZW",
        False,
        False,
        APPENDIX,
    ),
    (
        28,
        "counter-radicalisation",
        "Het maatschappelijke debat over de grenzen van de rechtsstaat",
        "Ministerie van SZW",
        False,
        False,
        APPENDIX,
    ),
    (
        29,
        "online",
        "Verspreiding van radicaliserende en haatzaaiende jihadistische inhoud online bestrijden",
        "NCTV en politie",
        False,
        True,
        APPENDIX,
    ),
    (
        30,
        "cooperation-local",
        "Het kabinet steunt de lokale aanpak in prioritaire gebieden (casusoverleggen)",
        "NCTV, met de betrokken gemeenten",
        True,
        True,
        "Actieprogramma, paragraaf 3.2.1: gemeenten organiseren het casusoverleg",
    ),
    (
        31,
        "cooperation-local",
        "De samenwerking tussen Rijk en betrokken gemeenten voortzetten",
        "NCTV en gemeenten",
        False,
        True,
        APPENDIX,
    ),
    (32, "cooperation-national", "De coördinatie op de uitvoering versterken", "NCTV", False, True, APPENDIX),
    (
        33,
        "cooperation-national",
        "Voorrang voor de financiële aanpak van jihadisten",
        "NCTV, met OM en ministerie van Financiën",
        False,
        True,
        APPENDIX,
    ),
    (
        34,
        "cooperation-national",
        "Jihadistische reisbewegingen beter opsporen",
        "Koninklijke Marechaussee (grenstoezicht)",
        True,
        True,
        "Actieprogramma, paragraaf 4.2: grenstoezicht",
    ),
    (
        35,
        "cooperation-national",
        "Deskundigheid in de uitvoering bevorderen (vakopleiding, training eerstelijnswerkers)",
        "NCTV (Rijksopleidingsinstituut tegengaan Radicalisering)",
        True,
        True,
        "Actieprogramma, paragraaf 5.1",
    ),
    (
        36,
        "cooperation-international",
        "Internationale samenwerking en aanpak van jihadgangers intensiveren",
        "Ministerie van Buitenlandse Zaken en NCTV",
        False,
        False,
        APPENDIX,
    ),
    (
        37,
        "cooperation-international",
        "Bestaande signaleringsmiddelen beter benutten",
        "Politie en Koninklijke Marechaussee",
        False,
        False,
        APPENDIX,
    ),
    (
        38,
        "cooperation-international",
        "Proactief informatie uitwisselen met andere landen",
        "AIVD, politie en NCTV",
        False,
        False,
        APPENDIX,
    ),
]


def programme_measures_load(apps: Any = None) -> int:
    """Create the measures that are missing (idempotent); never overwrites what the functional admin corrected.

    ``apps`` is the migration state's registry, or None. Returns how many were created.
    """
    from ketensignaal.reporting.models import ProgrammeMeasure

    model: Any = ProgrammeMeasure if apps is None else apps.get_model("reporting", "ProgrammeMeasure")
    created = 0
    for number, theme, title, responsible, named, examined, source in MEASURES:
        _row, was_created = model.objects.get_or_create(
            number=number,
            defaults={
                "theme": theme,
                "title": title,
                "responsible": responsible,
                "responsible_named_in_source": named,
                "examined_by_inspectorate": examined,
                "source_note": source if named else f"{APPENDIX}; verantwoordelijke: ontwerpaanname",
            },
        )
        created += int(was_created)
    return created
