"""Trigram index on transliterated names for fuzzy candidate retrieval; PostgreSQL only.

On SQLite the matching uses the indexed keys alone (slower, acceptable for the demo).
"""

from django.db import migrations


def _forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS person_name_latin_trgm ON persons_personname USING gin (significant gin_trgm_ops)"
    )


def _backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS person_name_latin_trgm")


class Migration(migrations.Migration):
    dependencies = [("persons", "0002_person_records")]

    operations = [migrations.RunPython(_forward, _backward)]
