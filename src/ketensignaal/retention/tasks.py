"""Procrastinate job of retention (PostgreSQL only; the SQLite demo runs it via ``run-jobs``).

Nightly: propose a destruction list per organisation for what is due, and run the lists whose cooling-off period
has passed. The job body is ``services.retention_cycle``, the same function ``run-jobs`` and the tests call.
"""

from __future__ import annotations

from typing import Any

from procrastinate.contrib.django import app

from ketensignaal.retention.services import retention_cycle

RETENTION_CYCLE_CRON = "30 2 * * *"


@app.periodic(cron=RETENTION_CYCLE_CRON, periodic_id="retention-cycle")
@app.task(name="retention.cycle", queueing_lock="retention.cycle", pass_context=False)
def retention_cycle_task(timestamp: int) -> dict[str, Any]:
    """``timestamp``: the scheduled moment procrastinate passes to periodic tasks (unused)."""
    return retention_cycle()
