"""Demo data loads idempotently; the deadline sweep warns once at six and two weeks; pause and extension move the term."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.trajectories import deadlines
from ketensignaal.trajectories.demo import demo_load
from ketensignaal.trajectories.models import DeadlineEvent, LivTrajectory, Phase
from ketensignaal.trajectories.tests.conftest import ACCEPT_ANSWERS, signal_for

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_covers_phases(liv: dict[str, Any], make_user: Any) -> None:
    users = {"liv.staf": liv["staff"], "coa.bv": liv["coa"], "liv.expert": liv["expert_user"]}
    signal_for(liv["coa"])
    demo_load(users=users)
    count = LivTrajectory.objects.count()
    demo_load(users=users)
    assert LivTrajectory.objects.count() == count == 4
    phases = set(LivTrajectory.objects.values_list("phase", flat=True))
    assert {Phase.WEIGHING, Phase.NOT_ACCEPTED, Phase.INTERPRETATION, Phase.ADVICE} <= phases


def _accepted(liv: dict[str, Any]) -> LivTrajectory:
    from ketensignaal.trajectories import services

    t = services.trajectory_request(
        actor=liv["coa"], client_code="coa", question="Vraag", signal_id=signal_for(liv["coa"]).pk, channel="api"
    )
    return services.trajectory_weigh(actor=liv["staff"], trajectory=t, accepted=True, answers=ACCEPT_ANSWERS, channel="api")


def test_three_month_deadline_and_warnings(liv: dict[str, Any]) -> None:
    t = _accepted(liv)
    today = timezone.localdate()
    assert t.deadline == deadlines.add_months(today, 3)
    assert deadlines.trajectory_deadline_sweep(today=today) == {"six_weeks": 0, "two_weeks": 0}
    six = t.deadline - dt.timedelta(weeks=6)
    assert deadlines.trajectory_deadline_sweep(today=six) == {"six_weeks": 1, "two_weeks": 0}
    assert deadlines.trajectory_deadline_sweep(today=six) == {"six_weeks": 0, "two_weeks": 0}  # once only
    assert deadlines.trajectory_deadline_sweep(today=t.deadline - dt.timedelta(weeks=2)) == {"six_weeks": 0, "two_weeks": 1}
    assert list(DeadlineEvent.objects.filter(trajectory=t).values_list("kind", flat=True)) == [
        "started",
        "warned-6w",
        "warned-2w",
    ]
    t.refresh_from_db()
    assert deadlines.deadline_state(t, t.deadline + dt.timedelta(days=1)) == "overdue"


def test_pause_resume_and_extension_need_a_reason(liv: dict[str, Any]) -> None:
    from ketensignaal.core.errors import ValidationFailed

    t = _accepted(liv)
    original = t.deadline
    with pytest.raises(ValidationFailed):
        deadlines.trajectory_deadline_pause(actor=liv["staff"], trajectory=t, reason=" ")
    t = deadlines.trajectory_deadline_pause(actor=liv["staff"], trajectory=t, reason="Persoon opgenomen in ziekenhuis")
    assert deadlines.deadline_state(t) == "paused"
    t.paused_since = timezone.localdate() - dt.timedelta(days=10)
    t.save(update_fields=["paused_since"])
    t = deadlines.trajectory_deadline_resume(actor=liv["staff"], trajectory=t)
    assert t.deadline == original + dt.timedelta(days=10)
    with pytest.raises(ValidationFailed):
        deadlines.trajectory_deadline_extend(actor=liv["staff"], trajectory=t, new_deadline=original, reason="Te vroeg")
    t = deadlines.trajectory_deadline_extend(
        actor=liv["staff"], trajectory=t, new_deadline=original + dt.timedelta(days=40), reason="Tweede gesprek met psychiater"
    )
    assert t.deadline == original + dt.timedelta(days=40)
