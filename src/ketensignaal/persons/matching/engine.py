"""Candidate retrieval and ranking against the person records in the database.

1. Keys of the query names (token, skeleton, phonetic code, skeleton pairs) and, when a date of birth is
   given, keys that combine each token skeleton with a possible year of birth.
2. Key frequency, counted up to a cap in the index. The rarer a key, the more it weighs.
3. Persons sharing the weighted keys (grouped queries), read rarest key first until a budget of index rows
   is spent: the pool is decided by the selective keys however large the index grows, instead of by which
   keys happen to stay under a fixed frequency cap. With a date of birth a second pool comes from the
   skeleton+year keys, so that a common name does not crowd out the person born in that year. On
   PostgreSQL a trigram search on the transliterated form adds candidates when the keys find few.
4. Full comparison (names, partial dates, nationality) of the pool in Python. The result is a list of
   candidates with an explanation each; the number is only for ordering (a person decides).
An exact V-number match is always included and marked as a proposal.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.persons.matching.compare import Description, description_compare
from ketensignaal.persons.matching.dates import BirthDate, birth_years
from ketensignaal.persons.matching.normalize import (
    AnalysedName,
    Token,
    loose_pairs,
    name_keys,
    token_ends_in_i,
    token_loose,
    token_phonetic,
    token_skeleton,
)

#: Keys are counted up to this many index rows; a key at least this common is read only when it is all there is.
KEY_FREQUENCY_CAP = 5000
#: Index rows read per pool, rarest key first (the key that crosses the budget is still read whole).
SCAN_BUDGET = 12000
#: Frequency at which a key weighs log(2); rarer keys weigh more.
WEIGHT_REFERENCE = 1500
PAIR_KEY_BONUS = 1.5
POOL_SIZE = 40
DATED_POOL_SIZE = 40
TRIGRAM_FALLBACK_BELOW = 20
BORN_ON_LIMIT = 60
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


#: Keys with at least this many index rows have their count kept in ``PersonNameKeyFrequency``; rarer keys are
#: counted live, which reads at most this many index rows per key.
FREQUENT_KEY = 200


def _key_frequencies(keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Index rows per key, at most ``KEY_FREQUENCY_CAP``: the kept count of a common key, a live count (up to
    ``FREQUENT_KEY`` rows) of any other. Counting the common keys live read up to 5,000 index rows each, the largest
    stage of a query at a million persons. A key that became common since the last ``key_frequencies_refresh`` counts
    as ``FREQUENT_KEY`` until the next."""
    from ketensignaal.persons.models import PersonNameKey, PersonNameKeyFrequency

    if not keys:
        return {}
    if connection.vendor == "postgresql":
        sql = (
            "SELECT q.kind, q.value, LEAST(%s, COALESCE(f.count, (SELECT count(*) FROM (SELECT 1 FROM "
            "persons_personnamekey k WHERE k.kind = q.kind AND k.value = q.value LIMIT %s) s))) "
            "FROM unnest(%s::varchar[], %s::varchar[]) AS q(kind, value) "
            "LEFT JOIN persons_personnamekeyfrequency f ON f.kind = q.kind AND f.value = q.value"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [KEY_FREQUENCY_CAP, FREQUENT_KEY, [k for k, _ in keys], [v for _, v in keys]])
            return {(kind, value): count for kind, value, count in cursor.fetchall()}
    kept: dict[tuple[str, str], int] = {}
    for kind, value, count in PersonNameKeyFrequency.objects.filter(value__in={v for _, v in keys}).values_list(
        "kind", "value", "count"
    ):
        kept[(kind, value)] = count
    return {
        (kind, value): min(
            KEY_FREQUENCY_CAP,
            kept.get((kind, value)) or PersonNameKey.objects.filter(kind=kind, value=value)[:FREQUENT_KEY].count(),
        )
        for kind, value in keys
    }


def key_frequencies_refresh() -> int:
    """Count every key with at least ``FREQUENT_KEY`` index rows again (one grouped scan of the key table: about a
    minute at a million persons). Run nightly and after a bulk load. Returns the number of keys kept."""
    from ketensignaal.persons.models import PersonNameKeyFrequency

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM persons_personnamekeyfrequency")
        cursor.execute(
            "INSERT INTO persons_personnamekeyfrequency (kind, value, count) SELECT kind, value, count(*) "
            "FROM persons_personnamekey GROUP BY kind, value HAVING count(*) >= %s",
            [FREQUENT_KEY],
        )
    return PersonNameKeyFrequency.objects.count()


def _key_weight(kind: str, count: int) -> float:
    weight = math.log(1 + WEIGHT_REFERENCE / max(count, 1))
    return weight * PAIR_KEY_BONUS if kind == "sp" else weight


def keys_within_budget(frequencies: dict[tuple[str, str], int], budget: int = SCAN_BUDGET) -> dict[tuple[str, str], int]:
    """The keys to read, rarest first, until ``budget`` index rows are spent. Keys at the cap (at least that common)
    are read only when nothing rarer exists."""
    chosen: dict[tuple[str, str], int] = {}
    spent = 0
    for key, count in sorted(frequencies.items(), key=lambda kv: (kv[1], kv[0])):
        if count <= 0:
            continue
        if spent >= budget or (count >= KEY_FREQUENCY_CAP and chosen):
            break
        chosen[key] = count
        spent += count
    return chosen


_POOL_SQL = (
    "(SELECT person_id, sum(w) AS weight FROM ("
    " SELECT k.person_id, q.grp, max(q.weight) AS w "
    " FROM unnest(%s::varchar[], %s::varchar[], %s::float8[], %s::int[]) AS q(kind, value, weight, grp) "
    " JOIN persons_personnamekey k ON k.kind = q.kind AND k.value = q.value "
    " GROUP BY k.person_id, q.grp) per_group "
    "GROUP BY person_id ORDER BY weight DESC, person_id LIMIT %s)"
)

KeyGroups = dict[tuple[str, str], int]


def key_groups(names: Iterable[AnalysedName], years: list[int]) -> tuple[KeyGroups, KeyGroups]:
    """The query's keys, each with the evidence group it belongs to: a token's text, skeleton and phonetic code
    are one piece of evidence (a person sharing all three gets the weight of the rarest, not the sum), a
    skeleton pair or a joined compound is its own. Returns (name keys, skeleton+year keys)."""
    groups: KeyGroups = {}
    dated: KeyGroups = {}
    for name in names:
        all_keys = name_keys(name)
        for token in name.significant:
            group = len(groups) + len(dated)
            for key in (("t", token.text), ("s", token.skeleton), ("p", token.phonetic)):
                if key in all_keys:
                    groups.setdefault(key, group)
            if len(token.skeleton) >= 2 and token_ends_in_i(token.text):
                groups.setdefault(("f", f"{token.skeleton}y"), group)
            # The looser key finds stored names whose skeleton or looser key equals it (loose_keys).
            loose = token_loose(token.text)
            if len(loose) >= 2:
                groups.setdefault(("s", loose), group)
                groups.setdefault(("l", loose), group)
            for year in years:
                if len(token.skeleton) >= 2:
                    dated.setdefault(("y", f"{token.skeleton}|{year}"), group)
                if len(loose) >= 2:
                    dated.setdefault(("y", f"{loose}|{year}"), group)
                    dated.setdefault(("ly", f"{loose}|{year}"), group)
        # Two adjacent tokens joined (a compound written as one word elsewhere): one piece of evidence of its own.
        for left, right in pairwise(name.significant):
            joined = left.text + right.text
            skeleton, loose = token_skeleton(joined), token_loose(joined)
            if len(loose) < 3:
                continue
            group = len(groups) + len(dated) + 1000
            for key in (("s", skeleton), ("s", loose), ("l", loose)):
                groups.setdefault(key, group)
            for year in years:
                dated.setdefault(("y", f"{skeleton}|{year}"), group)
                dated.setdefault(("y", f"{loose}|{year}"), group)
                dated.setdefault(("ly", f"{loose}|{year}"), group)
        for key in sorted(all_keys):
            groups.setdefault(key, len(groups) + len(dated) + 1000)
        for pair in sorted(loose_pairs(name)):
            group = len(groups) + len(dated) + 1000
            groups.setdefault(("sp", pair), group)
            groups.setdefault(("lp", pair), group)
    return groups, dated


def _pools(specs: list[tuple[KeyGroups, int]], frequencies: dict[tuple[str, str], int]) -> dict[UUID, float]:
    """Persons with the highest weight per (keys, pool size): the sum over evidence groups of the weight of the
    rarest key shared in that group. On PostgreSQL in one statement."""
    from ketensignaal.persons.models import PersonNameKey

    weighted = []
    for groups, size in specs:
        usable = keys_within_budget({k: frequencies.get(k, 0) for k in groups})
        if usable:
            rows = [(kind, value, _key_weight(kind, count), groups[(kind, value)]) for (kind, value), count in usable.items()]
            weighted.append((rows, size))
    pool: dict[UUID, float] = {}
    if not weighted:
        return pool
    if connection.vendor == "postgresql":
        params: list[Any] = []
        for rows, size in weighted:
            params += [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows], size]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join([_POOL_SQL] * len(weighted)), params)
            for pid, weight in cursor.fetchall():
                pool[pid] = max(pool.get(pid, 0.0), weight)
        return pool
    for rows, size in weighted:
        by_key = {(kind, value): (weight, group) for kind, value, weight, group in rows}
        condition = Q()
        for kind, value in by_key:
            condition |= Q(kind=kind, value=value)
        best: dict[UUID, dict[int, float]] = {}
        for pid, kind, value in PersonNameKey.objects.filter(condition).values_list("person_id", "kind", "value"):
            weight, group = by_key[(kind, value)]
            per_group = best.setdefault(pid, {})
            per_group[group] = max(per_group.get(group, 0.0), weight)
        ranked = sorted(((sum(g.values()), pid) for pid, g in best.items()), key=lambda r: (-r[0], str(r[1])))[:size]
        for weight, pid in ranked:
            pool[pid] = max(pool.get(pid, 0.0), weight)
    return pool


def _retrieve(query: Description, pool_size: int) -> dict[UUID, float]:
    groups, dated = key_groups(query.names, birth_years(query.birth_dates))
    frequencies = _key_frequencies(sorted(set(groups) | set(dated)))
    specs = [(groups, pool_size)]
    if dated:
        specs.append((dated, DATED_POOL_SIZE))
    pool = _pools(specs, frequencies)
    for pid in _born_on(query, set(groups) | _short_joined_keys(query.names)):
        pool.setdefault(pid, 0.0)
    return pool


def _short_joined_keys(names: Iterable[AnalysedName]) -> set[tuple[str, str]]:
    """Two short parts joined into a two-letter skeleton (ما يشو, Maychou: "ms"): too common a key to weigh in the
    name pools (it brought Diegos to احمد ضیا آغا), but among the few persons born on the query's exact date it is
    enough to be asked for."""
    keys = set()
    for name in names:
        for left, right in pairwise(name.significant):
            skeleton = token_skeleton(left.text + right.text)
            if len(skeleton) == 2:
                keys.add(("s", skeleton))
    return keys


# Driven by the birth-date index: first the persons born on the day (at a million persons a median of 21 and at most
# 121 for the subject benchmark's dates), then per person a probe of the key index (kind, value, person) for each of
# the query's keys. The LATERAL … LIMIT 1 keeps the planner from the earlier plan, which read every index row of
# every query key once per birth-date row (2.3 million rows, 2.4 s, for one request at a million persons).
_BORN_ON_SQL = (
    "SELECT born.person_id FROM (SELECT DISTINCT b.person_id FROM persons_personbirthdate b "
    " WHERE b.earliest = ANY(%s::date[]) AND b.latest = b.earliest) born "
    "CROSS JOIN LATERAL (SELECT 1 FROM persons_personnamekey k WHERE k.person_id = born.person_id "
    " AND (k.kind, k.value) IN (SELECT q.kind, q.value FROM unnest(%s::varchar[], %s::varchar[]) AS q(kind, value)) "
    " LIMIT 1) shared "
    "LIMIT %s"
)


def _born_on(query: Description, groups: Iterable[tuple[str, str]]) -> list[UUID]:
    """Persons born on exactly the query's (exact) date of birth who share any name key: a few dozen at a million
    persons, where a common name and a year still leave thousands."""
    from ketensignaal.persons.models import PersonBirthDate, PersonNameKey

    days = sorted({d.earliest for d in query.birth_dates if d.exact})
    keys = sorted(groups)
    if not days or not keys:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_BORN_ON_SQL, [days, [k for k, _ in keys], [v for _, v in keys], BORN_ON_LIMIT])
            return [row[0] for row in cursor.fetchall()]
    condition = Q()
    for kind, value in keys:
        condition |= Q(kind=kind, value=value)
    sharing = PersonNameKey.objects.filter(condition, person_id=OuterRef("person_id"))
    return list(
        PersonBirthDate.objects.filter(earliest__in=days, latest__in=days)
        .filter(Exists(sharing))
        .values_list("person_id", flat=True)
        .distinct()[:BORN_ON_LIMIT]
    )


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


def candidate_pool(query: Description, pool_size: int = POOL_SIZE) -> dict[UUID, float]:
    """The persons retrieved for full comparison (retrieval weight by person id)."""
    pool = _retrieve(query, pool_size)
    if len(pool) < TRIGRAM_FALLBACK_BELOW:
        for pid in _trigram(query, TRIGRAM_FALLBACK_BELOW):
            pool.setdefault(pid, 0.0)
    return pool


_DESCRIPTIONS_SQL = (
    "SELECT u.id, "
    "(SELECT json_agg(json_build_array(n.original, n.script, n.significant) ORDER BY n.id) "
    " FROM persons_personname n WHERE n.person_id = u.id), "
    "(SELECT json_agg(json_build_array(b.text, b.earliest, b.latest, b.uncertain) ORDER BY b.id) "
    " FROM persons_personbirthdate b WHERE b.person_id = u.id), "
    "(SELECT array_agg(c.code) FROM persons_personnationality c WHERE c.person_id = u.id), "
    "(SELECT array_agg(i.value) FROM persons_personidentifier i WHERE i.person_id = u.id AND i.kind = %s) "
    "FROM unnest(%s::uuid[]) AS u(id)"
)


@lru_cache(maxsize=65536)
def _stored_birth_date(text: str, earliest: str, latest: str, uncertain: bool) -> BirthDate:
    return BirthDate(text, date.fromisoformat(earliest), date.fromisoformat(latest), uncertain)


def descriptions_load(person_ids: Iterable[UUID]) -> dict[UUID, Description]:
    from ketensignaal.persons.models import IdentifierKind, PersonBirthDate, PersonIdentifier, PersonName, PersonNationality

    ids = list(person_ids)
    result: dict[UUID, Description] = {pid: Description(names=[]) for pid in ids}
    if not ids:
        return result
    if connection.vendor == "postgresql":
        # One statement instead of four: the pool is read on every new signal.
        with connection.cursor() as cursor:
            cursor.execute(_DESCRIPTIONS_SQL, [IdentifierKind.V_NUMBER.value, ids])
            for pid, names, dates, codes, numbers in cursor.fetchall():
                description = result[pid]
                description.names = [stored_name(*name) for name in names or ()]
                description.birth_dates = [_stored_birth_date(*value) for value in dates or ()]
                description.nationalities = frozenset(codes or ())
                description.v_numbers = frozenset(numbers or ())
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
    pool = candidate_pool(query, pool_size)
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
    # Equal comparisons (the same common name, the same date) are ordered by the retrieval evidence: the rarer the
    # keys a person shares with the query, the earlier; only then by id.
    candidates.sort(
        key=lambda c: (c.proposed_reason != "v-number", -c.similarity, -round(pool.get(c.person_id, 0.0), 6), str(c.person_id))
    )
    return candidates[:limit]
