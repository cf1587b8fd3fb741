from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ketensignaal.identity.models import User
from ketensignaal.identity.tokens import api_token_issue


class Command(BaseCommand):
    help = "Print a new API bearer token for a user (the last line of output is the token)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args: Any, **options: Any) -> None:
        from datetime import timedelta

        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"Unknown or inactive user: {options['username']}")
        token, raw = api_token_issue(user=user, name=options["name"], lifetime=timedelta(days=options["days"]))
        self.stdout.write(f"Token for {user.username}, valid until {token.expires_at:%Y-%m-%d %H:%M %Z}:")
        self.stdout.write(raw)
