"""The register of processing activities in English beside the Dutch. Entries still holding the starter text of
reference_data.json get its English; an entry the privacy officer rewrote keeps showing the Dutch until someone
writes the English."""

import json
from pathlib import Path

from django.db import migrations, models

FIELDS = (
    "name",
    "purpose",
    "legal_basis",
    "controller",
    "data_subjects",
    "data_categories",
    "recipients",
    "retention",
    "security_measures",
)


def forwards(apps, schema_editor):
    activity_model = apps.get_model("governance", "ProcessingActivity")
    reference = Path(__file__).resolve().parents[2] / "reference_data.json"
    rows = json.loads(reference.read_text(encoding="utf-8")).get("processing_activities", [])
    for row in rows:
        activity = activity_model.objects.filter(code=row["code"]).first()
        if activity is None:
            continue
        english = {
            f"{field}_en": row[f"{field}_en"]
            for field in FIELDS
            if row.get(f"{field}_en") and getattr(activity, field) == row.get(field) and not getattr(activity, f"{field}_en")
        }
        if english:
            activity_model.objects.filter(pk=activity.pk).update(**english)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0008_sensitive_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="processingactivity",
            name="controller_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="verwerkingsverantwoordelijke (Engels)"),
        ),
        migrations.AddField(
            model_name="processingactivity",
            name="data_categories_en",
            field=models.JSONField(blank=True, default=list, verbose_name="categorieën persoonsgegevens (Engels)"),
        ),
        migrations.AddField(
            model_name="processingactivity",
            name="data_subjects_en",
            field=models.JSONField(blank=True, default=list, verbose_name="categorieën betrokkenen (Engels)"),
        ),
        migrations.AddField(
            model_name="processingactivity",
            name="legal_basis_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="grondslag (Engels)"),
        ),
        migrations.AddField(
            model_name="processingactivity",
            name="name_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="naam (Engels)"),
        ),
        migrations.AddField(
            model_name="processingactivity",
            name="purpose_en",
            field=models.TextField(blank=True, verbose_name="doel (Engels)"),
        ),
        migrations.AddField(
            model_name="processingactivity",
            name="recipients_en",
            field=models.JSONField(blank=True, default=list, verbose_name="ontvangers (Engels)"),
        ),
        migrations.AddField(
            model_name="processingactivity",
            name="retention_en",
            field=models.TextField(blank=True, verbose_name="bewaartermijn (Engels)"),
        ),
        migrations.AddField(
            model_name="processingactivity",
            name="security_measures_en",
            field=models.TextField(blank=True, verbose_name="beveiligingsmaatregelen (Engels)"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
