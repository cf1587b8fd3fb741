"""API bearer tokens: generated, hashed, checked, revoked."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import connections
from django.db.models import Model
from django.utils import timezone

from ketensignaal.identity.lockout import failures_lock, failures_sql
from ketensignaal.identity.models import ApiToken, Organisation, Unit, User

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
    # One statement per call, read fresh every time (a revoked or expired token, a deactivated or locked account
    # is refused on its very next request); only the statement's text is built once per process.
    found = _token_with_user(hash_token(raw))
    if found is None:
        return None, "invalid"
    token, recent_failures = found
    if not token.user.is_active:
        return None, "invalid"
    if token.revoked_at is not None:
        return None, "revoked"
    now = timezone.now()
    if token.expires_at <= now:
        return None, "expired"
    if failures_lock(recent_failures):
        return token.user, "locked"
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, ""


# The token, its user, the user's unit and organisation (select_related("user__unit__organisation")) and the
# account's recent failed sign-ins (identity.lockout) in one statement. Django would rebuild and compile that query
# on every request (~1/4 of a signal create's CPU); its text depends only on the models and the database, so it is
# built once per connection alias and vendor: (select and joins, per model (model, converters per column)).
_CHAIN: tuple[tuple[type[Model], str], ...] = ((ApiToken, "t"), (User, "u"), (Unit, "un"), (Organisation, "o"))
_LOOKUPS: dict[tuple[str, str], tuple[str, str, list[list[list[Any]]]]] = {}


def _token_lookup(alias: str) -> tuple[str, str, list[list[list[Any]]]]:
    connection = connections[alias]
    key = (alias, connection.vendor)
    cached = _LOOKUPS.get(key)
    if cached is not None:
        return cached
    quote = connection.ops.quote_name
    columns, converters = [], []
    for model, table in _CHAIN:
        per_column = []
        for f in model._meta.concrete_fields:
            columns.append(f"{table}.{quote(str(f.column))}")
            col = f.get_col(table)
            per_column.append(connection.ops.get_db_converters(col) + col.get_db_converters(connection))
        converters.append(per_column)

    def join(model: type[Model], table: str, fk: Any, parent: str, kind: str) -> str:
        return (
            f"{kind} JOIN {quote(model._meta.db_table)} AS {table} "
            f"ON {table}.{quote(str(model._meta.pk.column))} = {parent}.{quote(str(fk.column))}"
        )

    select = "SELECT " + ", ".join(columns)
    tail = (
        f" FROM {quote(ApiToken._meta.db_table)} AS t "
        + join(User, "u", ApiToken._meta.get_field("user"), "t", "INNER")
        + " "
        + join(Unit, "un", User._meta.get_field("unit"), "u", "LEFT OUTER")
        + " "
        + join(Organisation, "o", Unit._meta.get_field("organisation"), "un", "LEFT OUTER")
        + f" WHERE t.{quote(str(ApiToken._meta.get_field('key_hash').column))} = %s"
    )
    _LOOKUPS[key] = (select, tail, converters)
    return _LOOKUPS[key]


def _token_with_user(key_hash: str, using: str = "default") -> tuple[ApiToken, int] | None:
    """The token with this hash, its user, unit and organisation as one read, and the account's recent failures."""
    connection = connections[using]
    select, tail, converters = _token_lookup(using)
    failures, params = failures_sql(f"u.{connection.ops.quote_name(str(User._meta.get_field('username').column))}", connection)
    with connection.cursor() as cursor:
        cursor.execute(f"{select}, {failures}{tail}", [*params, key_hash])
        row = cursor.fetchone()
    if row is None:
        return None
    objects: list[Model | None] = []
    start = 0
    for (model, table), per_column in zip(_CHAIN, converters, strict=True):
        values = list(row[start : start + len(per_column)])
        start += len(per_column)
        if values[0] is None:  # no unit (or no organisation): the outer join found nothing
            objects.append(None)
            continue
        fields = model._meta.concrete_fields
        for i, field_converters in enumerate(per_column):
            for converter in field_converters:
                values[i] = converter(values[i], fields[i].get_col(table), connection)
        objects.append(model.from_db(using, [f.attname for f in fields], values))
    token, user, unit, organisation = objects
    assert isinstance(token, ApiToken) and isinstance(user, User)
    ApiToken._meta.get_field("user").set_cached_value(token, user)
    User._meta.get_field("unit").set_cached_value(user, unit)
    if unit is not None:
        Unit._meta.get_field("organisation").set_cached_value(unit, organisation)
    return token, int(row[start] or 0)
