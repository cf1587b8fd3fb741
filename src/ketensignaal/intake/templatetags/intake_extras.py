"""Small template helpers for the intake screens."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ mapping|get_item:key }}``: a dict lookup with a variable key; empty when absent."""
    try:
        return mapping.get(str(key), "")
    except AttributeError:
        return ""
