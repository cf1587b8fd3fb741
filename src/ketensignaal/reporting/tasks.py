"""Procrastinate jobs of the reporting context (PostgreSQL only; the SQLite demo runs them via ``run-jobs``)."""

from __future__ import annotations

from procrastinate.contrib.django import app

from ketensignaal.reporting.hops import figures_refresh

FIGURES_REFRESH_CRON = "*/10 * * * *"


@app.periodic(cron=FIGURES_REFRESH_CRON, periodic_id="figures-refresh")
@app.task(name="reporting.figures_refresh", queueing_lock="reporting.figures_refresh", pass_context=False)
def figures_refresh_job(timestamp: int) -> dict[str, int]:
    """``timestamp``: the scheduled moment procrastinate passes to periodic tasks (unused)."""
    return figures_refresh()
