import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ketensignaal.core.errors import DomainError
from ketensignaal.identity.services import user_create


class Command(BaseCommand):
    help = (
        "Create a professional account in a unit: "
        "create-user USERNAME --unit UNIT_CODE --role ROLE [--role ROLE…] [--password-stdin]"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--unit", required=True)
        parser.add_argument("--role", action="append", required=True, dest="roles")
        parser.add_argument("--password-stdin", action="store_true")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        password = sys.stdin.readline().rstrip("\n") if options["password_stdin"] else None
        try:
            user = user_create(
                username=options["username"],
                unit_code=options["unit"],
                roles=options["roles"],
                password=password,
                email=options["email"],
            )
        except DomainError as exc:
            raise CommandError(exc.detail) from None
        unit = user.unit.code if user.unit else "-"
        self.stdout.write(f"Created {user.username} in {unit} with roles {', '.join(sorted(user.role_codes))}")
