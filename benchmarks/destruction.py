"""Benchmark: the destruction job over 100,000 due signals on PostgreSQL, and `verify-log` after it.

Fills a throw-away database (``ks_retention_bench``) with ``--signals`` signals closed *unfounded* 400 days ago
(set-based: one signal through the ORM as the template, the rest ``INSERT … SELECT`` copies of it), each the way
intake and routing leave one: two subject names, a category, the reporting unit's, the holding unit's and a
police unit's involvement (a disclosure), two history entries, and two processing-log entries (registration and
disclosure, appended through the application's own ``processing_log_record``). Then, in the same run:

- baseline: a bare ORM delete (``Signal.objects.filter(pk__in=…).delete()``, batches of ``--batch``) of
  ``--baseline`` other signals built the same way — what deleting costs without a list, a recall per copy, a report
  line or a log entry;
- the job: ``destruction_lists_propose()`` (the proposal), the privacy officer's confirmation, and
  ``destruction_run()`` after the cooling-off period (batches of ``--batch``): records/s for each, the log entries it
  wrote (one per record and one recall per copy);
- ``verify-log`` afterwards, in-process (``log_verify()``) and as the ``ketensignaal verify-log`` command.

    /work/main/.venv/bin/python benchmarks/destruction.py               # --signals 100000 --baseline 20000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _support import DEFAULT_SERVER, ROOT, database_drop, database_recreate, django_setup, production_env, table

HOLDER = "ind.handhaving"
REPORTER_UNIT = "ind.aanmeldcentrum"
RECIPIENT = "politie.cter"
NAME = "ks_retention_bench"


def _ketensignaal() -> str:
    local = ROOT / ".venv/bin/ketensignaal"
    return str(local if local.exists() else Path(sys.executable).parent / "ketensignaal")


def prepare() -> dict[str, Any]:
    from ketensignaal.identity.services import user_create
    from ketensignaal.reference import reference_load

    reference_load()
    return {
        "reporter": user_create(username="bench-reporter", unit_code=REPORTER_UNIT, roles=["reporter"], validate=False),
        "handler": user_create(username="bench-handler", unit_code=HOLDER, roles=["handler"], validate=False),
        "officer": user_create(username="bench-officer", unit_code=HOLDER, roles=["privacy-officer"], validate=False),
    }


def signals_add(*, users: dict[str, Any], count: int, start: int, closed: bool) -> list[Any]:
    """Bulk-create ``count`` signals at HOLDER (closed unfounded 400 days ago when ``closed``), batch by batch."""
    from django.db import transaction
    from django.utils import timezone

    from ketensignaal.governance.activities import Activity
    from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
    from ketensignaal.identity.models import Unit
    from ketensignaal.intake.models import Category, InvolvementReason, Signal, SignalInvolvement, SubjectName, Touchpoint
    from ketensignaal.routing.models import HopAction, SignalEvent

    holder, recipient = Unit.objects.get(code=HOLDER), Unit.objects.get(code=RECIPIENT)
    reporter = users["reporter"]
    touchpoint = Touchpoint.objects.get(code="opvanglocatie")
    category = Category.objects.get(code="terrorisme")
    through = Signal.categories.through
    closed_at = timezone.now() - dt.timedelta(days=400)
    ids: list[Any] = []
    batch = 2000
    for offset in range(0, count, batch):
        with transaction.atomic():
            signals = [
                Signal(
                    reference=f"KS-{2024 if closed else 2026}-{i:06d}",
                    reporting_unit_id=reporter.unit_id,
                    reported_by=reporter,
                    current_unit=holder,
                    v_number=f"{4000000000 + i:010d}",
                    nationality="SYR",
                    observation_type="statement",
                    observation_text=f"Waarneming {i} in de gemeenschappelijke ruimte.",
                    touchpoint=touchpoint,
                    status="closed" if closed else "taken",
                    outcome="unfounded" if closed else "",
                    closed_at=closed_at if closed else None,
                    created_at=closed_at - dt.timedelta(days=30),
                    updated_at=closed_at,
                )
                for i in range(start + offset, start + min(offset + batch, count))
            ]
            Signal.objects.bulk_create(signals)
            SubjectName.objects.bulk_create(
                [SubjectName(signal=s, name=f"Persoon {s.reference}", script="Latn", position=0) for s in signals]
                + [SubjectName(signal=s, name="محمد الحسن", script="Arab", position=1) for s in signals]
            )
            through.objects.bulk_create([through(signal_id=s.pk, category_id=category.pk) for s in signals])
            SignalInvolvement.objects.bulk_create(
                [SignalInvolvement(signal=s, unit_id=reporter.unit_id, reason=InvolvementReason.REPORTED) for s in signals]
                + [SignalInvolvement(signal=s, unit=holder, reason=InvolvementReason.ROUTED) for s in signals]
                + [
                    SignalInvolvement(
                        signal=s, unit=recipient, reason=InvolvementReason.DISCLOSED, legal_basis="ind-politie-convenant-ct@v1"
                    )
                    for s in signals
                ]
            )
            SignalEvent.objects.bulk_create(
                [
                    SignalEvent(signal=s, action=HopAction.REPORTED, from_unit_id=reporter.unit_id, to_unit=holder, by=reporter)
                    for s in signals
                ]
                + [
                    SignalEvent(signal=s, action=HopAction.CLOSED, from_unit=holder, to_unit=holder, by=users["handler"])
                    for s in signals
                ]
            )
            items = []
            for s in signals:
                ref = subject_ref("signal", s.pk)
                items.append(
                    LogItem(
                        activity=Activity.SIGNAL_REGISTRATION, action="create", object_type="signal", object_id=s.pk, subject=ref
                    )
                )
                items.append(
                    LogItem(
                        activity=Activity.DISCLOSURE,
                        action="disclose",
                        object_type="signal",
                        object_id=s.pk,
                        subject=ref,
                        legal_basis="ind-politie-convenant-ct@v1",
                    )
                )
            processing_log_record(actor=users["handler"], items=items, channel="web")
        ids.extend(s.pk for s in signals)
        print(f"  {'closed' if closed else 'open'}: {offset + len(signals):>9,}", file=sys.stderr, flush=True)
    return ids


def _columns(cursor: Any, table_name: str) -> list[tuple[str, str, str | None]]:
    cursor.execute(
        "SELECT column_name, data_type, column_default FROM information_schema.columns "
        "WHERE table_name = %s ORDER BY ordinal_position",
        [table_name],
    )
    return cursor.fetchall()


def signals_copy(*, users: dict[str, Any], count: int, start: int, closed: bool) -> list[Any]:
    """``count`` signals built set-based: one written by ``signals_add`` (the ORM, with its log entries) is the template;
    the others are copies made with ``INSERT … SELECT`` over ``generate_series`` — the signal row with its own
    reference, V-number and observation, and every row that hangs on it (names, categories, involvements, history) —
    followed by their two processing-log entries each, appended through ``processing_log_record`` in large batches."""
    from django.db import connection, transaction

    from ketensignaal.governance.activities import Activity
    from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref

    (template,) = signals_add(users=users, count=1, start=start, closed=closed)
    if count <= 1:
        return [template]
    year = 2024 if closed else 2026
    own = {"id", "reference", "v_number", "observation_text"}
    children = ("intake_subjectname", "intake_signal_categories", "intake_signalinvolvement", "routing_signalevent")
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_map")
        cur.execute(
            "CREATE UNLOGGED TABLE bench_map AS SELECT gen_random_uuid() AS new_id, g AS n FROM generate_series(%s, %s) g",
            [start + 1, start + count - 1],
        )
        rest = [c for c, _type, _default in _columns(cur, "intake_signal") if c not in own]
        cur.execute(
            f"INSERT INTO intake_signal (id, reference, v_number, observation_text, {', '.join(rest)}) "
            f"SELECT m.new_id, 'KS-{year}-' || lpad(m.n::text, 6, '0'), (4000000000 + m.n)::text, "
            f"'Waarneming ' || m.n || ' in de gemeenschappelijke ruimte.', {', '.join('t.' + c for c in rest)} "
            "FROM bench_map m CROSS JOIN intake_signal t WHERE t.id = %s",
            [template],
        )
        for child in children:
            columns = _columns(cur, child)
            names, values = ["signal_id"], ["m.new_id"]
            for column, data_type, _default in columns:
                if column == "signal_id" or (column == "id" and data_type != "uuid"):
                    continue  # the signal is the copy's; a serial id takes its default
                names.append(column)
                values.append("gen_random_uuid()" if column == "id" else f"c.{column}")
            cur.execute(
                f"INSERT INTO {child} ({', '.join(names)}) SELECT {', '.join(values)} "
                "FROM bench_map m CROSS JOIN " + child + " c WHERE c.signal_id = %s",
                [template],
            )
        cur.execute("SELECT new_id FROM bench_map ORDER BY n")
        ids = [row[0] for row in cur.fetchall()]
        cur.execute("DROP TABLE bench_map")
    for n in range(0, len(ids), 10_000):
        items = []
        for pk in ids[n : n + 10_000]:
            ref = subject_ref("signal", pk)
            items.append(
                LogItem(activity=Activity.SIGNAL_REGISTRATION, action="create", object_type="signal", object_id=pk, subject=ref)
            )
            items.append(
                LogItem(
                    activity=Activity.DISCLOSURE,
                    action="disclose",
                    object_type="signal",
                    object_id=pk,
                    subject=ref,
                    legal_basis="ind-politie-convenant-ct@v1",
                )
            )
        with transaction.atomic():
            processing_log_record(actor=users["handler"], items=items, channel="web")
        print(f"  {'closed' if closed else 'open'}: {n + len(items) // 2 + 1:>9,} (set-based)", file=sys.stderr, flush=True)
    return [template, *ids]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    url = database_recreate(args.server, NAME)
    env = production_env(url)
    env["PYTHONPATH"] = str(ROOT / "src")
    try:
        subprocess.run([_ketensignaal(), "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
        django_setup(env)
        from django.db import connection
        from django.utils import timezone

        from ketensignaal.governance.checkpoints import log_verify
        from ketensignaal.governance.models import ProcessingLogEntry
        from ketensignaal.intake.models import Signal, SignalInvolvement
        from ketensignaal.retention import services
        from ketensignaal.retention.models import ItemStatus

        users = prepare()
        t0 = time.perf_counter()
        baseline_ids = signals_copy(users=users, count=args.baseline, start=500_000, closed=False)
        signals_copy(users=users, count=args.signals, start=1, closed=True)
        fill_seconds = time.perf_counter() - t0
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        log_before = ProcessingLogEntry.objects.count()

        load_baseline = os.getloadavg()
        t0 = time.perf_counter()
        for n in range(0, len(baseline_ids), args.batch):
            Signal.objects.filter(pk__in=baseline_ids[n : n + args.batch]).delete()
        baseline_seconds = time.perf_counter() - t0

        load_propose = os.getloadavg()
        t0 = time.perf_counter()
        (dlist,) = services.destruction_lists_propose()
        propose_seconds = time.perf_counter() - t0
        assert dlist.total == args.signals, dlist.total
        services.destruction_list_confirm(actor=users["officer"], dlist=dlist, channel="web")

        load_run = os.getloadavg()
        t0 = time.perf_counter()
        result = services.destruction_run(dlist=dlist, now=timezone.now() + dt.timedelta(days=15), batch_size=args.batch)
        run_seconds = time.perf_counter() - t0
        assert result.destroyed == args.signals and not Signal.objects.exists()
        assert not SignalInvolvement.objects.exists()
        assert dlist.items.filter(status=ItemStatus.DESTROYED).count() == args.signals
        log_written = ProcessingLogEntry.objects.count() - log_before

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE governance_processinglogentry")
            cursor.execute("VACUUM ANALYZE governance_auditrecord")
        load_verify = os.getloadavg()
        t0 = time.perf_counter()
        verification = log_verify()
        verify_seconds = time.perf_counter() - t0
        assert verification.intact, verification.message
        t0 = time.perf_counter()
        done = subprocess.run([_ketensignaal(), "verify-log"], env=env, cwd=ROOT, capture_output=True, text=True)
        command_seconds = time.perf_counter() - t0
        assert done.returncode == 0, done.stderr
        entries = ProcessingLogEntry.objects.count()

        def load(avg: tuple[float, float, float]) -> str:
            return " / ".join(f"{x:.1f}" for x in avg)

        rows = [
            ["fill (not timed as a result)", f"{args.signals + args.baseline:,} signals", f"{fill_seconds:.1f} s", "", ""],
            [
                "baseline: bare ORM delete",
                f"{args.baseline:,} signals",
                f"{baseline_seconds:.1f} s",
                f"{args.baseline / baseline_seconds:,.0f} records/s",
                load(load_baseline),
            ],
            [
                "proposal (destruction_lists_propose)",
                f"{args.signals:,} due",
                f"{propose_seconds:.1f} s",
                f"{args.signals / propose_seconds:,.0f} records/s",
                load(load_propose),
            ],
            [
                "destruction run (recall + delete + report line + log)",
                f"{args.signals:,} signals",
                f"{run_seconds:.1f} s",
                f"{args.signals / run_seconds:,.0f} records/s",
                load(load_run),
            ],
            ["  log entries written by the run", f"{log_written:,}", "", f"{log_written / args.signals:.1f} per record", ""],
            [
                "  run ÷ baseline (records/s)",
                "",
                "",
                f"{(args.signals / run_seconds) / (args.baseline / baseline_seconds):.2f}",
                "",
            ],
            [
                "verify-log after (log_verify, in-process)",
                f"{entries:,} entries",
                f"{verify_seconds:.1f} s",
                "intact",
                load(load_verify),
            ],
            [
                "verify-log after (command)",
                f"{entries:,} entries",
                f"{command_seconds:.1f} s",
                (done.stdout.strip().splitlines() or [""])[-1][:60],
                "",
            ],
        ]
        print(table(rows, ["step", "size", "time", "rate / result", "load 1/5/15 min"]))
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            database_drop(args.server, NAME)


if __name__ == "__main__":
    main()
