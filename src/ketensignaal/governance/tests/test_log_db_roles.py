"""PostgreSQL: the application's database role can append to the processing log, and nothing more.

Issue 16: as the application's own database user the log could be truncated, and a role with plain DML rights could
``SET LOCAL pgtrigger.ignore`` and delete the tail or rewrite entries. These tests connect to the test database as
the application role that ``ketensignaal db-roles`` sets up (and as a role that was, wrongly, given every DML right)
and try exactly that.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.db import connection, transaction

from ketensignaal.governance.db_roles import APP_ROLE, create_role_statements, grant_statements
from ketensignaal.governance.models import LogHead, ProcessingLogEntry
from ketensignaal.governance.processing_log import LogItem, processing_log_record, processing_log_verify
from ketensignaal.governance.tests.log_tools import log_wipe

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DML_ROLE = "ketensignaal_test_dml"  # a role that was given too much: every DML right on the log tables
PGTRIGGER_IGNORE = (
    "SET LOCAL pgtrigger.ignore = '{governance_processinglogentry:pgtrigger_append_only_no_delete_c1c6e,"
    "governance_processinglogentry:pgtrigger_append_only_no_update_53b0c}'"
)


@pytest.fixture(autouse=True)
def _postgres_only() -> Iterator[None]:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (database roles and privileges)")
    yield
    log_wipe()


@pytest.fixture
def roles() -> None:
    database = connection.settings_dict["NAME"]
    owner = connection.settings_dict["USER"] or "postgres"
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in create_role_statements(APP_ROLE, DML_ROLE):
            cursor.execute(statement, None)
        for statement in grant_statements(owner, APP_ROLE, database):
            cursor.execute(statement, None)
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON governance_processinglogentry, governance_auditrecord, "
            f"governance_loghead TO {DML_ROLE}",
            None,
        )


def _connect(role: str) -> psycopg.Connection[Any]:
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        dbname=settings["NAME"],
        user=role,
        password=settings["PASSWORD"] or None,
    )


def _log(count: int) -> None:
    with transaction.atomic():
        processing_log_record(
            actor=None,
            items=[
                LogItem(activity="signaal-behandeling", action="read", object_type="signal", object_id=n) for n in range(count)
            ],
        )


def _refused(role: str, *statements: str) -> str:
    """Run the statements in one transaction as ``role``; return the error the last one raised."""
    with _connect(role) as conn, conn.cursor() as cursor:
        for statement in statements[:-1]:
            cursor.execute(statement)  # type: ignore[arg-type]
        with pytest.raises(psycopg.Error) as refused:
            cursor.execute(statements[-1])  # type: ignore[arg-type]
        conn.rollback()
    return str(refused.value)


def test_app_role_can_append_and_read(roles: None) -> None:
    _log(2)
    with _connect(APP_ROLE) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM governance_processinglogentry")
        assert cursor.fetchone() == (2,)
        cursor.execute("UPDATE governance_loghead SET sequence = sequence + 0 WHERE false")  # may move the head
        cursor.execute(
            "INSERT INTO governance_processinglogentry (sequence, trace_id, span_id, parent_span_id, occurred_at, "
            "activity, data_subject_ref, action, object_type, object_id, legal_basis, result, prev_hash, entry_hash) "
            "VALUES (99, '', '', '', now(), 'x', '', 'read', 'x', 'x', '', 'success', '', '')"
        )
        conn.rollback()


def test_app_role_cannot_truncate_the_log_or_reset_the_head(roles: None) -> None:
    _log(3)
    for table in ("governance_processinglogentry", "governance_auditrecord", "governance_loghead"):
        assert "permission denied" in _refused(APP_ROLE, f"TRUNCATE {table} CASCADE")
    assert "only moves forward" in _refused(APP_ROLE, "UPDATE governance_loghead SET sequence = 0, entry_hash = ''")
    assert "permission denied" in _refused(APP_ROLE, "DELETE FROM governance_loghead")
    assert ProcessingLogEntry.objects.count() == 3 and LogHead.objects.get().sequence == 3


def test_app_role_cannot_delete_the_tail_or_change_entries_even_with_pgtrigger_ignore(roles: None) -> None:
    _log(4)
    assert "permission denied" in _refused(
        APP_ROLE, "BEGIN", PGTRIGGER_IGNORE, "DELETE FROM governance_processinglogentry WHERE sequence > 2"
    )
    assert "permission denied" in _refused(
        APP_ROLE, "BEGIN", PGTRIGGER_IGNORE, "UPDATE governance_processinglogentry SET object_id = 'x'"
    )
    assert "permission denied" in _refused(APP_ROLE, "UPDATE governance_auditrecord SET actor_username = 'x'")
    assert "permission denied" in _refused(APP_ROLE, "SET session_replication_role = replica")
    assert "must be owner" in _refused(APP_ROLE, "ALTER TABLE governance_processinglogentry DISABLE TRIGGER ALL")
    assert ProcessingLogEntry.objects.count() == 4 and processing_log_verify().intact


def test_even_a_role_with_every_dml_right_is_stopped_by_triggers_pgtrigger_ignore_cannot_switch_off(roles: None) -> None:
    _log(4)
    for statement in (
        "DELETE FROM governance_processinglogentry WHERE sequence > 2",
        "UPDATE governance_processinglogentry SET object_id = 'x'",
        "UPDATE governance_auditrecord SET actor_username = 'x'",
        "TRUNCATE governance_processinglogentry, governance_auditrecord",
    ):
        assert "append-only" in _refused(DML_ROLE, "BEGIN", PGTRIGGER_IGNORE, statement)
    assert "only moves forward" in _refused(DML_ROLE, "UPDATE governance_loghead SET sequence = 2")
    assert ProcessingLogEntry.objects.count() == 4 and processing_log_verify().intact


def test_the_migration_revoked_what_default_privileges_granted() -> None:
    """Migration 0004 leaves UPDATE/DELETE/TRUNCATE on the log tables to the owner alone."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) g "
            "WHERE c.relname IN ('governance_processinglogentry', 'governance_auditrecord') AND g.grantee <> c.relowner "
            "AND g.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE') AND g.grantee::regrole::text <> %s",
            [DML_ROLE],
        )
        assert cursor.fetchone() == (0,)


def test_parallel_verification_over_several_connections_names_the_first_break(monkeypatch: pytest.MonkeyPatch) -> None:
    from ketensignaal.governance import processing_log
    from ketensignaal.governance.tests.log_tools import tampering

    monkeypatch.setattr(processing_log, "PARALLEL_MIN_ENTRIES", 10)
    _log(200)
    result = processing_log_verify(workers=2)
    assert result.intact and result.checked == 200
    with transaction.atomic(), tampering():
        ProcessingLogEntry.objects.filter(sequence=137).update(object_id="x")
    result = processing_log_verify(workers=2)
    assert result.broken_at == 137 and result.checked == 136
