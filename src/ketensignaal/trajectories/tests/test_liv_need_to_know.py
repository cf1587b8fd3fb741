"""LIV experts see what they are assigned to, nothing more (issue 16 item 2)."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.intake.models import SignalInvolvement
from ketensignaal.trajectories import services
from ketensignaal.trajectories.team import trajectory_member_assign
from ketensignaal.trajectories.tests.conftest import ACCEPT_ANSWERS, make_expert

pytestmark = pytest.mark.django_db


def _signal_urls(signal_id: Any) -> list[str]:
    return [
        f"/api/v1/signals/{signal_id}",
        f"/api/v1/signals/{signal_id}/history",
        f"/api/v1/signals/{signal_id}/person-candidates",
    ]


def test_the_request_gives_the_coordinators_need_to_know_not_every_expert(
    liv: dict[str, Any], signal: Any, api_client_for: Any, make_user: Any
) -> None:
    t = services.trajectory_request(
        actor=liv["coa"], client_code="coa", question="Zorgen om psychische gezondheid", signal_id=signal.pk
    )
    # In person, never the whole lse.liv unit.
    assert not SignalInvolvement.objects.filter(signal=signal, unit__code="lse.liv", user__isnull=True).exists()
    assert SignalInvolvement.objects.filter(signal=signal, user=liv["staff"], legal_basis="coa-lse-liv@v1").exists()
    staff = api_client_for(liv["staff"])
    assert staff.get(f"/api/v1/signals/{signal.pk}").status_code == 200
    unassigned = api_client_for(liv["expert_user"])
    for url in _signal_urls(signal.pk):
        assert unassigned.get(url).status_code == 404, url  # exactly like an id that does not exist
    assert unassigned.get(f"/api/v1/liv-trajectories/{t.pk}").status_code == 404

    # Assigned to the trajectory, the expert sees the signal (in person; a colleague still does not).
    services.trajectory_weigh(actor=liv["staff"], trajectory=t, accepted=True, answers=ACCEPT_ANSWERS)
    expert = make_expert()
    expert.user = liv["expert_user"]
    expert.save()
    trajectory_member_assign(actor=liv["staff"], trajectory=t, expert_id=expert.pk, task="Duiding")
    assert unassigned.get(f"/api/v1/signals/{signal.pk}").status_code == 200
    assert unassigned.get(f"/api/v1/liv-trajectories/{t.pk}").status_code == 200
    colleague = api_client_for(make_user("lse.liv", "liv-expert"))
    assert colleague.get(f"/api/v1/signals/{signal.pk}").status_code == 404


def test_a_direct_trajectory_is_visible_to_its_assignees_and_the_coordinators_only(
    liv: dict[str, Any], api_client_for: Any
) -> None:
    t = services.trajectory_request(actor=liv["staff"], client_code="coa", question="Telefonische aanmelding", channel="web")
    assert api_client_for(liv["staff"]).get(f"/api/v1/liv-trajectories/{t.pk}").status_code == 200
    expert = api_client_for(liv["expert_user"])
    assert expert.get(f"/api/v1/liv-trajectories/{t.pk}").status_code == 404
    listed = expert.get("/api/v1/liv-trajectories").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert str(t.pk) not in {row["id"] for row in rows}


def test_person_candidates_answers_404_for_an_unseen_signal_like_a_random_id(
    liv: dict[str, Any], signal: Any, api_client_for: Any
) -> None:
    import uuid

    expert = api_client_for(liv["expert_user"])
    unseen = expert.get(f"/api/v1/signals/{signal.pk}/person-candidates")
    random = expert.get(f"/api/v1/signals/{uuid.uuid4()}/person-candidates")
    assert unseen.status_code == random.status_code == 404
