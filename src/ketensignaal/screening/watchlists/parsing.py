"""Reading a watch-list file: FollowTheMoney JSON lines (as OpenSanctions publishes them) or CSV.

Parsing is pure: it returns the entries and, per line, what is wrong, and writes nothing. The import service
refuses the whole file when any line is wrong, so a list is never half imported. Entities that are not persons
(companies, vessels) are skipped and counted: a person is checked against persons only.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import icu
from django.utils.translation import gettext

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.persons.matching.dates import birth_date_parse
from ketensignaal.persons.matching.normalize import name_analyse

CSV_HEADER = ["id", "name", "aliases", "birth_date", "nationality"]
PERSON_SCHEMAS = frozenset({"Person"})
MAX_ERRORS_REPORTED = 200


@dataclass
class ParsedEntry:
    external_id: str
    caption: str
    names: list[dict[str, str]]
    birth_dates: list[str]
    nationalities: list[str]
    topics: list[str] = field(default_factory=list)


@dataclass
class ParseResult:
    format: str
    lines: int = 0
    entries: list[ParsedEntry] = field(default_factory=list)
    skipped: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def error(self, line: int, reason: str) -> None:
        self.errors.append({"line": line, "reason": reason})


@lru_cache(maxsize=512)
def country_alpha3(code: str) -> str:
    """ISO 3166 alpha-2 (FtM, lower case) or alpha-3 to alpha-3; '' when unknown."""
    code = code.strip().upper()
    if len(code) == 3 and code.isalpha():
        return code
    if len(code) == 2 and code.isalpha():
        return str(icu.Locale("", code).getISO3Country() or "")
    return ""


def _name(text: str, kind: str) -> dict[str, str]:
    # Most list names are plain ASCII: say so, which spares the per-character script detection on large lists.
    analysed = name_analyse(text.strip(), "Latn" if text.isascii() else "")
    return {
        "name": text.strip(),
        "script": analysed.script,
        "kind": kind,
        "significant": " ".join(t.text for t in analysed.significant),
    }


def _dates(values: list[str], line: int, result: ParseResult) -> list[str] | None:
    dates = []
    for value in values:
        try:
            dates.append(birth_date_parse(value).text)
        except ValidationFailed:
            result.error(
                line,
                gettext("geboortedatum '%(value)s' is niet te lezen (gebruik JJJJ, JJJJ-MM of JJJJ-MM-DD)") % {"value": value},
            )
            return None
    return dates


def _countries(values: list[str], line: int, result: ParseResult) -> list[str] | None:
    codes = []
    for value in values:
        code = country_alpha3(value)
        if not code:
            result.error(line, gettext("nationaliteit '%(value)s' is geen ISO 3166-landcode") % {"value": value})
            return None
        if code not in codes:
            codes.append(code)
    return codes


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise TypeError


def parse_ftm(text: str) -> ParseResult:
    result = ParseResult(format="ftm")
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        result.lines += 1
        try:
            entity = json.loads(raw)
        except json.JSONDecodeError as exc:
            result.error(number, gettext("geen geldige JSON (%(msg)s, kolom %(colno)s)") % {"msg": exc.msg, "colno": exc.colno})
            continue
        if not isinstance(entity, dict) or not isinstance(entity.get("properties"), dict):
            result.error(number, gettext("verwacht een FtM-entiteit: een object met 'id', 'schema' en 'properties'"))
            continue
        if not entity.get("id") or not isinstance(entity["id"], str):
            result.error(number, gettext("'id' ontbreekt"))
            continue
        if entity.get("schema") not in PERSON_SCHEMAS:
            result.skipped += 1
            continue
        props = entity["properties"]
        try:
            names = _strings(props.get("name"))
            aliases = _strings(props.get("alias")) + _strings(props.get("weakAlias"))
            births = _strings(props.get("birthDate"))
            countries = _strings(props.get("nationality")) + _strings(props.get("citizenship"))
            topics = _strings(props.get("topics"))
        except TypeError:
            result.error(number, gettext("eigenschappen moeten lijsten van tekst zijn"))
            continue
        if not any(n.strip() for n in names):
            result.error(number, gettext("'properties.name' ontbreekt"))
            continue
        dates = _dates(births, number, result)
        nationalities = _countries(countries, number, result)
        if dates is None or nationalities is None:
            continue
        result.entries.append(
            ParsedEntry(
                external_id=entity["id"],
                caption=str(entity.get("caption") or names[0]).strip()[:300],
                names=[_name(n, "name") for n in names if n.strip()] + [_name(a, "alias") for a in aliases if a.strip()],
                birth_dates=dates,
                nationalities=nationalities,
                topics=topics,
            )
        )
    return result


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def parse_csv(text: str) -> ParseResult:
    result = ParseResult(format="csv")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header] != CSV_HEADER:
        result.error(
            1,
            gettext("de kopregel moet precies '%(header)s' zijn (gevonden: '%(found)s')")
            % {"header": ",".join(CSV_HEADER), "found": ",".join(header or [])},
        )
        return result
    for number, row in enumerate(reader, 2):
        if not any(cell.strip() for cell in row):
            continue
        result.lines += 1
        if len(row) != len(CSV_HEADER):
            result.error(
                number,
                gettext("verwacht %(expected)s kolommen, gevonden %(found)s") % {"expected": len(CSV_HEADER), "found": len(row)},
            )
            continue
        external_id, name, aliases, births, countries = (cell.strip() for cell in row)
        if not external_id:
            result.error(number, gettext("'id' ontbreekt"))
            continue
        if not name:
            result.error(number, gettext("'name' ontbreekt"))
            continue
        dates = _dates(_split(births), number, result)
        nationalities = _countries(_split(countries), number, result)
        if dates is None or nationalities is None:
            continue
        result.entries.append(
            ParsedEntry(
                external_id=external_id,
                caption=name[:300],
                names=[_name(name, "name")] + [_name(a, "alias") for a in _split(aliases)],
                birth_dates=dates,
                nationalities=nationalities,
            )
        )
    return result


def parse_watch_list(content: bytes, filename: str = "") -> ParseResult:
    """Detect the format (a ``.csv`` name or a first line that is not JSON means CSV) and parse."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        result = ParseResult(format="")
        result.error(0, gettext("het bestand is geen UTF-8-tekst"))
        return result
    first = text.lstrip()[:1]
    if filename.lower().endswith(".csv") or (first and first != "{"):
        return parse_csv(text)
    return parse_ftm(text)
