"""The languages a person or an interpreter speaks: stored as ISO 639 codes (``ti``, ``prs``), the form value and
what the API carries; on screen always the language's name in the reader's language ("Tigrinya", "Dari").

The list holds the languages the chain meets in asylum and reception work; a code not in it (sent by the API) is
shown as it was given rather than hidden."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

LANGUAGES: tuple[tuple[str, Any], ...] = (  # (code, lazily translated name)
    ("nl", _("Nederlands")),
    ("en", _("Engels")),
    ("fr", _("Frans")),
    ("de", _("Duits")),
    ("ar", _("Arabisch")),
    ("ti", _("Tigrinya")),
    ("am", _("Amhaars")),
    ("so", _("Somalisch")),
    ("fa", _("Perzisch (Farsi)")),
    ("prs", _("Dari")),
    ("ps", _("Pasjtoe")),
    ("ur", _("Urdu")),
    ("ku", _("Koerdisch")),
    ("ckb", _("Koerdisch (Sorani)")),
    ("kmr", _("Koerdisch (Kurmanji)")),
    ("tr", _("Turks")),
    ("ru", _("Russisch")),
    ("uk", _("Oekraïens")),
    ("ka", _("Georgisch")),
    ("hy", _("Armeens")),
    ("sq", _("Albanees")),
    ("bn", _("Bengaals")),
    ("uz", _("Oezbeeks")),
    ("es", _("Spaans")),
    ("zh", _("Chinees")),
)

_NAMES = dict(LANGUAGES)


def language_choices() -> list[tuple[str, str]]:
    """(code, name) for a language picker, alphabetical by the name in the reader's language."""
    return sorted(((code, str(name)) for code, name in LANGUAGES), key=lambda pair: pair[1].lower())


def language_name(code: str | None) -> str:
    """The name of the language in the reader's language; an unknown code (or a name typed before the list
    existed) as it was given, so nothing recorded is hidden."""
    text = (code or "").strip()
    name = _NAMES.get(text.lower())
    return str(name) if name is not None else text


def language_names(codes: Iterable[str] | None) -> str:
    """Several languages for one line of text: "Tigrinya, Amhaars, Nederlands"."""
    return ", ".join(language_name(code) for code in codes or () if code)
