"""Service rules the LRO and other contexts rely on: LRO referral, legal basis, CTER decision, exclusive conclusions."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.core.errors import NoLegalBasis, ValidationFailed
from ketensignaal.intake.models import SignalInvolvement
from ketensignaal.trajectories import services
from ketensignaal.trajectories.models import LivTrajectory, Phase
from ketensignaal.trajectories.tests.conftest import ACCEPT_ANSWERS, signal_for

pytestmark = pytest.mark.django_db


def test_lro_referral_by_the_hub(liv: dict[str, Any]) -> None:
    signal = signal_for(liv["ind"])
    t = services.trajectory_request(
        actor=liv["ind"],
        client_code="coa",
        question="LRO: duiding door het LIV",
        signal_id=signal.pk,
        source="lro",
        channel="web",
    )
    assert t.source == "lro" and t.phase == Phase.WEIGHING and t.requesting_unit.code == "ind.tsz"
    assert SignalInvolvement.objects.filter(signal=signal, unit__code="lse.liv").exists()


def test_municipality_without_registered_flow_is_refused(liv: dict[str, Any]) -> None:
    signal = signal_for(liv["gemeente"])
    with pytest.raises(NoLegalBasis) as exc:
        services.trajectory_request(
            actor=liv["gemeente"], client_code="gemeente.utrecht", question="?", signal_id=signal.pk, channel="web"
        )
    assert "geen grondslag" in exc.value.detail.lower()
    assert not LivTrajectory.objects.exists()
    assert not SignalInvolvement.objects.filter(unit__code="lse.liv").exists()


def _at_advice(liv: dict[str, Any]) -> LivTrajectory:
    t = services.trajectory_request(actor=liv["staff"], client_code="coa", question="Vraag", channel="web")
    services.trajectory_weigh(actor=liv["staff"], trajectory=t, accepted=True, answers=ACCEPT_ANSWERS)
    services.trajectory_phase_fill(
        actor=liv["staff"], trajectory=t, phase="intake", answers={"aanleiding": "a", "beschikbare_informatie": "b"}
    )
    services.trajectory_advance(actor=liv["staff"], trajectory=t)
    services.trajectory_phase_fill(
        actor=liv["staff"], trajectory=t, phase="interpretation", answers={"verloop_gesprekken": "a", "duiding": "b"}
    )
    for code in ("isolement", "sociale-steun"):
        services.trajectory_factor_record(
            actor=liv["staff"], trajectory=t, factor_code=code, presence="unknown", explanation="Nog uitzoeken"
        )
    return services.trajectory_advance(actor=liv["staff"], trajectory=t)


def test_cter_concerns_need_a_recorded_decision_to_report(liv: dict[str, Any]) -> None:
    t = _at_advice(liv)
    with pytest.raises(ValidationFailed) as exc:
        services.trajectory_conclusion_record(actor=liv["staff"], trajectory=t, conclusions=["cter-concerns"], advice="Melden")
    assert {p["name"] for p in exc.value.invalid_params} == {"cter_reported_by", "cter_reported_at", "cter_reported_to"}
    t.refresh_from_db()
    assert t.conclusions == []
    t = services.trajectory_conclusion_record(
        actor=liv["staff"],
        trajectory=t,
        conclusions=["cter-concerns", "psychological-problems"],
        advice="Zorg en melden",
        cter_reported_by="Teamleider LIV",
        cter_reported_at=timezone.now(),
        cter_reported_to="Politie CTER en AIVD",
    )
    assert t.cter_reported_to == "Politie CTER en AIVD"


def test_no_radicalisation_and_cter_concerns_exclude_each_other(liv: dict[str, Any]) -> None:
    t = _at_advice(liv)
    with pytest.raises(ValidationFailed) as exc:
        services.trajectory_conclusion_record(
            actor=liv["staff"], trajectory=t, conclusions=["no-radicalisation", "cter-concerns"], advice="x"
        )
    assert "contradiction" in {p["code"] for p in exc.value.invalid_params}


def test_accepting_with_a_no_on_a_criterion_is_refused(liv: dict[str, Any]) -> None:
    from ketensignaal.core.errors import Unprocessable

    t = services.trajectory_request(actor=liv["staff"], client_code="coa", question="Vraag", channel="web")
    answers = {**ACCEPT_ANSWERS, "proportionaliteit": {"answer": False, "explanation": "Lichtere zorg volstaat"}}
    with pytest.raises(Unprocessable):
        services.trajectory_weigh(actor=liv["staff"], trajectory=t, accepted=True, answers=answers)
    t.refresh_from_db()
    assert t.phase == Phase.WEIGHING and t.deadline is None
