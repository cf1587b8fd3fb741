"""Issue 17 item 5: "decision recorded", "task assigned" and "trajectory phase changed" reach the subscribed unit as
CloudEvents that carry ids and types only; and no write path of the four event-bearing objects bypasses the save
hooks (bulk writes send no save signals)."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

import pytest

from ketensignaal.coordination import services as lro_services
from ketensignaal.coordination.models import Decision, Task
from ketensignaal.coordination.tests.conftest import coa_signal, soon
from ketensignaal.identity.models import Unit
from ketensignaal.trajectories import services as liv_services
from ketensignaal.trajectories.catalogue import catalogue_load
from ketensignaal.trajectories.models import LivTrajectory, Phase
from ketensignaal.trajectories.tests.conftest import ACCEPT_ANSWERS
from ketensignaal.webhooks.models import Delivery, EventType, Subscription

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2]
# What an event's data may hold: the unit code, object ids and a few enumerated types (never text about a person).
ALLOWED_DATA = {"unit", "signal", "task", "decision", "kind", "trajectory", "phase"}
ID_KEYS = {"signal", "task", "decision", "trajectory"}


def _subscribe(unit_code: str, *types: str, by: Any) -> Subscription:
    unit = Unit.objects.get(code=unit_code)
    return Subscription.objects.create(
        organisation=unit.organisation,
        unit=unit,
        url="https://partner.example.org/hook",
        types=list(types),
        secret="s" * 32,
        created_by=by,
    )


def _ids_and_types_only(event: dict[str, Any], *personal: str) -> None:
    data = event["data"]
    assert set(data) <= ALLOWED_DATA, data
    for key in ID_KEYS & set(data):
        uuid.UUID(data[key])
    uuid.UUID(event["subject"])
    text = repr(event)
    for value in personal:
        assert value not in text, f"{value!r} in {text}"


def test_decision_recorded_and_task_assigned_reach_the_owner_unit_with_ids_only(
    reference: None, make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    hub = make_user("ind.tsz", "handler", "hub-analyst", "lro-member")
    lro = {"hub": hub, "coa": make_user("coa", "reporter")}
    _subscribe("politie.cter", EventType.DECISION_RECORDED, EventType.TASK_ASSIGNED, by=hub)
    _subscribe("coa.bureau-veiligheid", EventType.DECISION_RECORDED, EventType.TASK_ASSIGNED, by=hub)  # not the owner
    meeting = lro_services.meeting_create(actor=hub)
    signal = coa_signal(lro, subject__names=[{"name": "Yusuf Haddad"}])
    item = lro_services.item_put_forward(
        actor=hub, meeting_id=meeting.pk, signal_id=signal.pk, reason="Zorgen", justification="Gezamenlijke duiding nodig."
    )
    with django_capture_on_commit_callbacks(execute=False):
        decision = lro_services.decision_record(
            actor=hub,
            meeting_id=meeting.pk,
            item_id=item.pk,
            interpretation="Zorgelijke uitlatingen over een gewapende groep",
            decision="police-cter",
            owner="politie.cter",
            due=soon(),
        )
    task = Task.objects.get(decision=decision)
    deliveries = {d.type: d for d in Delivery.objects.select_related("subscription__unit")}
    assert set(deliveries) == {EventType.DECISION_RECORDED, EventType.TASK_ASSIGNED}
    assert {d.subscription.unit.code for d in deliveries.values()} == {"politie.cter"}

    recorded = deliveries[EventType.DECISION_RECORDED].event
    assert recorded["type"] == "nl.ketensignaal.decision.recorded"
    assert recorded["data"] == {"unit": "politie.cter", "decision": str(decision.pk), "kind": "police-cter"}
    assert recorded["subject"] == str(decision.pk)
    assigned = deliveries[EventType.TASK_ASSIGNED].event
    assert assigned["data"] == {"unit": "politie.cter", "task": str(task.pk)}
    for event in (recorded, assigned):
        _ids_and_types_only(event, "Yusuf", "Haddad", "gewapende", signal.reference, signal.observation_text[:20])


def test_every_phase_change_of_a_trajectory_reaches_client_and_requester_with_ids_only(reference: None, make_user: Any) -> None:
    from ketensignaal.trajectories.tests.conftest import signal_for

    catalogue_load()
    coa = make_user("coa.bureau-veiligheid", "handler")
    staff = make_user("lse.liv", "liv-staff")
    _subscribe("coa.bureau-veiligheid", EventType.TRAJECTORY_PHASE_CHANGED, by=staff)
    _subscribe("coa", EventType.TRAJECTORY_PHASE_CHANGED, by=staff)
    _subscribe("lse.liv", EventType.SIGNAL_ARRIVED, by=staff)  # another type: nothing
    question = "Is er sprake van radicalisering bij deze bewoner?"
    trajectory = liv_services.trajectory_request(
        actor=coa, client_code="coa", question=question, signal_id=signal_for(coa).pk, channel="api"
    )
    assert trajectory.phase == Phase.WEIGHING
    first = {d.subscription.unit.code for d in Delivery.objects.select_related("subscription__unit")}
    assert first == {"coa", "coa.bureau-veiligheid"}  # the request itself: client and requesting unit
    liv_services.trajectory_weigh(actor=staff, trajectory=trajectory, accepted=True, answers=ACCEPT_ANSWERS, channel="api")
    trajectory.refresh_from_db()
    events = [d.event for d in Delivery.objects.filter(type=EventType.TRAJECTORY_PHASE_CHANGED).order_by("created_at")]
    assert len(events) == 4
    assert {e["data"]["phase"] for e in events} == {Phase.WEIGHING, trajectory.phase}
    assert trajectory.phase != Phase.WEIGHING
    for event in events:
        assert event["type"] == "nl.ketensignaal.trajectory.phase-changed"
        assert event["data"]["trajectory"] == str(trajectory.pk)
        _ids_and_types_only(event, question[:20], trajectory.reference)
    assert not Delivery.objects.filter(type=EventType.SIGNAL_ARRIVED).exists()
    assert LivTrajectory.objects.count() == 1


EVENT_MODELS = ("Signal", "Task", "Decision", "LivTrajectory")
EVENT_FIELDS = ("current_unit", "owner_unit", "phase")


def test_no_write_path_bypasses_the_hooks_that_emit_events() -> None:
    """The hooks are post_save receivers; ``bulk_create``/``bulk_update`` and ``QuerySet.update`` send no save signal.
    Today no production code writes a signal, task, decision or trajectory in bulk, nor moves a signal's unit, a
    task's owner or a trajectory's phase with ``update()`` (every hop goes through ``Model.save``): this test keeps it
    so. A bulk path that must exist calls ``webhooks.outbox.outbox_add`` itself and is listed here with its reason."""
    bulk = re.compile(r"\b(" + "|".join(EVENT_MODELS) + r")\.objects\.bulk_(create|update)\(")
    moving_update = re.compile(r"\.update\(([^()]|\([^()]*\))*\b(" + "|".join(EVENT_FIELDS) + r")(_id)?\s*=", re.S)
    offenders = []
    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC).as_posix()
        if "/tests/" in relative or "/migrations/" in relative:
            continue
        text = path.read_text(encoding="utf-8")
        if bulk.search(text):
            offenders.append(f"{relative}: bulk write of an event-bearing object")
        for match in moving_update.finditer(text):
            offenders.append(f"{relative}: update() of {match.group(2)}")
    assert offenders == []


def test_the_check_finds_a_bulk_path(tmp_path: Path) -> None:
    """The patterns above do match the writes they guard against (so an empty list means something)."""
    bulk = re.compile(r"\b(" + "|".join(EVENT_MODELS) + r")\.objects\.bulk_(create|update)\(")
    moving_update = re.compile(r"\.update\(([^()]|\([^()]*\))*\b(" + "|".join(EVENT_FIELDS) + r")(_id)?\s*=", re.S)
    assert bulk.search("Signal.objects.bulk_create(rows)")
    assert moving_update.search("Signal.objects.filter(pk__in=ids).update(\n    status='x', current_unit=hub)")
    assert moving_update.search("LivTrajectory.objects.filter(pk=pk).update(phase=Phase.ADVICE)")
    assert not moving_update.search("Task.objects.filter(decision=d).update(status=TaskStatus.DROPPED)")
    assert Decision and Task  # the models named are the hooks' senders
