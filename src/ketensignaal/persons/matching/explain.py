"""A match explanation in the reader's language.

Matching stores each reason as data (how two name parts matched, the dates and country codes compared, the outcome)
beside a Dutch sentence. Pages and the API render the sentence from the data when they show it, so an English reader
reads English and country names follow the reader's language.

Rows stored before the dates and country codes were kept (match proposals, match decisions, watch-list hits) have only
the sentence for those two. Matching wrote it from a fixed pattern, so the dates and countries are read back from it
(``_stored_dates``, ``_stored_countries``) and accepted only when the Dutch sentence made from them is exactly the one
stored; anything else keeps showing the stored sentence. The rows themselves are not rewritten: a match decision's
explanation is evaluation data, kept as it was when the person decided.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from ketensignaal.core.dates import birth_date_text
from ketensignaal.intake.labels import SPECIAL_NATIONALITY_LABELS, country_name, country_names

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


# The sentences matching wrote before the dates and countries were kept beside them (compare.py, dates.py).
_STORED_DOB = {
    "exact": re.compile(r"Geboortedatum gelijk \((?P<dates>[^()]+)\)\."),
    "compatible": re.compile(r"Geboortedata verenigbaar \((?P<dates>.+); onvolledig of onzeker\)\."),
    "conflict": re.compile(r"Geboortedata strijdig \((?P<dates>.+)\)\."),
}
_STORED_NATIONALITY = {
    "agree": re.compile(r"Nationaliteit gelijk \((?P<countries>.+)\)\."),
    "conflict": re.compile(r"Nationaliteit verschilt \((?P<countries>.+)\)\."),
}
_DUTCH_DOB = {
    "exact": "Geboortedatum gelijk ({}).",
    "compatible": "Geboortedata verenigbaar ({} en {}; onvolledig of onzeker).",
    "conflict": "Geboortedata strijdig ({}).",
}


def _stored_dates(outcome: object, summary: str) -> list[str]:
    """The dates an old row's sentence names, or [] when they cannot be read back unambiguously."""
    pattern = _STORED_DOB.get(str(outcome))
    found = pattern.fullmatch(summary) if pattern else None
    if found is None:
        return []
    text = found.group("dates")
    dates = text.split(" en ") if outcome == "compatible" else [text] if outcome == "exact" else text.split(", ")
    if outcome == "compatible" and len(dates) != 2:
        return []
    template = _DUTCH_DOB[str(outcome)]
    rebuilt = template.format(*dates) if outcome == "compatible" else template.format(", ".join(dates))
    return dates if rebuilt == summary else []


@cache
def _codes_by_country_name() -> dict[str, str]:
    """Every name matching may have written for a country (Dutch or English; the stored sentence used the language
    active then), to its code. A name two codes share is kept only when both read the same in both languages
    (Kosovo: XKK and XKX)."""
    codes: dict[str, set[str]] = {}
    for language in ("nl", "en"):
        for code, name in country_names(language).items():
            codes.setdefault(name, set()).add(code)
        with translation.override(language):
            for code, label in SPECIAL_NATIONALITY_LABELS.items():
                codes.setdefault(str(label), set()).add(code)
    by_name = {}
    for name, found in codes.items():
        ordered = sorted(found)
        if all(country_names(lang).get(c) == country_names(lang).get(ordered[0]) for c in ordered for lang in ("nl", "en")):
            by_name[name] = ordered[0]
    return by_name


def _stored_countries(outcome: object, summary: str) -> list[str]:
    """The country codes an old row's sentence names, or [] when they cannot be read back unambiguously."""
    pattern = _STORED_NATIONALITY.get(str(outcome))
    found = pattern.fullmatch(summary) if pattern else None
    if found is None:
        return []
    names = found.group("countries").split(", ")
    by_name = _codes_by_country_name()
    if not all(name in by_name for name in names):
        return []
    return [by_name[name] for name in names]


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
    if dates is None:  # stored before the dates were kept: read them back from the sentence
        dates = _stored_dates(outcome, _stored(part))
    if outcome == "unknown":
        return gettext("Geboortedatum ontbreekt bij een van beide; niet vergeleken.")
    if not isinstance(dates, list) or not dates:
        return _stored(part)
    if outcome == "exact":
        return gettext("Geboortedatum gelijk (%(date)s).") % {"date": birth_date_text(str(dates[0]))}
    if outcome == "compatible" and len(dates) == 2:
        return gettext("Geboortedata verenigbaar (%(first)s en %(second)s; onvolledig of onzeker).") % {
            "first": birth_date_text(str(dates[0])),
            "second": birth_date_text(str(dates[1])),
        }
    if outcome == "conflict":
        return gettext("Geboortedata strijdig (%(dates)s).") % {"dates": ", ".join(birth_date_text(str(d)) for d in dates)}
    return _stored(part)


def _nationality_text(part: dict[str, Any]) -> str:
    outcome, codes = part.get("outcome"), part.get("countries")
    if codes is None:  # stored before the codes were kept: read them back from the sentence
        codes = _stored_countries(outcome, _stored(part))
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


def _tokens_for_reader(part: dict[str, Any]) -> Any:
    """The matched name parts with each ``label`` (how they matched) in the active language."""
    tokens = part.get("tokens")
    if not isinstance(tokens, list):
        return tokens
    return [
        {**pair, "label": str(METHOD_TEXTS[pair["method"]])}
        if isinstance(pair, dict) and pair.get("method") in METHOD_TEXTS
        else pair
        for pair in tokens
    ]


def explanation_for_reader(explanation: dict[str, Any] | None) -> dict[str, Any]:
    """The explanation with each ``summary`` (and each name part's ``label``) said in the active language; everything
    else as stored.

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
            if key == "names" and "tokens" in part:
                shown[key]["tokens"] = _tokens_for_reader(part)
    return shown
