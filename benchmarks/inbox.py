"""Inbox with 10 and with 10,000 signals at one unit: server time and query count, page and API.

    .venv/bin/python benchmarks/inbox.py [--requests 30] [--large 10000]

Creates a fresh PostgreSQL database (ks_bench_inbox), migrates it, loads
reference data, and bulk-creates signals at ``coa.bureau-veiligheid`` reported
from a COA location, each consistent with what the intake service writes
(two subject names, a category, involvements of both units, a ``reported``
history entry, a deadline). It measures the inbox page (``/inbox``) and
``GET /api/v1/inbox`` through Django's full request stack in-process (test
client: middleware, auth, templates, serialisation; no network), first with
10 signals and then with --large, and prints p50/p95 server time and the
number of SQL statements per request, side by side. Targets: p95 ≤ 150 ms
and an identical query count for both sizes. The database is dropped at the
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

TARGET_P95_MS = 150.0
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


def measure(*, handler: Any, token: str, requests: int) -> dict[str, dict[str, float]]:
    from django.db import connection
    from django.test import Client

    web = Client()
    web.force_login(handler)
    session = web.session
    session["sso_authenticated"] = True  # the TOTP step is not what is measured
    session.save()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    targets = {"inbox page (HTML)": (web, "/inbox"), "GET /api/v1/inbox": (api, "/api/v1/inbox")}
    results = {}
    for label, (client, path) in targets.items():
        for _ in range(3):
            assert client.get(path).status_code == 200
        with QueryCounter(connection) as counter:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        times.sort()
        results[label] = {"p50": percentile(times, 50), "p95": percentile(times, 95), "queries": counter.statements}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per measurement")
    parser.add_argument("--large", type=int, default=10_000)
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--database", default="ks_bench_inbox")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    url = database_recreate(args.server, args.database)
    django_setup(production_env(url))
    try:
        people = prepare()
        signals_add(reporter=people["reporter"], count=SMALL, start=0)
        small = measure(handler=people["handler"], token=people["token"], requests=args.requests)
        started = time.monotonic()
        signals_add(reporter=people["reporter"], count=args.large - SMALL, start=SMALL)
        load_s = time.monotonic() - started
        large = measure(handler=people["handler"], token=people["token"], requests=args.requests)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            database_drop(args.server, args.database)

    rows = []
    for label in small:
        s, big = small[label], large[label]
        same = s["queries"] == big["queries"]
        rows.append(
            (
                label,
                f"{s['p50']:.1f}",
                f"{s['p95']:.1f}",
                f"{big['p50']:.1f}",
                f"{big['p95']:.1f}",
                "ok" if big["p95"] <= TARGET_P95_MS else "MISSED",
                int(s["queries"]),
                int(big["queries"]),
                "yes" if same else "NO",
            )
        )
    load_avg = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nInbox at {UNIT}: {SMALL} vs {args.large} signals, {args.requests} timed requests each, "
        "PostgreSQL, in-process test client"
    )
    print(
        f"(bulk load of {args.large - SMALL} signals took {load_s:.1f} s; "
        f"machine: {os.cpu_count()} CPUs, load average {load_avg})\n"
    )
    headers = [
        "request",
        f"p50 ms ({SMALL})",
        f"p95 ms ({SMALL})",
        f"p50 ms ({args.large})",
        f"p95 ms ({args.large})",
        f"p95 <= {TARGET_P95_MS:.0f}",
        f"queries ({SMALL})",
        f"queries ({args.large})",
        "identical",
    ]
    print(table(rows, headers))


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
