"""``{% unread_notification_count as n %}`` for the header badge (one COUNT query, only when signed in)."""

from typing import Any

from django import template

from ketensignaal.routing.notifications import notification_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context: dict[str, Any]) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return notification_unread_count(user=user)
