"""Benchmark: `ketensignaal verify-log` over a large processing log on PostgreSQL.

Fills a throw-away database with ``--entries`` hash-chained entries (built with the application's own
``canonical_bytes`` and ``entry_hash``, loaded with COPY), then times, in the same run:

- baseline: ``hashlib.sha256`` over exactly the bytes verification hashes (prev hash + canonical bytes per entry),
  in one tight loop over data already in memory — the raw hashing throughput of this machine;
- ``processing_log_verify()`` (what the command runs), in-process, reading every entry from PostgreSQL;
- the ``ketensignaal verify-log`` command itself as a subprocess (start-up included).

Target (../shared/BENCHMARKS.md): verification >= 0.5 x the raw hashing throughput.

    .venv/bin/python benchmarks/verify_log.py --entries 10000000
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _support import DEFAULT_SERVER, ROOT, database_drop, database_recreate, django_setup, production_env, table

ACTIVITIES = ("signaal-registratie", "signaal-inzage", "verstrekking", "doorzending", "persoon-koppeling")
ACTIONS = ("create", "read", "disclose", "update", "read")
CHUNK = 250_000


def _fill(total: int) -> tuple[float, int, str]:
    """Write ``total`` chained entries; returns (seconds of pure hashing, bytes hashed, head hash)."""
    from django.db import connection

    from ketensignaal.governance.models import LogHead
    from ketensignaal.governance.processing_log import GENESIS, canonical_bytes, subject_ref

    prev = GENESIS
    hash_seconds = 0.0
    hashed_bytes = 0
    start = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    subjects = [subject_ref("signal", uuid.UUID(int=i)) for i in range(5000)]
    columns = (
        "sequence, trace_id, span_id, parent_span_id, occurred_at, activity, data_subject_ref, action, object_type, "
        "object_id, legal_basis, result, prev_hash, entry_hash"
    )
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE governance_processinglogentry DISABLE TRIGGER USER")
        for first in range(1, total + 1, CHUNK):
            rows = []
            for sequence in range(first, min(first + CHUNK, total + 1)):
                kind = sequence % len(ACTIVITIES)
                fields = (
                    sequence,
                    f"{sequence:032x}",
                    f"{sequence * 7:016x}"[-16:],
                    "",
                    start + timedelta(milliseconds=sequence * 37),
                    ACTIVITIES[kind],
                    subjects[sequence % len(subjects)],
                    ACTIONS[kind],
                    "signal",
                    str(uuid.UUID(int=sequence)),
                    "ind-aivd-verstrekking v1" if ACTIONS[kind] == "disclose" else "",
                    "success",
                )
                own = hashlib.sha256(prev.encode() + canonical_bytes(*fields, prev)).hexdigest()  # type: ignore[arg-type]
                rows.append((fields, prev, own))
                prev = own
            # Baseline: exactly the bytes verification hashes (prev hash + canonical bytes), in one tight loop.
            blobs = [p.encode() + canonical_bytes(*f, p) for f, p, _own in rows]  # type: ignore[arg-type]
            t0 = time.perf_counter()
            for blob in blobs:
                hashlib.sha256(blob).hexdigest()
            hash_seconds += time.perf_counter() - t0
            hashed_bytes += sum(map(len, blobs))
            buffer = io.StringIO()
            for fields, before, own in rows:
                values = [*fields[:4], fields[4].isoformat(), *fields[5:], before, own]
                buffer.write("\t".join(str(v) for v in values) + "\n")
            buffer.seek(0)
            with cursor.cursor.copy(f"COPY governance_processinglogentry ({columns}) FROM STDIN") as copy:
                while block := buffer.read(1 << 20):
                    copy.write(block)
            print(f"  loaded {min(first + CHUNK - 1, total):>11,} entries", file=sys.stderr, flush=True)
        cursor.execute("ALTER TABLE governance_processinglogentry ENABLE TRIGGER USER")
        cursor.execute("ANALYZE governance_processinglogentry")
    LogHead.objects.update_or_create(pk=1, defaults={"sequence": total, "entry_hash": prev})
    return hash_seconds, hashed_bytes, prev


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000_000)
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    name = "ks_bench_verify_log"
    url = database_recreate(args.server, name)
    env = production_env(url)
    try:
        subprocess.run([str(ROOT / ".venv/bin/ketensignaal"), "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
        django_setup(env)
        from ketensignaal.governance.processing_log import processing_log_verify

        print(f"filling {args.entries:,} entries ...", file=sys.stderr)
        hash_seconds, hashed_bytes, _head = _fill(args.entries)

        t0 = time.perf_counter()
        result = processing_log_verify()
        verify_seconds = time.perf_counter() - t0
        assert result.intact and result.checked == args.entries, result

        t0 = time.perf_counter()
        command = subprocess.run(
            [str(ROOT / ".venv/bin/ketensignaal"), "verify-log"], env=env, cwd=ROOT, capture_output=True, text=True
        )
        command_seconds = time.perf_counter() - t0
        assert command.returncode == 0, command.stderr

        def rate(seconds: float) -> str:
            return f"{args.entries / seconds:,.0f}"

        rows = [
            ["sha256 over the same bytes (baseline)", f"{hash_seconds:.2f}", rate(hash_seconds), "1.00"],
            [
                "processing_log_verify() in-process",
                f"{verify_seconds:.2f}",
                rate(verify_seconds),
                f"{hash_seconds / verify_seconds:.2f}",
            ],
            [
                "ketensignaal verify-log (command)",
                f"{command_seconds:.2f}",
                rate(command_seconds),
                f"{hash_seconds / command_seconds:.2f}",
            ],
        ]
        print(f"\nprocessing-log verification, {args.entries:,} entries, {hashed_bytes / 1e6:,.0f} MB hashed, PostgreSQL")
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(table(rows, ["measure", "seconds", "entries/s", "throughput ÷ baseline"]))
        print(f"command output: {command.stdout.strip().splitlines()[-1]}")
        print("target: throughput ÷ baseline >= 0.5")
    finally:
        if not args.keep:
            database_drop(args.server, name)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
