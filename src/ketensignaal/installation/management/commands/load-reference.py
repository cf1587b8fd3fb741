from typing import Any

from django.core.management.base import BaseCommand

from ketensignaal.reference import reference_load


class Command(BaseCommand):
    help = (
        "Load or refresh reference data (organisations, units, roles, categories, touchpoints, routes, "
        "legal-basis flows). Idempotent."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = reference_load()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
