"""``{{ criterion|reader_language:"label" }}``: a Dutch/English reference text in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template

from ketensignaal.core.language import in_reader_language

register = template.Library()


@register.filter
def reader_language(item: Any, field: str) -> str:
    return in_reader_language(item, field)
