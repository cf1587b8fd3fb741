"""A small in-process cache for reference tables read on every signal intake.

Categories, touchpoints and the current route edges are small and rarely change, yet the intake
read them on every request. :func:`cached` keeps a loaded value per process for at most
``TTL_SECONDS`` and drops everything as soon as a watched model is saved or deleted in this process
(``post_save``/``post_delete``), so an admin edit takes effect at once in the process that made it and
within the TTL in every other worker. Bulk writes (``update()``, ``bulk_create``) send no signals:
callers doing those call :func:`clear`. Values are shared between threads and must be treated as read-only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save

TTL_SECONDS = 30.0

_lock = threading.Lock()
_values: dict[str, tuple[float, Any]] = {}
_watched: set[type[models.Model]] = set()
_generation = 0  # bumped by clear(): a load that raced with an invalidation is not stored


def clear(*_args: Any, **_kwargs: Any) -> None:
    """Forget every cached value (also the receiver of the watched models' save/delete signals)."""
    global _generation
    with _lock:
        _generation += 1
        _values.clear()


def watch(*model_classes: type[models.Model]) -> None:
    """Clear the cache whenever an instance of one of these models is saved or deleted."""
    for model in model_classes:
        if model in _watched:
            continue
        _watched.add(model)
        post_save.connect(clear, sender=model, weak=False, dispatch_uid=f"refcache-save-{model._meta.label}")
        post_delete.connect(clear, sender=model, weak=False, dispatch_uid=f"refcache-delete-{model._meta.label}")


def cached[T](key: str, load: Callable[[], T]) -> T:
    """The value under ``key``, loaded with ``load()`` when missing or older than the TTL."""
    now = time.monotonic()
    hit = _values.get(key)
    if hit is not None and now - hit[0] < TTL_SECONDS:
        return hit[1]  # type: ignore[no-any-return]
    generation = _generation
    value = load()
    with _lock:
        if generation == _generation:
            _values[key] = (now, value)
    return value
