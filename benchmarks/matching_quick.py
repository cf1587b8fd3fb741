"""Quick in-memory recall loop for the matcher (no database; a few seconds at 20k persons).

    .venv/bin/python benchmarks/matching_quick.py [PERSONS=20000] [POOL=50] [scale-cap] [-v]

Same targets, queries and distractors as benchmarks/matching.py, the same key, weighting and compare
functions as the engine, but the inverted index is a dict. Pass a third argument to scale the key
frequency cap to the corpus size (as in 1M rows); -v lists the cross-script queries not ranked first.
Recall only; latency is measured by benchmarks/matching.py on PostgreSQL.
"""

import random
import sys
import time
from collections import Counter, defaultdict

sys.path[:0] = ["benchmarks", "src"]
import matching as bm  # noqa: E402
from ketensignaal.persons.matching import engine  # noqa: E402
from ketensignaal.persons.matching.compare import name_compare  # noqa: E402
from ketensignaal.persons.matching.normalize import name_analyse, name_keys  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
POOL = int(sys.argv[2]) if len(sys.argv) > 2 else 50
rng = random.Random(20261122)
targets, queries = bm.load_targets()
cross = [q for q in queries if q["kind"] == "cross-script"]
aliases = [q for q in queries if q["kind"] == "latin-alias"]
rng.shuffle(aliases)
queries = cross + aliases[:1000]
firsts, lasts = bm.token_pools(targets, queries)
names = [(t["key"], t["name"]) for t in targets] + bm.distractor_names(N - len(targets), firsts, lasts, rng)
t0 = time.time()
analysed = [name_analyse(n, "") for _, n in names]
index = defaultdict(list)
for i, a in enumerate(analysed):
    for k in name_keys(a):
        index[k].append(i)
print("index built", round(time.time() - t0), "s", file=sys.stderr)
cap = engine.KEY_FREQUENCY_CAP * N / 1_000_000 if len(sys.argv) > 3 else engine.KEY_FREQUENCY_CAP
keypos = {t["key"]: i for i, t in enumerate(targets)}
res = []
ranked_of = {}
t0 = time.time()
for q in queries:
    qa = name_analyse(q["text"], "")
    keys = name_keys(qa)
    present = {k: len(index[k]) for k in keys if k in index}
    usable = {k: c for k, c in present.items() if c <= cap}
    if not usable and present:
        usable = dict(sorted(present.items(), key=lambda kv: (kv[0][0] != "sp", kv[1]))[:2])
    w = Counter()
    for k, c in usable.items():
        for i in index[k]:
            w[i] += engine._key_weight(k[0], c)
    pool = [i for i, _ in sorted(w.items(), key=lambda kv: (-kv[1], kv[0]))[:POOL]]
    # Ties are broken against the target (the database breaks them by random person id).
    t = keypos[q["target"]]
    scored = sorted(((name_compare(qa, analysed[i]).score, i) for i in pool), key=lambda s: (-s[0], s[1] == t))
    ranked = [i for _, i in scored]
    ranked_of[q["text"]] = ranked
    t = keypos[q["target"]]
    res.append((q, ranked.index(t) + 1 if t in ranked else None, t in pool, qa))
print("queries", round(time.time() - t0, 1), "s", file=sys.stderr)
for kind in ("cross-script", "latin-alias"):
    rows = [r for r in res if r[0]["kind"] == kind]
    r1 = sum(r[1] == 1 for r in rows) / len(rows)
    r10 = sum(bool(r[1] and r[1] <= 10) for r in rows) / len(rows)
    inpool = sum(r[2] for r in rows) / len(rows)
    print(f"{kind:14} n={len(rows)} R@1 {r1:.3f} R@10 {r10:.3f} in-pool {inpool:.3f}")
if "-v" in sys.argv:
    for q, rank, inpool, qa in res:
        if q["kind"] == ("latin-alias" if "-a" in sys.argv else "cross-script") and rank != 1:
            t = analysed[keypos[q["target"]]]
            top = [(round(name_compare(qa, analysed[i]).score, 3), analysed[i].latin) for i in ranked_of[q["text"]][:2]]
            print(
                rank,
                inpool,
                "|",
                qa.latin,
                "|",
                t.latin,
                "|",
                [x.skeleton for x in qa.significant],
                [x.skeleton for x in t.significant],
                "| top:",
                top,
            )
