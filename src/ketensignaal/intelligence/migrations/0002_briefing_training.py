"""The training registry counts a confirmed briefing: a catalogue entry for it (DOMAIN.md §12, training)."""

from django.db import migrations

CODE = "briefing-trends-indicatoren"


def forwards(apps, schema_editor):
    training = apps.get_model("training", "Training")
    training.objects.get_or_create(
        code=CODE,
        defaults={
            "name": "Briefing trends en indicatoren (IND TSZ)",
            "provider": "IND Team Speciale Zaken",
            "description": "Gelezen briefing over trends en indicatoren naar aanleiding van inkomende inlichtingen.",
            "source": "Seed 003: de IND kan IND- en COA-medewerkers informeren over trends en indicatoren.",
            "valid_months": 12,
            "counts_for_coverage": False,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("intelligence", "0001_initial"), ("training", "0002_seeded_trainings")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
