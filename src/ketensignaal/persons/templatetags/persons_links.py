"""The way from a signal's page to its person: the candidates page for matchers, the person page for whoever may see it."""

from __future__ import annotations

from typing import Any

from django import template

from ketensignaal.intake.models import Signal
from ketensignaal.persons import selectors

register = template.Library()


@register.inclusion_tag("persons/_signal_person_links.html", takes_context=True)
def signal_person_links(context: dict[str, Any], signal: Signal) -> dict[str, Any]:
    """``{% signal_person_links signal %}``: nothing for a user with neither a linked person to see nor matching rights."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"signal": signal, "show": False}
    link = selectors.signal_person_link(user=user, signal=signal)
    may_match = selectors.may_match(user)
    return {
        "signal": signal,
        "show": may_match or link is not None,
        "may_match": may_match,
        "link": link,
        "person_name": selectors.person_display_name(user=user, person=link.person) if link else "",
    }
