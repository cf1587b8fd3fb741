"""``{% flow_needs flow %}`` on the register's flow page: the information need(s) this flow answers (a port from
below: governance's template asks, this context answers; governance code imports nothing from here)."""

from __future__ import annotations

from typing import Any

from django import template

from ketensignaal.informationneeds.selectors import needs_for_flow

register = template.Library()


@register.inclusion_tag("informationneeds/_flow_needs.html", takes_context=True)
def flow_needs(context: dict[str, Any], flow: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    needs = needs_for_flow(user=user, flow_code=flow.code) if user is not None else []
    return {"needs": needs, "flow": flow}
