"""Signal intake under load: POST /api/v1/signals through gunicorn on PostgreSQL, next to pgbench.

    .venv/bin/python benchmarks/intake_load.py [--seconds 60] [--clients 16] [--workers 3]

Creates a fresh database (ks_bench_intake), migrates it, loads reference data,
creates 16 reporters with API tokens, measures one create's SQL statements and
transactions in-process, then starts the real app under gunicorn (production
settings: no DEBUG, KETENSIGNAAL_CONN_MAX_AGE=600) on a free loopback port and
drives it with concurrent clients for --seconds. Afterwards it runs
``pgbench -i -s 10`` and ``pgbench -c 16 -j 2 -T <seconds>`` in a scratch
database on the same server and prints creates/s ÷ pgbench TPS against the
target (≥ 0.06), p95 against 50 ms and statements per create against 12.
Loopback only; it stops by itself; both databases are dropped at the end
unless --keep.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
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

TARGET_RATIO = 0.06
TARGET_P95_MS = 50.0
TARGET_STATEMENTS = 12
REPORTER_UNIT = "coa.locatie.ter-apel"


def signal_body(n: int) -> bytes:
    return json.dumps(
        {
            "subject": {
                "v_number": f"{3000000000 + n:010d}",
                "names": [{"name": f"Testpersoon {n}", "script": "Latn"}, {"name": "محمد الحسن", "script": "Arab"}],
                "date_of_birth": "1994-03",
                "nationality": "SYR",
                "minor": False,
            },
            "observation": {
                "type": "statement",
                "text": f"Benchmarkwaarneming {n}: uitspraak in de gemeenschappelijke ruimte.",
                "observed_at": "2026-11-20T14:00:00+01:00",
            },
            "categories": ["radicalisering"],
            "touchpoint": "opvanglocatie",
            "grading": {"source": "B", "information": "2"},
            "handling_code": "AMBER",
            "acute": False,
        }
    ).encode()


def prepare(clients: int) -> tuple[list[str], dict[str, Any]]:
    """Migrate, load reference data, create reporters and tokens; measure one create's SQL in-process."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from ketensignaal.identity.services import user_create
    from ketensignaal.identity.tokens import api_token_issue
    from ketensignaal.reference import reference_load

    call_command("migrate", verbosity=0)
    reference_load()
    tokens = []
    for i in range(clients + 1):
        user = user_create(username=f"bench-reporter-{i}", unit_code=REPORTER_UNIT, roles=["reporter"], validate=False)
        tokens.append(api_token_issue(user=user)[1])
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {tokens[-1]}"}
    for n in range(3):  # warm caches (route edges, reference rows, first-request imports)
        assert client.post("/api/v1/signals", signal_body(900000 + n), content_type="application/json", **auth).status_code == 201
    with QueryCounter(connection) as counter:
        started = time.perf_counter()
        response = client.post("/api/v1/signals", signal_body(999999), content_type="application/json", **auth)
        elapsed_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 201, response.content
    connection.close()
    return tokens[:clients], {
        "statements": counter.statements,
        "savepoints": counter.savepoints,
        "transactions": counter.transactions,
        "commits": counter.commits,
        "autocommit": counter.autocommit_statements,
        "per_transaction": counter.per_transaction,
        "sql": counter.sql,
        "ms": elapsed_ms,
    }


def profile_creates(token: str, count: int, top: int, dump: str = "", clock: str = "cpu") -> tuple[str, float, float]:
    """cProfile of ``count`` creates through the WSGI application gunicorn's workers run (same settings, same process
    kind: persistent connection, no DEBUG), called directly with a WSGI environ (no socket). With ``clock="cpu"`` the
    profile counts this process's CPU time only (on a loaded machine wall time is mostly waiting for a core or for
    PostgreSQL); ``"wall"`` counts wall time. Returns the summary, wall ms and CPU ms per create."""
    import cProfile
    import io
    import pstats

    from ketensignaal.wsgi import application

    def call(n: int) -> None:
        body = signal_body(20_000_000 + n)
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/api/v1/signals",
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_HOST": "127.0.0.1",
            "HTTP_AUTHORIZATION": f"Bearer {token}",
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
        }
        status: list[str] = []
        chunks = application(environ, lambda s, h, exc_info=None: status.append(s))
        b"".join(chunks)
        if not status or not status[0].startswith("201"):
            raise RuntimeError(f"profiled create answered {status}")

    for n in range(5):  # warm: imports, URLconf, caches, the persistent connection
        call(n)
    profiler = cProfile.Profile(time.process_time if clock == "cpu" else time.perf_counter)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    profiler.enable()
    for n in range(count):
        call(100 + n)
    profiler.disable()
    wall, cpu = (time.perf_counter() - wall0) * 1000 / count, (time.process_time() - cpu0) * 1000 / count
    out = io.StringIO()
    if dump:
        profiler.dump_stats(dump)
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue(), wall, cpu


def server_command(app_server: str, port: int, workers: int, worker_class: str, threads: int) -> list[str]:
    """The production server's command line: gunicorn (sync or gthread workers) or granian's WSGI interface."""
    if app_server == "granian":
        return [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            str(threads),
            "--log-level",
            "warning",
            "ketensignaal.wsgi:application",
        ]
    return [
        str(Path(sys.executable).parent / "gunicorn"),
        "ketensignaal.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        *(["--threads", str(threads)] if worker_class == "gthread" else []),
        "--log-level",
        "warning",
        "--timeout",
        "60",
    ]


def process_tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by ``root`` and its live descendants, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, float] = {}
    for path in Path("/proc").iterdir():
        entry = path.name
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        stats[int(entry)] = (int(fields[11]) + int(fields[12])) / ticks
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += stats.get(pid, 0.0)
        todo.extend(children.get(pid, []))
    return total


def pids_cpu(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy (all cores; /proc/stat without idle and iowait)."""
    with open("/proc/stat") as f:
        values = [int(x) for x in f.readline().split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def backend_pids(server: str, database: str) -> list[int]:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database]).fetchall()
    return [int(r[0]) for r in rows]


class CpuShare:
    """Where the machine's CPU went during a timed window: the load clients (this process), the HTTP server's
    processes, the PostgreSQL backends serving the benchmark database, and everything else (other sessions,
    PostgreSQL's own background processes, the kernel)."""

    def __init__(self, server_pid: int, server: str, database: str) -> None:
        self.server_pid, self.server, self.database = server_pid, server, database

    def __enter__(self) -> CpuShare:
        self.backends = backend_pids(self.server, self.database)
        self.start = (time.process_time(), process_tree_cpu(self.server_pid), pids_cpu(self.backends), machine_busy())
        return self

    def __exit__(self, *exc: object) -> None:
        end = (time.process_time(), process_tree_cpu(self.server_pid), pids_cpu(self.backends), machine_busy())
        self.clients, self.app, self.database_cpu, self.machine = (b - a for a, b in zip(self.start, end, strict=True))
        self.other = max(0.0, self.machine - self.clients - self.app - self.database_cpu)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, timeout: float = 300) -> None:  # workers start slowly on a loaded machine
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/inloggen")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError("the HTTP server did not come up")


def children_rss_mb(master_pid: int) -> list[float]:
    out = subprocess.run(["ps", "-o", "rss=", "--ppid", str(master_pid)], capture_output=True, text=True, check=False).stdout
    return [int(x) / 1024 for x in out.split()]


class Load:
    def __init__(self, port: int, tokens: list[str], seconds: float) -> None:
        self.port, self.tokens, self.seconds = port, tokens, seconds
        self.latencies: list[float] = []
        self.errors: dict[str, int] = {}
        self.lock = threading.Lock()
        self.counter = 0

    def _next(self) -> int:
        with self.lock:
            self.counter += 1
            return self.counter

    def client(self, token: str) -> None:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Connection": "keep-alive"}
        conn: http.client.HTTPConnection | None = None
        end = time.monotonic() + self.seconds
        latencies: list[float] = []
        while time.monotonic() < end:
            body = signal_body(self._next())
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("POST", "/api/v1/signals", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except OSError as exc:
                status = type(exc).__name__
                if conn is not None:
                    conn.close()
                conn = None
            elapsed = time.perf_counter() - started
            if status == 201:
                latencies.append(elapsed)
            else:
                with self.lock:
                    self.errors[str(status)] = self.errors.get(str(status), 0) + 1
        with self.lock:
            self.latencies.extend(latencies)

    def run(self) -> float:
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=len(self.tokens)) as pool:
            list(pool.map(self.client, self.tokens))
        return time.monotonic() - started


class OpenLoad(Load):
    """Open loop: requests are due at a fixed rate whatever the answers do; latency counts from the moment a request
    was due, so waiting for a free client (queueing) is included, as a real arrival would see it."""

    def __init__(self, port: int, tokens: list[str], seconds: float, rate: float) -> None:
        super().__init__(port, tokens, seconds)
        self.rate = rate
        self.start = 0.0

    def client(self, token: str) -> None:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Connection": "keep-alive"}
        conn: http.client.HTTPConnection | None = None
        latencies: list[float] = []
        while True:
            n = self._next()
            due = self.start + (n - 1) / self.rate
            if due >= self.start + self.seconds:
                break
            time.sleep(max(0.0, due - time.perf_counter()))
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("POST", "/api/v1/signals", body=signal_body(10_000_000 + n), headers=headers)
                response = conn.getresponse()
                response.read()
                status: Any = response.status
            except OSError as exc:
                status = type(exc).__name__
                if conn is not None:
                    conn.close()
                conn = None
            if status == 201:
                latencies.append(time.perf_counter() - due)
            else:
                with self.lock:
                    self.errors[str(status)] = self.errors.get(str(status), 0) + 1
        with self.lock:
            self.latencies.extend(latencies)

    def run(self) -> float:
        self.start = time.perf_counter() + 0.05
        return super().run()


def pgbench(server: str, seconds: int, clients: int, keep: bool) -> float:
    name = "ks_bench_pgbench"
    url = database_recreate(server, name)
    try:
        subprocess.run(["pgbench", "-i", "-s", "10", "-q", url], check=True, capture_output=True)
        out = subprocess.run(
            ["pgbench", "-c", str(clients), "-j", "2", "-T", str(seconds), url], check=True, capture_output=True, text=True
        ).stdout
    finally:
        if not keep:
            database_drop(server, name)
    match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", out) or re.search(r"tps = ([0-9.]+)", out)
    if not match:
        raise RuntimeError(f"could not read pgbench output:\n{out}")
    return float(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=5, help="untimed seconds of load before measuring")
    parser.add_argument("--workers", type=int, default=3, choices=[2, 3, 4])
    parser.add_argument(
        "--app-server",
        default="gunicorn",
        choices=["gunicorn", "granian"],
        help="HTTP server in front of the WSGI application (granian: --interface wsgi, must be importable)",
    )
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"], help="gunicorn worker class")
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="threads per worker: gunicorn --worker-class gthread (default 4), granian --blocking-threads (default 1)",
    )
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server URL without database (loopback)")
    parser.add_argument("--database", default="ks_bench_intake")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases afterwards")
    parser.add_argument("--show-sql", action="store_true", help="print the SQL of the measured create")
    parser.add_argument("--open-seconds", type=int, default=20, help="open-loop run at half the measured rate")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="only profile N creates through the WSGI app (cProfile), then stop"
    )
    parser.add_argument("--profile-top", type=int, default=30, help="functions listed per ordering with --profile")
    parser.add_argument("--profile-out", default="", metavar="FILE", help="also write the raw cProfile data (pstats)")
    parser.add_argument("--profile-clock", default="cpu", choices=["cpu", "wall"], help="what --profile counts")
    args = parser.parse_args()
    print("load average at the start: " + " / ".join(f"{x:.1f}" for x in os.getloadavg()))

    url = database_recreate(args.server, args.database)
    env = production_env(url)
    django_setup(env)
    tokens, sql_stats = prepare(args.clients)
    if args.show_sql:
        print(f"One create, in-process: {sql_stats['ms']:.1f} ms")
        for i, statement in enumerate(sql_stats["sql"], 1):
            print(f"{i:3d}. {statement[:200]}")
    if args.profile:
        try:
            summary, wall, cpu = profile_creates(tokens[0], args.profile, args.profile_top, args.profile_out, args.profile_clock)
        finally:
            from django.db import connections

            connections.close_all()
            if not args.keep:
                database_drop(args.server, args.database)
        load_avg = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"\nProfile ({args.profile_clock} time) of {args.profile} creates through ketensignaal.wsgi.application")
        print(f"load average {load_avg}")
        print(f"per create: {wall:.1f} ms wall, {cpu:.1f} ms CPU of this process\n")
        print(summary)
        return

    port = free_port()
    threads = args.threads or (1 if args.app_server == "granian" else 4)
    gunicorn = subprocess.Popen(
        server_command(args.app_server, port, args.workers, args.worker_class, threads), env=env, cwd=str(ROOT)
    )
    rss_peak: list[float] = []
    stop_sampling = threading.Event()

    def sample() -> None:
        while not stop_sampling.wait(1.0):
            values = children_rss_mb(gunicorn.pid)
            if values:
                rss_peak.append(max(values))

    try:
        wait_ready(port)
        # Warm every worker (first request imports the URLconf and its views), untimed.
        Load(port, tokens, args.warmup).run()
        load = Load(port, tokens, args.seconds)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        with CpuShare(gunicorn.pid, args.server, args.database) as cpu:
            elapsed = load.run()
        closed_rate = len(load.latencies) / elapsed if elapsed else 1.0
        # (b) open loop at half the measured capacity
        open_load = OpenLoad(port, tokens, args.open_seconds, max(1.0, closed_rate / 2))
        open_load.run()
        stop_sampling.set()
        sampler.join()
        final_rss = children_rss_mb(gunicorn.pid)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()

    tps = pgbench(args.server, args.seconds, args.clients, args.keep)
    if not args.keep:
        database_drop(args.server, args.database)

    lat_ms = sorted(x * 1000 for x in load.latencies)
    creates = len(lat_ms)
    rate = creates / elapsed if elapsed else 0.0
    errors = sum(load.errors.values())
    p50, p95, p99 = (percentile(lat_ms, p) for p in (50, 95, 99))
    open_ms = sorted(x * 1000 for x in open_load.latencies)
    o50, o95, o99 = (percentile(open_ms, p) for p in (50, 95, 99)) if open_ms else (0.0, 0.0, 0.0)
    open_errors = sum(open_load.errors.values())
    ratio = rate / tps if tps else 0.0
    rss = max(rss_peak or final_rss or [0.0])
    statements = sql_stats["statements"]
    largest = max(sql_stats["per_transaction"] or [0])
    load_avg = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    if args.app_server == "granian":
        server = f"{args.workers} granian WSGI workers × {threads} blocking thread(s)"
    else:
        server = f"{args.workers} gunicorn {args.worker_class} workers" + (
            f" × {threads} threads" if args.worker_class == "gthread" else ""
        )
    print(f"\nSignal intake: {args.clients} clients, {server}, {args.seconds} s, PostgreSQL (loopback)")
    print(f"Machine: {os.cpu_count()} CPUs, load average {load_avg} (1/5/15 min) at the end\n")
    rows = [
        ("creates", creates, "", ""),
        ("creates/s", f"{rate:.1f}", "", ""),
        ("(a) closed loop latency p50 / p95 / p99 (ms)", f"{p50:.1f} / {p95:.1f} / {p99:.1f}", "", ""),
        (f"(b) open loop at {open_load.rate:.1f}/s: creates", len(open_ms), "", ""),
        ("(b) open loop latency p50 / p99 (ms)", f"{o50:.1f} / {o99:.1f}", "", ""),
        ("(b) open loop latency p95 (ms)", f"{o95:.1f}", f"<= {TARGET_P95_MS:.0f}", "ok" if o95 <= TARGET_P95_MS else "MISSED"),
        ("(b) open loop errors", open_errors, "0", "ok" if open_errors == 0 else "MISSED"),
        ("errors", f"{errors} {load.errors or ''}".strip(), "0", "ok" if errors == 0 else "MISSED"),
        ("worker RSS peak (MB)", f"{rss:.0f}", "< 300", "ok" if rss < 300 else "MISSED"),
        (
            "statements per create (all)",
            statements,
            f"<= {TARGET_STATEMENTS}",
            "ok" if statements <= TARGET_STATEMENTS else "MISSED",
        ),
        ("  of which savepoints", sql_stats["savepoints"], "", ""),
        ("  in the largest transaction", largest, f"<= {TARGET_STATEMENTS}", "ok" if largest <= TARGET_STATEMENTS else "MISSED"),
        ("transactions per create", sql_stats["transactions"], "1", "ok" if sql_stats["transactions"] == 1 else "MISSED"),
        ("pgbench TPS (-c 16 -j 2, scale 10)", f"{tps:.0f}", "", ""),
        ("creates/s ÷ pgbench TPS", f"{ratio:.4f}", f">= {TARGET_RATIO}", "ok" if ratio >= TARGET_RATIO else "MISSED"),
    ]
    print(table(rows, ["measure", "value", "target", ""]))
    if creates:
        per = 1000 / creates
        print(
            f"\nCPU during (a), {elapsed:.1f} s on {os.cpu_count()} cores ({elapsed * (os.cpu_count() or 1):.1f} CPU s): "
            f"machine busy {cpu.machine:.1f} s; per create: HTTP server processes {cpu.app * per:.1f} ms, PostgreSQL "
            f"backends of {args.database} {cpu.database_cpu * per:.1f} ms, load clients (this process) "
            f"{cpu.clients * per:.1f} ms, everything else {cpu.other * per:.1f} ms "
            f"(shares of the busy time: server {cpu.app / cpu.machine:.0%}, PostgreSQL {cpu.database_cpu / cpu.machine:.0%}, "
            f"clients {cpu.clients / cpu.machine:.0%}, else {cpu.other / cpu.machine:.0%})."
        )
    sizes = " + ".join(str(n) for n in sql_stats["per_transaction"]) or "0"
    print(
        f"\nSQL of one create, measured in-process (Django test client, same settings): statements inside transaction blocks "
        f"{sizes} ({sql_stats['commits']} commit(s)), {sql_stats['autocommit']} statement(s) in autocommit mode (each its own "
        "transaction). Load clients, gunicorn and PostgreSQL share this machine's CPUs."
    )


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
