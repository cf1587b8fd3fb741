"""English beside the Dutch of the LIV's weighing criteria, factors and phase formats, so an English reader sees
them in English. Rows still holding a starter text get its English; texts the functional administrator wrote are
left for them to translate (the Dutch shows until then)."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    from ketensignaal.trajectories.catalogue import ENGLISH, format_fields_with_english

    criterion = apps.get_model("trajectories", "WeighingCriterion")
    factor = apps.get_model("trajectories", "FactorDefinition")
    phase_format = apps.get_model("trajectories", "PhaseFormat")
    for dutch, english in ENGLISH.items():
        criterion.objects.filter(label=dutch, label_en="").update(label_en=english)
        criterion.objects.filter(help_text=dutch, help_text_en="").update(help_text_en=english)
        factor.objects.filter(label=dutch, label_en="").update(label_en=english)
        factor.objects.filter(description=dutch, description_en="").update(description_en=english)
    for fmt in phase_format.objects.all():
        if isinstance(fmt.fields, list) and all(isinstance(item, dict) for item in fmt.fields):
            fields = format_fields_with_english(fmt.fields)
            if fields != fmt.fields:
                phase_format.objects.filter(pk=fmt.pk).update(fields=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("trajectories", "0003_factor_descriptions_without_source_codes"),
    ]

    operations = [
        migrations.AddField(
            model_name="factordefinition",
            name="description_en",
            field=models.TextField(blank=True, verbose_name="beschrijving (Engels)"),
        ),
        migrations.AddField(
            model_name="factordefinition",
            name="label_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="factor (Engels)"),
        ),
        migrations.AddField(
            model_name="weighingcriterion",
            name="help_text_en",
            field=models.TextField(blank=True, verbose_name="toelichting (Engels)"),
        ),
        migrations.AddField(
            model_name="weighingcriterion",
            name="label_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="vraag (Engels)"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
