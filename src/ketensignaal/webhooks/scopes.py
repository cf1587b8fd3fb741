"""Need to know for webhooks: a functional administrator sees the subscriptions (and their delivery log) of their
own organisation; nobody else sees any."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ketensignaal.core.need_to_know import register_scope
from ketensignaal.webhooks.models import Delivery, DeliveryAttempt, Subscription


def may_manage_subscriptions(user: Any) -> bool:
    return bool(getattr(user, "unit_id", None)) and user.has_role("functional-admin")


def _organisation_id(user: Any) -> Any:
    return user.unit.organisation_id if may_manage_subscriptions(user) else None


@register_scope(Subscription)
def subscription_scope(user: Any, qs: QuerySet[Subscription]) -> QuerySet[Subscription]:
    org = _organisation_id(user)
    return qs.filter(organisation_id=org) if org is not None else qs.none()


@register_scope(Delivery)
def delivery_scope(user: Any, qs: QuerySet[Delivery]) -> QuerySet[Delivery]:
    org = _organisation_id(user)
    return qs.filter(subscription__organisation_id=org) if org is not None else qs.none()


@register_scope(DeliveryAttempt)
def attempt_scope(user: Any, qs: QuerySet[DeliveryAttempt]) -> QuerySet[DeliveryAttempt]:
    org = _organisation_id(user)
    return qs.filter(delivery__subscription__organisation_id=org) if org is not None else qs.none()
