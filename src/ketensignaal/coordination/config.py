"""LRO configuration the functional admin maintains (DOMAIN.md §3, §7: members and cycle are data, not code).

The values live in the chain configuration (``ketensignaal.configuration``), seeded by the reference loader.
"""

from __future__ import annotations

from ketensignaal.configuration.models import SettingKey
from ketensignaal.configuration.selectors import setting_number, setting_unit_codes

# Used only while the setting is missing (an installation without reference data).
DEFAULT_CYCLE_DAYS = 21


def member_unit_codes() -> tuple[str, ...]:
    return setting_unit_codes(SettingKey.LRO_MEMBER_UNITS)


def cycle_days() -> int:
    return setting_number(SettingKey.LRO_CYCLE_DAYS, DEFAULT_CYCLE_DAYS)
