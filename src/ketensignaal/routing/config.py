"""Routing configuration the functional admin maintains (DOMAIN.md §3: configurable, not hard-wired).

The acute-alarm units live in the chain configuration (``ketensignaal.configuration``), seeded by the reference
loader with the default units of DOMAIN.md §4 (acute → police and the IND hub). Callers use the getter functions
only, so the remaining defaults can move to data without changing them.
"""

from __future__ import annotations

from ketensignaal.configuration.models import SettingKey
from ketensignaal.configuration.selectors import setting_unit_codes

# The unit on duty for acute signals: an acute signal is placed in its inbox at once ("straight to the police").
DEFAULT_ACUTE_DUTY_UNIT = "politie.cter"
# An acute signal is due within hours, around the clock (not the working days of an ordinary hop).
DEFAULT_ACUTE_DEADLINE_HOURS = 4


def acute_alarm_unit_codes() -> tuple[str, ...]:
    return setting_unit_codes(SettingKey.ACUTE_ALARM_UNITS)


def acute_duty_unit_code() -> str:
    return DEFAULT_ACUTE_DUTY_UNIT


def acute_deadline_hours() -> int:
    return DEFAULT_ACUTE_DEADLINE_HOURS
