"""Demo data loads (and again without duplicates); the attention period ends in a logged close."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.conferences import services
from ketensignaal.conferences.models import ConferenceCase, MeasureWarning, Phase
from ketensignaal.governance.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db


def test_demo_loads_once(reference: None) -> None:
    from ketensignaal.installation.demo import demo_load

    demo_load()
    count = ConferenceCase.objects.count()
    assert count == 3
    assert MeasureWarning.objects.filter(code="prosecution-undesirable-alien").exists()
    demo_load()
    assert ConferenceCase.objects.count() == count


def test_attention_period_end_closes_the_case(people: dict[str, Any], case_for: Any) -> None:
    case = case_for(admitted=True)
    services.case_scale_down(
        actor=people["utrecht"], case=case, reason="Loopt goed", attention_until=timezone.localdate() + dt.timedelta(days=1)
    )
    assert services.cases_close_after_attention() == {"closed": 0}
    assert services.cases_close_after_attention(timezone.localdate() + dt.timedelta(days=2)) == {"closed": 1}
    case = ConferenceCase.objects.get(pk=case.pk)
    assert case.phase == Phase.CLOSED and case.closed_at is not None
    assert ProcessingLogEntry.objects.filter(object_id=str(case.pk), action="update").count() >= 3
