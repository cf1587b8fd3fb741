"""Shared helpers for the benchmark scripts (not tests; never imported by the test suite).

Each benchmark gets its own throw-away PostgreSQL database on the local server,
configures Django for it through the same environment variables production
uses, and prints a plain-text table.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SERVER = os.environ.get("KS_BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def database_recreate(server: str, name: str) -> str:
    """Drop and create ``name`` on ``server``; returns its DATABASE_URL."""
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return f"{server}/{name}"


def database_drop(server: str, name: str) -> None:
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def production_env(database_url: str) -> dict[str, str]:
    """Environment of a production-like server: no DEBUG, persistent connections, a private var dir."""
    env = {k: v for k, v in os.environ.items() if k != "KETENSIGNAAL_DEBUG"}
    var_dir = Path(tempfile.mkdtemp(prefix="ks-bench-var-"))
    (var_dir / "static").mkdir()
    env.update(
        DATABASE_URL=database_url,
        KETENSIGNAAL_CONN_MAX_AGE="600",
        KETENSIGNAAL_VAR_DIR=str(var_dir),
        KETENSIGNAAL_LOG_LEVEL="ERROR",
        KETENSIGNAAL_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SETTINGS_MODULE="ketensignaal.settings",
    )
    return env


def django_setup(env: dict[str, str]) -> None:
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def percentile(values: Sequence[float], pct: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1]


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> str:
    cells = [[str(h) for h in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [line, "| " + " | ".join(c.ljust(w) for c, w in zip(cells[0], widths, strict=True)) + " |", line]
    out += ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells[1:]]
    out.append(line)
    return "\n".join(out)


class QueryCounter:
    """Counts SQL statements, savepoints and transactions (commits + autocommit statements) on one connection."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.statements = 0
        self.savepoints = 0
        self.autocommit_statements = 0
        self.commits = 0
        self.sql: list[str] = []
        self.per_transaction: list[int] = []  # statements inside each committed transaction block
        self._open = 0

    def __call__(self, execute: Any, sql_text: str, params: Any, many: bool, context: Any) -> Any:
        self.statements += 1
        self.sql.append(sql_text)
        if sql_text.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")):
            self.savepoints += 1
        if self.connection.in_atomic_block:
            self._open += 1
        else:
            self.autocommit_statements += 1
        return execute(sql_text, params, many, context)

    def __enter__(self) -> QueryCounter:
        self._wrapper = self.connection.execute_wrapper(self)
        self._wrapper.__enter__()
        original = self.connection.commit
        self._original_commit = original

        def counting_commit() -> None:
            self.commits += 1
            self.per_transaction.append(self._open)
            self._open = 0
            original()

        self.connection.commit = counting_commit
        return self

    def __exit__(self, *exc: Any) -> None:
        self.connection.commit = self._original_commit
        self._wrapper.__exit__(*exc)

    @property
    def transactions(self) -> int:
        return self.commits + self.autocommit_statements
