"""``{{ codes|unit_names:names }}``: unit codes on the agenda as the units' Dutch names ("Koninklijke Marechaussee —
Intelligence"), from one name table the view reads once; never the code itself on screen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import template

register = template.Library()


@register.filter
def unit_names(codes: Iterable[str] | None, names: Mapping[str, str] | None) -> str:
    table = names or {}
    return ", ".join(table.get(code, code) for code in codes or ())
