"""Sign-in receivers: SSO counts as MFA-verified (the identity provider enforces its own second factor), and every
sign-in stamps the session start for the absolute lifetime (web.middleware.SessionLifetimeMiddleware)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from ketensignaal.web.middleware import SEEN_AT, SIGNED_IN_AT

OIDC_BACKEND = "ketensignaal.identity.oidc.UnitClaimOIDCBackend"


@receiver(user_logged_in, dispatch_uid="ketensignaal-sso-verified")
def mark_sso_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and getattr(user, "backend", "") == OIDC_BACKEND:
        request.session["sso_authenticated"] = True


@receiver(user_logged_in, dispatch_uid="ketensignaal-session-signed-in-at")
def stamp_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[SEEN_AT] = now
