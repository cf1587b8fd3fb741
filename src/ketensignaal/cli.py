"""The ``ketensignaal`` console command: Django's manage.py with our own subcommands."""

import os
import sys

# Commands that only need the processing log's apps (settings.py trims INSTALLED_APPS for them).
LOG_COMMANDS = frozenset({"verify-log", "log-checkpoint"})


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketensignaal.settings")
    if len(sys.argv) > 1 and sys.argv[1] in LOG_COMMANDS:
        os.environ.setdefault("KETENSIGNAAL_APP_SET", "log")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
