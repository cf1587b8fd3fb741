"""Inbox with 10, 10,000 and 100,000 signals at one unit: server time and query count, page and API.

    .venv/bin/python benchmarks/inbox.py [--requests 30] [--sizes 10000,100000]

Creates a fresh PostgreSQL database (ks_bench_inbox), migrates it, loads
reference data, and bulk-creates signals at ``coa.bureau-veiligheid`` reported
from a COA location, each consistent with what the intake service writes
(two subject names, a category, involvements of both units, a ``reported``
history entry, a deadline). It measures the inbox page (``/inbox``) and
``GET /api/v1/inbox`` through Django's full request stack in-process (test
client: middleware, auth, templates, serialisation; no network), first with
10 signals and then with each of --sizes (a tenfold surge at the busiest
unit), and prints p50/p95 server time, the number of SQL statements per
request, and the slowest statements of one request at the largest size.
Target: p95 at 100,000 ≤ 1.25 × p95 at 10, identical query counts. The database is dropped at the
end unless --keep.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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
    """Wall time per SQL statement of one request (where the time goes when a size costs more)."""

    def __init__(self) -> None:
        self.rows: list[tuple[float, str]] = []

    def __call__(self, execute: Any, sql_text: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql_text, params, many, context)
        finally:
            self.rows.append(((time.perf_counter() - started) * 1000, " ".join(sql_text.split())))


def measure(*, handler: Any, token: str, requests: int) -> dict[str, dict[str, Any]]:
    from django.db import connection
    from django.test import Client

    web = Client()
    web.force_login(handler)
    session = web.session
    session["sso_authenticated"] = True  # the TOTP step is not what is measured
    session.save()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    targets = {"inbox page (HTML)": (web, "/inbox"), "GET /api/v1/inbox": (api, "/api/v1/inbox")}
    results: dict[str, dict[str, Any]] = {}
    for label, (client, path) in targets.items():
        for _ in range(3):
            assert client.get(path).status_code == 200
        with QueryCounter(connection) as counter:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        timer = StatementTimer()
        with connection.execute_wrapper(timer):
            client.get(path)
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        times.sort()
        results[label] = {
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "queries": counter.statements,
            "sql_ms": sum(t for t, _ in timer.rows),
            "slowest": sorted(timer.rows, reverse=True)[:4],
            "load": os.getloadavg()[0],
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per measurement")
    parser.add_argument("--sizes", default="10000,100000", help="sizes after the baseline of 10 signals")
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--database", default="ks_bench_inbox")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    url = database_recreate(args.server, args.database)
    django_setup(production_env(url))
    sizes = [SMALL] + [int(x) for x in args.sizes.split(",")]
    measured: dict[int, dict[str, dict[str, Any]]] = {}
    load_s: dict[int, float] = {}
    try:
        from django.db import connection

        people = prepare()
        present = 0
        for size in sizes:
            started = time.monotonic()
            signals_add(reporter=people["reporter"], count=size - present, start=present)
            with connection.cursor() as cur:
                cur.execute("ANALYZE")  # what autovacuum does after a bulk load
            load_s[size] = time.monotonic() - started
            present = size
            measured[size] = measure(handler=people["handler"], token=people["token"], requests=args.requests)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            database_drop(args.server, args.database)

    load_avg = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nInbox at {UNIT}: {', '.join(map(str, sizes))} signals, {args.requests} timed requests each, PostgreSQL, in-process")
    print(f"(machine: {os.cpu_count()} CPUs, load average {load_avg} at the end)\n")
    rows = []
    for label in measured[SMALL]:
        base = measured[SMALL][label]
        for size in sizes:
            m = measured[size][label]
            ratio = m["p95"] / base["p95"]
            rows.append(
                (
                    label,
                    size,
                    f"{m['p50']:.1f}",
                    f"{m['p95']:.1f}",
                    f"{ratio:.2f}",
                    int(m["queries"]),
                    "yes" if m["queries"] == base["queries"] else "NO",
                    f"{m['sql_ms']:.1f}",
                    f"{m['load']:.1f}",
                )
            )
    headers = ["request", "signals", "p50 ms", "p95 ms", "p95 / p95@10", "queries", "same count", "SQL ms (1 req)", "load 1m"]
    print(table(rows, headers))
    print(f"\ntarget: p95 at {sizes[-1]} <= {TARGET_RATIO} x p95 at {SMALL}, identical query counts")
    for label in measured[SMALL]:
        print(f"\nslowest statements of one request, {label}, at {sizes[-1]}:")
        for ms, sql in measured[sizes[-1]][label]["slowest"]:
            print(f"  {ms:7.1f} ms  {sql[:220]}")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
