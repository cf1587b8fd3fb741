"""Chain figures: one year's dashboard over 1,000,000 signals (ten years at 100,000 a year) on PostgreSQL.

    .venv/bin/python benchmarks/chain_figures.py [--signals 1000000] [--runs 20] [--keep]

Creates ks_bench_figures, migrates, loads reference data and generates the data with set-based SQL
(``generate_series``), the way intake, routing and the hop-table job write it: signals spread evenly over ten
years with a touchpoint, a reporting unit, one category (a tenth two), an involvement of the reporting unit, a
``reported`` history entry to the first hop, an outcome for most; three hop records per signal (as
``reporting.hops.hop_records_refresh`` derives them from the history; the job is what keeps that table current, so the
dashboard never re-walks the history). It then builds the whole dashboard for the last year — every table of
``reporting.dashboard`` (signals by category, outcomes, LRO follow-ups, LIV requests, non-acceptance criteria) plus
the lead times per hop, for an internal and an external audience — as a chain role (whole chain) and as a unit
(scoped through need to know), and prints p50/p95 against the target p95 ≤ 1 s. Baseline in the same run: a bare
``count(*)`` over the same year's signals. The load average is printed with the table.
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
from _support import DEFAULT_SERVER, database_drop, database_recreate, django_setup, percentile, production_env, table

NAME = "ks_bench_figures"
GOAL_S = 1.0


def prepare() -> dict[str, Any]:
    from django.core.management import call_command

    from ketensignaal.identity.services import user_create
    from ketensignaal.reference import reference_load

    call_command("migrate", verbosity=0)
    reference_load()
    return {
        "chain": user_create(username="bench-hub", unit_code="ind.tsz", roles=["handler", "hub-analyst"], validate=False),
        "unit": user_create(username="bench-coa", unit_code="coa.locatie.ter-apel", roles=["reporter"], validate=False),
    }


def populate(*, signals: int, reporter_id: int) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as c:
        reporting = ["coa.locatie.ter-apel", "coa.locatie.budel", "ind.aanmeldcentrum", "kmar.ir", "dtv", "politie.avim"]
        c.execute("SELECT id FROM identity_unit WHERE code = ANY(%s) ORDER BY id", [reporting])
        units = [r[0] for r in c.fetchall()]
        c.execute("SELECT id FROM identity_unit WHERE code IN ('coa.bureau-veiligheid','ind.handhaving','ind.tsz') ORDER BY id")
        hops = [r[0] for r in c.fetchall()]
        c.execute("SELECT id FROM intake_touchpoint ORDER BY id")
        touchpoints = [r[0] for r in c.fetchall()]
        c.execute("SELECT id FROM intake_category ORDER BY id")
        categories = [r[0] for r in c.fetchall()]
        outcomes = ["no-further-action", "monitoring", "referred-police-cter", "referred-liv", "unfounded", "merged"]
        span = 10 * 365 * 86400
        c.execute(
            f"""
            CREATE TEMP TABLE gen AS
            SELECT n, gen_random_uuid() AS id,
                   now() - make_interval(secs => {span} * ((n::bigint * 7919) % {signals})::float / {signals}) AS created,
                   (ARRAY{units})[1 + n % {len(units)}] AS unit_id,
                   (ARRAY{touchpoints})[1 + n % {len(touchpoints)}] AS touchpoint_id,
                   (ARRAY{categories})[1 + n % {len(categories)}] AS category_id,
                   (ARRAY{outcomes}::text[])[1 + n % {len(outcomes)}] AS outcome
            FROM generate_series(1, {signals}) AS n
            """
        )
        # Row triggers (e.g. the per-unit inbox counter) would fire a million times; generation switches them off
        # and the counters are not part of what this benchmark reads.
        c.execute("ALTER TABLE intake_signal DISABLE TRIGGER USER")
        c.execute(
            f"""
            INSERT INTO intake_signal (id, reference, reporting_unit_id, reported_by_id, current_unit_id, status, outcome,
                acute, own_judgement, v_number, date_of_birth, date_of_birth_uncertain, nationality, identity_basis,
                current_location,
                observation_type, observation_text, touchpoint_id, hearing_mode, data_carrier_handling,
                source_reliability, information_credibility, handling_code, arrived_at, version, created_at, updated_at,
                closed_at)
            SELECT id, 'KS-B-' || lpad(n::text, 8, '0'), unit_id, {reporter_id}, unit_id,
                   CASE WHEN n % 10 < 8 THEN 'closed' ELSE 'taken' END,
                   CASE WHEN n % 10 < 8 THEN outcome ELSE '' END,
                   false, false, '', '', false, '', 'unknown', '', 'statement', 'Waarneming ' || n, touchpoint_id, '', '',
                   'B', '2', 'AMBER', created, 1, created, created,
                   CASE WHEN n % 10 < 8 THEN created + interval '9 days' END
            FROM gen
            """
        )
        c.execute("INSERT INTO intake_signal_categories (signal_id, category_id) SELECT id, category_id FROM gen")
        c.execute(
            f"""INSERT INTO intake_signal_categories (signal_id, category_id)
            SELECT id, (ARRAY{categories})[1 + (n + 3) % {len(categories)}] FROM gen
            WHERE n % 10 = 0 AND (ARRAY{categories})[1 + (n + 3) % {len(categories)}] <> category_id"""
        )
        c.execute(
            "INSERT INTO intake_signalinvolvement (signal_id, unit_id, reason, since, legal_basis) "
            "SELECT id, unit_id, 'reported', created, '' FROM gen"
        )
        c.execute(
            f"""INSERT INTO routing_signalevent (signal_id, action, from_unit_id, to_unit_id, by_id, at, note, reason, outcome,
                legal_basis, justification)
            SELECT id, 'reported', unit_id, {hops[0]}, {reporter_id}, created, '', '', '', '', '' FROM gen"""
        )
        for position, hop in enumerate(hops):
            c.execute(
                f"""INSERT INTO reporting_hoprecord (signal_id, position, unit_id, arrived_at, left_at, due_at, working_days,
                    within_deadline)
                SELECT id, {position}, {hop}, created + interval '3 days' * {position},
                       created + interval '3 days' * {position} + interval '1 hour' * (n % 150),
                       created + interval '3 days' * {position} + interval '7 days',
                       (n % 150) / 24.0 * 5 / 7, (n % 150) < 168
                FROM gen"""
            )
        c.execute("ALTER TABLE intake_signal ENABLE TRIGGER USER")
        c.execute("DROP TABLE gen")
        c.execute("ANALYZE")
    return time.perf_counter() - started


def dashboard(user: Any, audience: str) -> None:
    from ketensignaal.reporting.dashboard import dashboard_tables, request_parse
    from ketensignaal.reporting.lead_times import lead_time_rows

    parsed = request_parse({"audience": audience})  # default range: the last twelve months
    dashboard_tables(user=user, request=parsed)
    lead_time_rows(user=user, rng=parsed.rng, disclosure=parsed.disclosure)


def lead_times(user: Any) -> None:
    from ketensignaal.reporting.dashboard import request_parse
    from ketensignaal.reporting.lead_times import lead_time_rows

    parsed = request_parse({})
    lead_time_rows(user=user, rng=parsed.rng, disclosure=parsed.disclosure)


def timed(fn: Any, runs: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signals", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--no-rebuild", action="store_true", help="with --reuse: keep the roll-ups when they are current")
    parser.add_argument("--reuse", action="store_true", help="measure again on the database a --keep run left (migrated)")
    args = parser.parse_args()
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.reuse:
        url = f"{DEFAULT_SERVER}/{NAME}"
        django_setup(production_env(url))
        from django.core.management import call_command

        from ketensignaal.identity.models import User

        call_command("migrate", verbosity=0)
        users = {"chain": User.objects.get(username="bench-hub"), "unit": User.objects.get(username="bench-coa")}
        args.keep = True
    else:
        url = database_recreate(DEFAULT_SERVER, NAME)
        django_setup(production_env(url))
        users = prepare()
        seconds = populate(signals=args.signals, reporter_id=users["unit"].pk)
        print(f"generated {args.signals:,} signals (+ categories, involvements, history, hop records) in {seconds:.0f} s")
    from django.db import connection

    from ketensignaal.reporting.rollup import signal_days_refresh

    started = time.perf_counter()
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load (index-only scans need the visibility map)
    vacuumed = time.perf_counter() - started
    started = time.perf_counter()
    rolled = signal_days_refresh(force=not args.no_rebuild)
    print(
        f"VACUUM ANALYZE {vacuumed:.0f} s; daily and monthly roll-ups rebuilt (the figures job, once a day): {rolled:,} rows "
        f"in {time.perf_counter() - started:.1f} s"
    )

    def baseline() -> None:
        with connection.cursor() as c:
            c.execute("SELECT count(*) FROM intake_signal WHERE created_at >= now() - interval '1 year'")
            c.fetchone()

    rows = []
    base = timed(baseline, args.runs)
    rows.append(
        ["baseline: count(*) over the year", f"{percentile(base, 50) * 1000:.0f}", f"{percentile(base, 95) * 1000:.0f}", "", ""]
    )
    for label, user in (("chain role (whole chain)", users["chain"]), ("unit (need to know)", users["unit"])):
        for audience in ("internal", "external"):
            times = timed(lambda u=user, a=audience: dashboard(u, a), args.runs)
            p95 = percentile(times, 95)
            rows.append(
                [
                    f"dashboard, {label}, {audience}",
                    f"{percentile(times, 50) * 1000:.0f}",
                    f"{p95 * 1000:.0f}",
                    f"{p95 / percentile(base, 95):.1f}×",
                    "yes" if p95 <= GOAL_S else "NO",
                ]
            )
    for label, user in (("chain role", users["chain"]), ("unit", users["unit"])):
        times = timed(lambda u=user: lead_times(u), args.runs)
        rows.append(
            [
                f"of which lead times per hop, {label}",
                f"{percentile(times, 50) * 1000:.0f}",
                f"{percentile(times, 95) * 1000:.0f}",
                f"{percentile(times, 95) / percentile(base, 95):.1f}×",
                "",
            ]
        )
    print(table(rows, ["measure (one year, 12 monthly columns)", "p50 ms", "p95 ms", "vs baseline", "p95 ≤ 1 s"]))
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    from django.test.utils import CaptureQueriesContext

    from ketensignaal.reporting.periods import range_parse
    from ketensignaal.reporting.rollup import covered_before, hop_days_summed, whole_months

    rng = range_parse(start=None, end=None)
    end_before = min(rng.end + dt.timedelta(days=1), covered_before() or rng.end)
    print(f"range {rng.start} – {rng.end}; whole months from the month rows: {whole_months(rng.start, end_before)}")
    for label, unit_id in (("chain role", None), ("unit", users["unit"].unit_id)):
        with CaptureQueriesContext(connection) as captured:
            _counts, buckets = hop_days_summed(unit_id=unit_id, start=rng.start, end_before=end_before)
        print(f"plan of the lead-time roll-up read ({label}; {len(buckets)} unit/bucket rows back):")
        with connection.cursor() as c:
            c.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {captured.captured_queries[-1]['sql']}")
            print("\n".join(row[0] for row in c.fetchall()))
    if not args.keep:
        connection.close()
        database_drop(DEFAULT_SERVER, NAME)


if __name__ == "__main__":
    main()
