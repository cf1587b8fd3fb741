"""Names for the codes the domain stores, as a screen shows them: a country or nationality by its name (never
"SYR"), a writing system by its name (never "Latn" or "(?)"). The codes stay what the API and the data carry."""

from __future__ import annotations

from functools import cache

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

# ICAO 9303 codes that are no country: the person's status (stateless, refugee) or that the nationality is unknown.
SPECIAL_NATIONALITY_LABELS = {
    "XXX": gettext_lazy("Onbekend"),
    "XXA": gettext_lazy("Staatloos"),
    "XXB": gettext_lazy("Vluchteling (Verdrag 1951)"),
    "XXC": gettext_lazy("Vluchteling (overig)"),
}

# ISO 15924 codes most often met in the chain, by name.
SCRIPT_NAMES = {
    "Latn": gettext_lazy("Latijns schrift"),
    "Arab": gettext_lazy("Arabisch schrift"),
    "Ethi": gettext_lazy("Ge'ez-schrift"),
    "Cyrl": gettext_lazy("Cyrillisch schrift"),
    "Geor": gettext_lazy("Georgisch schrift"),
    "Armn": gettext_lazy("Armeens schrift"),
    "Hebr": gettext_lazy("Hebreeuws schrift"),
    "Deva": gettext_lazy("Devanagari"),
    "Beng": gettext_lazy("Bengaals schrift"),
    "Hans": gettext_lazy("Chinees, vereenvoudigd"),
    "Hant": gettext_lazy("Chinees, traditioneel"),
    "Mymr": gettext_lazy("Birmaans schrift"),
    "Thaa": gettext_lazy("Thaana"),
    "Syrc": gettext_lazy("Syrisch schrift"),
    "Grek": gettext_lazy("Grieks schrift"),
}


@cache
def country_names(language: str = "nl") -> dict[str, str]:
    """Country names by ISO 3166 alpha-3 code in ``language``, from ICU (Kosovo's user-assigned XKX added)."""
    import icu

    display = icu.Locale(language)
    names = {}
    for alpha2 in icu.Locale.getISOCountries():
        locale = icu.Locale("", alpha2)
        if alpha3 := locale.getISO3Country():
            names[alpha3.upper()] = locale.getDisplayCountry(display)
    names["XKX"] = "Kosovo"
    return names


def _language() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def country_name(code: str | None) -> str:
    """The nationality or country named in the active language; an unknown code as "onbekend land"."""
    value = (code or "").strip().upper()
    if not value:
        return ""
    if value in SPECIAL_NATIONALITY_LABELS:
        return str(SPECIAL_NATIONALITY_LABELS[value])
    return country_names(_language()).get(value) or _("onbekend land")


def script_name(code: str | None) -> str:
    """The writing system named in the active language; empty or unlisted codes as "schrift onbekend"."""
    value = (code or "").strip()
    if value in SCRIPT_NAMES:
        return str(SCRIPT_NAMES[value])
    return _("schrift onbekend")
