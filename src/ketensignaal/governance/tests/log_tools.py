"""Test helpers that step around the processing log's append-only triggers, as an attacker with DB access could."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

LOG_TABLES = ("governance_processinglogentry", "governance_auditrecord")


def _drop_sqlite_triggers(cursor: object) -> None:
    for table in LOG_TABLES:
        for op in ("update", "delete"):
            cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}")  # type: ignore[attr-defined]


def _create_sqlite_triggers(cursor: object) -> None:
    for table in LOG_TABLES:
        for op in ("UPDATE", "DELETE"):
            cursor.execute(  # type: ignore[attr-defined]
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'processing log is append-only'); END"
            )


@contextmanager
def tampering() -> Iterator[None]:
    """Inside a test transaction: PostgreSQL replica mode skips triggers; SQLite drops them (DDL rolls back)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        else:
            _drop_sqlite_triggers(cursor)
    yield
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")


def log_wipe() -> None:
    """Empty the log after a transactional test (Django's flush would DELETE, which the SQLite trigger refuses)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE governance_auditrecord, governance_processinglogentry")
        else:
            _drop_sqlite_triggers(cursor)
            cursor.execute("DELETE FROM governance_auditrecord")
            cursor.execute("DELETE FROM governance_processinglogentry")
            _create_sqlite_triggers(cursor)
        cursor.execute("DELETE FROM governance_loghead")
