import json
from typing import Any

from django.core.management.base import BaseCommand

from ketensignaal.governance.checkpoints import CheckpointRefused, checkpoint_dir, log_checkpoint_write


class Command(BaseCommand):
    # No system checks: they import every app's URLs, views and API schema (seconds of start-up) and check nothing
    # this command uses; the integrity check must start fast.
    requires_system_checks: list[str] = []
    help = (
        "Write a signed checkpoint of the processing log now (count, head hash, time; Ed25519) to the checkpoint "
        "store outside the database, and print it. Refuses (exit 1) when the entries since the previous checkpoint "
        "do not verify."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            checkpoint = log_checkpoint_write()
        except CheckpointRefused as refused:
            self.stderr.write(f"No checkpoint written. {refused.verification.message}")
            raise SystemExit(1) from None
        self.stdout.write(json.dumps(checkpoint.as_dict(), indent=2))
        self.stdout.write(f"Written to {checkpoint_dir() / checkpoint.name}")
