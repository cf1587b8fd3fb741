"""Candidate entries of a watch-list version for one person, with the explanation a person can check.

The same name analysis, keys and comparison as person matching (``persons.matching``, public functions only):
keys of the person's names find entries sharing them (rare keys weigh more, very common ones are skipped),
then each pooled entry is compared in full — names, partial dates of birth, nationality. The number that comes
out only orders the candidates; a person decides about each one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

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
    birth_dates = [birth_date_parse(text) for text in entry.birth_dates]  # validated when imported
    return Description(
        names=[stored_name(n["name"], n["script"], n["significant"]) for n in entry.names],
        birth_dates=birth_dates,
        nationalities=frozenset(entry.nationalities),
    )


def _keys_q(keys: Any) -> Q:
    condition = Q()
    for kind, value in keys:
        condition |= Q(kind=kind, value=value)
    return condition


def _weights(version: WatchListVersion, keys: list[tuple[str, str]]) -> dict[tuple[str, str], float]:
    """Weight per key present in the version (one grouped count); keys above the cap (very common names) are left
    out unless nothing else is there."""
    if not keys:
        return {}
    counts = {
        (row["kind"], row["value"]): row["n"]
        for row in WatchListNameKey.objects.filter(_keys_q(keys), version=version)
        .values("kind", "value")
        .annotate(n=Count("id"))
        .order_by()
    }
    usable = {k: c for k, c in counts.items() if c <= KEY_FREQUENCY_CAP}
    if not usable and counts:
        usable = dict(sorted(counts.items(), key=lambda kv: (kv[0][0] != "sp", kv[1]))[:2])
    return {k: math.log(1 + KEY_FREQUENCY_CAP / c) * (1.5 if k[0] == "sp" else 1.0) for k, c in usable.items()}


def _pool(version: WatchListVersion, query_names: list[AnalysedName]) -> list[int]:
    """The entries sharing the most (and rarest) keys, summed in the database."""
    keys = sorted(set().union(*(name_keys(n) for n in query_names))) if query_names else []
    weights = _weights(version, keys)
    if not weights:
        return []
    whens = [When(kind=kind, value=value, then=Value(weight)) for (kind, value), weight in weights.items()]
    rows = (
        WatchListNameKey.objects.filter(_keys_q(weights), version=version)
        .values("entry_id")
        .annotate(weight=Sum(Case(*whens, default=Value(0.0), output_field=FloatField())))
        .order_by("-weight", "entry_id")[:POOL_SIZE]
    )
    return [row["entry_id"] for row in rows]


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
