"""Routing configuration the functional admin maintains (DOMAIN.md §3: configurable, not hard-wired)."""

from __future__ import annotations

# Replaced by data in the configuration step; the default units of DOMAIN.md §4 (acute → police and the IND hub).
DEFAULT_ACUTE_ALARM_UNITS = ("politie.cter", "ind.tsz")


def acute_alarm_unit_codes() -> tuple[str, ...]:
    return DEFAULT_ACUTE_ALARM_UNITS
