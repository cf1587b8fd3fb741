"""LIV configuration the functional admin maintains (DOMAIN.md §3, §9: the LIV's unit and clients are data).

The values live in the chain configuration (``ketensignaal.configuration``), seeded by the reference loader.
"""

from __future__ import annotations

from ketensignaal.configuration.models import SettingKey
from ketensignaal.configuration.selectors import setting_unit_codes


def liv_unit_code() -> str:
    """The LIV's unit; empty when not configured (then nobody is the LIV)."""
    codes = setting_unit_codes(SettingKey.LIV_UNIT)
    return codes[0] if codes else ""


def liv_client_unit_codes() -> tuple[str, ...]:
    """The units the LIV accepts as client (opdrachtgever): COA and municipalities, as configured."""
    return setting_unit_codes(SettingKey.LIV_CLIENT_UNITS)
