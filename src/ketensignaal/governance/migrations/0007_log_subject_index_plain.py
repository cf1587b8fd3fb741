"""The data-subject index of the processing log without its LIKE twin (PostgreSQL's varchar_pattern_ops index).

The column is only ever compared for equality; the second index made every appended entry update three indexes.
The table is not rebuilt (SQLite's append-only triggers stay): the indexes are dropped and renamed in place.
"""

from django.db import migrations, models

OLD = "governance_processinglogentry_data_subject_ref_1c7f16b1"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD}_like")
        schema_editor.execute(f"ALTER INDEX IF EXISTS {OLD} RENAME TO log_subject_idx")
    else:
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD}")
        schema_editor.execute("CREATE INDEX IF NOT EXISTS log_subject_idx ON governance_processinglogentry (data_subject_ref)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS log_subject_idx RENAME TO {OLD}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {OLD}_like ON governance_processinglogentry (data_subject_ref varchar_pattern_ops)"
        )
    else:
        schema_editor.execute("DROP INDEX IF EXISTS log_subject_idx")
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {OLD} ON governance_processinglogentry (data_subject_ref)")


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0006_processing_register"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="processinglogentry",
                    name="data_subject_ref",
                    field=models.CharField(blank=True, max_length=64),
                ),
                migrations.AddIndex(
                    model_name="processinglogentry",
                    index=models.Index(fields=["data_subject_ref"], name="log_subject_idx"),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        ),
    ]
