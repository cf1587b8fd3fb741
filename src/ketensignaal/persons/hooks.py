"""Matching on every new signal: after the signal's transaction commits, compute and store candidates.

Runs after commit so that the signal's names exist and a matching failure can
never undo or block the intake; a failure is logged and the candidates are
computed again whenever someone opens the signal. On PostgreSQL the matching is
deferred to a procrastinate job (``persons.signal_match``): the intake inserts the
job row inside its own transaction (one commit per create), and the worker runs it
once that commits. On SQLite (demo, tests) it runs inline after commit.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from ketensignaal.intake.models import Signal

logger = logging.getLogger(__name__)


def _match_after_commit(signal_id: Any) -> None:
    try:
        if settings.IS_POSTGRES:
            from ketensignaal.persons.tasks import signal_match_job

            signal_match_job.defer(signal_id=str(signal_id))
            return
        from ketensignaal.persons.services import signal_proposals_refresh

        signal_proposals_refresh(signal_id=signal_id)
    except Exception:  # matching is a suggestion; never break intake
        logger.exception("Matching a new signal failed", extra={"signal_id": str(signal_id)})


def _defer_in_transaction(signal_id: Any) -> None:
    """On PostgreSQL the job row is written in the signal's own transaction (it exists exactly when the signal does,
    and the create stays one commit); the worker sees it after that commit."""
    from ketensignaal.persons.tasks import signal_match_job

    try:
        signal_match_job.defer(signal_id=str(signal_id))
    except Exception:  # matching is a suggestion; never break intake
        logger.exception("Deferring the matching of a new signal failed", extra={"signal_id": str(signal_id)})


@receiver(post_save, sender=Signal, dispatch_uid="persons-match-new-signal")
def signal_created(sender: Any, instance: Signal, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        if settings.IS_POSTGRES and transaction.get_connection().in_atomic_block:
            _defer_in_transaction(instance.pk)
        else:
            transaction.on_commit(lambda: _match_after_commit(instance.pk))
