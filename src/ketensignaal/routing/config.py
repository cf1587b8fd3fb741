"""Routing configuration the functional admin maintains (DOMAIN.md §3: configurable, not hard-wired).

The values live in the chain configuration (``ketensignaal.configuration``), seeded by the reference loader with the
default units of DOMAIN.md §4 (acute → police and the IND hub).
"""

from __future__ import annotations

from ketensignaal.configuration.models import SettingKey
from ketensignaal.configuration.selectors import setting_unit_codes


def acute_alarm_unit_codes() -> tuple[str, ...]:
    return setting_unit_codes(SettingKey.ACUTE_ALARM_UNITS)
