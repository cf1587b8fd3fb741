"""Procrastinate jobs of the routing context (PostgreSQL only; autodiscovered by procrastinate's Django app).

The job bodies live in services (``notifications.deadline_sweep``) so that the
SQLite demo (``ketensignaal run-jobs``) and the tests run the very same code.
Run a worker with ``ketensignaal procrastinate worker`` (see docs/operations.md).
"""

from __future__ import annotations

from procrastinate.contrib.django import app

from ketensignaal.routing.notifications import deadline_sweep

# Every 15 minutes is well inside the one-working-day reminder lead time.
DEADLINE_SWEEP_CRON = "*/15 * * * *"


@app.periodic(cron=DEADLINE_SWEEP_CRON, periodic_id="deadline-sweep")
@app.task(name="routing.deadline_sweep", queueing_lock="routing.deadline_sweep", pass_context=False)
def deadline_sweep_job(timestamp: int) -> dict[str, int]:
    """``timestamp``: the scheduled moment procrastinate passes to periodic tasks (unused: the sweep looks at now)."""
    result = deadline_sweep()
    return {"checked": result.checked, "due_soon": result.due_soon, "overdue": result.overdue, "mailed": result.mailed}
