"""``ketensignaal sandbox``: serve the isolated training instance with its hypothetical cases.

Run from the real installation, the command checks where the sandbox would live and starts a *separate process*
whose environment holds nothing of the real instance: no ``DATABASE_URL`` but its own ``sandbox.sqlite3``, its own
key directory (so neither sessions nor pseudonyms carry over), no single sign-on. That process (``settings.SANDBOX``)
migrates its file, loads the reference data, trainee accounts and hypothetical cases, and serves. ``--reset``
deletes the sandbox file first, so every course starts from the same cases.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from ketensignaal.reference import reference_load

# Variables of the real instance that never reach the sandbox process.
WITHHELD = ("DATABASE_URL", "KETENSIGNAAL_SECRET_KEY", "KETENSIGNAAL_PSEUDONYM_KEY", "KETENSIGNAAL_EMAIL_BACKEND", "OIDC_")


def _real_database_path() -> Path | None:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        return None
    return Path(str(db["NAME"])).resolve()


class Command(BaseCommand):
    # The launcher must not open the real database, not even for system checks (the sandbox process runs its own).
    requires_system_checks: list[str] = []
    help = "Serve the isolated training sandbox (own SQLite database, hypothetical cases only) on http://127.0.0.1:8001."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addrport", default="127.0.0.1:8001")
        parser.add_argument("--dir", default="", help="Directory of the sandbox (default: <var>/sandbox).")
        parser.add_argument("--database-url", default="", help="Only sqlite:///…/sandbox*.sqlite3 is accepted.")
        parser.add_argument("--reset", action="store_true", help="Start again from the hypothetical cases.")
        parser.add_argument("--no-serve", action="store_true", help="Prepare the sandbox only.")

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "SANDBOX", False):
            self._inside(options)
        else:
            self._launch(options)

    def _target(self, options: dict[str, Any]) -> tuple[Path, Path]:
        base = Path(options["dir"]).resolve() if options["dir"] else Path(settings.VAR_DIR) / "sandbox"
        if options["database_url"]:
            url = options["database_url"]
            if not url.startswith("sqlite:///"):
                raise CommandError(
                    gettext(
                        "De oefenomgeving draait alleen op een eigen SQLite-bestand, nooit op een databaseserver. "
                        "Er is niets geschreven."
                    )
                )
            database = Path(url.removeprefix("sqlite:///")).resolve()
        else:
            database = base / "sandbox.sqlite3"
        real = _real_database_path()
        if not database.name.startswith("sandbox") or (real is not None and database == real):
            raise CommandError(
                gettext(
                    "%(database)s is niet het eigen bestand van de oefenomgeving (sandbox*.sqlite3) of is de echte database. Er "
                    "is niets geschreven."
                )
                % {"database": database}
            )
        if base.resolve() == Path(settings.VAR_DIR).resolve():
            raise CommandError(
                gettext("De oefenomgeving heeft een eigen map nodig, niet die van de echte installatie. Er is niets geschreven.")
            )
        return base, database

    def _launch(self, options: dict[str, Any]) -> None:
        base, database = self._target(options)
        base.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(WITHHELD)}
        env.update(
            {
                "KETENSIGNAAL_SANDBOX": "1",
                "DATABASE_URL": f"sqlite:///{database}",
                "KETENSIGNAAL_VAR_DIR": str(base),
                "DJANGO_SETTINGS_MODULE": "ketensignaal.settings",
            }
        )
        command = [sys.executable, "-m", "ketensignaal.cli", "sandbox", "--addrport", options["addrport"]]
        command += ["--reset"] if options["reset"] else []
        command += ["--no-serve"] if options["no_serve"] else []
        completed = subprocess.run(command, env=env, check=False)  # noqa: S603 (our own interpreter and module)
        if completed.returncode:
            raise CommandError(gettext("De oefenomgeving stopte met code %(returncode)s.") % {"returncode": completed.returncode})

    def _inside(self, options: dict[str, Any]) -> None:
        from ketensignaal.training.sandbox import SANDBOX_PASSWORD, TRAINEES, sandbox_load

        database = Path(str(settings.DATABASES["default"]["NAME"]))
        if options["reset"] and database.exists():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        reference_load()
        loaded = sandbox_load()
        self.stdout.write(f"OEFENOMGEVING — database {database} ({loaded['cases']} nieuwe oefencasussen)")
        self.stdout.write(f"Accounts (wachtwoord voor alle: {SANDBOX_PASSWORD}); code voor de tweede stap:")
        env = f"KETENSIGNAAL_SANDBOX=1 DATABASE_URL=sqlite:///{database} KETENSIGNAAL_VAR_DIR={settings.VAR_DIR}"
        self.stdout.write(f"  {env} ketensignaal demo-code USERNAME")
        for username, unit, roles, _label in TRAINEES:
            self.stdout.write(f"  {username:<18} {unit:<24} {', '.join(roles)}")
        if not options["no_serve"]:
            self.stdout.write(f"Oefenomgeving op http://{options['addrport']}/ (Ctrl+C stopt)")
            call_command("runserver", options["addrport"], use_reloader=False)
