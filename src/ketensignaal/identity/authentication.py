from typing import Any

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from ketensignaal.identity.lockout import api_token_refusal_record
from ketensignaal.identity.tokens import api_token_authenticate

_REASONS = {
    "expired": "Het token is verlopen. Vraag een nieuw token aan.",
    "revoked": "Het token is ingetrokken.",
    "invalid": "Het token is onbekend of ongeldig.",
    "locked": "Het account is geblokkeerd na herhaalde mislukte aanmeldpogingen; tokens werken weer na ontgrendeling.",
}


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>``; tokens are stored hashed."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        parts = header.split()
        if len(parts) != 2 or parts[0].lower() != "bearer":
            raise exceptions.AuthenticationFailed(_("Gebruik 'Authorization: Bearer <token>'."))
        user, reason = api_token_authenticate(parts[1])
        if reason == "locked" and user is not None:
            api_token_refusal_record(user=user)
        if user is None or reason:
            raise exceptions.AuthenticationFailed(_REASONS[reason])
        return user, None

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="ketensignaal"'
