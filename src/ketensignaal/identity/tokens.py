"""API bearer tokens: generated, hashed, checked, revoked."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db.models import OuterRef
from django.utils import timezone

from ketensignaal.identity.lockout import failures_expression, failures_lock
from ketensignaal.identity.models import ApiToken, User

TOKEN_PREFIX = "ks_"
DEFAULT_LIFETIME = timedelta(days=90)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_issue(*, user: User, name: str = "api", lifetime: timedelta = DEFAULT_LIFETIME) -> tuple[ApiToken, str]:
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[:10], key_hash=hash_token(raw), expires_at=timezone.now() + lifetime
    )
    return token, raw


def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def api_token_authenticate(raw: str) -> tuple[User | None, str]:
    """Return ``(user, "")`` for a valid token, ``(user, "locked")`` for a locked account, or ``(None, reason)``."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None, "invalid"
    # The lockout state comes with the token in the same query (identity.lockout): no extra query per API call.
    token = (
        ApiToken.objects.select_related("user__unit__organisation")
        .annotate(recent_failures=failures_expression(OuterRef("user__username")))
        .filter(key_hash=hash_token(raw))
        .first()
    )
    if token is None or not token.user.is_active:
        return None, "invalid"
    if token.revoked_at is not None:
        return None, "revoked"
    now = timezone.now()
    if token.expires_at <= now:
        return None, "expired"
    if failures_lock(token.recent_failures):  # type: ignore[attr-defined]
        return token.user, "locked"
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, ""
