"""Watch-list check: one on-demand check of one person against a list of 100,000 entries, PostgreSQL.

    .venv/bin/python benchmarks/watch_list.py [--size 100000] [--keep]

The list: the UN consolidated list (dev half) individuals with their Latin name and "Good" Latin aliases, the OFAC
SDN individuals with their aliases (../shared/data/names/), and generated entries up to --size (names recombined
from the tokens of those names, first tokens with first tokens and last with last, so common names stay common; a
random year of birth). It is imported through the real service (FtM JSON lines, the per-line checks, the keys).
The UN list's original-script names (Arabic, Cyrillic) are NOT imported: they are the queries. For each, a signal
in that script alone (with the date of birth when the list gives one) reaches the IND hub and is linked to a new
person; the TSZ screener then checks that person through ``watch_list_check`` (the whole service: need to know,
flow check, retrieval, comparison, hits written, processing log). Printed: p50/p95 of the checks, recall R@1 and
R@10 of the right entry among the hits, and the same for the brute-force baseline of the matching benchmark
(rapidfuzz ``token_sort_ratio`` over anyascii forms of every name on the list), also names only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _support import DEFAULT_SERVER, database_drop, database_recreate, django_setup, percentile, production_env, table

NAME = "ks_bench_watch_list"
_ROOT = Path(__file__).resolve().parent.parent
# ../shared next to the checkout (or next to the directory holding a worktree); KS_NAMES_DATA overrides.
DATA = Path(
    os.environ.get("KS_NAMES_DATA")
    or next(
        (
            str(p)
            for p in (_ROOT.parent / "shared" / "data" / "names", _ROOT.parent.parent / "shared" / "data" / "names")
            if p.exists()
        ),
        str(_ROOT.parent / "shared" / "data" / "names"),
    )
)
GOAL_P95_MS = 100.0


def _un_birth(row: dict[str, Any]) -> str:
    for d in row.get("dates_of_birth") or []:
        if d.get("date"):
            return str(d["date"])[:10]
        if d.get("year"):
            return str(d["year"])[:4]
    return ""


def list_entries(size: int, rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(FtM entities, queries). A query: the entry id it should find, its text, script and date of birth."""
    entities: list[dict[str, Any]] = []
    queries: list[dict[str, Any]] = []
    for line in (DATA / "un-consolidated-dev.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        aliases = [a["name"] for a in row.get("aliases") or [] if a.get("quality") == "Good"]
        birth = _un_birth(row)
        props: dict[str, list[str]] = {"name": [row["name"]], "alias": aliases}
        if birth:
            props["birthDate"] = [birth]
        entities.append({"id": row["id"], "schema": "Person", "properties": props})
        if row.get("original_script"):
            queries.append({"target": row["id"], "text": row["original_script"], "birth": birth})
    individuals: dict[str, dict[str, Any]] = {}
    with (DATA / "sdn.csv").open(encoding="latin-1") as fh:
        for r in csv.reader(fh):
            if len(r) > 2 and r[2].strip() == "individual":
                individuals[r[0]] = {"id": f"SDN-{r[0]}", "schema": "Person", "properties": {"name": [r[1].strip()], "alias": []}}
    with (DATA / "alt.csv").open(encoding="latin-1") as fh:
        for r in csv.reader(fh):
            if len(r) > 3 and r[0] in individuals and r[3].strip():
                individuals[r[0]]["properties"]["alias"].append(r[3].strip())
    entities.extend(individuals.values())
    firsts, lasts = [], []
    for entity in entities:
        for text in entity["properties"]["name"] + entity["properties"]["alias"]:
            parts = [p for p in text.replace(",", " ").split() if p.isalpha() and len(p) > 1]
            if len(parts) >= 2:
                firsts.extend(parts[:-1])
                lasts.append(parts[-1])
    for i in range(max(0, size - len(entities))):
        name = " ".join(rng.choice(firsts) for _ in range(rng.choice((1, 1, 2, 2, 3)))) + " " + rng.choice(lasts)
        entities.append(
            {"id": f"GEN-{i}", "schema": "Person", "properties": {"name": [name], "birthDate": [str(rng.randint(1950, 2005))]}}
        )
    return entities, queries


def prepare() -> tuple[Any, Any, Any]:
    from django.core.management import call_command

    from ketensignaal.identity.services import user_create
    from ketensignaal.reference import reference_load

    call_command("migrate", verbosity=0)
    reference_load()
    admin = user_create(username="bench-admin", unit_code="ind", roles=["functional-admin"], validate=False)
    screener = user_create(username="bench-tsz", unit_code="ind.tsz", roles=["handler", "hub-analyst"], validate=False)
    reporter = user_create(username="bench-dtv", unit_code="dtv", roles=["reporter"], validate=False)
    return admin, screener, reporter


def person_for(reporter: Any, screener: Any, query: dict[str, Any]) -> Any:
    from ketensignaal.intake.validation import parse_signal_input
    from ketensignaal.persons.services import signal_link_person
    from ketensignaal.routing.services import signal_submit

    subject: dict[str, Any] = {"names": [{"name": query["text"]}]}
    if query["birth"]:
        subject["date_of_birth"] = query["birth"]
    data = parse_signal_input(
        {
            "subject": subject,
            "observation": {"type": "database", "text": "Treffer bij identificatie."},
            "categories": ["terrorisme"],
            "touchpoint": "na-besluit",
        }
    )
    signal, _ = signal_submit(actor=reporter, data=data, channel="web")
    return signal_link_person(actor=screener, signal_id=signal.pk, new=True).person


def brute_force(entities: list[dict[str, Any]], queries: list[dict[str, Any]]) -> tuple[list[int | None], list[float]]:
    from anyascii import anyascii
    from rapidfuzz import fuzz, process

    owners, choices = [], []
    for entity in entities:
        for text in entity["properties"]["name"] + entity["properties"].get("alias", []):
            owners.append(entity["id"])
            choices.append(anyascii(text).lower())
    ranks, latencies = [], []
    for q in queries:
        started = time.perf_counter()
        found = process.extract(anyascii(q["text"]).lower(), choices, scorer=fuzz.token_sort_ratio, limit=40)
        latencies.append((time.perf_counter() - started) * 1000)
        ranked: list[str] = []
        for _choice, _score, index in found:
            if owners[index] not in ranked:
                ranked.append(owners[index])
        ranks.append(ranked.index(q["target"]) + 1 if q["target"] in ranked[:10] else None)
    return ranks, latencies


def recall(ranks: list[int | None]) -> tuple[float, float]:
    n = max(1, len(ranks))
    return sum(1 for r in ranks if r == 1) / n, sum(1 for r in ranks if r and r <= 10) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    url = database_recreate(DEFAULT_SERVER, NAME)
    django_setup(production_env(url))
    from ketensignaal.persons.matching.compare import Description
    from ketensignaal.persons.matching.normalize import name_analyse
    from ketensignaal.screening.models import WatchListEntry
    from ketensignaal.screening.watchlists.matching import watch_list_candidates
    from ketensignaal.screening.watchlists.services import watch_list_check, watch_list_create, watch_list_import

    admin, screener, reporter = prepare()
    rng = random.Random(12)
    entities, queries = list_entries(args.size, rng)
    content = "\n".join(json.dumps(e, ensure_ascii=False) for e in entities).encode()
    watch_list = watch_list_create(actor=admin, name="Benchmark", flow="ind-signaleringslijst-screening", channel="job")
    started = time.perf_counter()
    version = watch_list_import(actor=admin, watch_list_id=watch_list.pk, content=content, filename="bench.jsonl", channel="job")
    import_s = time.perf_counter() - started
    persons = [person_for(reporter, screener, q) for q in queries]
    ids = dict(WatchListEntry.objects.filter(version=version).values_list("pk", "external_id"))

    ranks, latencies = [], []
    for query, person in zip(queries, persons, strict=True):
        t0 = time.perf_counter()
        check = watch_list_check(
            actor=screener,
            person_id=person.pk,
            watch_list_id=watch_list.pk,
            step="screening",
            justification="Benchmark",
            channel="job",
        )
        latencies.append((time.perf_counter() - t0) * 1000)
        ranked = [ids[h.entry_id] for h in check.hits.order_by("rank")]
        ranks.append(ranked.index(query["target"]) + 1 if query["target"] in ranked else None)
    names_only = []
    for query in queries:
        found = watch_list_candidates(version, Description(names=[name_analyse(query["text"])]))
        ranked = [c.entry.external_id for c in found]
        names_only.append(ranked.index(query["target"]) + 1 if query["target"] in ranked else None)
    bf_ranks, bf_latencies = brute_force(entities, queries)

    r1, r10 = recall(ranks)
    n1, n10 = recall(names_only)
    b1, b10 = recall(bf_ranks)
    rows = [
        [
            "watch_list_check (service, with date of birth)",
            len(queries),
            f"{r1:.3f}",
            f"{r10:.3f}",
            f"{percentile(latencies, 50):.1f}",
            f"{percentile(latencies, 95):.1f}",
        ],
        ["ours, names only (matching core)", len(queries), f"{n1:.3f}", f"{n10:.3f}", "", ""],
        [
            "baseline brute-force rapidfuzz (names)",
            len(queries),
            f"{b1:.3f}",
            f"{b10:.3f}",
            f"{percentile(bf_latencies, 50):.1f}",
            f"{percentile(bf_latencies, 95):.1f}",
        ],
    ]
    print(
        f"list entries: {version.entries_count:,} (import {import_s:.1f} s, {version.entries_count / import_s:,.0f} entries/s); "
        f"cross-script queries (UN original script): {len(queries)}; load average: {os.getloadavg()}"
    )
    print(table(rows, ["", "n", "R@1", "R@10", "p50 ms", "p95 ms"]))
    p95 = percentile(latencies, 95)
    print(
        f"goal p95 <= {GOAL_P95_MS:.0f} ms: {'met' if p95 <= GOAL_P95_MS else 'NOT met'} ({p95:.1f} ms); "
        f"R@10 ours/brute-force: {r10 / max(b10, 1e-9):.2f}"
    )
    if not args.keep:
        from django.db import connections

        connections.close_all()
        database_drop(DEFAULT_SERVER, NAME)


if __name__ == "__main__":
    main()
