"""Reading subscriptions and their delivery log, scoped by need to know."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ketensignaal.core.need_to_know import visible
from ketensignaal.webhooks.models import Subscription


def subscription_list(*, user: Any) -> QuerySet[Subscription]:
    return visible(user, Subscription.objects.select_related("unit", "organisation")).order_by("unit__code", "created_at")
