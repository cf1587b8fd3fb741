from typing import Any

from django.core.management.base import BaseCommand

from ketensignaal.governance.processing_log import processing_log_verify


class Command(BaseCommand):
    help = "Verify the processing log's hash chain. Exit 0 with the count when intact, 1 naming the first broken entry."

    def handle(self, *args: Any, **options: Any) -> None:
        result = processing_log_verify()
        if result.intact:
            self.stdout.write(f"Processing log intact: {result.checked} entries checked.")
            return
        self.stderr.write(
            f"Processing log BROKEN at entry {result.broken_at}: {result.reason} ({result.checked} entries verified before it)."
        )
        raise SystemExit(1)
