"""Procrastinate jobs of the persons context (PostgreSQL only; autodiscovered by procrastinate's Django app).

Matching a new signal against the person records runs here, outside the intake
request, so that creating a signal costs no matching statements. The job body
is the same service the SQLite demo runs inline after commit.
"""

from __future__ import annotations

from procrastinate.contrib.django import app


@app.task(name="persons.signal_match", pass_context=False)
def signal_match_job(signal_id: str) -> int:
    from uuid import UUID

    from ketensignaal.persons.services import signal_proposals_refresh

    return signal_proposals_refresh(signal_id=UUID(signal_id))


#: nightly, when few signals come in: one grouped scan of the key table
KEY_FREQUENCIES_CRON = "17 3 * * *"


@app.periodic(cron=KEY_FREQUENCIES_CRON, periodic_id="persons-key-frequencies")
@app.task(name="persons.key_frequencies_refresh", queueing_lock="persons.key_frequencies_refresh", pass_context=False)
def key_frequencies_refresh_job(timestamp: int) -> int:
    """``timestamp``: the scheduled moment procrastinate passes to periodic tasks (unused)."""
    from ketensignaal.persons.matching.engine import key_frequencies_refresh

    return key_frequencies_refresh()
