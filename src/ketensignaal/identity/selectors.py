"""Reading identities: a user's own API tokens."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketensignaal.identity.models import ApiToken, Unit, User

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


def display_names(usernames: set[str] | list[str]) -> dict[str, str]:
    """How screens name the professionals behind these account names (a log keeps the account name): their own
    name, or the account name for an account without one (a system account, an old import). One query.

    Only the privacy officer's accountability screens (processing log, access review) use this: there the officer
    must tell two accounts apart to follow a read up, and for an account without a name the account name is the only
    thing that does. Every other screen names people through ``User.display_name`` (name, or role and unit)."""
    wanted = {u for u in usernames if u}
    found = {
        username: f"{first} {last}".strip()
        for username, first, last in User.objects.filter(username__in=wanted).values_list("username", "first_name", "last_name")
    }
    return {u: found.get(u) or u for u in wanted}


def unit_names(codes: set[str] | list[str]) -> dict[str, str]:
    """The names of these units by code; an unknown code stays as it is."""
    wanted = {c for c in codes if c}
    found = dict(Unit.objects.filter(code__in=wanted).values_list("code", "name"))
    return {c: found.get(c) or c for c in wanted}
