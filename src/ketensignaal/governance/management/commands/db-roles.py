"""``ketensignaal db-roles``: create the owner (migration) role and the application role, and set their rights."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from ketensignaal.governance.db_roles import (
    APP_ROLE,
    OWNER_ROLE,
    create_role_statements,
    grant_statements,
    ownership_statements,
)


class Command(BaseCommand):
    help = (
        "PostgreSQL: create the owner role (runs migrations, owns every table) and the application role (may INSERT "
        "into the processing log but not UPDATE, DELETE or TRUNCATE it), give the owner the database and grant the "
        "application role its rights. Idempotent. Run as a superuser; with --grants-only the owner role suffices."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--owner", default=OWNER_ROLE, help=f"Owner/migration role (default {OWNER_ROLE}).")
        parser.add_argument("--app", default=APP_ROLE, help=f"Application role (default {APP_ROLE}).")
        parser.add_argument("--grants-only", action="store_true", help="Only the grants (no roles, no ownership).")
        parser.add_argument("--print", action="store_true", dest="print_only", help="Print the SQL instead of running it.")

    def handle(self, *args: Any, owner: str, app: str, grants_only: bool, print_only: bool, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("db-roles is for PostgreSQL (DATABASE_URL=postgres://…); SQLite has no roles.")
        database = connection.settings_dict["NAME"]
        statements: list[str] = []
        if not grants_only:
            statements += create_role_statements(owner, app)
            statements += ownership_statements(owner, database)
        statements += grant_statements(owner, app, database)
        if print_only:
            for statement in statements:
                self.stdout.write(statement + ";")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, None)
        self.stdout.write(
            f"Database {database}: migrations run as {owner} (owner), the application connects as {app} "
            f"(no UPDATE, DELETE or TRUNCATE on the processing log)."
        )
