"""Reading the agenda is logged: the meeting and one read entry per line, naming the line's data subject, in the
chain (the bulk read path writes the same entries as one read at a time would)."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.coordination.models import AgendaItem, Meeting
from ketensignaal.coordination.selectors import agenda_compose
from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.governance.processing_log import processing_log_verify, subject_ref

from .test_lro_api import _setup

pytestmark = pytest.mark.django_db


def _reads_since(sequence: int) -> list[tuple[str, str, str]]:
    return list(
        ProcessingLogEntry.objects.filter(sequence__gt=sequence, action="read", object_type__startswith="lro-agenda")
        .order_by("sequence")
        .values_list("object_type", "object_id", "data_subject_ref")
    )


def _last() -> int:
    return ProcessingLogEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0


def _expected(meeting_id: str, ctx: dict[str, Any]) -> set[tuple[str, str, str]]:
    subjects = {
        str(item.pk): subject_ref("person", item.person_id) if item.person_id else subject_ref("signal", item.signal_id)
        for item in AgendaItem.objects.filter(meeting_id=meeting_id)
    }
    assert sorted(subjects.values()) == sorted(
        [subject_ref("person", ctx["p1"].pk), subject_ref("person", ctx["p2"].pk), subject_ref("signal", ctx["lone"].pk)]
    )
    return {("lro-agenda", meeting_id, "")} | {("lro-agenda-item", pk, ref) for pk, ref in subjects.items()}


def test_agenda_api_logs_the_meeting_and_each_line_with_its_subject_once(lro: Any, api_client_for: Any) -> None:
    _hub, meeting, ctx = _setup(lro, api_client_for)
    before = _last()
    response = api_client_for(lro["cter"]).get(f"/api/v1/lro-meetings/{meeting['id']}/agenda")
    assert response.status_code == 200
    reads = _reads_since(before)
    assert len(reads) == len(set(reads)) == 4  # the meeting and three lines, each once
    assert set(reads) == _expected(meeting["id"], ctx)
    # the agenda's lines are logged in the order they are shown
    shown = [item["id"] for item in response.json()["items"]]
    assert [object_id for kind, object_id, _ in reads if kind == "lro-agenda-item"] == shown
    assert processing_log_verify().intact


def test_agenda_composed_outside_a_request_is_logged_at_once(lro: Any, api_client_for: Any) -> None:
    _hub, meeting, ctx = _setup(lro, api_client_for)
    before = _last()
    lines = agenda_compose(user=lro["kmar"], meeting=Meeting.objects.get(pk=meeting["id"]), channel="api")
    reads = _reads_since(before)
    assert set(reads) == _expected(meeting["id"], ctx)
    assert [object_id for kind, object_id, _ in reads if kind == "lro-agenda-item"] == [str(x.item.pk) for x in lines]
    assert processing_log_verify().intact
