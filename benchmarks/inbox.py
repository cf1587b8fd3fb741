"""Inbox with 10, 10,000 and 100,000 signals at one unit: server time and query count, page and API.

    .venv/bin/python benchmarks/inbox.py [--requests 30] [--rounds 6] [--sizes 10000,100000] [--explain]

Creates one fresh PostgreSQL database per size (ks_bench_inbox_10, …), each
migrated, with reference data and that many signals at
``coa.bureau-veiligheid`` reported from a COA location, each consistent with
what the intake service writes (two subject names, a category, involvements
of both units, a ``reported`` history entry, a deadline). One worker process
per size (its own Django, connection and caches) measures the inbox page
(``/inbox``) and ``GET /api/v1/inbox`` through Django's full request stack
in-process (test client: middleware, auth, templates, serialisation; no
network). The sizes are measured **interleaved**: --requests timed requests
are split over --rounds rounds, and in every round each size takes its turn
(in a rotating order), so a change in the machine's load during the run hits
every size alike. It prints p50/p95 server time per size, p95 ÷ p95 at 10,
the number of SQL statements per request, the mean load average over the
size's turns, the statements whose time grows with the size (median over the
rounds, statement by statement) and, with --explain, ``EXPLAIN ANALYZE`` of
the slowest reads at the smallest and the largest size.
Target: p95 at 100,000 ≤ 1.25 × p95 at 10, identical query counts. The databases are dropped at the
end unless --keep.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import multiprocessing as mp
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _support import (
    DEFAULT_SERVER,
    ROOT,
    QueryCounter,
    database_drop,
    database_recreate,
    django_setup,
    percentile,
    production_env,
    table,
)

TARGET_RATIO = 1.25
UNIT = "coa.bureau-veiligheid"
REPORTING_UNIT = "coa.locatie.ter-apel"
SMALL = 10


def prepare() -> dict[str, Any]:
    from django.core.management import call_command

    from ketensignaal.identity.services import user_create
    from ketensignaal.identity.tokens import api_token_issue
    from ketensignaal.reference import reference_load

    call_command("migrate", verbosity=0)
    reference_load()
    reporter = user_create(username="bench-reporter", unit_code=REPORTING_UNIT, roles=["reporter"], validate=False)
    handler = user_create(username="bench-handler", unit_code=UNIT, roles=["handler"], validate=False)
    return {"reporter": reporter, "handler": handler, "token": api_token_issue(user=handler)[1]}


def signals_add(*, reporter: Any, count: int, start: int) -> None:
    """Bulk-create ``count`` signals at UNIT, in batches, the way intake and routing would have written them."""
    from django.db import transaction
    from django.utils import timezone

    from ketensignaal.identity.models import Unit
    from ketensignaal.intake.models import Category, InvolvementReason, Signal, SignalInvolvement, SubjectName, Touchpoint
    from ketensignaal.routing.deadlines import deadline_for
    from ketensignaal.routing.models import HopAction, SignalEvent

    unit = Unit.objects.get(code=UNIT)
    touchpoints = list(Touchpoint.objects.all())
    categories = list(Category.objects.filter(is_marker=False))
    through = Signal.categories.through
    now = timezone.now()
    batch = 1000
    for offset in range(0, count, batch):
        with transaction.atomic():
            signals = []
            for i in range(start + offset, start + min(offset + batch, count)):
                arrived = now - dt.timedelta(hours=i % 400)
                signals.append(
                    Signal(
                        reference=f"KS-2026-{i:06d}",
                        reporting_unit_id=reporter.unit_id,
                        reported_by=reporter,
                        current_unit=unit,
                        acute=(i % 97 == 0),
                        v_number=f"{4000000000 + i:010d}",
                        observation_type="statement",
                        observation_text=f"Waarneming {i} in de gemeenschappelijke ruimte.",
                        touchpoint=touchpoints[i % len(touchpoints)],
                        status="received" if i % 3 else "taken",
                        arrived_at=arrived,
                        due_at=deadline_for(unit=unit, start=arrived),
                        created_at=arrived,
                        updated_at=arrived,
                    )
                )
            Signal.objects.bulk_create(signals)
            SubjectName.objects.bulk_create(
                [SubjectName(signal=s, name=f"Persoon {s.reference}", script="Latn", position=0) for s in signals]
                + [SubjectName(signal=s, name="محمد الحسن", script="Arab", position=1) for s in signals]
            )
            through.objects.bulk_create(
                [through(signal_id=s.pk, category_id=categories[n % len(categories)].pk) for n, s in enumerate(signals)]
            )
            SignalInvolvement.objects.bulk_create(
                [
                    SignalInvolvement(signal=s, unit_id=reporter.unit_id, reason=InvolvementReason.REPORTED, since=s.arrived_at)
                    for s in signals
                ]
                + [SignalInvolvement(signal=s, unit=unit, reason=InvolvementReason.ROUTED, since=s.arrived_at) for s in signals]
            )
            SignalEvent.objects.bulk_create(
                [
                    SignalEvent(
                        signal=s,
                        action=HopAction.REPORTED,
                        from_unit_id=reporter.unit_id,
                        to_unit=unit,
                        by=reporter,
                        at=s.arrived_at,
                    )
                    for s in signals
                ]
            )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class StatementTimer:
    """Wall time, text and parameters of every SQL statement of one request (where the time goes)."""

    def __init__(self) -> None:
        self.rows: list[tuple[float, str, Any]] = []

    def __call__(self, execute: Any, sql_text: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql_text, params, many, context)
        finally:
            self.rows.append(((time.perf_counter() - started) * 1000, sql_text, params))


def explain(sql_text: str, params: Any) -> str:
    """EXPLAIN ANALYZE of one read (writes are not run again), in a transaction that is rolled back."""
    from django.db import connection, transaction

    if not sql_text.lstrip().upper().startswith(("SELECT", "WITH")):
        return "(not a read: not explained)"
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) " + sql_text, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            transaction.set_rollback(True)
    except Exception as exc:  # a benchmark prints what it could not explain instead of stopping
        return f"(could not explain: {exc})"
    return plan


def worker(size: int, url: str, env: dict[str, str], pipe: Any) -> None:
    """One size in its own process and database: load, then answer the coordinator's commands until told to stop."""
    django_setup(env)
    from django.db import connection
    from django.test import Client

    people = prepare()
    started = time.monotonic()
    signals_add(reporter=people["reporter"], count=size, start=0)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")  # what autovacuum does after a bulk load
    load_s = time.monotonic() - started

    web = Client()
    web.force_login(people["handler"])
    session = web.session
    session["sso_authenticated"] = True  # the TOTP step is not what is measured
    session.save()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {people['token']}")
    targets = {"inbox page (HTML)": (web, "/inbox"), "GET /api/v1/inbox": (api, "/api/v1/inbox")}
    queries: dict[str, int] = {}
    for label, (client, path) in targets.items():
        for _ in range(3):  # warm-up, untimed
            assert client.get(path).status_code == 200
        with QueryCounter(connection) as counter:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        queries[label] = counter.statements
    pipe.send({"load_s": load_s, "queries": queries})

    last: dict[str, StatementTimer] = {}
    while True:
        command, arg = pipe.recv()
        if command == "stop":
            break
        if command == "round":
            out: dict[str, Any] = {}
            for label, (client, path) in targets.items():
                assert client.get(path).status_code == 200  # one untimed request after the other sizes' turn
                timer = StatementTimer()
                with connection.execute_wrapper(timer):
                    assert client.get(path).status_code == 200
                last[label] = timer
                times = []
                for _ in range(arg):
                    t0 = time.perf_counter()
                    response = client.get(path)
                    times.append((time.perf_counter() - t0) * 1000)
                    assert response.status_code == 200
                out[label] = {"times": times, "statements": [(ms, " ".join(sql.split())) for ms, sql, _ in timer.rows]}
            out["load"] = os.getloadavg()[0]
            pipe.send(out)
        elif command == "explain":
            plans: dict[str, list[tuple[float, str, str]]] = {}
            for label, timer in last.items():
                slowest = sorted(timer.rows, key=lambda r: r[0], reverse=True)[:arg]
                plans[label] = [(ms, " ".join(sql.split()), explain(sql, params)) for ms, sql, params in slowest]
            pipe.send(plans)
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per size and request kind")
    parser.add_argument("--rounds", type=int, default=6, help="interleaved rounds the timed requests are split over")
    parser.add_argument("--sizes", default="10000,100000", help="sizes after the baseline of 10 signals")
    parser.add_argument("--explain", type=int, default=0, metavar="N", help="EXPLAIN ANALYZE the N slowest statements")
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--database", default="ks_bench_inbox", help="prefix of the per-size database names")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    sizes = [SMALL] + [int(x) for x in args.sizes.split(",")]
    per_round = [args.requests // args.rounds + (1 if r < args.requests % args.rounds else 0) for r in range(args.rounds)]
    print("load average at the start: " + " / ".join(f"{x:.1f}" for x in os.getloadavg()), flush=True)
    context = mp.get_context("spawn")
    pipes: dict[int, Any] = {}
    processes: dict[int, Any] = {}
    names = {size: f"{args.database}_{size}" for size in sizes}
    ready: dict[int, dict[str, Any]] = {}
    rounds: dict[int, list[dict[str, Any]]] = {size: [] for size in sizes}
    plans: dict[int, dict[str, list[tuple[float, str, str]]]] = {}
    try:
        for size in sizes:  # the databases load in parallel, one process each
            url = database_recreate(args.server, names[size])
            ours, theirs = context.Pipe()
            process = context.Process(target=worker, args=(size, url, production_env(url), theirs))
            process.start()
            pipes[size], processes[size] = ours, process
        for size in sizes:
            ready[size] = pipes[size].recv()
        loaded = ", ".join(f"{s} in {ready[s]['load_s']:.0f} s" for s in sizes)
        print(f"loaded: {loaded}", flush=True)
        for number, count in enumerate(per_round):
            order = sizes[number % len(sizes) :] + sizes[: number % len(sizes)]  # who goes first rotates
            for size in order:
                pipes[size].send(("round", count))
                rounds[size].append(pipes[size].recv())
        if args.explain:
            for size in (sizes[0], sizes[-1]):
                pipes[size].send(("explain", args.explain))
                plans[size] = pipes[size].recv()
    finally:
        for size, pipe in pipes.items():
            with contextlib.suppress(OSError):
                pipe.send(("stop", 0))
            processes[size].join(timeout=60)
        if not args.keep:
            for name in names.values():
                database_drop(args.server, name)

    load_avg = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nInbox at {UNIT}: {', '.join(map(str, sizes))} signals (one database each), {args.requests} timed requests "
        f"per size in {args.rounds} interleaved rounds, PostgreSQL, in-process"
    )
    print(f"(machine: {os.cpu_count()} CPUs, load average {load_avg} at the end)\n")
    labels = list(ready[SMALL]["queries"])
    p95: dict[tuple[str, int], float] = {}
    rows = []
    for label in labels:
        for size in sizes:
            times = sorted(t for r in rounds[size] for t in r[label]["times"])
            p95[label, size] = percentile(times, 95)
            q = ready[size]["queries"][label]
            loads = [r["load"] for r in rounds[size]]
            rows.append(
                (
                    label,
                    size,
                    f"{percentile(times, 50):.1f}",
                    f"{p95[label, size]:.1f}",
                    f"{p95[label, size] / p95[label, SMALL]:.2f}",
                    q,
                    "yes" if q == ready[SMALL]["queries"][label] else "NO",
                    f"{statistics.median(sum(ms for ms, _ in r[label]['statements']) for r in rounds[size]):.1f}",
                    f"{statistics.mean(loads):.1f} ({min(loads):.1f}-{max(loads):.1f})",
                )
            )
    headers = ["request", "signals", "p50 ms", "p95 ms", "p95 / p95@10", "queries", "same count", "SQL ms (median)"]
    print(table(rows, [*headers, "load 1m mean (min-max)"]))
    largest = sizes[-1]
    verdicts = []
    for label in labels:
        same = all(ready[s]["queries"][label] == ready[SMALL]["queries"][label] for s in sizes)
        ratio = p95[label, largest] / p95[label, SMALL]
        ok = same and ratio <= TARGET_RATIO
        verdicts.append(f"{label}: {ratio:.2f}{'' if same else ', query counts differ'} -> {'met' if ok else 'MISSED'}")
    print(f"\ntarget: p95 at {largest} <= {TARGET_RATIO} x p95 at {SMALL}, identical query counts")
    print("\n".join("  " + v for v in verdicts))
    for label in labels:
        # statement by statement (same count at every size, so the n-th statement is the same statement): median ms
        per_size = {}
        for size in sizes:
            columns = list(zip(*[[ms for ms, _ in r[label]["statements"]] for r in rounds[size]], strict=False))
            per_size[size] = [statistics.median(c) for c in columns]
        texts = [sql for _, sql in rounds[largest][-1][label]["statements"]]
        print(f"\nstatements of one request, {label}: median ms over the rounds at " + " / ".join(map(str, sizes)))
        order = sorted(range(len(texts)), key=lambda i: per_size[largest][i] if i < len(per_size[largest]) else 0, reverse=True)
        for i in order[:6]:
            figures = " / ".join(f"{per_size[s][i]:6.1f}" if i < len(per_size[s]) else "     -" for s in sizes)
            print(f"  {figures}  {texts[i][:160]}")
    for size, by_label in plans.items():
        for label, items in by_label.items():
            print(f"\nEXPLAIN ANALYZE at {size}, {label} (the {len(items)} slowest statements of the last timed request):")
            for ms, sql, plan in items:
                print(f"  {ms:.1f} ms  {sql[:160]}")
                print("\n".join("      " + line for line in plan.splitlines()))


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
