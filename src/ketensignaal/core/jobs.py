"""Periodic jobs: a small registry so one command can run every context's sweeps.

On PostgreSQL each context also schedules its sweep as a procrastinate periodic task
(``<context>/tasks.py``); on the embedded SQLite demo ``ketensignaal run-jobs`` calls the
same functions through this registry. Contexts register in their ``AppConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_periodic: dict[str, Callable[[], Any]] = {}


def register_periodic_job(name: str, fn: Callable[[], Any]) -> None:
    _periodic[name] = fn


def periodic_jobs() -> dict[str, Callable[[], Any]]:
    return dict(_periodic)


def on_app_ready(app: Any) -> None:
    app.periodic_defaults = {}
