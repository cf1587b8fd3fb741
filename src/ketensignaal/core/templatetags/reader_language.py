"""``{{ criterion|reader_language:"label" }}``, ``{{ activity|reader_language_list:"recipients" }}``: a Dutch/English
reference text in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template

from ketensignaal.core.language import in_reader_language, list_in_reader_language

register = template.Library()


@register.filter
def reader_language(item: Any, field: str) -> str:
    return in_reader_language(item, field)


@register.filter
def reader_language_list(item: Any, field: str) -> list[str]:
    return list_in_reader_language(item, field)
