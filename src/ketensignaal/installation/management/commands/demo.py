from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from ketensignaal.installation.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load
from ketensignaal.reference import reference_load


class Command(BaseCommand):
    help = "Migrate the embedded database, load reference and demo data, and serve on http://127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Prepare the database only.")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        reference_load()
        demo_load()
        self.stdout.write(f"\nKetensignaal demo — logins (password for all: {DEMO_PASSWORD})\n")
        self.stdout.write(f"{'username':<20} {'unit':<26} roles")
        for username, unit, roles, _first, _last in DEMO_ACCOUNTS:
            self.stdout.write(f"{username:<20} {unit:<26} {', '.join(roles)}")
        self.stdout.write(
            "\nSecond factor: every demo account has an authenticator already set up.\n"
            "Get the current 6-digit code with:  .venv/bin/ketensignaal demo-code USERNAME\n"
        )
        if not options["no_serve"]:
            self.stdout.write(f"Serving on http://{options['addrport']}/ (Ctrl+C stops)\n")
            call_command("runserver", options["addrport"], use_reloader=False)
