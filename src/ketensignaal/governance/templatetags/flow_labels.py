"""``{{ value|flow_label }}``: the registered flow's name and version for a flow-version code (``code@vN``)."""

from __future__ import annotations

from django import template

from ketensignaal.governance.flow_names import flow_label_for

register = template.Library()


@register.filter
def flow_label(value: object) -> str:
    return flow_label_for(value)
