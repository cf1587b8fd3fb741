"""``ketensignaal run-jobs``: run the periodic jobs without procrastinate (the embedded SQLite demo).

On PostgreSQL run ``ketensignaal procrastinate worker`` instead; both call the same job functions.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ketensignaal.core.jobs import periodic_jobs


class Command(BaseCommand):
    help = "Voert de periodieke taken (termijnbewaking signalen en LIV) eenmaal uit, of herhaald met --loop."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Blijf draaien en herhaal elke --interval seconden.")
        parser.add_argument("--interval", type=int, default=900, help="Seconden tussen twee rondes (standaard 900).")
        parser.add_argument("--max-runs", type=int, default=0, help="Stop na zoveel rondes (0 = onbeperkt, alleen met --loop).")

    def handle(self, *args: Any, loop: bool, interval: int, max_runs: int, **options: Any) -> None:
        runs = 0
        while True:
            for name, job in sorted(periodic_jobs().items()):
                self.stdout.write(f"{name}: {job()}")
            runs += 1
            if not loop or (max_runs and runs >= max_runs):
                return
            time.sleep(max(1, interval))
