"""Reading identities: a user's own API tokens."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketensignaal.identity.models import ApiToken, User

TOKEN_STATUS_LABELS = {"valid": _("geldig"), "expired": _("verlopen"), "revoked": _("ingetrokken")}


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """Only the caller's own tokens; a token never shows up for anyone else (not even administrators)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def api_token_own_or_404(*, user: User, token_id: int) -> ApiToken:
    return get_object_or_404(api_tokens_of(user=user), pk=token_id)


def api_token_status(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at <= timezone.now():
        return "expired"
    return "valid"
