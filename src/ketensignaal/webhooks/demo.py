"""Demo data: the IND's own system subscribed to events of IND TSZ, with one notification it could not deliver and
its delivery log — so the demo (the admin's subscription and delivery screens, the API) and the need-to-know probe
reach the webhook rows.

The subscription points at an address of the documentation range (192.0.2.0/24, RFC 5737): it is made directly
rather than by ``subscription_create``, whose address check refuses it, and every delivery to it is refused by the
same check before any connection — no DNS look-up, nothing ever sent. The creation is logged as the service logs it.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record
from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import Signal
from ketensignaal.webhooks.events import cloud_event
from ketensignaal.webhooks.models import Delivery, DeliveryAttempt, DeliveryStatus, EventType, Subscription
from ketensignaal.webhooks.targets import target_problem

DEMO_URL = "https://192.0.2.10/ketensignaal/notificaties"


@transaction.atomic
def demo_load(*, users: dict[str, Any]) -> None:
    if Subscription.objects.exists():
        return
    admin = next((u for u in users.values() if u.has_role("functional-admin") and u.unit_id), None)
    unit = Unit.objects.select_related("organisation").filter(code="ind.tsz").first()
    if admin is None or unit is None or admin.unit.organisation_id != unit.organisation_id:
        return
    subscription = Subscription.objects.create(
        organisation=unit.organisation,
        unit=unit,
        url=DEMO_URL,
        types=[EventType.SIGNAL_ARRIVED, EventType.TASK_ASSIGNED],
        secret=secrets.token_hex(32),
        created_by=admin,
    )
    item = LogItem(
        activity=Activity.ADMINISTRATION, action="create", object_type="webhook-subscription", object_id=subscription.pk
    )
    processing_log_record(actor=admin, items=[item], channel="demo")
    signal = Signal.objects.filter(current_unit=unit).order_by("-created_at").first()
    if signal is None:
        return
    at = timezone.now() - timedelta(hours=2)
    event_id = uuid.uuid4()
    delivery = Delivery.objects.create(
        id=event_id,
        subscription=subscription,
        type=EventType.SIGNAL_ARRIVED,
        subject=str(signal.pk),
        event=cloud_event(
            event_id=event_id,
            type=EventType.SIGNAL_ARRIVED,
            subject=str(signal.pk),
            unit_code=unit.code,
            at=at,
            data={"signal": str(signal.pk)},
            path=f"/api/v1/signals/{signal.pk}",
        ),
        status=DeliveryStatus.FAILED,
        attempts=1,
        created_at=at,
        next_attempt_at=at,
    )
    DeliveryAttempt.objects.create(delivery=delivery, at=at, error=target_problem(DEMO_URL) or "", duration_ms=0)
