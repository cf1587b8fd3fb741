"""Read logging has one owner (governance.reads): every channel logs each row it hands out once per request, with
an activity from the enumeration; nothing can switch it off."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

import ketensignaal
from ketensignaal.disclosures import services as disclosures
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import LogAction, ProcessingActivity, ProcessingLogEntry
from ketensignaal.governance.processing_log import LogItem, processing_log_verify, subject_ref
from ketensignaal.governance.reads import read_item, reads_collected, reads_logged, reads_record, reads_record_rows
from ketensignaal.intake.models import Signal
from ketensignaal.routing.selectors import inbox_list
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db
SRC = Path(ketensignaal.__file__).resolve().parent


def _reads_after(sequence: int) -> list[ProcessingLogEntry]:
    return list(ProcessingLogEntry.objects.filter(sequence__gt=sequence, action=LogAction.READ).select_related("audit"))


def _head() -> int:
    last = ProcessingLogEntry.objects.order_by("-sequence").first()
    return last.sequence if last else 0


def test_every_activity_is_in_the_register_of_processing_activities(reference: None) -> None:
    assert set(Activity.values) <= set(ProcessingActivity.objects.values_list("code", flat=True))


def test_no_module_writes_an_activity_as_a_free_string() -> None:
    offenders = []
    pattern = re.compile(r"""\b(activity|ACTIVITY)\s*[:=][^=\n]*?["'][a-z-]+["']""")
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "activities.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line) and "Activity." not in line:
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == [], "use governance.activities.Activity, not a string:\n" + "\n".join(offenders)


def test_reads_record_refuses_an_unknown_activity_and_non_reads(make_user: Any) -> None:
    user = make_user("ind.tsz", "handler")
    with pytest.raises(ValueError, match="activity"):
        reads_record(user=user, items=[LogItem(activity="iets", action="read", object_type="x", object_id=1)])
    with pytest.raises(ValueError, match="reads only"):
        reads_record(user=user, items=[LogItem(activity=Activity.LRO, action="update", object_type="x", object_id=1)])


def test_outside_a_request_a_read_is_written_at_once_and_once_per_row(make_user: Any) -> None:
    user = make_user("ind.tsz", "handler")
    before = _head()
    item = read_item(activity=Activity.SIGNAL_HANDLING, object_type="signal", object_id="abc")
    reads_record(user=user, items=[item, item])
    assert [(e.activity, e.object_id) for e in _reads_after(before)] == [("signaal-behandeling", "abc")]


def test_within_a_unit_of_work_rows_are_collected_once(make_user: Any) -> None:
    user = make_user("ind.tsz", "handler")
    before = _head()
    with reads_collected() as collected:
        reads_record(user=user, items=[read_item(activity=Activity.LRO, object_type="lro-task", object_id=1)])
        reads_record(user=user, items=[read_item(activity=Activity.LRO, object_type="lro-task", object_id=1)])
        reads_record(user=user, items=[read_item(activity=Activity.LRO, object_type="lro-task", object_id=2)])
    assert _reads_after(before) == [], "collected, not yet written"
    assert list(collected.items) == [("lro-task", "1"), ("lro-task", "2")]


def test_many_rows_of_one_type_are_logged_once_each_beside_the_other_reads_of_the_request(make_user: Any) -> None:
    """The bulk form (an agenda's thousands of lines as plain pairs) shares the request's once-per-row rule."""
    user = make_user("ind.tsz", "handler")
    before = _head()
    rows = [(str(n), subject_ref("person", n)) for n in range(120)]
    with reads_collected() as collected:
        reads_record(user=user, items=[read_item(activity=Activity.LRO, object_type="lro-agenda-item", object_id=7)])
        reads_record_rows(
            user=user,
            activity=Activity.LRO,
            object_type="lro-agenda-item",
            rows=rows,
            with_items=[read_item(activity=Activity.LRO, object_type="lro-agenda", object_id="m")],
        )
    assert _reads_after(before) == [], "collected, not yet written"
    assert len(collected.items) == 121 and list(collected.items)[:2] == [("lro-agenda-item", "7"), ("lro-agenda", "m")]
    with pytest.raises(ValueError, match="activity"):
        reads_record_rows(user=user, activity="iets", object_type="x", rows=rows)  # type: ignore[arg-type]
    # outside a request: written at once, one entry per row, the subject with it, the chain intact
    reads_record_rows(user=user, activity=Activity.LRO, object_type="lro-agenda-item", rows=rows + rows[:5], channel="api")
    written = _reads_after(before)
    assert [(e.object_id, e.data_subject_ref) for e in written] == rows
    assert {(e.activity, e.audit.channel, e.audit.actor_username) for e in written} == {("lro", "api", user.username)}
    assert processing_log_verify().intact


def test_a_logged_queryset_logs_the_rows_it_hands_out_and_nothing_for_a_count(make_user: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    signals = [submit(reporter) for _ in range(3)]
    before = _head()
    qs = reads_logged(
        Signal.objects.filter(pk__in=[s.pk for s in signals]).order_by("created_at"),
        user=reporter,
        activity=Activity.SIGNAL_HANDLING,
        object_type="signal-summary",
    )
    assert qs.count() == 3 and qs.exists()
    assert _reads_after(before) == []
    page = list(qs[:2])
    assert [e.object_id for e in _reads_after(before)] == [str(s.pk) for s in page]
    assert qs.filter(pk=signals[2].pk).get().pk == signals[2].pk, "a derived queryset keeps logging"
    assert len(_reads_after(before)) == 3


def _read_rows(response: Any, before: int) -> list[tuple[str, str, str]]:
    trace = response["traceparent"].split("-")[1]
    return [(e.object_type, e.object_id, e.audit.channel) for e in _reads_after(before) if e.trace_id == trace]


def test_the_inbox_logs_its_page_once_in_html_htmx_and_api(make_user: Any, web_client_for: Any, api_client_for: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    signals = [submit(reporter) for _ in range(2)]
    handler = make_user("coa.bureau-veiligheid", "handler")
    expected = {str(s.pk) for s in signals}
    for channel, send in {
        "web": lambda: web_client_for(handler).get("/inbox"),
        "htmx": lambda: web_client_for(handler).get("/inbox", HTTP_HX_REQUEST="true"),
        "api": lambda: api_client_for(handler).get("/api/v1/inbox"),
    }.items():
        before = _head()
        response = send()
        assert response.status_code == 200
        rows = _read_rows(response, before)
        assert {r[1] for r in rows} == expected and len(rows) == len(expected), (channel, rows)
        assert {r[0] for r in rows} == {"signal-summary"} and {r[2] for r in rows} == {channel}
    assert list(inbox_list(user=handler)), "control"


def test_the_signal_page_reads_the_signal_once_though_two_selectors_touch_it(make_user: Any, web_client_for: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    signal = submit(reporter)
    before = _head()
    response = web_client_for(reporter).get(f"/signalen/{signal.pk}")
    assert response.status_code == 200
    rows = _read_rows(response, before)
    assert len(rows) == len(set(rows)) and ("signal", str(signal.pk), "web") in rows


def test_a_page_that_is_not_found_logs_no_read(make_user: Any, web_client_for: Any) -> None:
    outsider = make_user("gemeente.utrecht", "handler")
    signal = submit(make_user("coa.locatie.ter-apel", "reporter"))
    before = _head()
    assert web_client_for(outsider).get(f"/signalen/{signal.pk}").status_code == 404
    assert _reads_after(before) == []


@pytest.fixture
def ambtsbericht(make_user: Any) -> Any:
    hub = make_user("ind.tsz", "hub-analyst", "handler")
    with transaction.atomic():
        report = disclosures.ambtsbericht_register(
            actor=hub, service="aivd", dated=datetime.date(2026, 11, 20), subject="Netwerk", content="De dienst meldt iets."
        )
    return hub, report


def test_the_ambtsberichten_list_logs_in_html_as_in_the_api(ambtsbericht: Any, web_client_for: Any, api_client_for: Any) -> None:
    hub, report = ambtsbericht
    for channel, response_of in {
        "web": lambda: web_client_for(hub).get("/ambtsberichten"),
        "api": lambda: api_client_for(hub).get("/api/v1/ambtsberichten"),
    }.items():
        before = _head()
        response = response_of()
        assert response.status_code == 200
        assert _read_rows(response, before) == [("ambtsbericht", str(report.pk), channel)]


def test_selectors_log_reads_only_through_governance_reads() -> None:
    """A selector that wrote the log itself would bypass the per-request collection (and its once-per-row rule)."""
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("selectors.py")
        if "processing_log_record" in path.read_text() and "governance" not in path.parts
    ]
    assert offenders == []


def test_no_selector_takes_a_flag_that_skips_the_read_log() -> None:
    flag = re.compile(r"\blog(_read|_reads)?\s*:\s*bool\b|\blog(_read|_reads)?\s*=\s*(False|True|log)\b")
    offenders = [
        f"{path.relative_to(SRC)}:{number}"
        for path in SRC.rglob("*.py")
        if "tests" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if flag.search(line)
    ]
    assert offenders == [], "reads are logged by the selector, always (governance.reads)"
