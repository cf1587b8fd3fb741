from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "ketensignaal.identity"
    label = "identity"
    verbose_name = _("Organisaties en gebruikers")

    def ready(self) -> None:
        from axes.signals import user_locked_out

        user_locked_out.connect(_on_locked_out, dispatch_uid="ketensignaal-account-lockout")


def _on_locked_out(sender: Any, *, username: str = "", ip_address: str = "", **kwargs: Any) -> None:
    """django-axes just locked an account: record it (synchronously, in its own transaction)."""
    from ketensignaal.identity.lockout import account_lockout_record

    account_lockout_record(username=username or "", ip_address=ip_address or "")
