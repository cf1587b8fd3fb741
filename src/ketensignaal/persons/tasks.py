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
