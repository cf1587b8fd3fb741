"""An installation that already has its reference units keeps today's practice after the upgrade: the settings that
used to be constants in code are written once, with those values. A fresh database has no units yet; there the
reference loader seeds them (``chain_settings`` in reference_data.json)."""

from django.db import migrations

TODAY = [
    ("lro-member-units", ["ind.tsz", "kmar.intelligence", "politie.cter"], None),
    ("lro-cycle-days", [], 21),
    ("liv-unit", ["lse.liv"], None),
    ("liv-client-units", ["coa", "gemeente.amsterdam", "gemeente.utrecht"], None),
    ("acute-alarm-units", ["ind.tsz", "politie.cter"], None),
]


def settings_of_today(apps, schema_editor):
    Unit = apps.get_model("identity", "Unit")
    ChainSetting = apps.get_model("configuration", "ChainSetting")
    if not Unit.objects.filter(code="ind.tsz").exists():
        return
    for key, codes, number in TODAY:
        if ChainSetting.objects.filter(key=key).exists():
            continue
        setting = ChainSetting.objects.create(key=key, number=number)
        setting.units.set(Unit.objects.filter(code__in=codes))


class Migration(migrations.Migration):
    dependencies = [("configuration", "0001_initial")]

    operations = [migrations.RunPython(settings_of_today, migrations.RunPython.noop)]
