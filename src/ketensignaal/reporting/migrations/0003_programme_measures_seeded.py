from django.db import migrations


def forwards(apps, schema_editor):
    from ketensignaal.reporting.programme_data import programme_measures_load

    programme_measures_load(apps)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0002_action_programme")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
