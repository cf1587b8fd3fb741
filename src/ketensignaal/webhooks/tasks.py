"""Procrastinate jobs of the webhooks context (PostgreSQL only; autodiscovered by procrastinate's Django app).

The bodies live in ``delivery`` so the SQLite demo (``ketensignaal run-jobs``) and the tests run the same code.
"""

from __future__ import annotations

from typing import Any

from procrastinate.contrib.django import app

from ketensignaal.webhooks.delivery import deliveries_due_send, delivery_send


@app.task(name="webhooks.deliver", pass_context=False)
def deliver_job(delivery_id: str) -> str:
    return delivery_send(delivery_id)


@app.periodic(cron="* * * * *", periodic_id="webhooks-due")
@app.task(name="webhooks.deliveries_due", queueing_lock="webhooks.deliveries_due", pass_context=False)
def deliveries_due_job(timestamp: int) -> dict[str, Any]:
    """``timestamp``: the scheduled moment procrastinate passes to periodic tasks (unused)."""
    return deliveries_due_send()
