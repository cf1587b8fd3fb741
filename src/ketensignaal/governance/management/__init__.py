"""Shared by the log commands (``verify-log``, ``log-checkpoint``)."""

from django.conf import settings
from django.core.management.base import CommandParser


def add_language_argument(parser: CommandParser) -> None:
    """``--language``: the operator's messages in Dutch (the default, ``LANGUAGE_CODE``) or English. The shell's
    locale does not choose, as the browser does not choose the screens' language (ADR 0015)."""
    languages = [code for code, _name in settings.LANGUAGES]
    parser.add_argument(
        "--language",
        choices=languages,
        default=settings.LANGUAGE_CODE,
        help=f"Language of the messages: {', '.join(languages)} (default: {settings.LANGUAGE_CODE}).",
    )
