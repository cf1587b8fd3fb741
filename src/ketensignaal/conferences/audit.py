"""Processing-log entries of the case conference (activity ``casusoverleg``).

The legal basis logged is the flow version of the reader's invitation when a partner acts, else the
municipality's own processing activity. Must be called inside the change's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ketensignaal.conferences.models import ConferenceCase
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.governance.reads import read_item, reads_record

ACTIVITY = Activity.CASE_CONFERENCE
OWN_BASIS = str(ACTIVITY.value)


def case_subject(case: ConferenceCase | Any) -> str:
    return subject_ref("conference-case", case.pk)


def case_log(
    *,
    actor: Any,
    case: ConferenceCase,
    action: str,
    channel: str,
    object_type: str = "conference-case",
    object_id: object = None,
    legal_basis: str = "",
) -> None:
    item = LogItem(
        activity=ACTIVITY,
        action=action,
        object_type=object_type,
        object_id=object_id or case.pk,
        subject=case_subject(case),
        legal_basis=legal_basis or OWN_BASIS,
    )
    if action == "read":  # a read (a PDF, an export) goes with the request's other reads (governance.reads)
        reads_record(user=actor, items=[item], channel=channel)
    else:
        processing_log_record(actor=actor, items=[item], channel=channel)


def cases_log_read(*, actor: Any, cases: Iterable[Any], channel: str, object_type: str = "conference-case") -> None:
    """One read entry per case; ``case.reader_flow`` (annotated by the selector) names a partner's flow version."""
    items = [
        read_item(
            activity=ACTIVITY,
            object_type=object_type,
            object_id=case.pk,
            subject=case_subject(case),
            legal_basis=getattr(case, "reader_flow", None) or OWN_BASIS,
        )
        for case in cases
    ]
    reads_record(user=actor, items=items, channel=channel)
