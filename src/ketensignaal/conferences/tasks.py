"""Procrastinate jobs of the conferences context (PostgreSQL only; autodiscovered by procrastinate's Django app).

The job bodies live in the context's modules so that the SQLite demo (``ketensignaal run-jobs``) and the tests run
the very same code.
"""

from __future__ import annotations

from procrastinate.contrib.django import app

from ketensignaal.conferences.reminders import review_reminders_sweep
from ketensignaal.conferences.services import cases_close_after_attention

# Review dates are days; twice a day reaches a case director on the day after the date has passed.
REVIEW_REMINDERS_CRON = "0 7,13 * * *"


@app.periodic(cron=REVIEW_REMINDERS_CRON, periodic_id="conference-review-reminders")
@app.task(name="conferences.review_reminders", queueing_lock="conferences.review_reminders", pass_context=False)
def review_reminders_job(timestamp: int) -> dict[str, int]:
    """``timestamp``: the scheduled moment procrastinate passes to periodic tasks (unused: the sweep looks at today)."""
    return review_reminders_sweep()


ATTENTION_CLOSE_CRON = "30 6 * * *"


@app.periodic(cron=ATTENTION_CLOSE_CRON, periodic_id="conference-attention-close")
@app.task(name="conferences.attention_close", queueing_lock="conferences.attention_close", pass_context=False)
def attention_close_job(timestamp: int) -> dict[str, int]:
    """Close scaled-down cases whose attention period has ended (the body is ``services.cases_close_after_attention``)."""
    return cases_close_after_attention()
