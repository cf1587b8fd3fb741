"""Notifications about deadlines and acute alarms: in the app, and by e-mail without personal data.

An e-mail only says that something needs attention and links to the signal;
whoever follows the link signs in and passes the need-to-know check like any
other request. No reference, name, V-number or observation ever goes into a
mail, so a forwarded or misdelivered mail discloses nothing.

:func:`deadline_sweep` is the periodic job body: procrastinate runs it on
PostgreSQL (``routing.tasks``), ``ketensignaal run-jobs`` runs it on the SQLite
demo, and tests call it directly. It is idempotent: one notification per
recipient, kind and hop, however often it runs.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from ketensignaal.core.need_to_know import register_scope, visible
from ketensignaal.identity.models import User
from ketensignaal.intake.models import Signal, SignalStatus
from ketensignaal.routing.deadlines import add_working_days
from ketensignaal.routing.models import Notification, NotificationKind
from ketensignaal.routing.scopes import HANDLER_ROLES

logger = logging.getLogger(__name__)

# A reminder goes out this many working days before the deadline.
REMINDER_LEAD_WORKING_DAYS = 1
# Who works a unit's inbox and so hears about its deadlines.
# Unsent mails are retried by later sweeps for this long.
MAIL_RETRY_WINDOW = dt.timedelta(days=2)
ALARM_HOP_KEY = "alarm"

MAIL_SUBJECTS = {
    NotificationKind.DUE_SOON: "Ketensignaal: termijn van een signaal verstrijkt binnenkort",
    NotificationKind.OVERDUE: "Ketensignaal: termijn van een signaal verstreken",
    NotificationKind.ALARM: "Ketensignaal: acuut signaal",
    NotificationKind.INFORMATION_REQUESTED: "Ketensignaal: er is informatie aan u gevraagd",
    NotificationKind.INFORMATION_ANSWERED: "Ketensignaal: uw vraag is beantwoord",
}
MAIL_LINES = {
    NotificationKind.DUE_SOON: "Er is een signaal in uw inbox waarvan de termijn (bijna) verstreken is.",
    NotificationKind.OVERDUE: "Er is een signaal in uw inbox waarvan de termijn (bijna) verstreken is.",
    NotificationKind.ALARM: "Er is een signaal met acuut gevaar gemeld dat uw directe aandacht vraagt.",
    NotificationKind.INFORMATION_REQUESTED: "Een andere eenheid vraagt uw eenheid om aanvullende informatie bij een signaal.",
    NotificationKind.INFORMATION_ANSWERED: "Uw vraag om aanvullende informatie bij een signaal is beantwoord.",
}
MAIL_FOOTER = "Log in om het signaal te bekijken. Deze e-mail bevat bewust geen gegevens over het signaal of de persoon."


@register_scope(Notification)
def notification_scope(user: Any, qs: QuerySet[Notification]) -> QuerySet[Notification]:
    """A notification is visible only to its recipient."""
    return qs.filter(recipient_id=user.pk)


def hop_key(signal: Signal) -> str:
    """Identifies the hop a deadline belongs to: the unit and the moment the signal arrived there."""
    return f"{signal.current_unit_id}:{signal.arrived_at.astimezone(dt.UTC):%Y%m%dT%H%M%S%f}"


def signal_link(signal_id: Any) -> str:
    return settings.BASE_URL.rstrip("/") + reverse("routing:signal_detail", kwargs={"pk": signal_id})


def mail_for(notification: Notification) -> tuple[str, str]:
    """(subject, body) of the e-mail for a notification: a fixed sentence and a link, nothing else."""
    kind = NotificationKind(notification.kind)
    body = f"{MAIL_LINES[kind]}\n\n{signal_link(notification.signal_id)}\n\n{MAIL_FOOTER}\n"
    return MAIL_SUBJECTS[kind], body


def _handlers_by_unit(unit_ids: Iterable[int]) -> dict[int, list[int]]:
    rows = (
        User.objects.filter(unit_id__in=set(unit_ids), is_active=True, roles__code__in=HANDLER_ROLES)
        .values_list("unit_id", "pk")
        .distinct()
    )
    result: dict[int, list[int]] = {}
    for unit_id, user_id in rows:
        result.setdefault(unit_id, []).append(user_id)
    return result


def _create_missing(candidates: Sequence[Notification]) -> list[Notification]:
    """Insert the candidates that do not exist yet; return those that were new."""
    if not candidates:
        return []
    signal_ids = {c.signal_id for c in candidates}
    existing = set(
        Notification.objects.filter(signal_id__in=signal_ids, kind__in={c.kind for c in candidates}).values_list(
            "recipient_id", "signal_id", "kind", "hop_key"
        )
    )
    new = [c for c in candidates if (c.recipient_id, c.signal_id, c.kind, c.hop_key) not in existing]
    # ignore_conflicts: a sweep running at the same moment cannot create a duplicate.
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    return new


def _mail_pending(*, since: dt.datetime, kinds: Sequence[str]) -> int:
    """Send the mail of every notification not mailed yet (recent ones only); returns how many were sent."""
    sent = 0
    pending = Notification.objects.filter(emailed_at__isnull=True, created_at__gte=since, kind__in=kinds).select_related(
        "recipient"
    )
    for notification in pending.iterator():
        address = notification.recipient.email
        if not address:
            continue
        subject, body = mail_for(notification)
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        except Exception:  # a mail server outage must not stop the sweep; a later sweep retries
            logger.exception("notification mail failed", extra={"notification": notification.pk})
            continue
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


@dataclass(frozen=True)
class SweepResult:
    checked: int
    due_soon: int
    overdue: int
    mailed: int

    def __str__(self) -> str:
        return (
            f"{self.checked} signalen bekeken, {self.due_soon} herinneringen, "
            f"{self.overdue} verlopen, {self.mailed} e-mails verstuurd"
        )


def deadline_sweep(*, now: dt.datetime | None = None) -> SweepResult:
    """Notify handlers of open, unpaused signals due within a working day or already overdue."""
    now = now or timezone.now()
    horizon = add_working_days(now, REMINDER_LEAD_WORKING_DAYS)
    signals = list(
        Signal.objects.filter(due_at__isnull=False, due_at__lte=horizon, paused_at__isnull=True)
        .exclude(status__in=[SignalStatus.CLOSED, SignalStatus.AWAITING_INFORMATION])
        .only("id", "current_unit_id", "arrived_at", "due_at")
    )
    handlers = _handlers_by_unit(s.current_unit_id for s in signals)
    candidates = []
    for signal in signals:
        overdue = signal.due_at is not None and signal.due_at <= now
        kind = NotificationKind.OVERDUE if overdue else NotificationKind.DUE_SOON
        key = hop_key(signal)
        for user_id in handlers.get(signal.current_unit_id, []):
            candidates.append(
                Notification(
                    recipient_id=user_id,
                    signal_id=signal.pk,
                    unit_id=signal.current_unit_id,
                    kind=kind,
                    hop_key=key,
                    created_at=now,
                )
            )
    with transaction.atomic():
        new = _create_missing(candidates)
    mailed = _mail_pending(since=now - MAIL_RETRY_WINDOW, kinds=[NotificationKind.DUE_SOON, NotificationKind.OVERDUE])
    return SweepResult(
        checked=len(signals),
        due_soon=sum(1 for n in new if n.kind == NotificationKind.DUE_SOON),
        overdue=sum(1 for n in new if n.kind == NotificationKind.OVERDUE),
        mailed=mailed,
    )


def alarm_notify(*, signal: Signal, unit_ids: Iterable[int]) -> list[Notification]:
    """Notify every active member of the alarm units at once; the mail goes out when the transaction commits."""
    recipients = User.objects.filter(unit_id__in=set(unit_ids), is_active=True).values_list("pk", "unit_id")
    now = timezone.now()
    new = _create_missing(
        [
            Notification(
                recipient_id=user_id,
                signal_id=signal.pk,
                unit_id=unit_id,
                kind=NotificationKind.ALARM,
                hop_key=ALARM_HOP_KEY,
                created_at=now,
            )
            for user_id, unit_id in recipients
        ]
    )
    if new:
        transaction.on_commit(lambda: _mail_pending(since=now, kinds=[NotificationKind.ALARM]))
    return new


def information_notify(*, signal: Signal, kind: str, unit_id: int, user_ids: Iterable[int] | None = None) -> list[Notification]:
    """A question to a unit (every active member hears it), or its answer to the one who asked.

    Called inside the routing service's transaction, after the hop moved; one notification per recipient and hop.
    The mail (a fixed sentence and a link) goes out when the transaction commits.
    """
    members = User.objects.filter(is_active=True)
    members = members.filter(pk__in=list(user_ids)) if user_ids is not None else members.filter(unit_id=unit_id)
    now, key = timezone.now(), hop_key(signal)
    new = _create_missing(
        [
            Notification(recipient_id=pk, signal_id=signal.pk, unit_id=unit_id, kind=kind, hop_key=key, created_at=now)
            for pk in members.values_list("pk", flat=True)
        ]
    )
    if new:
        transaction.on_commit(lambda: _mail_pending(since=now, kinds=[kind]))
    return new


# --- selectors for the notifications screen --------------------------------------------------


def notification_list(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    qs = visible(user, Notification.objects.all()).select_related("signal", "unit")
    return qs.filter(read_at__isnull=True) if unread_only else qs


def notification_unread_count(*, user: Any) -> int:
    return notification_list(user=user, unread_only=True).count()


@transaction.atomic
def notification_mark_read(*, user: Any, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of ``user`` as read; returns the number changed."""
    qs = visible(user, Notification.objects.filter(read_at__isnull=True))
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())
