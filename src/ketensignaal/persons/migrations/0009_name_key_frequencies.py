"""Kept counts of the common retrieval keys (persons.matching.engine._key_frequencies), filled once here and then
nightly and after bulk loads by ``key_frequencies_refresh``. Derived counts only; names as entered are not touched."""

from django.db import migrations, models

#: persons.matching.engine.FREQUENT_KEY when this migration was written
FREQUENT_KEY = 200


def count_keys(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO persons_personnamekeyfrequency (kind, value, count) SELECT kind, value, count(*) "
            "FROM persons_personnamekey GROUP BY kind, value HAVING count(*) >= %s",
            [FREQUENT_KEY],
        )


class Migration(migrations.Migration):
    dependencies = [("persons", "0008_subject_rights_effects")]

    operations = [
        migrations.CreateModel(
            name="PersonNameKeyFrequency",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=2)),
                ("value", models.CharField(max_length=80)),
                ("count", models.IntegerField()),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("kind", "value"), name="person_name_key_frequency_key")],
            },
        ),
        migrations.RunPython(count_keys, migrations.RunPython.noop),
    ]
