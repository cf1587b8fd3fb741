"""Reading the chain settings: cached per process, dropped as soon as a setting changes.

The contexts ask on every scope check (is this user an LRO member, the LIV?), so the settings are read once and kept
for at most ``TTL_SECONDS``; a change in this process clears the copy at once (``post_save``/``m2m_changed``) and
other workers follow within the TTL. A missing row means "not configured": no units, or the number's default.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from ketensignaal.configuration.models import ChainSetting, ChainSettingChange

TTL_SECONDS = 30.0

_lock = threading.Lock()
_cache: dict[str, Any] = {}
_generation = 0


def clear(*_args: Any, **_kwargs: Any) -> None:
    global _generation
    with _lock:
        _generation += 1
        _cache.clear()


def watch_changes() -> None:
    post_save.connect(clear, sender=ChainSetting, weak=False, dispatch_uid="chain-setting-save")
    post_delete.connect(clear, sender=ChainSetting, weak=False, dispatch_uid="chain-setting-delete")
    m2m_changed.connect(clear, sender=ChainSetting.units.through, weak=False, dispatch_uid="chain-setting-units")


def _values() -> dict[str, tuple[tuple[str, ...], int | None]]:
    hit = _cache.get("values")
    now = time.monotonic()
    if hit is not None and now - hit[0] < TTL_SECONDS:
        return hit[1]  # type: ignore[no-any-return]
    generation = _generation
    values = {
        s.key: (tuple(sorted(u.code for u in s.units.all())), s.number) for s in ChainSetting.objects.prefetch_related("units")
    }
    with _lock:
        if generation == _generation:
            _cache["values"] = (now, values)
    return values


def setting_unit_codes(key: str) -> tuple[str, ...]:
    """The codes of the units a setting names (sorted); empty when the setting is not configured."""
    return _values().get(key, ((), None))[0]


def setting_number(key: str, default: int) -> int:
    number = _values().get(key, ((), None))[1]
    return default if number is None else number


def chain_settings() -> list[ChainSetting]:
    """Every setting with its units, for the functional administrator's screen and the API (no personal data)."""
    return list(ChainSetting.objects.prefetch_related("units__organisation").select_related("updated_by"))


def chain_setting_get(key: str) -> ChainSetting | None:
    return ChainSetting.objects.prefetch_related("units__organisation").filter(key=key).first()


def chain_setting_history(setting: ChainSetting) -> list[ChainSettingChange]:
    return list(setting.changes.select_related("changed_by")[:50])
