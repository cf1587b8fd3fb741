"""Procrastinate jobs of the LIV context (PostgreSQL only; on SQLite `ketensignaal run-jobs` calls the same function)."""

from __future__ import annotations

from procrastinate.contrib.django import app

from ketensignaal.trajectories.deadlines import trajectory_deadline_sweep


@app.periodic(cron="15 6 * * *", periodic_id="liv-deadline-sweep")
@app.task(name="trajectories.deadline_sweep", queue="deadlines")
def deadline_sweep_job(timestamp: int) -> dict[str, int]:
    """Daily: record the six- and two-week warnings before a LIV deadline."""
    return trajectory_deadline_sweep()
