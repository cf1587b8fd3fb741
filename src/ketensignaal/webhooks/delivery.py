"""Sending deliveries: signed (HMAC-SHA256 with the subscription's secret), retried with backoff, every try logged.

Signature, after the Standard Webhooks scheme: headers ``webhook-id`` (the event id), ``webhook-timestamp`` (Unix
seconds) and ``webhook-signature: v1,<base64 HMAC-SHA256(secret, "<id>.<timestamp>.<body>")>``. The body is the
CloudEvent in structured mode (``application/cloudevents+json``). A receiver checks the signature and the timestamp's
age and may treat a repeated id as a duplicate (retries send the same event).

On PostgreSQL each delivery is a procrastinate job (``webhooks.deliver``), re-deferred with backoff after a failure;
on SQLite (demo, tests) it runs in-process after commit and ``run-jobs`` picks up retries that are due.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ketensignaal.webhooks.events import CONTENT_TYPE
from ketensignaal.webhooks.models import Delivery, DeliveryAttempt, DeliveryStatus
from ketensignaal.webhooks.targets import target_problem

logger = logging.getLogger(__name__)

# Seconds to wait after the 1st, 2nd, … failed try; after the last the delivery is given up (failed).
BACKOFF_SECONDS = (60, 300, 1800, 7200, 43200)
TIMEOUT_SECONDS = 5


def signature(secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{event_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not an instruction: never follow it (it could point inside)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - the scheme is checked
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return int(response.status), ""
    except urllib.error.HTTPError as exc:
        return int(exc.code), ""
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return None, str(getattr(exc, "reason", exc))[:300]


def delivery_send(delivery_id: Any) -> str:
    """One try for one delivery that is due; returns its status afterwards."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True)
            .select_related("subscription")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now() + timedelta(seconds=5))
            .first()
        )
        if delivery is None:
            return "skipped"
        subscription = delivery.subscription
        now = timezone.now()
        started = time.monotonic()
        problem = "Abonnement is niet actief." if not subscription.is_active else target_problem(subscription.url)
        status_code: int | None = None
        if problem is None:
            body = json.dumps(delivery.event, separators=(",", ":"), ensure_ascii=False).encode()
            timestamp = int(time.time())
            headers = {
                "Content-Type": f"{CONTENT_TYPE}; charset=utf-8",
                "User-Agent": "Ketensignaal-webhooks",
                "webhook-id": str(delivery.pk),
                "webhook-timestamp": str(timestamp),
                "webhook-signature": signature(subscription.secret, str(delivery.pk), timestamp, body),
            }
            status_code, problem = _post(subscription.url, body, headers)
            problem = problem or None
        DeliveryAttempt.objects.create(
            delivery=delivery,
            at=now,
            status_code=status_code,
            error=(problem or "")[:300],
            duration_ms=int((time.monotonic() - started) * 1000),
        )
        delivery.attempts += 1
        if status_code is not None and 200 <= status_code < 300:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = now
        elif delivery.attempts > len(BACKOFF_SECONDS) or not subscription.is_active:
            delivery.status = DeliveryStatus.FAILED
        else:
            delivery.next_attempt_at = now + timedelta(seconds=BACKOFF_SECONDS[delivery.attempts - 1])
        delivery.save(update_fields=["attempts", "status", "delivered_at", "next_attempt_at"])
    if delivery.status == DeliveryStatus.PENDING and settings.IS_POSTGRES:
        _defer(delivery.pk, delay=BACKOFF_SECONDS[delivery.attempts - 1])
    return str(delivery.status)


def _defer(delivery_id: Any, *, delay: int = 0) -> None:
    from ketensignaal.webhooks.tasks import deliver_job

    if delay:
        deliver_job.configure(schedule_in={"seconds": delay}).defer(delivery_id=str(delivery_id))
    else:
        deliver_job.defer(delivery_id=str(delivery_id))


def deliveries_schedule(ids: Iterable[Any]) -> None:
    """After commit: a job per delivery (PostgreSQL), or send now in this process (SQLite: demo and tests)."""
    for delivery_id in ids:
        try:
            if settings.IS_POSTGRES and not getattr(settings, "WEBHOOKS_DELIVER_IN_PROCESS", False):
                _defer(delivery_id)
            else:
                delivery_send(delivery_id)
        except Exception:  # a notification must never break the change that caused it; the sweep retries
            logger.exception("Scheduling a webhook delivery failed", extra={"delivery_id": str(delivery_id)})


def deliveries_due_send(limit: int = 200) -> dict[str, int]:
    """The periodic sweep: every pending delivery whose time has come (retries, and any job that was lost)."""
    due = list(
        Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    results = [delivery_send(pk) for pk in due]
    return {"due": len(due), "delivered": results.count(DeliveryStatus.DELIVERED), "failed": results.count(DeliveryStatus.FAILED)}
