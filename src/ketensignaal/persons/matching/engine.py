"""Candidate retrieval and ranking against the person records in the database.

1. Keys of the query names (token, skeleton, phonetic code, skeleton pairs).
2. Key frequency, counted up to a cap in the index: keys above the cap (very
   common names such as Mohammed or Ali, or particles that slipped through)
   are skipped; the rarer a key, the more it weighs.
3. Persons sharing the weighted keys (one grouped query), plus on PostgreSQL
   a trigram search on the transliterated form when the keys find few.
4. Full comparison (names, partial dates, nationality) of that pool in Python.
An exact V-number match is always included and marked as a proposal.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import Case, FloatField, Q, Sum, Value, When

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.persons.matching.compare import Description, description_compare
from ketensignaal.persons.matching.dates import BirthDate
from ketensignaal.persons.matching.normalize import AnalysedName, Token, name_keys, token_phonetic, token_skeleton

KEY_FREQUENCY_CAP = 1500
PAIR_KEY_BONUS = 1.5
POOL_SIZE = 50
TRIGRAM_FALLBACK_BELOW = 20
PARTICLES_ONLY_MESSAGE = (
    "De naam bestaat alleen uit partikels of titels (zoals al, bin, abu): daarop kan niet worden gezocht. "
    "Vul ten minste één eigen naamdeel in."
)


@dataclass
class Candidate:
    person_id: UUID
    similarity: float
    explanation: dict[str, Any]
    proposed_reason: str = ""


def require_significant(names: Iterable[AnalysedName], field: str = "names") -> None:
    if not any(name.significant for name in names):
        raise ValidationFailed(
            PARTICLES_ONLY_MESSAGE, code="name_only_particles", invalid_params=[{"name": field, "reason": PARTICLES_ONLY_MESSAGE}]
        )


@lru_cache(maxsize=200000)
def stored_name(original: str, script: str, significant: str) -> AnalysedName:
    """Rebuild the comparable form from stored columns without running the transliterators again."""
    tokens = tuple(Token(t, token_skeleton(t), token_phonetic(t), False) for t in significant.split())
    return AnalysedName(original=original, script=script, cleaned=original, latin=significant, tokens=tokens)


def _key_frequencies(keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    from ketensignaal.persons.models import PersonNameKey

    if not keys:
        return {}
    if connection.vendor == "postgresql":
        sql = (
            "SELECT q.kind, q.value, (SELECT count(*) FROM (SELECT 1 FROM persons_personnamekey k "
            "WHERE k.kind = q.kind AND k.value = q.value LIMIT %s) s) "
            "FROM unnest(%s::varchar[], %s::varchar[]) AS q(kind, value)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [KEY_FREQUENCY_CAP + 1, [k for k, _ in keys], [v for _, v in keys]])
            return {(kind, value): count for kind, value, count in cursor.fetchall()}
    return {
        (kind, value): PersonNameKey.objects.filter(kind=kind, value=value)[: KEY_FREQUENCY_CAP + 1].count()
        for kind, value in keys
    }


def _key_weight(kind: str, count: int) -> float:
    weight = math.log(1 + KEY_FREQUENCY_CAP / max(count, 1))
    return weight * PAIR_KEY_BONUS if kind == "sp" else weight


def _retrieve(query: Description, pool_size: int) -> dict[UUID, float]:
    from ketensignaal.persons.models import PersonNameKey

    keys = sorted(set().union(*(name_keys(n) for n in query.names)))
    frequencies = _key_frequencies(keys)
    present = {k: c for k, c in frequencies.items() if c > 0}
    usable = {k: c for k, c in present.items() if c <= KEY_FREQUENCY_CAP}
    if not usable and present:
        # Only very common keys (e.g. "Mohammed Ali"): use the rarest kinds anyway, bounded by the pool.
        usable = dict(sorted(present.items(), key=lambda kv: (kv[0][0] != "sp", kv[1]))[:2])
    if not usable:
        return {}
    condition = Q()
    whens = []
    for (kind, value), count in usable.items():
        condition |= Q(kind=kind, value=value)
        whens.append(When(kind=kind, value=value, then=Value(_key_weight(kind, count))))
    rows = (
        PersonNameKey.objects.filter(condition)
        .values("person_id")
        .annotate(weight=Sum(Case(*whens, default=Value(0.0), output_field=FloatField())))
        .order_by("-weight", "person_id")[:pool_size]
    )
    return {row["person_id"]: row["weight"] for row in rows}


def _trigram(query: Description, limit: int) -> set[UUID]:
    if connection.vendor != "postgresql":
        return set()
    found: set[UUID] = set()
    with connection.cursor() as cursor:
        for name in query.names:
            if not name.significant:
                continue
            text = " ".join(t.text for t in name.significant)
            cursor.execute(
                "SELECT person_id FROM persons_personname WHERE significant %% %s "
                "ORDER BY similarity(significant, %s) DESC LIMIT %s",
                [text, text, limit],
            )
            found.update(row[0] for row in cursor.fetchall())
    return found


def descriptions_load(person_ids: Iterable[UUID]) -> dict[UUID, Description]:
    from ketensignaal.persons.models import IdentifierKind, PersonBirthDate, PersonIdentifier, PersonName, PersonNationality

    ids = list(person_ids)
    result: dict[UUID, Description] = {pid: Description(names=[]) for pid in ids}
    if not ids:
        return result
    for pid, original, script, significant in PersonName.objects.filter(person_id__in=ids).values_list(
        "person_id", "original", "script", "significant"
    ):
        result[pid].names.append(stored_name(original, script, significant))
    for pid, text, earliest, latest, uncertain in PersonBirthDate.objects.filter(person_id__in=ids).values_list(
        "person_id", "text", "earliest", "latest", "uncertain"
    ):
        result[pid].birth_dates.append(BirthDate(text, earliest, latest, uncertain))
    nationalities: dict[UUID, set[str]] = {}
    for pid, code in PersonNationality.objects.filter(person_id__in=ids).values_list("person_id", "code"):
        nationalities.setdefault(pid, set()).add(code)
    v_numbers: dict[UUID, set[str]] = {}
    for pid, value in PersonIdentifier.objects.filter(person_id__in=ids, kind=IdentifierKind.V_NUMBER).values_list(
        "person_id", "value"
    ):
        v_numbers.setdefault(pid, set()).add(value)
    for pid, description in result.items():
        description.nationalities = frozenset(nationalities.get(pid, ()))
        description.v_numbers = frozenset(v_numbers.get(pid, ()))
    return result


def candidates_find(
    query: Description,
    *,
    limit: int = 10,
    pool_size: int = POOL_SIZE,
    restrict: Callable[[set[UUID]], set[UUID]] | None = None,
    exclude: Iterable[UUID] = (),
) -> list[Candidate]:
    """Best candidates first. ``restrict`` keeps only the person ids the caller may see."""
    from ketensignaal.persons.models import IdentifierKind, PersonIdentifier

    require_significant(query.names)
    pool = _retrieve(query, pool_size)
    if len(pool) < TRIGRAM_FALLBACK_BELOW:
        for pid in _trigram(query, TRIGRAM_FALLBACK_BELOW):
            pool.setdefault(pid, 0.0)
    by_v_number: set[UUID] = set()
    if query.v_numbers:
        by_v_number = set(
            PersonIdentifier.objects.filter(kind=IdentifierKind.V_NUMBER, value__in=query.v_numbers).values_list(
                "person_id", flat=True
            )
        )
    ids = (set(pool) | by_v_number) - set(exclude)
    if restrict is not None:
        ids = restrict(ids)
    descriptions = descriptions_load(ids)
    candidates = []
    for pid, description in descriptions.items():
        if not description.names:
            continue
        similarity, explanation = description_compare(query, description)
        reason = "v-number" if pid in by_v_number else ""
        if similarity <= 0 and not reason:
            continue
        candidates.append(Candidate(pid, round(similarity, 4), explanation, reason))
    candidates.sort(key=lambda c: (c.proposed_reason != "v-number", -c.similarity, str(c.person_id)))
    return candidates[:limit]
