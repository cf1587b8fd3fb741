import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from django.utils.translation import gettext

from ketensignaal.governance.checkpoints import CheckpointRefused, checkpoint_dir, log_checkpoint_write
from ketensignaal.governance.management import add_language_argument


class Command(BaseCommand):
    # No system checks: they import every app's URLs, views and API schema (seconds of start-up) and check nothing
    # this command uses; the integrity check must start fast.
    requires_system_checks: list[str] = []
    help = (
        "Write a signed checkpoint of the processing log now (count, head hash, time; Ed25519) to the checkpoint "
        "store outside the database, and print it. Refuses (exit 1) when the entries since the previous checkpoint "
        "do not verify."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_language_argument(parser)

    def handle(self, *args: Any, language: str | None = None, **options: Any) -> None:
        with translation.override(language or settings.LANGUAGE_CODE):
            try:
                checkpoint = log_checkpoint_write()
            except CheckpointRefused as refused:
                self.stderr.write(gettext("Geen checkpoint geschreven. %(reason)s") % {"reason": refused.verification.message})
                raise SystemExit(1) from None
            self.stdout.write(json.dumps(checkpoint.as_dict(), indent=2))
            self.stdout.write(gettext("Geschreven naar %(path)s") % {"path": checkpoint_dir() / checkpoint.name})
