"""The unit inbox: order, filters, counts, and a query count that does not grow with the number of signals."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.intake.models import Signal
from ketensignaal.routing import services
from ketensignaal.routing.api import InboxRowOut
from ketensignaal.routing.intake_api import summary_representation
from ketensignaal.routing.selectors import acute_elsewhere, inbox_counts, inbox_list
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db


def _render(qs: Any) -> list[tuple[Any, ...]]:
    """Touch everything an inbox row shows."""
    return [
        (
            s.reference,
            s.current_unit.code,
            s.reporting_unit.code,
            s.touchpoint.code,
            s.assigned_to_id and s.assigned_to.username,
            [c.code for c in s.categories.all()],
            [n.name for n in s.names.all()],
        )
        for s in qs
    ]


def test_inbox_query_count_is_constant(make_user: Any, api_client_for: Any) -> None:
    reporter, handler = make_user("coa.locatie.ter-apel"), make_user("coa.bureau-veiligheid", "handler")
    client = api_client_for(handler)
    client.get("/api/v1/inbox")  # the token's last-used stamp is written on first use only
    counts = []
    api_counts = []
    for total in (5, 50):
        while Signal.objects.filter(current_unit__code="coa.bureau-veiligheid").count() < total:
            signal = submit(reporter, categories=["radicalisering", "psychische-zorgen"])
            services.signal_assign(actor=handler, signal_id=signal.pk, assignee_id=handler.pk, channel="web")
        with CaptureQueriesContext(connection) as queries:
            rows = _render(inbox_list(user=handler))
        assert len(rows) == total
        counts.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/inbox?pageSize=100")
        assert response.status_code == 200 and len(response.json()["results"]) == total
        api_counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert api_counts[0] == api_counts[1], api_counts


def test_inbox_order_filters_and_counts(make_user: Any) -> None:
    reporter, handler = make_user("coa.locatie.ter-apel"), make_user("coa.bureau-veiligheid", "handler")
    late = submit(reporter, touchpoint="medisch")
    acute = submit(reporter, acute=True)
    early = submit(reporter, categories=["extremisme"])
    Signal.objects.filter(pk=late.pk).update(due_at=timezone.now() + timedelta(days=9))
    Signal.objects.filter(pk=early.pk).update(due_at=timezone.now() - timedelta(hours=1))
    Signal.objects.filter(pk=acute.pk).update(due_at=timezone.now() + timedelta(days=30))
    # The acute signal is held by the unit on duty for acute signals; here it heads the list above the inbox.
    assert [s.pk for s in inbox_list(user=handler)] == [early.pk, late.pk]
    assert [s.pk for s in acute_elsewhere(user=handler)] == [acute.pk]
    assert [s.pk for s in inbox_list(user=handler, category="extremisme")] == [early.pk]
    assert [s.pk for s in inbox_list(user=handler, touchpoint="medisch")] == [late.pk]
    assert [s.pk for s in inbox_list(user=handler, overdue=True)] == [early.pk]
    services.signal_take(actor=handler, signal_id=late.pk, channel="web")
    assert [s.pk for s in inbox_list(user=handler, status="taken")] == [late.pk]
    assert [s.pk for s in inbox_list(user=handler, assigned="me")] == [late.pk]
    assert inbox_counts(user=handler) == {  # the acute one is counted by the duty unit that holds it
        "received": 1,
        "taken": 1,
        "awaiting-information": 0,
        "closed": 0,
        "overdue": 1,
        "open": 2,
    }
    # The reporting location does not hold these signals: its inbox is empty, though it can see them.
    assert list(inbox_list(user=reporter)) == []


def test_the_api_inbox_rows_are_what_the_summary_serializer_renders(make_user: Any, api_client_for: Any) -> None:
    """The API inbox renders plain rows (no model instance, no serializer per row); each row must be exactly what
    ``InboxRowOut`` renders from the signal through ``summary_representation``, for every filter."""
    reporter, handler = make_user("coa.locatie.ter-apel"), make_user("coa.bureau-veiligheid", "handler")
    plain = submit(reporter)
    marked = submit(reporter, categories=["radicalisering", "psychische-zorgen", "extremisme"], touchpoint="medisch")
    renamed = submit(reporter, subject__names=[{"name": "محمد", "script": "Arab"}, {"name": "Mohammed", "script": "Latn"}])
    taken = submit(reporter)
    services.signal_take(actor=handler, signal_id=taken.pk, channel="web")
    services.signal_assign(actor=handler, signal_id=marked.pk, assignee_id=handler.pk, channel="web")
    Signal.objects.filter(pk=plain.pk).update(due_at=None)
    Signal.objects.filter(pk=renamed.pk).update(due_at=timezone.now() - timedelta(hours=2))
    client = api_client_for(handler)
    for query in ("", "?status=taken", "?assigned=me", "?overdue=true", "?category=extremisme", "?touchpoint=medisch"):
        filters = dict(part.split("=") for part in query.lstrip("?").split("&") if part)
        if "overdue" in filters:
            filters["overdue"] = True  # type: ignore[assignment]
        expected = InboxRowOut(
            [summary_representation(s, user=handler) for s in inbox_list(user=handler, **filters)], many=True
        ).data
        response = client.get("/api/v1/inbox" + query)
        assert response.status_code == 200
        assert response.json()["results"] == json.loads(json.dumps(expected, cls=DjangoJSONEncoder)), query
        assert [list(row) for row in response.json()["results"]] == [list(row) for row in expected], query
    assert len(client.get("/api/v1/inbox").json()["results"]) == 4


def _reads_since(sequence: int) -> list[ProcessingLogEntry]:
    return list(
        ProcessingLogEntry.objects.filter(sequence__gt=sequence, action="read").select_related("audit").order_by("sequence")
    )


def _last_sequence() -> int:
    return ProcessingLogEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0


def test_one_inbox_request_logs_a_read_of_exactly_the_signals_on_the_page(make_user: Any, api_client_for: Any) -> None:
    reporter, handler = make_user("coa.locatie.ter-apel"), make_user("coa.bureau-veiligheid", "handler")
    signals = [submit(reporter) for _ in range(3)]
    client = api_client_for(handler)
    start = _last_sequence()
    response = client.get("/api/v1/inbox?pageSize=2")
    shown = [row["id"] for row in response.json()["results"]]
    assert response.status_code == 200 and len(shown) == 2 and response.json()["count"] == 3
    reads = _reads_since(start)
    assert sorted(entry.object_id for entry in reads) == sorted(shown)
    assert {(e.object_type, e.activity, e.audit.actor_username, e.audit.channel) for e in reads} == {
        ("signal-summary", "signaal-behandeling", handler.username, "api")
    }
    not_shown = next(s for s in signals if str(s.pk) not in shown)
    assert not ProcessingLogEntry.objects.filter(sequence__gt=start, object_id=str(not_shown.pk)).exists()


def test_the_inbox_page_and_my_signals_log_the_rows_they_show(make_user: Any, web_client_for: Any) -> None:
    reporter, handler = make_user("coa.locatie.ter-apel"), make_user("coa.bureau-veiligheid", "handler")
    ids = sorted(str(submit(reporter).pk) for _ in range(2))
    start = _last_sequence()
    assert web_client_for(handler).get(reverse("routing:inbox")).status_code == 200
    reads = _reads_since(start)
    assert sorted(e.object_id for e in reads) == ids and {e.audit.actor_username for e in reads} == {handler.username}
    start = _last_sequence()
    assert web_client_for(reporter).get(reverse("routing:my_signals")).status_code == 200
    reads = _reads_since(start)
    assert sorted(e.object_id for e in reads) == ids and {e.audit.actor_username for e in reads} == {reporter.username}


def _counted(user: Any) -> dict[str, int]:
    """The counts by counting the signals at the unit (what the counter rows must agree with)."""
    now = timezone.now()
    at_unit = Signal.objects.filter(current_unit_id=user.unit_id)
    counts = {s: at_unit.filter(status=s).count() for s in ("received", "taken", "awaiting-information", "closed")}
    counts["overdue"] = at_unit.exclude(status="closed").filter(due_at__lt=now, paused_at__isnull=True).count()
    counts["open"] = at_unit.exclude(status="closed").count()
    return counts


def test_inbox_counts_follow_arrivals_forwards_takes_and_closes(make_user: Any) -> None:
    """On PostgreSQL the counts come from trigger-kept counter rows: they must equal a count after every kind of change."""
    reporter = make_user("coa.locatie.ter-apel")
    bureau, adviser = make_user("coa.bureau-veiligheid", "handler"), make_user("coa.adviseur-nv", "handler")
    signals = [submit(reporter) for _ in range(4)]
    assert inbox_counts(user=bureau) == _counted(bureau) and _counted(bureau)["open"] == 4
    services.signal_take(actor=bureau, signal_id=signals[0].pk, channel="web")
    services.signal_forward(actor=bureau, signal_id=signals[1].pk, to_unit="coa.adviseur-nv", channel="web")
    services.signal_close(actor=bureau, signal_id=signals[2].pk, outcome="unfounded", note="Afgerond.", channel="web")
    Signal.objects.filter(pk=signals[3].pk).update(due_at=timezone.now() - timedelta(hours=1))
    for user in (bureau, adviser):
        assert inbox_counts(user=user) == _counted(user)
    assert inbox_counts(user=bureau)["open"] == 2 and inbox_counts(user=bureau)["closed"] == 1
    assert inbox_counts(user=adviser)["open"] == 1
    Signal.objects.filter(pk=signals[3].pk).delete()
    assert inbox_counts(user=bureau) == _counted(bureau)


def test_an_unknown_status_lists_the_statuses_by_label_not_code(make_user: Any) -> None:
    """Issue 10 leftovers: the refusal listed raw codes ("received, taken, ..."); it names them as a reader does."""
    from django.utils import translation

    from ketensignaal.core.errors import ValidationFailed

    handler = make_user("coa.bureau-veiligheid", "handler")
    for language, reason in (
        ("nl", "Kies een van: Ontvangen, In behandeling, Informatie gevraagd, Afgesloten."),
        ("en", "Choose one of: " + ", ".join(_english_statuses()) + "."),
    ):
        with translation.override(language), pytest.raises(ValidationFailed) as refused:
            inbox_list(user=handler, status="open")
        assert refused.value.invalid_params == [{"name": "status", "code": "invalid_choice", "reason": reason}]
        assert "awaiting-information" not in reason


def _english_statuses() -> list[str]:
    from django.utils import translation

    from ketensignaal.intake.models import SignalStatus

    with translation.override("en"):
        labels = [str(label) for label in SignalStatus.labels]
    assert labels[0] == "Received"  # translated, so the English message is English
    return labels
