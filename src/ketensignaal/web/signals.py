"""An SSO sign-in counts as MFA-verified: the identity provider enforces its own second factor."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

OIDC_BACKEND = "ketensignaal.identity.oidc.UnitClaimOIDCBackend"


@receiver(user_logged_in, dispatch_uid="ketensignaal-sso-verified")
def mark_sso_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and getattr(user, "backend", "") == OIDC_BACKEND:
        request.session["sso_authenticated"] = True
