"""LIV configuration the functional admin maintains (DOMAIN.md §3, §9: the LIV's unit and clients are data)."""

from __future__ import annotations

LIV_UNIT = "lse.liv"


def liv_unit_code() -> str:
    return LIV_UNIT
