from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ketensignaal.governance.checkpoints import log_verify


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

    def handle(self, *args: Any, incremental: bool, workers: int | None, **options: Any) -> None:
        verification = log_verify(incremental=incremental, workers=workers)
        if verification.intact:
            self.stdout.write(verification.message)
            return
        self.stderr.write(verification.message)
        raise SystemExit(1)
