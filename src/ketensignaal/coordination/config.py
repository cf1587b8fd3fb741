"""LRO configuration the functional admin maintains (DOMAIN.md §3, §7: members and cycle are data, not code)."""

from __future__ import annotations

from .models import CYCLE_DAYS, MEMBER_UNITS


def member_unit_codes() -> tuple[str, ...]:
    return MEMBER_UNITS


def cycle_days() -> int:
    return CYCLE_DAYS
