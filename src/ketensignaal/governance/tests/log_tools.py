"""Test helpers that step around the processing log's append-only triggers, as an attacker with DB access could."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

LOG_TABLES = ("governance_processinglogentry", "governance_auditrecord")
ENTRY_FIELDS = (
    "sequence",
    "trace_id",
    "span_id",
    "parent_span_id",
    "occurred_at",
    "activity",
    "data_subject_ref",
    "action",
    "object_type",
    "object_id",
    "legal_basis",
    "result",
    "prev_hash",
)
AUDIT_FIELDS = ("actor_id", "actor_username", "actor_unit", "actor_roles", "channel")


def entry_fields(entry: Any) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in ENTRY_FIELDS}


def audit_fields(sequence: int) -> dict[str, Any]:
    from ketensignaal.governance.models import AuditRecord

    audit = AuditRecord.objects.get(entry_id=sequence)
    return {name: getattr(audit, name) for name in AUDIT_FIELDS}


def rechain_from(sequence: int) -> None:
    """What an attacker who can bypass the triggers does after changing an entry: recompute every hash from
    ``sequence`` on and move the head, so the chain is consistent again. Call inside ``tampering()``."""
    from ketensignaal.governance.models import LogHead, ProcessingLogEntry
    from ketensignaal.governance.processing_log import GENESIS, canonical_bytes, entry_hash

    before = ProcessingLogEntry.objects.filter(sequence=sequence - 1).first()
    prev = before.entry_hash if before else GENESIS
    last = sequence - 1
    for entry in ProcessingLogEntry.objects.filter(sequence__gte=sequence).order_by("sequence"):
        entry.prev_hash = prev
        prev = entry_hash(canonical_bytes(**entry_fields(entry), **audit_fields(entry.sequence)))
        ProcessingLogEntry.objects.filter(sequence=entry.sequence).update(prev_hash=entry.prev_hash, entry_hash=prev)
        last = entry.sequence
    LogHead.objects.filter(pk=1).update(sequence=last, entry_hash=prev)


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
