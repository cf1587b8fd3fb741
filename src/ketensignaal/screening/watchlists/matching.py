"""Candidate entries of a watch-list version for one person, with the explanation a person can check.

The same name analysis, keys and comparison as person matching (``persons.matching``, public functions only):
keys of the person's names find entries sharing them (rare keys weigh more, very common ones are skipped),
then each pooled entry is compared in full — names, partial dates of birth, nationality. The number that comes
out only orders the candidates; a person decides about each one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Case, Count, FloatField, Q, Sum, Value, When

from ketensignaal.persons.matching.compare import Description, description_compare
from ketensignaal.persons.matching.dates import birth_date_parse
from ketensignaal.persons.matching.engine import stored_name
from ketensignaal.persons.matching.normalize import AnalysedName, name_keys
from ketensignaal.screening.models import WatchListEntry, WatchListNameKey, WatchListVersion

KEY_FREQUENCY_CAP = 1500
POOL_SIZE = 50
HIT_LIMIT = 10
# Below this, a candidate shares too little to be worth a person's time (names carry most of the weight).
MIN_SIMILARITY = 0.7


@dataclass
class EntryCandidate:
    entry: WatchListEntry
    similarity: float
    explanation: dict[str, Any]


def entry_keys(names: list[dict[str, str]]) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for name in names:
        keys |= name_keys(stored_name(name["name"], name["script"], name["significant"]))
    return keys


def entry_description(entry: WatchListEntry) -> Description:
    names = [stored_name(n["name"], n["script"], n["significant"]) for n in entry.names]
    return Description(
        names=names,
        birth_dates=[birth_date_parse(text) for text in entry.birth_dates],  # validated when imported
        nationalities=frozenset(entry.nationalities),
    )


def _by_kind(keys: Any) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for kind, value in keys:
        grouped[kind].append(value)
    return grouped


def _counts(version: WatchListVersion, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """How many rows each key has in the version, counted only up to the cap (a very common name stops early)."""
    if not keys:
        return {}
    if connection.vendor == "postgresql":
        sql = (
            "SELECT q.kind, q.value, (SELECT count(*) FROM (SELECT 1 FROM screening_watchlistnamekey k "
            "WHERE k.version_id = %s::uuid AND k.kind = q.kind AND k.value = q.value LIMIT %s) s) "
            "FROM unnest(%s::varchar[], %s::varchar[]) AS q(kind, value)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [str(version.pk), KEY_FREQUENCY_CAP + 1, [k for k, _ in keys], [v for _, v in keys]])
            return {(kind, value): n for kind, value, n in cursor.fetchall() if n}
    counts: dict[tuple[str, str], int] = {}
    for kind, values in _by_kind(keys).items():  # one grouped count per kind walks the (version, kind, value) index
        for value, n in (
            WatchListNameKey.objects.filter(version=version, kind=kind, value__in=values)
            .values_list("value")
            .annotate(n=Count("id"))
            .order_by()
        ):
            counts[(kind, value)] = n
    return counts


def _weights(version: WatchListVersion, keys: list[tuple[str, str]]) -> dict[tuple[str, str], float]:
    """Weight per key present in the version, rarer keys weighing more; keys above the cap (very common names) are
    left out unless nothing else is there."""
    counts = _counts(version, keys)
    usable = {k: c for k, c in counts.items() if c <= KEY_FREQUENCY_CAP}
    if not usable and counts:
        usable = dict(sorted(counts.items(), key=lambda kv: (kv[0][0] != "sp", kv[1]))[:2])
    return {k: math.log(1 + KEY_FREQUENCY_CAP / c) * (1.5 if k[0] == "sp" else 1.0) for k, c in usable.items()}


def _query_keys(query_names: list[AnalysedName]) -> set[tuple[str, str]]:
    return set().union(*(name_keys(n) for n in query_names)) if query_names else set()


def _pool(version: WatchListVersion, query_names: list[AnalysedName]) -> list[int]:
    """The entries sharing the most (and rarest) keys."""
    weights = _weights(version, sorted(_query_keys(query_names)))
    if not weights:
        return []
    if connection.vendor == "postgresql":  # summed in the database: only the pool comes back
        condition = Q()
        for kind, values in _by_kind(weights).items():
            condition |= Q(kind=kind, value__in=values)
        whens = [When(kind=kind, value=value, then=Value(weight)) for (kind, value), weight in weights.items()]
        rows = (
            WatchListNameKey.objects.filter(condition, version=version)
            .values("entry_id")
            .annotate(weight=Sum(Case(*whens, default=Value(0.0), output_field=FloatField())))
            .order_by("-weight", "entry_id")[:POOL_SIZE]
        )
        return [row["entry_id"] for row in rows]
    scores: dict[int, float] = defaultdict(float)
    for kind, values in _by_kind(weights).items():
        for entry_id, value in WatchListNameKey.objects.filter(version=version, kind=kind, value__in=values).values_list(
            "entry_id", "value"
        ):
            scores[entry_id] += weights[(kind, value)]
    return [entry_id for entry_id, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:POOL_SIZE]]


def _without_v_number(explanation: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in explanation.items() if k != "v_number"}


def watch_list_candidates(version: WatchListVersion, query: Description, *, limit: int = HIT_LIMIT) -> list[EntryCandidate]:
    """Entries that may concern the person, most similar first, each with its explanation."""
    pool = _pool(version, query.names)
    entries = WatchListEntry.objects.in_bulk(pool)
    found = []
    for entry_id in pool:
        entry = entries[entry_id]
        similarity, explanation = description_compare(query, entry_description(entry))
        if similarity >= MIN_SIMILARITY:
            found.append(EntryCandidate(entry, round(similarity, 4), _without_v_number(explanation)))
    found.sort(key=lambda c: (-c.similarity, c.entry.pk))
    return found[:limit]
