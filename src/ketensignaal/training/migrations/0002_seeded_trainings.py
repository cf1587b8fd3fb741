from django.db import migrations


def forwards(apps, schema_editor):
    from ketensignaal.training.catalogue import trainings_load

    trainings_load(apps)


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
