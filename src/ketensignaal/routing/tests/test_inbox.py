"""The unit inbox: order, filters, counts, and a query count that does not grow with the number of signals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketensignaal.intake.models import Signal
from ketensignaal.routing import services
from ketensignaal.routing.selectors import inbox_counts, inbox_list
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
            response = client.get("/api/v1/inbox?page_size=100")
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
    assert [s.pk for s in inbox_list(user=handler)] == [acute.pk, early.pk, late.pk]
    assert [s.pk for s in inbox_list(user=handler, category="extremisme")] == [early.pk]
    assert [s.pk for s in inbox_list(user=handler, touchpoint="medisch")] == [late.pk]
    assert [s.pk for s in inbox_list(user=handler, overdue=True)] == [early.pk]
    services.signal_take(actor=handler, signal_id=late.pk, channel="web")
    assert [s.pk for s in inbox_list(user=handler, status="taken")] == [late.pk]
    assert [s.pk for s in inbox_list(user=handler, assigned="me")] == [late.pk]
    assert inbox_counts(user=handler) == {
        "received": 2,
        "taken": 1,
        "awaiting-information": 0,
        "closed": 0,
        "overdue": 1,
        "open": 3,
    }
    # The reporting location does not hold these signals: its inbox is empty, though it can see them.
    assert list(inbox_list(user=reporter)) == []
