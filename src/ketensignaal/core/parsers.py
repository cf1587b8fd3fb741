"""JSON bodies with a nesting limit: a deeply nested document is refused with 400, never a crash.

No request of the published API nests deeper than a handful of levels; the limit leaves ample room and stops
bodies such as ``[[[[…]]]]`` (100,000 deep) that would exhaust the parser's recursion.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

DEFAULT_MAX_JSON_DEPTH = 32


def max_json_depth() -> int:
    return int(getattr(settings, "MAX_JSON_DEPTH", DEFAULT_MAX_JSON_DEPTH))


def _bracket_depth(text: str, limit: int) -> int:
    """The deepest nesting of objects and arrays in ``text`` (outside strings); stops counting past ``limit``."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif char in "]}":
            depth -= 1
    return deepest


class DepthLimitedJSONParser(JSONParser):
    """DRF's JSON parser, refusing documents nested deeper than ``settings.MAX_JSON_DEPTH``."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError(gettext("De body is geen geldige tekst in %(encoding)s.") % {"encoding": encoding}) from exc
        limit = max_json_depth()
        # Only bodies with many brackets can be too deep; the scan stays off the common path.
        if text.count("[") + text.count("{") > limit and _bracket_depth(text, limit) > limit:
            raise ParseError(gettext("De JSON is te diep genest (maximaal %(limit)s niveaus).") % {"limit": limit})
        try:
            return json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(gettext("De body is geen geldige JSON: %(exc)s") % {"exc": exc}) from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(gettext("%(name)s is geen geldige JSON-waarde") % {"name": name})
