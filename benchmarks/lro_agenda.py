"""LRO agenda composition: 6,000 signals over 2,000 persons in a three-week window, and 600/200 for comparison.

    .venv/bin/python benchmarks/lro_agenda.py [--keep]

Creates a fresh PostgreSQL database (ks_bench_lro), migrates it, loads
reference data and bulk-creates signals held by the hub (ind.tsz), each
linked to a person (three signals per person) and put forward to one of two
meetings: a small one (600 signals / 200 persons) and a large one (6,000 /
2,000). It then composes each agenda as an LRO member through
``coordination.selectors.agenda_compose`` (including the processing-log write)
and prints the wall time, the number of SQL statements and the load average;
--profile adds a cProfile of one large composition, --statements the median time of each SQL statement of
the large composition and its EXPLAIN (ANALYZE, BUFFERS) (run inside a transaction rolled back), --pages the wall time of
the large agenda's HTML page and API response (no goal; the page carries a
decision form per item). Goal: < 0.2 s for the large agenda's composition and
the same query count for both sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _support import DEFAULT_SERVER, database_drop, database_recreate, django_setup, production_env, table

NAME = "ks_bench_lro"
GOAL_S = 0.2


def prepare() -> Any:
    from django.core.management import call_command

    from ketensignaal.identity.services import user_create
    from ketensignaal.reference import reference_load

    call_command("migrate", verbosity=0)
    reference_load()
    return user_create(username="bench-hub", unit_code="ind.tsz", roles=["handler", "hub-analyst", "lro-member"], validate=False)


def populate(*, hub: Any, meeting: Any, signals: int, persons: int, start: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from ketensignaal.coordination.models import AgendaItem, PutForward
    from ketensignaal.identity.models import Unit
    from ketensignaal.intake.models import Category, InvolvementReason, Signal, SignalInvolvement, Touchpoint
    from ketensignaal.persons.models import Person, PersonSignalLink

    unit = Unit.objects.get(code="ind.tsz")
    reporting = Unit.objects.get(code="coa")
    touchpoint = Touchpoint.objects.first()
    categories = list(Category.objects.filter(is_marker=False))
    through = Signal.categories.through
    now = timezone.now()
    with transaction.atomic():
        people = Person.objects.bulk_create([Person(display_name=f"Persoon {start + i}") for i in range(persons)])
        rows = []
        for i in range(signals):
            n = start + i
            at = now - dt.timedelta(minutes=(n * 7) % (21 * 24 * 60))  # within the three-week window
            rows.append(
                Signal(
                    reference=f"KS-2026-{n:06d}",
                    reporting_unit=reporting,
                    reported_by=hub,
                    current_unit=unit,
                    acute=(n % 53 == 0),
                    observation_type="statement",
                    observation_text=f"Waarneming {n}",
                    touchpoint=touchpoint,
                    status="taken",
                    arrived_at=at,
                    due_at=at + dt.timedelta(days=5),
                    created_at=at,
                    updated_at=at,
                )
            )
        Signal.objects.bulk_create(rows, batch_size=1000)
        through.objects.bulk_create(
            [through(signal_id=s.pk, category_id=categories[k % len(categories)].pk) for k, s in enumerate(rows)], batch_size=2000
        )
        SignalInvolvement.objects.bulk_create(
            [SignalInvolvement(signal=s, unit=unit, reason=InvolvementReason.ROUTED) for s in rows], batch_size=2000
        )
        PersonSignalLink.objects.bulk_create(
            [PersonSignalLink(signal=s, person=people[k % persons], linked_by=hub) for k, s in enumerate(rows)], batch_size=2000
        )
        items = AgendaItem.objects.bulk_create(
            [AgendaItem(meeting=meeting, person=p, added_by=hub) for p in people], batch_size=2000
        )
        PutForward.objects.bulk_create(
            [
                PutForward(
                    meeting=meeting, item=items[k % persons], signal=s, by=hub, withheld_units=[] if k % 5 else ["politie.cter"]
                )
                for k, s in enumerate(rows)
            ],
            batch_size=2000,
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(*, hub: Any, meeting: Any, runs: int) -> tuple[float, float, float, list[str], int]:
    """Median and worst wall time, median CPU time of this process (what the composition itself computes, apart
    from waiting for PostgreSQL or for a core), the statements of the last run and its number of lines."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ketensignaal.coordination.selectors import agenda_compose

    agenda_compose(user=hub, meeting=meeting, channel="api")  # warm-up (first log write creates the log head)
    times: list[float] = []
    cpu: list[float] = []
    queries: list[str] = []
    lines = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            started, started_cpu = time.perf_counter(), time.process_time()
            result = agenda_compose(user=hub, meeting=meeting, channel="api")
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        queries, lines = [q["sql"] for q in ctx.captured_queries], len(result)
    return statistics.median(times), max(times), statistics.median(cpu), queries, lines


def measure_statements(*, hub: Any, meeting: Any, runs: int, explain: bool) -> None:
    """Per statement of one composition: median and worst time over ``runs`` compositions (``CaptureQueriesContext``),
    then each statement's plan with actual rows, buffers and time, each statement of one more composition run again
    under EXPLAIN ANALYZE inside a transaction that is rolled back (so the log inserts can be explained too)."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from ketensignaal.coordination.selectors import agenda_compose

    timings: list[list[float]] = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            agenda_compose(user=hub, meeting=meeting, channel="api")
        timings.append([float(q["time"]) * 1000 for q in ctx.captured_queries])
        statements = [q["sql"] for q in ctx.captured_queries]
    print(
        table(
            [
                [i, f"{statistics.median(t[i] for t in timings):.1f}", f"{max(t[i] for t in timings):.1f}", sql[:90]]
                for i, sql in enumerate(statements)
            ],
            ["#", "median ms", "max ms", "statement"],
        )
    )
    if not explain:
        return
    with transaction.atomic():
        with CaptureQueriesContext(connection) as ctx:
            before = transaction.savepoint()
            agenda_compose(user=hub, meeting=meeting, channel="api")
            transaction.savepoint_rollback(before)  # the log's head and entries as they were: the inserts run again
        plans = []
        for query in ctx.captured_queries:
            sql_text = query["sql"]
            if not sql_text.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "WITH")):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql_text.replace("%", "%%"))
                plans.append((sql_text, [line for (line,) in cursor.fetchall()]))
        transaction.set_rollback(True)
    for sql_text, plan in plans:
        print(f"\n-- {sql_text[:300]}")
        print("\n".join(plan))


def measure_pages(*, hub: Any, meeting: Any, runs: int) -> list[list[Any]]:
    """The agenda as its readers get it: the meeting page (HTML) and ``GET /api/v1/lro-meetings/{id}/agenda``, each
    through the whole middleware stack (the read log written by the middleware), median and worst wall time."""
    from django.test import Client
    from django.urls import reverse
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ketensignaal.identity.tokens import api_token_issue

    device = TOTPDevice.objects.create(user=hub, name="bench", confirmed=True)
    web = Client()
    web.force_login(hub, backend="django.contrib.auth.backends.ModelBackend")
    session = web.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    _token, raw = api_token_issue(user=hub)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    rows = []
    for label, client, url in (
        ("meeting page (HTML)", web, reverse("coordination:meeting", args=[meeting.pk])),
        ("agenda API (JSON)", api, f"/api/v1/lro-meetings/{meeting.pk}/agenda"),
    ):
        response = client.get(url)  # warm-up
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (label, response.status_code)
        rows.append(
            [label, f"{len(response.content) / 1e6:.1f} MB", f"{statistics.median(times) * 1000:.0f}", f"{max(times) * 1000:.0f}"]
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--database", default=NAME, help=f"name of the throw-away database (default {NAME})")
    parser.add_argument("--profile", action="store_true", help="cProfile one composition of the large agenda")
    parser.add_argument(
        "--statements", action="store_true", help="time each statement of the large composition and EXPLAIN (ANALYZE, BUFFERS) it"
    )
    parser.add_argument("--pages", action="store_true", help="also time the large agenda's HTML page and API response")
    parser.add_argument("--reuse", action="store_true", help="measure again on a database kept with --keep (implies --keep)")
    args = parser.parse_args()
    if args.reuse:
        args.keep = True
        url = f"{DEFAULT_SERVER}/{args.database}"
    else:
        url = database_recreate(DEFAULT_SERVER, args.database)
    django_setup(production_env(url))
    from django.utils import timezone

    from ketensignaal.coordination.models import Meeting

    if args.reuse:
        from ketensignaal.identity.models import User

        hub = User.objects.get(username="bench-hub")
        small, large = Meeting.objects.order_by("date")[:2]
    else:
        hub = prepare()
        today = timezone.localdate()
        small = Meeting.objects.create(date=today + dt.timedelta(days=7), created_by=hub)
        large = Meeting.objects.create(date=today + dt.timedelta(days=28), created_by=hub)
        populate(hub=hub, meeting=small, signals=600, persons=200, start=0)
        populate(hub=hub, meeting=large, signals=6000, persons=2000, start=10000)
    hub.refresh_from_db()
    rows, results = [], {}
    for label, meeting in (("600 / 200", small), ("6,000 / 2,000", large)):
        median, worst, cpu, queries, lines = measure(hub=hub, meeting=meeting, runs=args.runs)
        results[label] = (median, queries)
        rows.append([label, lines, f"{median * 1000:.0f}", f"{worst * 1000:.0f}", f"{cpu * 1000:.0f}", len(queries)])
    print(table(rows, ["signals / persons", "agenda items", "median ms", "max ms", "median CPU ms", "SQL statements"]))
    if args.pages:
        pages = measure_pages(hub=hub, meeting=large, runs=args.runs)
        print(table(pages, ["6,000 / 2,000 as", "response", "median ms", "max ms"]))
    if args.statements:
        measure_statements(hub=hub, meeting=large, runs=max(args.runs, 5), explain=True)
    if args.profile:
        import cProfile
        import pstats

        from ketensignaal.coordination.selectors import agenda_compose

        profile = cProfile.Profile()
        profile.runcall(agenda_compose, user=hub, meeting=large, channel="api")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    one, five, fifteen = os.getloadavg()
    print(f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)")
    (_, q_small), (big, q_large) = results["600 / 200"], results["6,000 / 2,000"]
    print(
        f"goal < {GOAL_S * 1000:.0f} ms at 6,000/2,000: {'met' if big < GOAL_S else 'NOT met'}; "
        f"query count identical: {'yes' if len(q_small) == len(q_large) else 'NO'}"
    )
    if len(q_small) != len(q_large):  # name the statements one size runs and the other does not
        for label, queries in (("600 / 200", q_small), ("6,000 / 2,000", q_large)):
            print(f"statements of one composition at {label}:")
            for sql_text in queries:
                print(f"  {sql_text[:160]}")
    if not args.keep:
        from django.db import connections

        connections.close_all()
        database_drop(DEFAULT_SERVER, args.database)


if __name__ == "__main__":
    main()
