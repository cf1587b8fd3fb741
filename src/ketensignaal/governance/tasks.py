"""Procrastinate jobs of governance (PostgreSQL only; autodiscovered by procrastinate's Django app).

The job body lives in ``checkpoints.log_checkpoint_job`` so that the SQLite demo (``ketensignaal run-jobs``) and the
tests run the very same code. Run a worker with ``ketensignaal procrastinate worker`` (see docs/operations.md).
"""

from __future__ import annotations

from typing import Any

from procrastinate.contrib.django import app

from ketensignaal.governance.checkpoints import log_checkpoint_job

# Every 10 minutes: a tail cut off after the latest checkpoint is the one change checkpoints cannot show, so the
# window stays short. Each run verifies only the entries since the previous checkpoint (well under a second).
LOG_CHECKPOINT_CRON = "*/10 * * * *"


@app.periodic(cron=LOG_CHECKPOINT_CRON, periodic_id="log-checkpoint")
@app.task(name="governance.log_checkpoint", queueing_lock="governance.log_checkpoint", pass_context=False)
def log_checkpoint_task(timestamp: int) -> dict[str, Any]:
    """``timestamp``: the scheduled moment procrastinate passes to periodic tasks (unused)."""
    return log_checkpoint_job()
