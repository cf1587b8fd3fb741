from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketensignaal.installation.demo import demo_code


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account (demo accounts only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self.stdout.write(demo_code(options["username"]))
        except TOTPDevice.DoesNotExist:
            raise CommandError("No demo authenticator for that account (only accounts made by 'demo' have one).") from None
