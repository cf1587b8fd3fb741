"""``{{ code|language_name }}`` and ``{{ codes|language_names }}``: a language code on screen as its name."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from ketensignaal.trajectories import languages

register = template.Library()


@register.filter
def language_name(code: str | None) -> str:
    return languages.language_name(code)


@register.filter
def language_names(codes: Iterable[str] | None) -> str:
    return languages.language_names(codes)
