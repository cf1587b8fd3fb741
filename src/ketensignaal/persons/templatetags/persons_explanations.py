"""``{{ candidate.explanation|match_explanation }}``: a match explanation in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template

from ketensignaal.persons.matching.explain import explanation_for_reader

register = template.Library()


@register.filter
def match_explanation(explanation: dict[str, Any] | None) -> dict[str, Any]:
    return explanation_for_reader(explanation)
