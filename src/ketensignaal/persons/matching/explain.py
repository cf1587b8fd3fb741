"""A match explanation in the reader's language.

Matching stores each reason as data (how two name parts matched, the dates and country codes compared, the outcome)
beside a Dutch sentence. Pages render the sentence from the data when they show it, so an English reader reads
English and country names follow the reader's language. Rows stored before the data was kept (no ``dates`` or
``countries``) show the stored sentence: better than guessing.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy

from ketensignaal.intake.labels import country_name

METHOD_TEXTS = {
    "exact": gettext_lazy("exact gelijk"),
    "transliteration": gettext_lazy("gelijk na omzetting naar Latijns schrift"),
    "skeleton": gettext_lazy("zelfde medeklinkers (klinkers verschillen of ontbreken)"),
    "phonetic": gettext_lazy("klinkt hetzelfde"),
    "fuzzy": gettext_lazy("lijkt op elkaar"),
    "compound": gettext_lazy("samengesteld, aaneen of los geschreven"),
}


def _part(explanation: dict[str, Any], key: str) -> dict[str, Any]:
    value = explanation.get(key)
    return value if isinstance(value, dict) else {}


def _stored(part: dict[str, Any]) -> str:
    return str(part.get("summary") or "")


def _names_text(part: dict[str, Any]) -> str:
    tokens = part.get("tokens")
    if not isinstance(tokens, list):
        return _stored(part)
    if not tokens:
        return gettext("Geen overeenkomende naamdelen.")
    sentences = []
    for pair in tokens:
        method = pair.get("method") if isinstance(pair, dict) else None
        texts = pair.get("tokens") if isinstance(pair, dict) else None
        if method not in METHOD_TEXTS or not isinstance(texts, list) or len(texts) != 2:
            return _stored(part)
        sentences.append(
            gettext("„%(first)s” en „%(second)s”: %(how)s") % {"first": texts[0], "second": texts[1], "how": METHOD_TEXTS[method]}
        )
    return "; ".join(sentences)


def _date_of_birth_text(part: dict[str, Any]) -> str:
    outcome, dates = part.get("outcome"), part.get("dates")
    if outcome == "unknown":
        return gettext("Geboortedatum ontbreekt bij een van beide; niet vergeleken.")
    if not isinstance(dates, list) or not dates:
        return _stored(part)
    if outcome == "exact":
        return gettext("Geboortedatum gelijk (%(date)s).") % {"date": dates[0]}
    if outcome == "compatible" and len(dates) == 2:
        return gettext("Geboortedata verenigbaar (%(first)s en %(second)s; onvolledig of onzeker).") % {
            "first": dates[0],
            "second": dates[1],
        }
    if outcome == "conflict":
        return gettext("Geboortedata strijdig (%(dates)s).") % {"dates": ", ".join(str(d) for d in dates)}
    return _stored(part)


def _nationality_text(part: dict[str, Any]) -> str:
    outcome, codes = part.get("outcome"), part.get("countries")
    if outcome == "unknown":
        return gettext("Nationaliteit onbekend bij een van beide.")
    if not isinstance(codes, list) or not codes:
        return _stored(part)
    countries = ", ".join(country_name(str(code)) for code in codes)
    if outcome == "agree":
        return gettext("Nationaliteit gelijk (%(countries)s).") % {"countries": countries}
    if outcome == "conflict":
        return gettext("Nationaliteit verschilt (%(countries)s).") % {"countries": countries}
    return _stored(part)


def _v_number_text(part: dict[str, Any]) -> str:
    outcome = part.get("outcome")
    if outcome == "exact":
        return gettext("V-nummer exact gelijk.")
    if outcome == "none":
        return gettext("Geen gelijk V-nummer.")
    return _stored(part)


def explanation_for_reader(explanation: dict[str, Any] | None) -> dict[str, Any]:
    """The explanation with each ``summary`` said in the active language; everything else as stored.

    The matching result itself (outcomes, similarity, order) is untouched: only the words change.
    """
    if not isinstance(explanation, dict):
        return {}
    shown: dict[str, Any] = dict(explanation)
    for key, render in (
        ("names", _names_text),
        ("date_of_birth", _date_of_birth_text),
        ("nationality", _nationality_text),
        ("v_number", _v_number_text),
    ):
        part = _part(explanation, key)
        if part:
            shown[key] = {**part, "summary": render(part)}
    return shown
