"""Lockout after repeated failed sign-ins: per account, and per source address as a second dimension.

django-axes counts failed sign-ins per **username** (``AXES_LOCKOUT_PARAMETERS``): a locked account stays locked from
every address, and its API tokens are refused too (``BearerTokenAuthentication``) until the cool-off ends or a
functional administrator unlocks it. Per **address**, many failures across accounts (password spraying) block
sign-in from that address at a higher limit (``KETENSIGNAAL_IP_FAILURE_LIMIT``), so colleagues behind one office NAT
are not locked out by a single typo-prone user.

Lockouts, refused token use and unlocks are written to the processing log through a port (identity sits below
governance; the composition root connects the writer, ADR 0004).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.db.models import Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import NotAllowed

LockoutAudit = Callable[..., None]
_audit: LockoutAudit | None = None


def register_lockout_audit(writer: LockoutAudit) -> None:
    """Called by the composition root: ``writer(actor=…, channel=…, action=…, object_type=…, object_id=…, result=…)``."""
    global _audit
    _audit = writer


def _record(**entry: Any) -> None:
    if _audit is not None:
        _audit(**entry)


def _cooloff() -> timedelta | None:
    hours = settings.AXES_COOLOFF_TIME
    return timedelta(hours=float(hours)) if hours else None


def _failures(**lookup: Any) -> int:
    attempts = AccessAttempt.objects.filter(**lookup)
    cooloff = _cooloff()
    if cooloff is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cooloff)
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


def failures_expression(username: Any) -> Any:
    """Recent failed sign-ins of ``username`` (an ``OuterRef``) as an expression, to fold into another query."""
    attempts = AccessAttempt.objects.filter(username=username)
    cooloff = _cooloff()
    if cooloff is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cooloff)
    total = attempts.order_by().values("username").annotate(n=Sum("failures_since_start")).values("n")[:1]
    return Coalesce(Subquery(total), 0)


def failures_sql(username_column: str, connection: Any) -> tuple[str, list[Any]]:
    """:func:`failures_expression` as SQL text and parameters, for a statement built by hand (the API-token check):
    the recent failed sign-ins of the account whose username is ``username_column``, 0 when there are none."""
    opts, quote = AccessAttempt._meta, connection.ops.quote_name
    failures, username = opts.get_field("failures_since_start").column, opts.get_field("username").column
    # Names from the model's metadata and the caller's column reference, never from input.
    sql = f"SELECT SUM(a.{quote(failures)}) FROM {quote(opts.db_table)} AS a WHERE a.{quote(username)} = {username_column}"  # noqa: S608
    params: list[Any] = []
    cooloff = _cooloff()
    if cooloff is not None:
        sql += f" AND a.{quote(opts.get_field('attempt_time').column)} >= %s"
        params.append(connection.ops.adapt_datetimefield_value(timezone.now() - cooloff))
    return f"COALESCE(({sql}), 0)", params


def failures_lock(failures: int) -> bool:
    return failures >= settings.AXES_FAILURE_LIMIT


def account_locked(*, username: str) -> bool:
    """Whether this account is locked out (enough failed sign-ins within the cool-off, not yet unlocked)."""
    return bool(username) and _failures(username=username) >= settings.AXES_FAILURE_LIMIT


def address_locked(*, ip_address: str) -> bool:
    """Whether sign-in from this address is blocked (many failures across accounts within the cool-off)."""
    return bool(ip_address) and _failures(ip_address=ip_address) >= settings.IP_FAILURE_LIMIT


def address_block_record(*, ip_address: str, username: str) -> None:
    with transaction.atomic():
        _record(
            actor=None, channel="web", action="read", object_type="sign-in-blocked-address", object_id=username, result="refused"
        )


def account_lockout_record(*, username: str, ip_address: str) -> None:
    """The moment an account locks: one processing-log entry (who was locked, from which address it was tried)."""
    with transaction.atomic():
        _record(actor=None, channel="web", action="update", object_type="account-lockout", object_id=username, result="refused")


def api_token_refusal_record(*, user: Any) -> None:
    with transaction.atomic():
        _record(
            actor=user,
            channel="api",
            action="read",
            object_type="api-token-locked-account",
            object_id=user.username,
            result="refused",
        )


@transaction.atomic
def account_unlock(*, actor: Any, user: Any) -> int:
    """Lift the lockout of ``user`` (functional administrators only); returns the number of attempt rows removed."""
    from ketensignaal.identity.models import RoleCode

    if not (actor.is_active and actor.has_role(RoleCode.FUNCTIONAL_ADMIN)):
        raise NotAllowed(gettext("Alleen een functioneel beheerder kan een account ontgrendelen."))
    removed, _ = AccessAttempt.objects.filter(username=user.username).delete()
    _record(actor=actor, channel="web", action="update", object_type="account-unlock", object_id=user.username, result="success")
    return removed
