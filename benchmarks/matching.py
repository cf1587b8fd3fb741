"""Person-matching benchmark on real name variants (../shared/data/names/), PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ks_bench_matching \
        .venv/bin/python benchmarks/matching.py [--sizes 100000,1000000] [--nomenklatura /tmp/nk-venv/bin/python]

Targets: the UN list (dev half) Latin names and OFAC SDN individuals' primary names, stored as person
records with only that name. Queries: the UN `original_script` (Arabic/Cyrillic) written form
(cross-script) and the aliases of UN ("Good" quality) and OFAC (aka/fka/nka) entries (other Latin
spellings). Distractors: names recombined from the tokens of all names in the data files (first
tokens with first tokens, last with last, so common names stay common), bulk-loaded with COPY.
Baselines in the same run: brute-force rapidfuzz over anyascii forms of every stored name, and
nomenklatura's logic-v2 re-ranking the same candidates our retrieval returns (run in a separate
throwaway venv given with --nomenklatura, because its pinned dependencies differ from ours).
The holdout set is not used.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (or beside the worktrees' folder)
DATA = next((p / "shared" for p in ROOT.parents if (p / "shared" / "data").is_dir()), ROOT.parent / "shared") / "data" / "names"
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ks_bench_matching")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketensignaal.settings")


def _ensure_database() -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


# --- data -------------------------------------------------------------------------------------


_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}
_SDN_DOB = re.compile(r"DOB (circa )?(?:(\d{1,2}) )?(?:([A-Z][a-z]{2}) )?(\d{4})(?: to (?:\d{1,2} )?(?:[A-Z][a-z]{2} )?(\d{4}))?")


def un_dates_of_birth(row: dict) -> list[str]:
    """The UN list's dates of birth in the application's notation (YYYY-MM-DD, YYYY, ca. YYYY, YYYY/YYYY)."""
    out = []
    for item in row.get("dates_of_birth") or []:
        if item.get("type") == "BETWEEN" and item.get("from_year") and item.get("to_year"):
            out.append(f"{item['from_year']}/{item['to_year']}")
        elif item.get("date"):
            out.append(item["date"][:10])
        elif item.get("year"):
            out.append(("ca. " if item.get("type") == "APPROXIMATELY" else "") + str(item["year"]))
    return out


def sdn_dates_of_birth(remarks: str) -> list[str]:
    out = []
    for circa, day, month, year, to_year in _SDN_DOB.findall(remarks or ""):
        if to_year:
            out.append(f"{year}/{to_year}")
        elif day and month in _MONTHS:
            out.append(f"{year}-{_MONTHS[month]:02d}-{int(day):02d}")
        elif month in _MONTHS:
            out.append(f"{year}-{_MONTHS[month]:02d}")
        else:
            out.append(("ca. " if circa else "") + year)
    return out


def synthetic_date_of_birth(rng: random.Random) -> str:
    """Persons in the system mostly have a registered date of birth: 80 % exact, 15 % year only, 5 % 'ca.'."""
    year = rng.randint(1945, 2008)
    roll = rng.random()
    if roll < 0.80:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return str(year) if roll < 0.95 else f"ca. {year}"


def load_targets() -> tuple[list[dict], list[dict]]:
    """(targets, queries). A target: key, name, dates of birth. A query: target key, text, kind, script.

    Targets without a date of birth on the list get a synthetic one (``dob_synthetic``), as a person record in the
    system nearly always has one; the with-date-of-birth queries give the target's first date as the list writes it.
    """
    from ketensignaal.persons.matching.normalize import script_detect

    rng = random.Random(7)
    targets, queries = [], []
    for line in (DATA / "un-consolidated-dev.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        key = row["id"]
        dobs = un_dates_of_birth(row)
        targets.append(
            {"key": key, "name": row["name"], "dobs": dobs or [synthetic_date_of_birth(rng)], "dob_synthetic": not dobs}
        )
        if row.get("original_script"):
            queries.append(
                {
                    "target": key,
                    "text": row["original_script"],
                    "kind": "cross-script",
                    "script": script_detect(row["original_script"]),
                }
            )
        for alias in row.get("aliases") or []:
            if alias.get("quality") == "Good" and alias["name"].strip().lower() != row["name"].strip().lower():
                queries.append({"target": key, "text": alias["name"], "kind": "latin-alias", "script": "Latn"})
    individuals, remarks = {}, {}
    with (DATA / "sdn.csv").open(encoding="latin-1") as fh:
        for row in csv.reader(fh):
            if len(row) > 2 and row[2].strip() == "individual":
                individuals[row[0]] = row[1].strip()
                remarks[row[0]] = row[-1]
    for key, name in individuals.items():
        dobs = sdn_dates_of_birth(remarks[key])
        targets.append(
            {"key": f"SDN-{key}", "name": name, "dobs": dobs or [synthetic_date_of_birth(rng)], "dob_synthetic": not dobs}
        )
    with (DATA / "alt.csv").open(encoding="latin-1") as fh:
        for row in csv.reader(fh):
            if len(row) > 3 and row[0] in individuals and row[3].strip().lower() != individuals[row[0]].lower():
                text = row[3].strip()
                queries.append({"target": f"SDN-{row[0]}", "text": text, "kind": "latin-alias", "script": script_detect(text)})
    return targets, queries


def token_pools(targets: list[dict], queries: list[dict]) -> tuple[list[str], list[str]]:
    firsts, lasts = [], []
    for text in [t["name"] for t in targets] + [q["text"] for q in queries if q["script"] == "Latn"]:
        parts = [p for p in text.replace(",", " ").split() if p.isalpha() and len(p) > 1]
        if len(parts) >= 2:
            firsts.extend(parts[:-1])
            lasts.append(parts[-1])
    return firsts, lasts


# --- loading -----------------------------------------------------------------------------------


class Loader:
    """COPY persons, names and keys; indexes dropped during the load and rebuilt afterwards."""

    TABLES = ("persons_personnamekey", "persons_personname")

    def __init__(self) -> None:
        from django.db import connection

        self.connection = connection
        self.next_name_id = 1
        self.count = 0
        self._token_cache: dict[str, object] = {}
        self._dob_cache: dict[str, object] = {}

    def reset(self) -> None:
        with self.connection.cursor() as cur:
            cur.execute(
                "TRUNCATE persons_personnamekey, persons_personname, persons_personsignallink, "
                "persons_matchproposal, persons_matchdecision, persons_personevent, persons_personidentifier, "
                "persons_personbirthdate, persons_personnationality, persons_person CASCADE"
            )
        self.count = 0

    def drop_indexes(self) -> list[str]:
        with self.connection.cursor() as cur:
            cur.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) AND indexname NOT LIKE '%%_pkey'",
                [list(self.TABLES)],
            )
            rows = cur.fetchall()
            for name, _ in rows:
                cur.execute(f'DROP INDEX IF EXISTS "{name}"')
        return [definition for _, definition in rows]

    INDEXES = (
        "CREATE INDEX IF NOT EXISTS person_name_key_idx ON persons_personnamekey (kind, value, person_id)",
        "CREATE INDEX IF NOT EXISTS bench_key_name_id ON persons_personnamekey (name_id)",
        "CREATE INDEX IF NOT EXISTS bench_key_person_id ON persons_personnamekey (person_id)",
        "CREATE INDEX IF NOT EXISTS bench_name_person_id ON persons_personname (person_id)",
        "CREATE INDEX IF NOT EXISTS person_name_latin_trgm ON persons_personname USING gin (significant gin_trgm_ops)",
    )

    def create_indexes(self, definitions: list[str]) -> None:
        with self.connection.cursor() as cur:
            cur.execute("SET maintenance_work_mem = '1GB'")
            for definition in self.INDEXES:
                cur.execute(definition)
        # What autovacuum does after a bulk load: without the visibility map every index-only count and key scan
        # visits the table too (5x slower at a million persons).
        with self.connection.cursor() as cur:
            for table in ("persons_person", "persons_personname", "persons_personnamekey", "persons_personbirthdate"):
                cur.execute(f"VACUUM (ANALYZE) {table}")
        self.frequencies_refresh()

    def frequencies_refresh(self) -> None:
        """What the nightly job does (and a bulk load should): count the common keys again."""
        from ketensignaal.persons.matching.engine import key_frequencies_refresh

        start = time.perf_counter()
        kept = key_frequencies_refresh()
        with self.connection.cursor() as cur:
            cur.execute("VACUUM (ANALYZE) persons_personnamekeyfrequency")
        print(f"key frequencies counted again: {kept:,} common keys in {time.perf_counter() - start:.0f}s")

    def _analysed(self, text: str):
        from ketensignaal.persons.matching.normalize import name_analyse

        return name_analyse(text, "")

    def load(self, names: list[tuple[str, str, list[str]]]) -> list[str]:
        """Load (key, name, dates of birth) as persons; returns the person ids in order."""
        from ketensignaal.persons.matching.dates import birth_date_parse, birth_years
        from ketensignaal.persons.matching.normalize import (
            AnalysedName,
            dated_keys,
            ending_keys,
            loose_keys,
            name_analyse,
            name_keys,
        )

        ids = []
        self.connection.ensure_connection()
        raw = self.connection.connection
        with raw.cursor() as cur:
            with cur.copy(
                "COPY persons_person (id, display_name, v_number, date_of_birth, nationality, created_at, restriction_reason) "
                "FROM STDIN"
            ) as copy:
                for _key, name, _dobs in names:
                    pid = str(uuid.uuid4())
                    ids.append(pid)
                    copy.write_row((pid, name[:200], "", "", "", "2026-01-01T00:00:00Z", ""))
            name_rows, key_rows, dob_rows = [], [], []
            for pid, (_key, name, dobs) in zip(ids, names, strict=True):
                analysed = self._compose(name, name_analyse, AnalysedName)
                nid = self.next_name_id
                self.next_name_id += 1
                significant = " ".join(t.text for t in analysed.significant)
                name_rows.append(
                    (
                        nid,
                        pid,
                        name[:200],
                        analysed.script,
                        "name",
                        analysed.cleaned[:200],
                        analysed.latin[:300],
                        significant[:300],
                        "2026-01-01T00:00:00Z",
                    )
                )
                parsed = [self._dob(text, birth_date_parse) for text in dobs]
                dob_rows.extend((pid, b.text, b.earliest, b.latest, b.uncertain) for b in parsed)
                years = birth_years(parsed)
                keys = name_keys(analysed) | dated_keys(analysed, years) | loose_keys(analysed, years) | ending_keys(analysed)
                key_rows.extend((nid, pid, kind, value[:80]) for kind, value in keys)
            with cur.copy(
                "COPY persons_personname (id, person_id, original, script, kind, cleaned, latin, significant, "
                "created_at) FROM STDIN"
            ) as copy:
                for row in name_rows:
                    copy.write_row(row)
            with cur.copy("COPY persons_personnamekey (name_id, person_id, kind, value) FROM STDIN") as copy:
                for row in key_rows:
                    copy.write_row(row)
            with cur.copy("COPY persons_personbirthdate (person_id, text, earliest, latest, uncertain) FROM STDIN") as copy:
                for row in dob_rows:
                    copy.write_row(row)
        raw.commit()
        self.count += len(names)
        return ids

    def rekey_loose(self) -> int:
        """Re-derive the looser and ending keys ("l", "lp", "ly", "f") of every stored name from its stored Latin form (while
        tuning ``token_loose``: cheaper than loading again). Returns the number of keys written."""
        from ketensignaal.persons.matching.dates import BirthDate, birth_years
        from ketensignaal.persons.matching.engine import stored_name
        from ketensignaal.persons.matching.normalize import ending_keys, loose_keys

        with self.connection.cursor() as cur:
            cur.execute("DELETE FROM persons_personnamekey WHERE kind IN ('l', 'lp', 'ly', 'f')")
            cur.execute("SELECT person_id, text, earliest, latest, uncertain FROM persons_personbirthdate")
            dates: dict = defaultdict(list)
            for pid, *row in cur.fetchall():
                dates[pid].append(BirthDate(*row))
            cur.execute("SELECT id, person_id, original, script, significant FROM persons_personname")
            rows = []
            for nid, pid, original, script, significant in cur.fetchall():
                name = stored_name(original, script, significant)
                keys = loose_keys(name, birth_years(dates.get(pid, []))) | ending_keys(name)
                rows.extend((nid, pid, kind, value[:80]) for kind, value in keys)
        raw = self.connection.connection
        with raw.cursor() as cur, cur.copy("COPY persons_personnamekey (name_id, person_id, kind, value) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        raw.commit()
        with self.connection.cursor() as cur:
            cur.execute("VACUUM (ANALYZE) persons_personnamekey")
        self.frequencies_refresh()
        return len(rows)

    def _dob(self, text: str, birth_date_parse):
        cached = self._dob_cache.get(text)
        if cached is None:
            cached = self._dob_cache[text] = birth_date_parse(text)
        return cached

    def _compose(self, name: str, name_analyse, AnalysedName):
        """Latin names are transliterated token by token (cached), which equals analysing the whole."""
        if not name.isascii():
            return name_analyse(name, "")
        tokens = []
        for part in name.split():
            cached = self._token_cache.get(part)
            if cached is None:
                cached = name_analyse(part, "Latn").tokens
                self._token_cache[part] = cached
            tokens.extend(cached)
        return AnalysedName(
            original=name, script="Latn", cleaned=name, latin=" ".join(t.text for t in tokens), tokens=tuple(tokens)
        )


def distractor_names(n: int, firsts: list[str], lasts: list[str], rng: random.Random) -> list[tuple[str, str, list[str]]]:
    out = []
    for i in range(n):
        k = rng.choice((1, 1, 2, 2, 3))
        name = " ".join(rng.choice(firsts) for _ in range(k)) + " " + rng.choice(lasts)
        out.append((f"D{i}", name, [synthetic_date_of_birth(rng)]))
    return out


# --- measuring ----------------------------------------------------------------------------------


#: target key -> keys of the records that describe the same person (filled by ``mark_duplicates``)
SAME_PERSON: dict[str, set[str]] = {}


def mark_duplicates(targets: list[dict]) -> int:
    """Both lists hold some people twice (UN given name first, OFAC surname first, other spellings). Records with
    the same token skeletons in any order and the same first year of birth are taken to be one person: proposing
    either record for a query is a hit. Returns the number of records that have such a twin."""
    from ketensignaal.persons.matching.dates import birth_date_parse
    from ketensignaal.persons.matching.normalize import name_analyse

    groups: dict[tuple, set[str]] = defaultdict(set)
    for t in targets:
        skeletons = tuple(sorted(tok.skeleton for tok in name_analyse(t["name"], "").significant))
        groups[(skeletons, birth_date_parse(t["dobs"][0]).earliest.year)].add(t["key"])
    for t in targets:
        SAME_PERSON[t["key"]] = {t["key"]}
    twins = 0
    for keys in groups.values():
        if len(keys) > 1:
            twins += len(keys)
            for key in keys:
                SAME_PERSON[key] = set(keys)
    return twins


def same_person(q: dict, key_of: dict[str, str]) -> set[str]:
    return {key_of[k] for k in SAME_PERSON.get(q["target"], {q["target"]})}


def rank_of(ranked: list[str], q: dict, key_of: dict[str, str]) -> int | None:
    wanted = same_person(q, key_of)
    return next((i for i, pid in enumerate(ranked, 1) if pid in wanted), None)


def _query_description(q: dict, targets_by_key: dict[str, dict] | None):
    from ketensignaal.persons.matching.compare import Description
    from ketensignaal.persons.matching.dates import birth_date_parse
    from ketensignaal.persons.matching.normalize import name_analyse

    dobs = [birth_date_parse(targets_by_key[q["target"]]["dobs"][0])] if targets_by_key else []
    return Description(names=[name_analyse(q["text"], "")], birth_dates=dobs)


def run_queries(
    queries: list[dict],
    key_of: dict[str, str],
    limit: int = 50,
    targets_by_key: dict[str, dict] | None = None,
    pools: bool = False,
) -> tuple[list[dict], list[float]]:
    """Every query through ``candidates_find``; with ``targets_by_key`` the query carries the target's date of
    birth. ``pools``: also note whether the target was retrieved at all (retrieval loss vs ranking loss)."""
    from ketensignaal.persons.matching.engine import candidate_pool, candidates_find

    results, latencies = [], []
    for q in queries:
        description = _query_description(q, targets_by_key)
        start = time.perf_counter()
        try:
            found = candidates_find(description, limit=limit)
        except Exception:  # e.g. a query of only particles: counts as a miss
            found = []
        latencies.append((time.perf_counter() - start) * 1000)
        ranked = [str(c.person_id) for c in found]
        row = {**q, "rank": rank_of(ranked, q, key_of), "ranked": ranked}
        if pools:
            try:
                row["in_pool"] = bool(same_person(q, key_of) & {str(p) for p in candidate_pool(description)})
            except Exception:
                row["in_pool"] = False
        results.append(row)
    return results, latencies


def _groups(results: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        groups[f"kind={r['kind']}"].append(r)
        groups[f"script={r['script']}"].append(r)
        if r["kind"] == "latin-alias" and r.get("shares_skeleton"):
            groups["latin-alias sharing a skeleton"].append(r)
    groups["all"] = results
    return groups


def recall_table(results: list[dict], label: str) -> list[str]:
    pools = "in_pool" in results[0]
    head = f"{label:<40} {'n':>6} {'R@1':>7} {'R@10':>7}"
    lines = [head + (f" {'pool':>7} {'lost:retrieval':>15} {'lost:ranking':>13}" if pools else "")]
    for name, rows in sorted(_groups(results).items()):
        r1 = sum(1 for r in rows if r["rank"] == 1) / len(rows)
        r10 = sum(1 for r in rows if r["rank"] and r["rank"] <= 10) / len(rows)
        line = f"  {name:<38} {len(rows):>6} {r1:>7.3f} {r10:>7.3f}"
        if pools:
            in_pool = sum(1 for r in rows if r["in_pool"]) / len(rows)
            ranking = sum(1 for r in rows if r["in_pool"] and not (r["rank"] and r["rank"] <= 10)) / len(rows)
            line += f" {in_pool:>7.3f} {1 - in_pool:>15.3f} {ranking:>13.3f}"
        lines.append(line)
    return lines


def ceiling_table(queries: list[dict], targets_by_key: dict[str, dict], label: str, with_dob: bool = False) -> list[str]:
    """The ambiguity ceiling of a names-only matcher: when ``others`` persons besides the target carry an identical
    transliterated name (same significant tokens, any order), even a perfect matcher ranks the target within the
    first ten only with chance min(1, 10 / (others + 1)) and first with 1 / (others + 1). ``with_dob``: the ceiling of
    a matcher given the date of birth too, counting only the others whose date of birth is compatible with it."""
    from django.db import connection

    from ketensignaal.persons.matching.dates import BirthDate, birth_date_parse, birth_dates_compare

    wanted = {targets_by_key[q["target"]]["sorted_significant"] for q in queries}
    by_name: dict[str, set] = defaultdict(set)
    with connection.cursor() as cur:
        cur.execute("SELECT person_id, significant FROM persons_personname")
        for pid, significant in cur.fetchall():
            name = " ".join(sorted(significant.split()))
            if name in wanted:
                by_name[name].add(pid)
        dates: dict = defaultdict(list)
        if with_dob:
            ids = list(set().union(*by_name.values()))
            cur.execute(
                "SELECT person_id, text, earliest, latest, uncertain FROM persons_personbirthdate WHERE person_id = ANY(%s)",
                [ids],
            )
            for pid, *row in cur.fetchall():
                dates[pid].append(BirthDate(*row))
    field = "others_dob" if with_dob else "others"
    for q in queries:
        target = targets_by_key[q["target"]]
        twins = sum(
            1 for k in SAME_PERSON.get(q["target"], ()) if targets_by_key[k]["sorted_significant"] == target["sorted_significant"]
        )
        persons = by_name[target["sorted_significant"]]
        if with_dob:
            given = [birth_date_parse(target["dobs"][0])]
            persons = {pid for pid in persons if birth_dates_compare(given, dates[pid])[0] in ("exact", "compatible")}
        q[field] = max(0, len(persons) - max(1, twins))
    lines = [f"{label:<40} {'n':>6} {'R@1 max':>8} {'R@10 max':>9} {'>10 others':>11}"]
    for name, rows in sorted(_groups(queries).items()):
        # an alias sharing no skeleton with its target is another name, not a spelling: nothing to find it by
        c1 = sum(r.get("shares_skeleton", True) / (r[field] + 1) for r in rows) / len(rows)
        c10 = sum(r.get("shares_skeleton", True) * min(1.0, 10 / (r[field] + 1)) for r in rows) / len(rows)
        many = sum(1 for r in rows if r[field] > 10)
        lines.append(f"  {name:<38} {len(rows):>6} {c1:>8.3f} {c10:>9.3f} {many:>11}")
    return lines


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


class BruteForce:
    """rapidfuzz token_sort_ratio over the anyascii form of every stored name; with a date of birth, only over the
    persons whose date of birth is compatible with it (same widening as the application)."""

    def __init__(self) -> None:
        from anyascii import anyascii
        from django.db import connection

        with connection.cursor() as cur:
            cur.execute(
                "SELECT n.person_id, n.original, min(b.earliest), max(b.latest), bool_or(b.uncertain) "
                "FROM persons_personname n LEFT JOIN persons_personbirthdate b ON b.person_id = n.person_id "
                "GROUP BY n.id, n.person_id, n.original"
            )
            rows = cur.fetchall()
        self.person_ids = [str(r[0]) for r in rows]
        self.choices = [anyascii(r[1]).lower() for r in rows]
        margin = 2 * 366
        self.lo = [r[2].toordinal() - (margin if r[4] else 0) if r[2] else 0 for r in rows]
        self.hi = [r[3].toordinal() + (margin if r[4] else 0) if r[3] else 10**7 for r in rows]

    def run(
        self, queries: list[dict], key_of: dict[str, str], targets_by_key: dict[str, dict] | None = None
    ) -> tuple[list[dict], list[float]]:
        from anyascii import anyascii
        from rapidfuzz import fuzz, process

        from ketensignaal.persons.matching.dates import birth_date_parse

        results, latencies = [], []
        for q in queries:
            start = time.perf_counter()
            choices, ids = self.choices, self.person_ids
            if targets_by_key:
                dob = birth_date_parse(targets_by_key[q["target"]]["dobs"][0])
                margin = 2 * 366 if dob.uncertain else 0
                q_lo, q_hi = dob.earliest.toordinal() - margin, dob.latest.toordinal() + margin
                keep = [i for i, (lo, hi) in enumerate(zip(self.lo, self.hi, strict=True)) if lo <= q_hi and q_lo <= hi]
                choices, ids = [choices[i] for i in keep], [ids[i] for i in keep]
            found = process.extract(anyascii(q["text"]).lower(), choices, scorer=fuzz.token_sort_ratio, limit=10)
            latencies.append((time.perf_counter() - start) * 1000)
            ranked = [ids[index] for _choice, _score, index in found]
            results.append({**q, "rank": rank_of(ranked, q, key_of)})
        return results, latencies


NK_SCRIPT = r"""
import json, sys
from followthemoney import model
from nomenklatura.matching import LogicV2
from nomenklatura.matching.types import ScoringConfig
cfg = ScoringConfig.defaults()
out = []
for line in sys.stdin:
    item = json.loads(line)
    q = model.make_entity("Person"); q.id = "q"; q.add("name", item["query"])
    if item.get("dob"):
        q.add("birthDate", item["dob"])
    scored = []
    for pid, name, dobs in item["candidates"]:
        c = model.make_entity("Person"); c.id = "c" + pid; c.add("name", name)
        for dob in dobs:
            c.add("birthDate", dob)
        scored.append((LogicV2.compare(q, c, cfg).score, pid))
    scored.sort(key=lambda s: -s[0])
    out.append([pid for _, pid in scored])
print(json.dumps(out))
"""


def _ftm_date(text: str) -> str:
    """A date of birth in followthemoney's notation (ISO prefix; a range or 'ca.' as its first year)."""
    found = re.search(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text)
    return found.group(0) if found else ""


def nomenklatura_rerank(
    results: list[dict], python: str, key_of: dict[str, str], targets_by_key: dict[str, dict] | None = None
) -> list[dict] | None:
    from ketensignaal.persons.models import PersonBirthDate, PersonName

    needed = {pid for r in results for pid in r["ranked"]}
    names = dict(PersonName.objects.filter(person_id__in=needed).values_list("person_id", "original"))
    dobs: dict[uuid.UUID, list[str]] = defaultdict(list)
    for pid, text in PersonBirthDate.objects.filter(person_id__in=needed).values_list("person_id", "text"):
        dobs[pid].append(_ftm_date(text))
    payload = "\n".join(
        json.dumps(
            {
                "query": r["text"],
                "dob": _ftm_date(targets_by_key[r["target"]]["dobs"][0]) if targets_by_key else "",
                "candidates": [[pid, names[uuid.UUID(pid)], dobs[uuid.UUID(pid)]] for pid in r["ranked"]],
            }
        )
        for r in results
    )
    done = subprocess.run([python, "-c", NK_SCRIPT], input=payload, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print("nomenklatura failed:", done.stderr[-2000:])
        return None
    reranked = json.loads(done.stdout.strip().splitlines()[-1])
    out = []
    for r, ranked in zip(results, reranked, strict=True):
        out.append({**r, "rank": rank_of(ranked, r, key_of)})
    return out


def mark_skeletons(targets: list[dict], queries: list[dict]) -> None:
    """Mark which queries share a token skeleton (or joined-token skeleton) with their target: an alias that shares
    none is another name, not another spelling, and no name matcher should be expected to find it."""
    from ketensignaal.persons.matching.normalize import name_analyse, name_keys

    by_key = {t["key"]: t for t in targets}
    for t in targets:
        t["sorted_significant"] = " ".join(sorted(tok.text for tok in name_analyse(t["name"], "").significant))
    for q in queries:
        keys_q = {v for k, v in name_keys(name_analyse(q["text"], "")) if k == "s"}
        keys_t = {v for k, v in name_keys(name_analyse(by_key[q["target"]]["name"], "")) if k == "s"}
        q["shares_skeleton"] = bool(keys_q & keys_t)
    for kind in ("cross-script", "latin-alias"):
        rows = [q for q in queries if q["kind"] == kind]
        disjoint = sum(1 for q in rows if not q["shares_skeleton"])
        print(f"  {kind}: {disjoint} of {len(rows)} ({disjoint / max(1, len(rows)):.3f}) share no token skeleton with the target")


def stage_profile(queries: list[dict], targets_by_key: dict[str, dict] | None) -> list[str]:
    """Where one query's time goes, in process: each stage of ``candidates_find`` timed on its own (mean ms)."""
    from ketensignaal.persons.matching import engine

    totals: dict[str, float] = defaultdict(float)
    stages = {
        "key frequencies": "_key_frequencies",
        "pools (keys, skeleton+year keys)": "_pools",
        "exact-date pool": "_born_on",
        "trigram fallback": "_trigram",
        "reading the pool": "descriptions_load",
        "comparing in Python": "description_compare",
    }
    originals = {name: getattr(engine, name) for name in stages.values()}

    def timed(label, function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                totals[label] += (time.perf_counter() - start) * 1000

        return wrapper

    for label, name in stages.items():
        setattr(engine, name, timed(label, originals[name]))
    pool_sizes = []
    try:
        start = time.perf_counter()
        for q in queries:
            description = _query_description(q, targets_by_key)
            try:
                engine.candidates_find(description, limit=10)
                pool_sizes.append(len(engine.candidate_pool(description)))
            except Exception:  # a query of only particles
                continue
        total = (time.perf_counter() - start) * 1000
    finally:
        for name, function in originals.items():
            setattr(engine, name, function)
    n = max(1, len(queries))
    # candidate_pool ran twice per query (once inside candidates_find, once for the pool size): halve its stages
    pool_stages = {"key frequencies", "pools (keys, skeleton+year keys)", "exact-date pool", "trigram fallback"}
    lines = [f"  in-process profile, {len(queries)} queries, mean per query (pool {statistics.mean(pool_sizes or [0]):.0f}):"]
    accounted = 0.0
    for label in stages:
        value = totals[label] / n / (2 if label in pool_stages else 1)
        accounted += value
        lines.append(f"    {label:<36} {value:7.1f} ms")
    per_query = total / n - sum(totals[label] / n / 2 for label in pool_stages)
    lines.append(f"    {'other (keys in Python, sorting)':<36} {per_query - accounted:7.1f} ms")
    lines.append(f"    {'total':<36} {per_query:7.1f} ms")
    return lines


def _recall(rows: list[dict], k: int, keep=lambda r: True) -> float:
    rows = [r for r in rows if keep(r)]
    return sum(1 for r in rows if r["rank"] and r["rank"] <= k) / max(1, len(rows))


def summary_lines(results: list[dict], latencies: list[float], label: str) -> list[str]:
    p50, p95 = percentiles(latencies)
    cross = [r for r in results if r["kind"] == "cross-script"]
    latin = [r for r in results if r["script"] == "Latn"]
    arab = [r for r in results if r["script"] == "Arab"]
    alias_sk = [r for r in results if r["kind"] == "latin-alias" and r["shares_skeleton"]]
    return [
        f"  {label}: cross-script R@1 {_recall(cross, 1):.3f} R@10 {_recall(cross, 10):.3f}; Latin alias (sharing a"
        f" skeleton) R@10 {_recall(alias_sk, 10):.3f}; Latin {_recall(latin, 10):.3f} vs Arabic script"
        f" {_recall(arab, 10):.3f} R@10: gap {100 * (_recall(latin, 10) - _recall(arab, 10)):+.1f} points;"
        f" latency p50 {p50:.1f} ms p95 {p95:.1f} ms (n={len(latencies)}, warm)",
        *_ceiling_gaps(results, label),
    ]


def _ceiling_gaps(results: list[dict], label: str) -> list[str]:
    """R@10 against the ambiguity ceiling of the same mode, per script (printed when the ceiling was computed)."""
    field = "others_dob" if results and "others_dob" in results[0] and label.endswith("(dob)") else "others"
    if not results or field not in results[0] or not label.startswith("ketensignaal"):
        return []
    parts = []
    for name in ("Arab", "Cyrl", "Latn"):
        rows = [r for r in results if r["script"] == name and r.get("shares_skeleton", True)]
        if rows:
            ceiling = sum(min(1.0, 10 / (r[field] + 1)) for r in rows) / len(rows)
            got = _recall(rows, 10)
            parts.append(f"{name} {got:.3f} vs {ceiling:.3f} ({100 * (got - ceiling):+.1f})")
    mode = "with date of birth" if field == "others_dob" else "names only"
    return [f"  {label}: R@10 vs the ambiguity ceiling ({mode}), queries sharing a skeleton: " + "; ".join(parts)]


def misses(results: list[dict], key_of: dict[str, str], limit: int) -> list[str]:
    from ketensignaal.persons.models import PersonName

    rows = [r for r in results if r["rank"] != 1 and r.get("shares_skeleton", True)][:limit]
    ids = {key_of[r["target"]] for r in rows} | {r["ranked"][0] for r in rows if r["ranked"]}
    latin = dict(PersonName.objects.filter(person_id__in=ids).values_list("person_id", "significant"))
    out = ["  misses (rank, retrieved, query, target, first):"]
    for r in rows:
        first = latin.get(uuid.UUID(r["ranked"][0]), "") if r["ranked"] else ""
        target = latin.get(uuid.UUID(key_of[r["target"]]))
        out.append(f"    {r['rank']} {r.get('in_pool')} {r['kind']} | {r['text']} | {target} | {first}")
    return out


def diagnose(results: list[dict], key_of: dict[str, str], targets_by_key: dict[str, dict] | None, limit: int) -> list[str]:
    """Why each query whose target is not within ten was missed: per pool (names, skeleton+year), the keys the query
    and the target share (with their frequency, and whether they were read within the budget), the weight the
    target would get and the weight of the last person taken into that pool; and whether the exact-date pool holds
    the target. Retrieval loss: the target is in no pool; ranking loss: it is, and the comparison put ten others
    above it (its score and the tenth's are printed)."""
    from ketensignaal.persons.matching import engine
    from ketensignaal.persons.matching.dates import birth_years
    from ketensignaal.persons.models import PersonName, PersonNameKey

    out = ["  diagnosis of the misses (R@10), one block per query:"]
    rows = [r for r in results if not (r["rank"] and r["rank"] <= 10) and r.get("shares_skeleton", True)][:limit]
    for r in rows:
        description = _query_description(r, targets_by_key)
        wanted = {uuid.UUID(p) for p in same_person(r, key_of)}
        stored = set(PersonNameKey.objects.filter(person_id__in=wanted).values_list("kind", "value"))
        target_names = list(PersonName.objects.filter(person_id__in=wanted).values_list("significant", flat=True))
        dates = targets_by_key[r["target"]]["dobs"][0] if targets_by_key else "-"
        out.append(f"    [{r['kind']}] {r['text']} ({dates}) -> {target_names}: rank {r['rank']}, in pool {r.get('in_pool')}")
        try:
            groups, dated = engine.key_groups(description.names, birth_years(description.birth_dates))
        except Exception as error:
            out.append(f"      no keys: {error}")
            continue
        frequencies = engine._key_frequencies(sorted(set(groups) | set(dated)))
        for label, spec, size in (("names", groups, engine.POOL_SIZE), ("year", dated, engine.DATED_POOL_SIZE)):
            if not spec:
                continue
            usable = engine.keys_within_budget({k: frequencies.get(k, 0) for k in spec})
            shared = sorted((k for k in spec if k in stored), key=lambda k: frequencies.get(k, 0))
            weight: dict[int, float] = {}
            for key in shared:
                if key in usable:
                    weight[spec[key]] = max(weight.get(spec[key], 0.0), engine._key_weight(key[0], frequencies[key]))
            pool = engine._pools([(spec, size)], frequencies)
            cutoff = min(pool.values()) if len(pool) >= size else 0.0
            inside = bool(wanted & set(pool))
            listed = ", ".join(f"{k[0]}:{k[1]}={frequencies.get(k, 0)}{'' if k in usable else '(unread)'}" for k in shared)
            out.append(
                f"      {label} pool: target weight {sum(weight.values()):.2f}, last taken {cutoff:.2f}, in it {inside};"
                f" {len(usable)} of {len(spec)} keys read; shared: {listed or 'none'}"
            )
        born = engine._born_on(description, groups)
        if any(d.exact for d in description.birth_dates):
            out.append(f"      exact-date pool: {len(born)} persons, target in it {bool(wanted & set(born))}")
        if r.get("in_pool"):
            found = engine.candidates_find(description, limit=50)
            scores = [c.similarity for c in found]
            mine = next((c.similarity for c in found if c.person_id in wanted), None)
            first, tenth = (scores[0] if scores else None), (scores[9] if len(scores) > 9 else None)
            out.append(f"      ranking: target score {mine}, first {first}, tenth {tenth}")
    return out


def _keys_file() -> Path:
    """Where the person id of each target is kept for --reuse (one file per database)."""
    return Path(os.environ.get("TMPDIR", "/tmp")) / (os.environ["DATABASE_URL"].rsplit("/", 1)[1] + ".keys.json")


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--nomenklatura", default="/tmp/nk-venv/bin/python")
    parser.add_argument("--latency-sample", type=int, default=400)
    parser.add_argument("--baseline-sample", type=int, default=300, help="queries for the brute-force baseline")
    parser.add_argument("--max-alias-queries", type=int, default=1000)
    parser.add_argument("--reuse", action="store_true", help="keep persons already loaded when the count matches")
    parser.add_argument("--show-misses", type=int, default=0, help="list up to N queries not ranked first, per mode")
    parser.add_argument("--skip-baselines", action="store_true", help="ours only (while tuning)")
    parser.add_argument("--modes", default="names,dob", help="names (names only) and/or dob (with date of birth)")
    parser.add_argument("--diagnose", type=int, default=0, help="explain up to N misses (R@10) per mode: pools, keys")
    parser.add_argument("--profile", type=int, default=0, help="time the stages of N queries per mode")
    parser.add_argument("--rekey", action="store_true", help="with --reuse: re-derive the looser keys first")
    parser.add_argument("--build-only", action="store_true", help="load the persons and stop (then run with --reuse)")
    args = parser.parse_args()

    _ensure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    rng = random.Random(20261122)
    targets, queries = load_targets()
    targets_by_key = {t["key"]: t for t in targets}
    cross = [q for q in queries if q["kind"] == "cross-script"]
    aliases = [q for q in queries if q["kind"] == "latin-alias"]
    rng.shuffle(aliases)
    queries = cross + aliases[: args.max_alias_queries]
    firsts, lasts = token_pools(targets, queries)
    print(f"{load_average()} at start")
    mark_skeletons(targets, queries)
    twins = mark_duplicates(targets)
    print(f"  {twins} target records describe a person that has another record in the lists (counted as the same person)")
    synthetic = sum(1 for t in targets if t["dob_synthetic"])
    print(
        f"targets={len(targets)} ({synthetic} without a date of birth on the list got a synthetic one) "
        f"queries={len(queries)} (cross-script {len(cross)}, Latin aliases {min(len(aliases), args.max_alias_queries)}"
        f" of {len(aliases)})"
    )

    loader = Loader()
    sizes = [int(s) for s in args.sizes.split(",")]
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM persons_person")
        present = cur.fetchone()[0]
    reuse = args.reuse and present in sizes
    if reuse:
        sizes = [present]
        key_of = json.loads(_keys_file().read_text())
        loader.count = present
        print(f"reusing the {present:,} persons already loaded")
        if args.rekey:
            rekey_start = time.perf_counter()
            written = loader.rekey_loose()
            print(f"re-derived {written:,} looser keys in {time.perf_counter() - rekey_start:.0f}s")
    else:
        loader.reset()
        definitions = loader.drop_indexes()
        target_ids = loader.load([(t["key"], t["name"], t["dobs"]) for t in targets])
        key_of = {t["key"]: pid for t, pid in zip(targets, target_ids, strict=True)}
        _keys_file().write_text(json.dumps(key_of))
    for size in sizes:
        missing = size - loader.count
        print(f"\n=== {size:,} persons ===")
        load_start = time.perf_counter()
        if missing > 0:
            if loader.count > len(targets):
                definitions = loader.drop_indexes() or definitions
            while missing > 0:
                n = min(200_000, missing)
                loader.load(distractor_names(n, firsts, lasts, rng))
                missing -= n
            copy_s = time.perf_counter() - load_start
            loader.create_indexes(definitions)
            print(
                f"loaded {loader.count:,} persons: COPY {copy_s:.0f}s, indexes {time.perf_counter() - load_start - copy_s:.0f}s"
            )
        size = loader.count
        print(load_average())
        if args.build_only:
            continue
        print("\n".join(ceiling_table(queries, targets_by_key, f"ambiguity ceiling @ {size:,} (names only)")))
        if "dob" in args.modes:
            print("\n".join(ceiling_table(queries, targets_by_key, f"ambiguity ceiling @ {size:,} (with date of birth)", True)))
        sample = rng.sample(queries, min(args.latency_sample, len(queries)))
        base_sample = sample[: args.baseline_sample]
        brute = None if args.skip_baselines else BruteForce()
        modes = [("names only", None)] * ("names" in args.modes) + [("with date of birth", targets_by_key)] * (
            "dob" in args.modes
        )
        for mode, given in modes:
            results, _ = run_queries(queries, key_of, targets_by_key=given, pools=True)
            _, latencies = run_queries(sample, key_of, limit=10, targets_by_key=given)
            print(f"\n-- {mode} -- {load_average()}")
            print("\n".join(recall_table(results, f"ketensignaal @ {size:,}")))
            print("\n".join(summary_lines(results, latencies, "ketensignaal" + (" (dob)" if given else ""))))
            if args.show_misses:
                print("\n".join(misses(results, key_of, args.show_misses)))
            if args.diagnose:
                print("\n".join(diagnose(results, key_of, given, args.diagnose)))
            if args.profile:
                print(load_average())
                print("\n".join(stage_profile(sample[: args.profile], given)))
            if args.skip_baselines:
                continue
            bf, bf_lat = brute.run(base_sample, key_of, given)
            sample_texts = {(q["text"], q["target"]) for q in base_sample}
            ours_sample = [r for r in results if (r["text"], r["target"]) in sample_texts]
            print("\n".join(recall_table(ours_sample, "ketensignaal (baseline sample)")))
            print("\n".join(recall_table(bf, "baseline brute-force rapidfuzz (sample)")))
            print("\n".join(summary_lines(bf, bf_lat, "brute force")))
            if args.nomenklatura and Path(args.nomenklatura).exists():
                nk_start = time.perf_counter()
                nk = nomenklatura_rerank(ours_sample, args.nomenklatura, key_of, given)
                if nk is not None:
                    print("\n".join(recall_table(nk, "baseline nomenklatura logic-v2 on our pool (sample)")))
                    print(f"  ({time.perf_counter() - nk_start:.0f}s incl. model load)")
            else:
                print(f"  nomenklatura: no interpreter at {args.nomenklatura}; baseline skipped")
            sys.stdout.flush()
    print(f"\ntotal {time.perf_counter() - t0:.0f}s; {load_average()}")


if __name__ == "__main__":
    main()
