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
import statistics
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "names"
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


def load_targets() -> tuple[list[dict], list[dict]]:
    """(targets, queries). A target: key, name. A query: target key, text, kind, script."""
    from ketensignaal.persons.matching.normalize import script_detect

    targets, queries = [], []
    for line in (DATA / "un-consolidated-dev.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        key = row["id"]
        targets.append({"key": key, "name": row["name"]})
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
    individuals = {}
    with (DATA / "sdn.csv").open(encoding="latin-1") as fh:
        for row in csv.reader(fh):
            if len(row) > 2 and row[2].strip() == "individual":
                individuals[row[0]] = row[1].strip()
    for key, name in individuals.items():
        targets.append({"key": f"SDN-{key}", "name": name})
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
            cur.execute("ANALYZE persons_person; ANALYZE persons_personname; ANALYZE persons_personnamekey")

    def _analysed(self, text: str):
        from ketensignaal.persons.matching.normalize import name_analyse

        return name_analyse(text, "")

    def load(self, names: list[tuple[str, str]]) -> list[str]:
        """Load (key, name) pairs as persons; returns the person ids in order."""
        from ketensignaal.persons.matching.normalize import AnalysedName, name_analyse, name_keys

        ids = []
        self.connection.ensure_connection()
        raw = self.connection.connection
        with raw.cursor() as cur:
            with cur.copy(
                "COPY persons_person (id, display_name, v_number, date_of_birth, nationality, created_at) FROM STDIN"
            ) as copy:
                for _key, name in names:
                    pid = str(uuid.uuid4())
                    ids.append(pid)
                    copy.write_row((pid, name[:200], "", "", "", "2026-01-01T00:00:00Z"))
            name_rows, key_rows = [], []
            for pid, (_key, name) in zip(ids, names, strict=True):
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
                key_rows.extend((nid, pid, kind, value[:80]) for kind, value in name_keys(analysed))
            with cur.copy(
                "COPY persons_personname (id, person_id, original, script, kind, cleaned, latin, significant, "
                "created_at) FROM STDIN"
            ) as copy:
                for row in name_rows:
                    copy.write_row(row)
            with cur.copy("COPY persons_personnamekey (name_id, person_id, kind, value) FROM STDIN") as copy:
                for row in key_rows:
                    copy.write_row(row)
        raw.commit()
        self.count += len(names)
        return ids

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


def distractor_names(n: int, firsts: list[str], lasts: list[str], rng: random.Random) -> list[tuple[str, str]]:
    out = []
    for i in range(n):
        k = rng.choice((1, 1, 2, 2, 3))
        out.append((f"D{i}", " ".join(rng.choice(firsts) for _ in range(k)) + " " + rng.choice(lasts)))
    return out


# --- measuring ----------------------------------------------------------------------------------


def run_queries(queries: list[dict], key_of: dict[str, str], limit: int = 50) -> tuple[list[dict], list[float]]:
    from ketensignaal.persons.matching.compare import Description
    from ketensignaal.persons.matching.engine import candidates_find
    from ketensignaal.persons.matching.normalize import name_analyse

    results, latencies = [], []
    for q in queries:
        start = time.perf_counter()
        try:
            found = candidates_find(Description(names=[name_analyse(q["text"], "")]), limit=limit)
        except Exception:  # e.g. a query of only particles: counts as a miss
            found = []
        latencies.append((time.perf_counter() - start) * 1000)
        ranked = [str(c.person_id) for c in found]
        target = key_of[q["target"]]
        results.append({**q, "rank": ranked.index(target) + 1 if target in ranked else None, "ranked": ranked})
    return results, latencies


def recall_table(results: list[dict], label: str) -> list[str]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        groups[f"kind={r['kind']}"].append(r)
        groups[f"script={r['script']}"].append(r)
    groups["all"] = results
    lines = [f"{label:<34} {'n':>6} {'R@1':>7} {'R@10':>7}"]
    for name in sorted(groups):
        rows = groups[name]
        r1 = sum(1 for r in rows if r["rank"] == 1) / len(rows)
        r10 = sum(1 for r in rows if r["rank"] and r["rank"] <= 10) / len(rows)
        lines.append(f"  {name:<32} {len(rows):>6} {r1:>7.3f} {r10:>7.3f}")
    return lines


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def brute_force(queries: list[dict], key_of: dict[str, str]) -> tuple[list[dict], list[float]]:
    from anyascii import anyascii
    from django.db import connection
    from rapidfuzz import fuzz, process

    with connection.cursor() as cur:
        cur.execute("SELECT person_id, original FROM persons_personname")
        rows = cur.fetchall()
    person_ids = [str(r[0]) for r in rows]
    choices = [anyascii(r[1]).lower() for r in rows]
    results, latencies = [], []
    for q in queries:
        start = time.perf_counter()
        found = process.extract(anyascii(q["text"]).lower(), choices, scorer=fuzz.token_sort_ratio, limit=10)
        latencies.append((time.perf_counter() - start) * 1000)
        ranked = [person_ids[index] for _choice, _score, index in found]
        target = key_of[q["target"]]
        results.append({**q, "rank": ranked.index(target) + 1 if target in ranked else None})
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
    scored = []
    for pid, name in item["candidates"]:
        c = model.make_entity("Person"); c.id = "c" + pid; c.add("name", name)
        scored.append((LogicV2.compare(q, c, cfg).score, pid))
    scored.sort(key=lambda s: -s[0])
    out.append([pid for _, pid in scored])
print(json.dumps(out))
"""


def nomenklatura_rerank(results: list[dict], python: str, key_of: dict[str, str]) -> list[dict] | None:
    from ketensignaal.persons.models import PersonName

    needed = {pid for r in results for pid in r["ranked"]}
    names = dict(PersonName.objects.filter(person_id__in=needed).values_list("person_id", "original"))
    payload = "\n".join(
        json.dumps({"query": r["text"], "candidates": [[pid, names[uuid.UUID(pid)]] for pid in r["ranked"]]}) for r in results
    )
    done = subprocess.run([python, "-c", NK_SCRIPT], input=payload, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print("nomenklatura failed:", done.stderr[-2000:])
        return None
    reranked = json.loads(done.stdout.strip().splitlines()[-1])
    out = []
    for r, ranked in zip(results, reranked, strict=True):
        target = key_of[r["target"]]
        out.append({**r, "rank": ranked.index(target) + 1 if target in ranked else None})
    return out


def print_alias_ceiling(targets: list[dict], queries: list[dict]) -> None:
    """How many queries share no token skeleton (nor joined-token skeleton) with their target at all:
    such aliases are other names, not other spellings, and no name matcher should be expected to find them."""
    from ketensignaal.persons.matching.normalize import name_analyse, name_keys

    target_names = {t["key"]: t["name"] for t in targets}
    for kind in ("cross-script", "latin-alias"):
        rows = [q for q in queries if q["kind"] == kind]
        disjoint = 0
        for q in rows:
            keys_q = {v for k, v in name_keys(name_analyse(q["text"], "")) if k == "s"}
            keys_t = {v for k, v in name_keys(name_analyse(target_names[q["target"]], "")) if k == "s"}
            disjoint += not (keys_q & keys_t)
        print(
            f"  {kind}: {disjoint} of {len(rows)} ({disjoint / max(1, len(rows)):.3f}) share no token skeleton "
            f"with the target (ceiling R@10 <= {1 - disjoint / max(1, len(rows)):.3f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--nomenklatura", default="/tmp/nk-venv/bin/python")
    parser.add_argument("--latency-sample", type=int, default=600)
    parser.add_argument("--max-alias-queries", type=int, default=1500)
    parser.add_argument("--build-budget-s", type=int, default=900)
    args = parser.parse_args()

    _ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    rng = random.Random(20261122)
    targets, queries = load_targets()
    cross = [q for q in queries if q["kind"] == "cross-script"]
    aliases = [q for q in queries if q["kind"] == "latin-alias"]
    rng.shuffle(aliases)
    queries = cross + aliases[: args.max_alias_queries]
    firsts, lasts = token_pools(targets, queries)
    print_alias_ceiling(targets, queries)
    print(
        f"targets={len(targets)} queries={len(queries)} (cross-script {len(cross)}, Latin aliases "
        f"{min(len(aliases), args.max_alias_queries)} of {len(aliases)})"
    )

    loader = Loader()
    loader.reset()
    definitions = loader.drop_indexes()
    t0 = time.perf_counter()
    target_ids = loader.load([(t["key"], t["name"]) for t in targets])
    key_of = {t["key"]: pid for t, pid in zip(targets, target_ids, strict=True)}
    sizes = [int(s) for s in args.sizes.split(",")]
    build_started = time.perf_counter()
    for size in sizes:
        missing = size - loader.count
        print(f"\n=== {size:,} persons ===")
        load_start = time.perf_counter()
        if missing > 0:
            if loader.count > len(targets):
                definitions = loader.drop_indexes() or definitions
            batch = 200_000
            while missing > 0:
                if time.perf_counter() - build_started > args.build_budget_s:
                    print(f"build budget of {args.build_budget_s}s exceeded at {loader.count:,} persons; stopping")
                    break
                n = min(batch, missing)
                loader.load(distractor_names(n, firsts, lasts, rng))
                missing -= n
            copy_s = time.perf_counter() - load_start
            loader.create_indexes(definitions)
            print(
                f"loaded {loader.count:,} persons: COPY {copy_s:.0f}s, indexes {time.perf_counter() - load_start - copy_s:.0f}s"
            )
        size = loader.count
        results, latencies = run_queries(queries, key_of)
        # a second pass over a sample, warm, for latency
        sample = rng.sample(queries, min(args.latency_sample, len(queries)))
        ours_on_sample, latencies = run_queries(sample, key_of, limit=10)
        p50, p95 = percentiles(latencies)
        print("\n".join(recall_table(results, f"ketensignaal @ {size:,}")))
        print(f"  latency ms (n={len(latencies)}): p50 {p50:.1f}  p95 {p95:.1f}")
        lat_r = sum(1 for r in results if r["script"] == "Latn" and r["rank"] and r["rank"] <= 10) / max(
            1, sum(1 for r in results if r["script"] == "Latn")
        )
        arab = [r for r in results if r["script"] == "Arab"]
        ar_r = sum(1 for r in arab if r["rank"] and r["rank"] <= 10) / max(1, len(arab))
        print(f"  Latin vs Arabic-script R@10 gap: {100 * (lat_r - ar_r):+.1f} points")
        if size <= 200_000:
            bf, bf_lat = brute_force(sample, key_of)
            print("\n".join(recall_table(ours_on_sample, f"ketensignaal @ {size:,} (same sample)")))
            print("\n".join(recall_table(bf, f"baseline brute-force rapidfuzz @ {size:,} (sample)")))
            ours_s10 = sum(1 for r in ours_on_sample if r["rank"] and r["rank"] <= 10)
            bf_s10 = sum(1 for r in bf if r["rank"] and r["rank"] <= 10)
            print(f"  R@10 ratio ours/brute-force on the sample: {ours_s10 / max(1, bf_s10):.3f}")
            bf_p50, bf_p95 = percentiles(bf_lat)
            print(f"  latency ms: p50 {bf_p50:.1f}  p95 {bf_p95:.1f}  -> ours/brute-force p95 ratio {p95 / bf_p95:.3f}")
            if args.nomenklatura and Path(args.nomenklatura).exists():
                nk_start = time.perf_counter()
                nk = nomenklatura_rerank(results, args.nomenklatura, key_of)
                if nk is not None:
                    print("\n".join(recall_table(nk, f"baseline nomenklatura logic-v2 re-rank of our top-50 @ {size:,}")))
                    print(f"  ({time.perf_counter() - nk_start:.0f}s incl. model load)")
                    ours10 = sum(1 for r in results if r["rank"] and r["rank"] <= 10)
                    nk10 = sum(1 for r in nk if r["rank"] and r["rank"] <= 10)
                    print(f"  R@10 ratio ours/nomenklatura: {ours10 / max(1, nk10):.3f}")
        sys.stdout.flush()
    print(f"\ntotal {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
