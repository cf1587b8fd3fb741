from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from ketensignaal.governance.checkpoints import log_verify
from ketensignaal.governance.management import add_language_argument


class Command(BaseCommand):
    # No system checks: they import every app's URLs, views and API schema (seconds of start-up) and check nothing
    # this command uses; the integrity check must start fast.
    requires_system_checks: list[str] = []
    help = (
        "Verify the processing log's hash chain and compare it with the signed checkpoints. Exit 0 with the count "
        "when intact; exit 1 naming the first broken entry or the checkpoint the log disagrees with."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--incremental",
            "--since-checkpoint",
            action="store_true",
            help="Only the entries after the latest signed checkpoint (anchored on that checkpoint's entry).",
        )
        parser.add_argument("--workers", type=int, default=None, help="Parallel database connections (default: cores, max 4).")
        add_language_argument(parser)

    def handle(self, *args: Any, incremental: bool, workers: int | None, language: str | None = None, **options: Any) -> None:
        with translation.override(language or settings.LANGUAGE_CODE):
            verification = log_verify(incremental=incremental, workers=workers)
            message = verification.message
        if verification.intact:
            self.stdout.write(message)
            return
        self.stderr.write(message)
        raise SystemExit(1)
