"""The audit record's reference to its log entry is no longer a (deferred) foreign-key constraint on PostgreSQL.

Every append writes an entry and its audit record in the same statement pair, numbered from the locked head row;
a step of 2,001 reads (an LRO agenda) then paid 2,001 deferred foreign-key checks at COMMIT. The constraint guarded
nothing the log's own design does not: both tables are append-only (triggers, and the application role may not
UPDATE, DELETE or TRUNCATE them), ``verify-log`` names an entry without its audit record and a changed audit record
(its fields are inside the entry's hash), and an audit record without an entry — the one thing only the constraint
caught — is now named by ``verify-log`` too (``processing_log.orphan_audit_check``). ADR 0002.

SQLite keeps its constraint: changing it there would rebuild the table and drop the append-only triggers of
migration 0003, for no gain (SQLite checks it cheaply).
"""

from django.db import migrations, models

_FIND = (
    "SELECT conname FROM pg_constraint WHERE conrelid = 'governance_auditrecord'::regclass AND contype = 'f' "
    "AND confrelid = 'governance_processinglogentry'::regclass"
)


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(_FIND)
        names = [row[0] for row in cursor.fetchall()]
    for name in names:
        schema_editor.execute(f'ALTER TABLE governance_auditrecord DROP CONSTRAINT "{name}"')


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE governance_auditrecord ADD CONSTRAINT governance_auditrecord_entry_id_fk "
        "FOREIGN KEY (entry_id) REFERENCES governance_processinglogentry (sequence) DEFERRABLE INITIALLY DEFERRED"
    )


class Migration(migrations.Migration):
    dependencies = [("governance", "0009_processing_register_in_english")]
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditrecord",
                    name="entry",
                    field=models.OneToOneField(
                        db_constraint=False,
                        on_delete=models.deletion.PROTECT,
                        primary_key=True,
                        related_name="audit",
                        serialize=False,
                        to="governance.processinglogentry",
                    ),
                )
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        )
    ]
