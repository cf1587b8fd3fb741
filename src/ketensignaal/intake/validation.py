"""Parsing and validating a submitted signal, shared by the API and the web form.

``parse_signal_input`` turns the nested JSON shape of API.md (or the same
shape built from the web form) into a frozen :class:`SignalInput`, or raises
:class:`ValidationFailed` listing *every* problem with a dotted field path
(``subject.names.0.name``) and a Dutch reason. Names are stored exactly as
entered (no Unicode normalisation, no trimming): what the professional typed
in Arabic, Persian, Tigrinya or Cyrillic script comes back byte for byte.
Invisible characters that can disguise a name (bidirectional overrides and
marks, zero-width characters, control bytes) are refused instead of silently
removed, so nobody stores a name that looks like another one.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.intake import refcache
from ketensignaal.intake.models import (
    Category,
    HandlingCode,
    IdentityBasis,
    InformationCredibility,
    NameKind,
    ObservationType,
    SourceReliability,
    Touchpoint,
)

MAX_OBSERVATION_CHARS = 10_000
MAX_NAME_CHARS = 200
MAX_NAMES = 20
MAX_SHORT_TEXT = 200

HEARING_MODES = ("in-person", "video", "telephone", "written", "not-applicable")
DATA_CARRIER_HANDLING = ("quick-scan", "read-out", "none")

# ISO 15924 codes we expect in the chain; a well-formed but unknown code is refused so typos surface.
SCRIPTS = frozenset(
    [
        "Latn",
        "Arab",
        "Cyrl",
        "Ethi",
        "Grek",
        "Hebr",
        "Armn",
        "Geor",
        "Deva",
        "Beng",
        "Guru",
        "Gujr",
        "Orya",
        "Taml",
        "Telu",
        "Knda",
        "Mlym",
        "Sinh",
        "Thai",
        "Laoo",
        "Tibt",
        "Mymr",
        "Khmr",
        "Syrc",
        "Thaa",
        "Hani",
        "Hans",
        "Hant",
        "Hang",
        "Kore",
        "Jpan",
        "Mong",
        "Tfng",
        "Copt",
        "Zyyy",
        "Zzzz",
    ]
)
# Unicode character-name prefixes of the letters of a script, to catch a name in the wrong script.
_SCRIPT_LETTER_PREFIX = {
    "Latn": ("LATIN",),
    "Arab": ("ARABIC",),
    "Cyrl": ("CYRILLIC",),
    "Ethi": ("ETHIOPIC",),
    "Grek": ("GREEK",),
    "Hebr": ("HEBREW",),
    "Armn": ("ARMENIAN",),
    "Geor": ("GEORGIAN",),
}

_BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e")
_ZWNJ = "\u200c"  # legitimately joins Persian name parts (e.g. علی‌رضا); allowed between Arabic-script letters only

_V_NUMBER = re.compile(r"^[0-9]{10}$")
_DOB = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_SPECIAL_NATIONALITIES = {
    "XXA": "staatloos",
    "XXB": "vluchteling (Verdrag 1951)",
    "XXC": "vluchteling (overig)",
    "XXX": "onbekend",
}


# Codes in the territory data that no person holds as a nationality: places without a state or an ISO 3166 country
# code of their own (Ascension, Clipperton, Sark, "cyberspace") and territories without a permanent population.
NOT_A_NATIONALITY = frozenset({"ASC", "CPT", "CRQ", "CYB", "ATA", "BVT", "HMD", "SGS", "UMI"})


@lru_cache(maxsize=1)
def nationality_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes of current countries (from rigour's territory data) plus the ICAO 9303 specials."""
    from rigour.territories import get_territories

    codes = {t.alpha3.upper() for t in get_territories() if t.alpha3 and len(t.alpha3) == 3 and not t.is_historical}
    return frozenset((codes - NOT_A_NATIONALITY) | set(_SPECIAL_NATIONALITIES) | {"XKX"})


@dataclass(frozen=True)
class NameInput:
    name: str
    script: str = ""
    kind: str = NameKind.NAME


@dataclass(frozen=True)
class SignalInput:
    names: tuple[NameInput, ...]
    observation_type: str
    observation_text: str
    categories: tuple[str, ...]
    touchpoint: str
    v_number: str = ""
    date_of_birth: str = ""
    date_of_birth_uncertain: bool = False
    nationality: str = ""
    minor: bool | None = None
    identity_basis: str = IdentityBasis.UNKNOWN
    current_location: str = ""
    observed_at: datetime | None = None
    hearing_mode: str = ""
    data_carrier_handling: str = ""
    source_reliability: str = ""
    information_credibility: str = ""
    handling_code: str = HandlingCode.AMBER
    acute: bool = False
    # Reporters of an organisation that shares only on its own judgement (Nidos, VWN) confirm it per signal.
    own_judgement: bool = False
    # Resolved reference ids (looked up once while validating, so the create path needs no second lookup).
    category_ids: tuple[int, ...] = ()
    touchpoint_id: int = 0

    def fingerprint(self) -> str:
        """A stable hash of the content, for Idempotency-Key checks (ids excluded: they are derived)."""
        data = asdict(self)
        data.pop("category_ids")
        data.pop("touchpoint_id")
        data["observed_at"] = self.observed_at.isoformat() if self.observed_at else None
        return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class _Errors:
    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, name: str, code: str, reason: str) -> None:
        self.items.append({"name": name, "code": code, "reason": reason})


def _text_problem(value: str, *, allow_newlines: bool, arabic_zwnj: bool = False) -> tuple[str, str] | None:
    """The first invisible or control character that makes a text unsafe to store, as (code, reason)."""
    for index, char in enumerate(value):
        if char in _BIDI_CONTROLS:
            return (
                "bidi_control",
                f"Bevat een onzichtbaar schrijfrichtingsteken (U+{ord(char):04X}) op positie {index + 1}; verwijder het.",
            )
        if char in _ZERO_WIDTH:
            if char == _ZWNJ and arabic_zwnj and 0 < index < len(value) - 1:
                continue
            return (
                "zero_width",
                f"Bevat een onzichtbaar teken zonder breedte (U+{ord(char):04X}) op positie {index + 1}; verwijder het.",
            )
        category = unicodedata.category(char)
        if category == "Cc" and not (allow_newlines and char in "\n\r\t"):
            return (
                "control_character",
                f"Bevat een stuurteken (U+{ord(char):04X}) op positie {index + 1}; dat kan niet in een naam of tekst.",
            )
        if category in {"Cf", "Cs", "Co", "Cn"}:
            return "invisible_character", f"Bevat een onzichtbaar of ongeldig teken (U+{ord(char):04X}) op positie {index + 1}."
    return None


def _script_mismatch(name: str, script: str) -> bool:
    prefixes = _SCRIPT_LETTER_PREFIX.get(script)
    if not prefixes:
        return False
    return any(
        unicodedata.category(char).startswith("L") and not unicodedata.name(char, "").startswith(prefixes) for char in name
    )


def _str(
    data: dict[str, Any], key: str, path: str, errors: _Errors, *, required: bool = False, max_len: int = MAX_SHORT_TEXT
) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            errors.add(path, "required", "Dit veld is verplicht.")
        return ""
    if not isinstance(value, str):
        errors.add(path, "invalid_type", "Verwacht een tekst.")
        return ""
    if len(value) > max_len:
        errors.add(path, "too_long", f"Maximaal {max_len} tekens (nu {len(value)}).")
        return ""
    return value


def _choice(data: dict[str, Any], key: str, path: str, errors: _Errors, choices: Any, *, default: str = "") -> str:
    value = data.get(key)
    if value is None or value == "":
        return default
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or value not in list(choices):
        errors.add(path, "invalid_choice", f"Onbekende waarde {value!r}; kies uit: {', '.join(str(c) for c in choices)}.")
        return default
    return value


def _bool(data: dict[str, Any], key: str, path: str, errors: _Errors, *, nullable: bool = False) -> bool | None:
    value = data.get(key)
    if value is None:
        return None if nullable else False
    if not isinstance(value, bool):
        errors.add(path, "invalid_type", "Verwacht true of false.")
        return None if nullable else False
    return value


def _object(data: dict[str, Any], key: str, errors: _Errors, *, required: bool) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        if required:
            errors.add(key, "required", "Dit onderdeel is verplicht.")
        return {}
    if not isinstance(value, dict):
        errors.add(key, "invalid_type", "Verwacht een object.")
        return {}
    return value


def _parse_names(subject: dict[str, Any], errors: _Errors) -> tuple[NameInput, ...]:
    raw = subject.get("names")
    if not isinstance(raw, list) or not raw:
        errors.add("subject.names", "required", "Geef ten minste één naam op.")
        return ()
    if len(raw) > MAX_NAMES:
        errors.add("subject.names", "too_many", f"Maximaal {MAX_NAMES} namen.")
        return ()
    names: list[NameInput] = []
    for index, entry in enumerate(raw):
        path = f"subject.names.{index}"
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict):
            errors.add(path, "invalid_type", "Verwacht een object met 'name'.")
            continue
        script = _choice(entry, "script", f"{path}.script", errors, sorted(SCRIPTS))
        kind = _choice(entry, "kind", f"{path}.kind", errors, NameKind.values, default=NameKind.NAME)
        name = _str(entry, "name", f"{path}.name", errors, required=True, max_len=MAX_NAME_CHARS)
        if not name:
            continue
        if not name.strip():
            errors.add(f"{path}.name", "required", "De naam bestaat alleen uit spaties.")
            continue
        looks_arabic = script == "Arab" or any(unicodedata.name(c, "").startswith("ARABIC") for c in name)
        problem = _text_problem(name, allow_newlines=False, arabic_zwnj=looks_arabic)
        if problem:
            errors.add(f"{path}.name", *problem)
            continue
        if script and _script_mismatch(name, script):
            errors.add(f"{path}.script", "script_mismatch", f"De naam is niet (alleen) in schrift {script} geschreven.")
            continue
        names.append(NameInput(name=name, script=script, kind=kind))
    return tuple(names)


def _parse_date_of_birth(value: Any, errors: _Errors) -> str:
    path = "subject.date_of_birth"
    if value is None or value == "":
        return ""
    match = _DOB.match(value) if isinstance(value, str) else None
    if not match:
        errors.add(path, "invalid_format", "Gebruik JJJJ, JJJJ-MM of JJJJ-MM-DD.")
        return ""
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    today = timezone.localdate()
    if year < 1900 or year > today.year:
        errors.add(path, "invalid_date", f"Het jaar {year} ligt buiten 1900–{today.year}.")
        return ""
    if month is not None and not 1 <= int(month) <= 12:
        errors.add(path, "invalid_date", f"Maand {month} bestaat niet.")
        return ""
    if day is not None:
        try:
            born = date(year, int(month), int(day))
        except ValueError:
            errors.add(path, "invalid_date", f"{value} is geen bestaande datum.")
            return ""
        if born > today:
            errors.add(path, "invalid_date", "Een geboortedatum kan niet in de toekomst liggen.")
            return ""
    return value


def _parse_observed_at(value: Any, errors: _Errors) -> datetime | None:
    path = "observation.observed_at"
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        errors.add(path, "invalid_type", "Verwacht een datum en tijd (ISO 8601).")
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        errors.add(path, "invalid_format", "Verwacht een datum en tijd (ISO 8601), bijv. 2026-11-20T14:00:00+01:00.")
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > timezone.now() + timedelta(minutes=5):
        errors.add(path, "invalid_date", "Het moment van waarnemen kan niet in de toekomst liggen.")
        return None
    return moment


def _codes() -> tuple[dict[str, Category], dict[str, Touchpoint]]:
    """All categories and touchpoints by code, from the per-process reference cache (intake.refcache)."""

    def load() -> tuple[dict[str, Category], dict[str, Touchpoint]]:
        return {c.code: c for c in Category.objects.all()}, {t.code: t for t in Touchpoint.objects.all()}

    return refcache.cached("intake.codes", load)


def category_objects(ids: Any) -> list[Category]:
    """The (cached) categories with these ids, in the categories' display order."""
    wanted = set(ids)
    return [c for c in _codes()[0].values() if c.pk in wanted]


def touchpoint_object(pk: int) -> Touchpoint | None:
    return next((t for t in _codes()[1].values() if t.pk == pk), None)


def _resolve_codes(categories: list[str], touchpoint: str) -> tuple[dict[str, tuple[int, bool]], int | None]:
    """Look up category and touchpoint codes (cached reference data; no query on a warm cache)."""
    by_code, touchpoints = _codes()
    found = {code: (by_code[code].pk, bool(by_code[code].is_marker)) for code in categories if code in by_code}
    tp = touchpoints.get(touchpoint)
    return found, (tp.pk if tp is not None else None)


def parse_signal_input(data: dict[str, Any]) -> SignalInput:
    """Validate a submitted signal; raise ValidationFailed with every invalid field at once."""
    if not isinstance(data, dict):
        raise ValidationFailed(
            gettext("De invoer moet een JSON-object zijn."),
            code="invalid",
            invalid_params=[{"name": "body", "code": "invalid_type", "reason": gettext("Verwacht een JSON-object.")}],
        )
    errors = _Errors()
    subject = _object(data, "subject", errors, required=True)
    observation = _object(data, "observation", errors, required=True)
    grading = _object(data, "grading", errors, required=False)

    names = _parse_names(subject, errors) if subject else ()
    v_number = subject.get("v_number") or ""
    if v_number and (not isinstance(v_number, str) or not _V_NUMBER.match(v_number)):
        errors.add("subject.v_number", "invalid_v_number", "Een V-nummer bestaat uit precies 10 cijfers.")
        v_number = ""
    date_of_birth = _parse_date_of_birth(subject.get("date_of_birth"), errors)
    nationality = subject.get("nationality") or ""
    if nationality:
        if not isinstance(nationality, str) or nationality.upper() not in nationality_codes():
            errors.add(
                "subject.nationality",
                "invalid_nationality",
                "Gebruik een ISO 3166 alpha-3-code, XXA (staatloos) of XXX (onbekend).",
            )
            nationality = ""
        else:
            nationality = nationality.upper()
    location = _str(subject, "current_location", "subject.current_location", errors)
    if location and (problem := _text_problem(location, allow_newlines=False)):
        errors.add("subject.current_location", *problem)

    observation_type = _choice(observation, "type", "observation.type", errors, ObservationType.values)
    if observation and not observation.get("type"):
        errors.add("observation.type", "required", "Kies het soort waarneming.")
    text = _str(observation, "text", "observation.text", errors, required=bool(observation), max_len=MAX_OBSERVATION_CHARS)
    if text and not text.strip():
        errors.add("observation.text", "required", "Beschrijf wat is waargenomen.")
    elif text and (problem := _text_problem(text, allow_newlines=True)):
        errors.add("observation.text", *problem)
    observed_at = _parse_observed_at(observation.get("observed_at"), errors)

    raw_categories = data.get("categories")
    categories: list[str] = []
    if not isinstance(raw_categories, list) or not raw_categories:
        errors.add("categories", "required", "Kies ten minste één categorie.")
    elif not all(isinstance(c, str) for c in raw_categories):
        errors.add("categories", "invalid_type", "Verwacht een lijst van categoriecodes.")
    else:
        categories = list(dict.fromkeys(raw_categories))
    touchpoint = _str(data, "touchpoint", "touchpoint", errors, required=True, max_len=64)

    found, touchpoint_id = _resolve_codes(categories, touchpoint) if (categories or touchpoint) else ({}, None)
    for index, code in enumerate(categories):
        if code not in found:
            errors.add(f"categories.{index}", "unknown_category", f"Onbekende categorie {code!r}.")
    if categories and all(code in found for code in categories) and all(found[c][1] for c in categories):
        errors.add(
            "categories",
            "marker_only",
            "Psychische zorgen is een markering bij een veiligheidscategorie en kan niet alleen worden gekozen.",
        )
    if touchpoint and touchpoint_id is None:
        errors.add("touchpoint", "unknown_touchpoint", f"Onbekend contactmoment {touchpoint!r}.")

    result: dict[str, Any] = dict(  # noqa: C408 - keyword form mirrors the SignalInput fields
        hearing_mode=_choice(data, "hearing_mode", "hearing_mode", errors, HEARING_MODES),
        data_carrier_handling=_choice(data, "data_carrier_handling", "data_carrier_handling", errors, DATA_CARRIER_HANDLING),
        source_reliability=_choice(grading, "source", "grading.source", errors, SourceReliability.values),
        information_credibility=_choice(grading, "information", "grading.information", errors, InformationCredibility.values),
        handling_code=_choice(data, "handling_code", "handling_code", errors, HandlingCode.values, default=HandlingCode.AMBER),
        identity_basis=_choice(
            subject, "identity_basis", "subject.identity_basis", errors, IdentityBasis.values, default=IdentityBasis.UNKNOWN
        ),
        acute=bool(_bool(data, "acute", "acute", errors)),
        own_judgement=bool(_bool(data, "own_judgement", "own_judgement", errors)),
        minor=_bool(subject, "minor", "subject.minor", errors, nullable=True),
        date_of_birth_uncertain=bool(_bool(subject, "date_of_birth_uncertain", "subject.date_of_birth_uncertain", errors)),
    )
    if errors.items:
        raise ValidationFailed(
            gettext("De invoer is niet geldig; zie de toelichting per veld."), code="invalid", invalid_params=errors.items
        )
    return SignalInput(
        names=names,
        observation_type=observation_type,
        observation_text=text,
        categories=tuple(categories),
        touchpoint=touchpoint,
        v_number=v_number,
        date_of_birth=date_of_birth,
        nationality=nationality,
        current_location=location,
        observed_at=observed_at,
        category_ids=tuple(found[c][0] for c in categories),
        touchpoint_id=touchpoint_id or 0,
        **result,  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class SubjectInput:
    names: tuple[NameInput, ...]
    v_number: str = ""
    date_of_birth: str = ""
    nationality: str = ""
    minor: bool | None = None


def parse_subject_input(subject: Any, *, path: str = "subject") -> SubjectInput:
    """Validate a ``subject`` object of the signal shape on its own (used by other contexts, e.g. case conferences).

    The same rules and messages as for a signal's subject; every problem at once, with ``path``-prefixed names.
    """
    errors = _Errors()
    if not isinstance(subject, dict):
        errors.add(path, "invalid_type" if subject is not None else "required", "Verwacht een object met ten minste 'names'.")
        raise ValidationFailed(
            gettext("De invoer is niet geldig; zie de toelichting per veld."), code="invalid", invalid_params=errors.items
        )
    names = _parse_names(subject, errors)
    v_number = subject.get("v_number") or ""
    if v_number and (not isinstance(v_number, str) or not _V_NUMBER.match(v_number)):
        errors.add("subject.v_number", "invalid_v_number", "Een V-nummer bestaat uit precies 10 cijfers.")
        v_number = ""
    date_of_birth = _parse_date_of_birth(subject.get("date_of_birth"), errors)
    nationality = subject.get("nationality") or ""
    if nationality:
        if not isinstance(nationality, str) or nationality.upper() not in nationality_codes():
            errors.add("subject.nationality", "invalid_nationality", "Gebruik een ISO 3166 alpha-3-code, XXA of XXX.")
            nationality = ""
        else:
            nationality = nationality.upper()
    minor = _bool(subject, "minor", "subject.minor", errors, nullable=True)
    if errors.items:
        for item in errors.items:
            if path != "subject" and item["name"].startswith("subject"):
                item["name"] = path + item["name"].removeprefix("subject")
        raise ValidationFailed(
            gettext("De invoer is niet geldig; zie de toelichting per veld."), code="invalid", invalid_params=errors.items
        )
    return SubjectInput(names=names, v_number=v_number, date_of_birth=date_of_birth, nationality=nationality, minor=minor)
