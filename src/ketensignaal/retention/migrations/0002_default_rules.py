"""The default retention rules (ADR 0012): one per record type, with its legal source note."""

from typing import Any

from django.db import migrations


def load_defaults(apps: Any, schema_editor: Any) -> None:
    from ketensignaal.retention.rules import RULES

    RetentionRule = apps.get_model("retention", "RetentionRule")
    for record_type, meta in RULES.items():
        RetentionRule.objects.get_or_create(
            record_type=str(record_type),
            defaults={"period_months": meta.default_months, "legal_source": meta.legal_source},
        )


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]

    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
