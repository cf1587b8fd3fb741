"""Query budgets: the case list and the case page use the same number of queries whatever their size."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketensignaal.conferences import plan, services

pytestmark = pytest.mark.django_db


def _queries(fn: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _grow(people: dict[str, Any], case: Any, invite: Any, units: list[str], notes: int) -> None:
    for unit in units:
        invite(case, unit)
    review = timezone.localdate() + dt.timedelta(days=30)
    for code, owner in (("prosecution", "om"), ("undesirable-alien", "ind"), ("care", "ggz")):
        plan.measure_propose(actor=people["utrecht"], case=case, measure_code=code, owner=owner, goal="Doel", review=review)
    for i in range(notes):
        services.note_add(actor=people["utrecht"], case=case, text=f"Voortgang {i}")


def test_list_and_detail_query_counts_do_not_grow(
    people: dict[str, Any], api_client_for: Any, case_for: Any, invite: Any
) -> None:
    api = api_client_for(people["utrecht"])
    small = case_for(admitted=True)
    api.get("/api/v1/conference-cases")  # warm caches (token, roles)
    list_small = _queries(lambda: api.get("/api/v1/conference-cases"))
    detail_small = _queries(lambda: api.get(f"/api/v1/conference-cases/{small.pk}"))
    for _ in range(6):
        case_for(admitted=True)
    big = case_for(admitted=True)
    _grow(people, big, invite, ["politie.drio", "om", "rn", "ind"], notes=5)
    assert _queries(lambda: api.get("/api/v1/conference-cases")) == list_small
    assert _queries(lambda: api.get(f"/api/v1/conference-cases/{big.pk}")) == detail_small
