"""Starter set of weighing criteria, phase formats and factors (seeds 000 and 002)."""

from django.db import migrations


def load(apps, schema_editor):
    from ketensignaal.trajectories.catalogue import catalogue_load

    catalogue_load(apps)


class Migration(migrations.Migration):
    dependencies = [("trajectories", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
