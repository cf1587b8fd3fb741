"""Writes of the governance context that are not the log itself."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.governance.selectors import LogQuery, privacy_officer_check

ACTIVITY = Activity.PRIVACY_OVERSIGHT


@transaction.atomic
def processing_log_inspection_record(
    *, user: Any, query: LogQuery, action: str = "read", channel: str = "web", count: int = 0
) -> None:
    """Inspecting or exporting the log is itself processing of the subject's data, so it is logged too."""
    privacy_officer_check(user)
    items = []
    if query.person:
        items.append(
            LogItem(
                activity=ACTIVITY,
                action=action,
                object_type="processing-log",
                object_id=f"person:{count}",
                subject=subject_ref("person", query.person),
            )
        )
    if query.signal:
        items.append(
            LogItem(
                activity=ACTIVITY,
                action=action,
                object_type="processing-log",
                object_id=f"signal:{count}",
                subject=subject_ref("signal", query.signal),
            )
        )
    processing_log_record(actor=user, items=items, channel=channel)
