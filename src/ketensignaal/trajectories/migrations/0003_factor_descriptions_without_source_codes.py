"""The starter catalogue's factor descriptions said where they came from as "Seed 002: ..."; the screen shows plain
Dutch instead (issue 10: no project codes on screen). Only rows still holding the loaded text are changed."""

from django.db import migrations

PLAIN = {
    "Seed 002: de periode van onzekerheid beperken.": "Aanknopingspunt: de periode van onzekerheid beperken.",
    "Seed 002: trainingen voor mentale en fysieke weerbaarheid.": "Bijvoorbeeld trainingen voor mentale en fysieke weerbaarheid.",
}


def forwards(apps, schema_editor):
    factor = apps.get_model("trajectories", "FactorDefinition")
    for old, new in PLAIN.items():
        factor.objects.filter(description=old).update(description=new)


def backwards(apps, schema_editor):
    factor = apps.get_model("trajectories", "FactorDefinition")
    for old, new in PLAIN.items():
        factor.objects.filter(description=new).update(description=old)


class Migration(migrations.Migration):
    dependencies = [("trajectories", "0002_starter_catalogue")]
    operations = [migrations.RunPython(forwards, backwards)]
