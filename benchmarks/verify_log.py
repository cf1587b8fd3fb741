"""Benchmark: `ketensignaal verify-log` over a large processing log on PostgreSQL, full and incremental.

Fills a throw-away database with ``--entries`` hash-chained entries and their audit records (the chain computed in
Python with the application's own layout — checked against ``canonical_bytes`` on a sample — and loaded with COPY,
never the ORM), then times, in the same run:

- baseline: ``hashlib.sha256`` over exactly the bytes verification hashes (each entry's canonical bytes: previous
  hash, fields, who acted), in one tight loop over data already in memory — the raw hashing throughput of one core;
- full verification: ``log_verify()`` in-process (chain, head and every checkpoint) and the ``ketensignaal verify-log``
  command as a subprocess (Python and Django start-up included);
- incremental verification: a checkpoint signed at ``entries - --since`` (as the periodic job would have), then
  ``log_verify(incremental=True)`` and ``ketensignaal verify-log --incremental`` over the ``--since`` newer entries.

Targets (../shared/BENCHMARKS.md): full verification >= 0.5 x the raw hashing throughput; incremental check of
100,000 entries since a signed checkpoint < 1 s.

    .venv/bin/python benchmarks/verify_log.py --entries 10000000
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _support import DEFAULT_SERVER, ROOT, database_drop, database_recreate, django_setup, production_env, table

ACTIVITIES = ("signaal-registratie", "signaal-inzage", "verstrekking", "doorzending", "persoon-koppeling")
ACTIONS = ("create", "read", "disclose", "update", "read")
ACTORS = (
    (101, "coa-ter-apel-1", "coa.locatie.ter-apel", "reporter", "web"),
    (102, "ind-tsz-analist", "ind.tsz", "hub-analyst", "web"),
    (103, "politie-cter-2", "politie.cter", "handler", "api"),
    (104, "lse-liv-expert", "lse.liv", "liv-expert", "web"),
    (105, "privacy-ind", "ind.tsz", "hub-analyst,privacy-officer", "web"),
)
CHUNK = 250_000
STEP_US = 37_013  # microseconds between two entries


def _stamps(first: int, last: int, base_seconds: int) -> list[str]:
    """``canonical_stamp`` of every entry's time (entry n at ``base + n * STEP_US`` microseconds), built from one
    strftime per second instead of one datetime per entry."""
    out: list[str] = []
    second_text, current = "", -1
    for sequence in range(first, last + 1):
        seconds, micro = divmod(sequence * STEP_US, 1_000_000)
        if seconds != current:
            current = seconds
            second_text = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(base_seconds + seconds))
        out.append(f"{second_text}.{micro:06d}".rstrip("0") if micro else second_text)
    return out


def _load(url: str, total: int, write: bool = True) -> tuple[float, int, dict[int, str]]:
    """Write ``total`` chained entries and audit records (``write`` False: only generate them again, for the
    baseline on a kept database); returns (seconds of pure hashing, bytes hashed, the hash at each chunk's end).

    A streaming loop: each chunk's rows are built and hashed in this process while the previous chunk is copied into
    the two tables by two threads on their own connections (COPY ... FROM STDIN; the server parses and indexes on the
    other core)."""
    import psycopg
    from django.db import connection

    from ketensignaal.governance.models import LogHead, ProcessingLogEntry
    from ketensignaal.governance.processing_log import GENESIS, canonical_bytes, subject_ref

    prev = GENESIS
    hash_seconds = 0.0
    hashed_bytes = 0
    kept: dict[int, str] = {}
    start = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    base_seconds = int(start.timestamp())
    subjects = [subject_ref("signal", uuid.UUID(int=i)) for i in range(5000)]
    if not write:  # the pseudonym key of the run that filled the database is not this run's: read its subjects back
        for sequence, ref in ProcessingLogEntry.objects.filter(sequence__lte=5000).values_list("sequence", "data_subject_ref"):
            subjects[sequence % 5000] = ref
    entry_columns = (
        "sequence, trace_id, span_id, parent_span_id, occurred_at, activity, data_subject_ref, action, object_type, "
        "object_id, legal_basis, result, prev_hash, entry_hash"
    )
    audit_columns = "entry_id, actor_id, actor_username, actor_unit, actor_roles, channel"
    # Per entry kind (sequence % 5) the constant middle of the canonical bytes and of the COPY row.
    kinds = [(ACTIVITIES[k], ACTIONS[k], "ind-aivd-verstrekking@v1" if ACTIONS[k] == "disclose" else "") for k in range(5)]
    actors = [("\x1f".join(str(v) for v in actor), "\t".join(str(v) for v in actor)) for actor in ACTORS]
    sha256 = hashlib.sha256
    connections = []
    if write:
        for _ in range(2):
            raw = psycopg.connect(url, autocommit=True)
            # Bulk load: no foreign-key trigger per audit row (superuser; the benchmark's own database).
            raw.execute("SET session_replication_role = replica")
            raw.execute("SET synchronous_commit = off")
            connections.append(raw)
    pool = ThreadPoolExecutor(max_workers=2)
    pending: list[Future[None]] = []

    def copy(raw: psycopg.Connection, table_name: str, columns: str, rows: list[str]) -> None:
        with raw.cursor() as cursor, cursor.copy(f"COPY {table_name} ({columns}) FROM STDIN") as stream:
            for i in range(0, len(rows), 4096):
                stream.write("".join(rows[i : i + 4096]))

    for first in range(1, total + 1, CHUNK):
        last = min(first + CHUNK - 1, total)
        stamps = _stamps(first, last, base_seconds)
        payloads: list[bytes] = []
        entries: list[str] = []
        audits: list[str] = []
        for sequence, stamp in zip(range(first, last + 1), stamps, strict=True):
            activity, action, legal_basis = kinds[sequence % 5]
            actor_us, actor_tab = actors[sequence % 5]
            hexed = f"{sequence:032x}"
            span = f"{sequence * 7:016x}"[-16:]
            subject = subjects[sequence % 5000]
            object_id = f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"
            payload = (
                f"{prev}\x1f{sequence}\x1f{hexed}\x1f{span}\x1f\x1f{stamp}\x1f{activity}\x1f{subject}\x1f"
                f"{action}\x1fsignal\x1f{object_id}\x1f{legal_basis}\x1fsuccess\x1f{actor_us}"
            ).encode()
            if sequence % 1_000_003 == 1:  # keep the fast path honest: the application's own layout
                actor_id, username, unit, roles, channel = ACTORS[sequence % 5]
                assert payload == canonical_bytes(
                    sequence=sequence,
                    trace_id=hexed,
                    span_id=span,
                    parent_span_id="",
                    occurred_at=start + timedelta(microseconds=sequence * STEP_US),
                    activity=activity,
                    data_subject_ref=subject,
                    action=action,
                    object_type="signal",
                    object_id=object_id,
                    legal_basis=legal_basis,
                    result="success",
                    prev_hash=prev,
                    actor_id=actor_id,
                    actor_username=username,
                    actor_unit=unit,
                    actor_roles=roles,
                    channel=channel,
                )
            own = sha256(payload).hexdigest()
            payloads.append(payload)
            if write:
                entries.append(
                    f"{sequence}\t{hexed}\t{span}\t\t{stamp}+00\t{activity}\t{subject}\t{action}\tsignal\t{object_id}\t"
                    f"{legal_basis}\tsuccess\t{prev}\t{own}\n"
                )
                audits.append(f"{sequence}\t{actor_tab}\n")
            prev = own
        kept[last] = prev
        # Baseline: exactly the bytes verification hashes, in one tight loop over data already in memory.
        t0 = time.perf_counter()
        for payload in payloads:
            sha256(payload).hexdigest()
        hash_seconds += time.perf_counter() - t0
        hashed_bytes += sum(map(len, payloads))
        for future in pending:
            future.result()
        if write:
            pending = [
                pool.submit(copy, connections[0], "governance_processinglogentry", entry_columns, entries),
                pool.submit(copy, connections[1], "governance_auditrecord", audit_columns, audits),
            ]
        print(f"  {'loaded' if write else 'generated'} {last:>11,} entries", file=sys.stderr, flush=True)
    for future in pending:
        future.result()
    pool.shutdown()
    for raw in connections:
        raw.close()
    if write:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE governance_processinglogentry")
            cursor.execute("VACUUM ANALYZE governance_auditrecord")
        LogHead.objects.update_or_create(pk=1, defaults={"sequence": total, "entry_hash": prev})
    assert ProcessingLogEntry.objects.values_list("entry_hash", flat=True).get(sequence=total) == prev
    return hash_seconds, hashed_bytes, kept


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed_command(env: dict[str, str], *args: str) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the command's own process (user + system; not the database's) and its last
    line of output."""
    cpu0, t0 = _children_cpu(), time.perf_counter()
    done = subprocess.run([str(ROOT / ".venv/bin/ketensignaal"), *args], env=env, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    assert done.returncode == 0, done.stderr
    return seconds, _children_cpu() - cpu0, (done.stdout.strip().splitlines() or [""])[-1]


def _repeated(runs: int, measure: Callable[[], tuple[float, float]]) -> tuple[float, float, float]:
    """(median wall, best wall, median CPU of the command process) over ``runs`` runs: at a shared machine's load the
    best run is the one least delayed by other processes, the median the typical one."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = measure()
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def _bytecode_compile() -> None:
    """Compile the application's modules as an installation does (pip writes bytecode; this checkout may not, e.g.
    under PYTHONDONTWRITEBYTECODE), so the command's start-up is not measured compiling ~20 modules from source."""
    compileall.compile_dir(str(ROOT / "src" / "ketensignaal"), quiet=1, workers=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000_000)
    parser.add_argument("--since", type=int, default=100_000, help="entries after the checkpoint (incremental check)")
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure on the database a --keep run left (no fill)")
    parser.add_argument("--database", default="ks_bench_verify_log", help="the throw-away database's name")
    parser.add_argument("--runs", type=int, default=5, help="runs of each incremental and start-up measurement")
    parser.add_argument("--skip-full", action="store_true", help="only the incremental check and the start-up")
    args = parser.parse_args()

    name = args.database
    url = f"{args.server}/{name}" if args.reuse else database_recreate(args.server, name)
    env = production_env(url)
    try:
        if not args.reuse:
            subprocess.run(
                [str(ROOT / ".venv/bin/ketensignaal"), "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT
            )
        django_setup(env)
        from ketensignaal.governance.checkpoints import checkpoint_sign, log_verify
        from ketensignaal.governance.models import ProcessingLogEntry

        print(f"{'generating' if args.reuse else 'filling'} {args.entries:,} entries ...", file=sys.stderr)
        t0 = time.perf_counter()
        hash_seconds, hashed_bytes, _kept = _load(url, args.entries, write=not args.reuse)
        fill_seconds = time.perf_counter() - t0
        load_before = os.getloadavg()

        # A checkpoint as the periodic job would have signed it, --since entries ago.
        anchor = args.entries - args.since
        anchor_hash = ProcessingLogEntry.objects.values_list("entry_hash", flat=True).get(sequence=anchor)
        checkpoint_sign(anchor, anchor_hash)

        _bytecode_compile()
        n = args.entries
        rows = [
            [
                "sha256 over the same bytes, one loop (baseline)",
                f"{n:,}",
                f"{hash_seconds:.2f}",
                "",
                rate(n, hash_seconds),
                "1.00",
            ]
        ]
        command_line = "(not run)"
        if not args.skip_full:
            t0 = time.perf_counter()
            result = log_verify()
            verify_seconds = time.perf_counter() - t0
            assert result.intact and result.chain.checked == n, result.message
            command_seconds, command_cpu, command_line = _timed_command(env, "verify-log")
            rows += [
                [
                    "log_verify() in-process (full)",
                    f"{n:,}",
                    f"{verify_seconds:.2f}",
                    "",
                    rate(n, verify_seconds),
                    f"{hash_seconds / verify_seconds:.2f}",
                ],
                [
                    "ketensignaal verify-log (command, full)",
                    f"{n:,}",
                    f"{command_seconds:.2f}",
                    f"{command_cpu:.2f}",
                    rate(n, command_seconds),
                    f"{hash_seconds / command_seconds:.2f}",
                ],
            ]

        def in_process() -> tuple[float, float]:
            t0 = time.perf_counter()
            incremental = log_verify(incremental=True)
            seconds = time.perf_counter() - t0
            assert incremental.intact and incremental.chain.checked == args.since, incremental.message
            return seconds, 0.0

        incremental_line = ""

        def as_command() -> tuple[float, float]:
            nonlocal incremental_line
            seconds, cpu, incremental_line = _timed_command(env, "verify-log", "--incremental")
            return seconds, cpu

        baseline_since = hash_seconds * args.since / n
        for label, measure in (
            ("log_verify(incremental=True) in-process", in_process),
            ("ketensignaal verify-log --incremental (command)", as_command),
        ):
            median, best, cpu = _repeated(args.runs, measure)
            rows.append(
                [
                    f"{label}, median of {args.runs}",
                    f"{args.since:,}",
                    f"{median:.3f}",
                    f"{cpu:.2f}" if cpu else "",
                    rate(args.since, median),
                    f"{baseline_since / median:.2f}",
                ]
            )
            rows.append(
                [
                    f"  … best of {args.runs}",
                    f"{args.since:,}",
                    f"{best:.3f}",
                    "",
                    rate(args.since, best),
                    f"{baseline_since / best:.2f}",
                ]
            )
        median, best, cpu = _repeated(args.runs, lambda: _timed_command(env, "verify-log", "--help")[:2])
        rows.append(
            [f"(command start-up alone: verify-log --help), median of {args.runs}", "—", f"{median:.3f}", f"{cpu:.2f}", "—", "—"]
        )
        rows.append([f"  … best of {args.runs}", "—", f"{best:.3f}", "", "—", "—"])
        load_after = os.getloadavg()
        print(
            f"\nprocessing-log verification, {n:,} entries + audit records, {hashed_bytes / 1e6:,.0f} MB hashed, "
            f"PostgreSQL, {os.cpu_count()} cores; fill took {fill_seconds:.0f} s"
        )
        before, after = (" ".join(f"{x:.2f}" for x in load) for load in (load_before, load_after))
        print(f"load average before: {before}; after: {after}")
        print(table(rows, ["measure", "entries", "seconds", "command CPU s", "entries/s", "throughput ÷ baseline"]))
        print(f"command output (full): {command_line}")
        print(f"command output (incremental): {incremental_line}")
        print("targets: full throughput ÷ baseline >= 0.5; incremental 100,000 entries < 1 s")
    finally:
        if not (args.keep or args.reuse):
            database_drop(args.server, name)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
