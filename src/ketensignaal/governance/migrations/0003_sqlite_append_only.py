"""Append-only on SQLite too (PostgreSQL gets pgtrigger's Protect triggers in 0001)."""

from django.db import migrations

TABLES = ["governance_processinglogentry", "governance_auditrecord"]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in TABLES:
        for op in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'processing log is append-only'); END"
            )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in TABLES:
        for op in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}")


class Migration(migrations.Migration):
    dependencies = [("governance", "0002_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
