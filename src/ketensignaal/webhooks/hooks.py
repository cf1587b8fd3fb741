"""Save hooks that put events in the outbox, inside the transaction of the change itself.

A ``post_save`` runs in the writer's transaction, so the ``Delivery`` rows commit (or roll back) with the change;
sending happens after commit in a job (``delivery``). Only ``Model.save``/``create`` send these signals. No production
path writes a signal, task, decision or trajectory with ``bulk_create``/``bulk_update``, nor moves a signal's unit, a
task's owner or a trajectory's phase with ``QuerySet.update()`` (a signal is saved on submit and on every hop; the
bulk ``update()`` calls on tasks change only status, due date and description, which are no events).
``tests/test_event_types.py`` keeps it so; a bulk path that must exist calls ``outbox.outbox_add`` itself.

- signal arrived: a signal is created, or saved with a new ``current_unit`` → its current unit;
- task assigned: an LRO follow-up task is created, or saved with a new ``owner_unit`` → the owner unit;
- decision recorded: an LRO decision is created → its owner unit;
- trajectory phase changed: a LIV trajectory is saved with ``phase`` among the updated fields → client and
  requesting unit.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from ketensignaal.coordination.models import Decision, Task
from ketensignaal.intake.models import Signal
from ketensignaal.trajectories.models import LivTrajectory
from ketensignaal.webhooks.models import EventType
from ketensignaal.webhooks.outbox import outbox_add


def _changed(kwargs: dict[str, Any], field: str) -> bool:
    fields = kwargs.get("update_fields")
    return fields is not None and field in fields


@receiver(post_save, sender=Signal, dispatch_uid="webhooks-signal-arrived")
def signal_saved(sender: Any, instance: Signal, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or not (created or _changed(kwargs, "current_unit")):
        return
    outbox_add(
        type=EventType.SIGNAL_ARRIVED,
        unit_ids=[instance.current_unit_id],
        subject=instance.pk,
        data={"signal": str(instance.pk)},
        path=f"/api/v1/signals/{instance.pk}",
    )


@receiver(post_save, sender=Task, dispatch_uid="webhooks-task-assigned")
def task_saved(sender: Any, instance: Task, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or not (created or _changed(kwargs, "owner_unit")):
        return
    outbox_add(
        type=EventType.TASK_ASSIGNED, unit_ids=[instance.owner_unit_id], subject=instance.pk, data={"task": str(instance.pk)}
    )


@receiver(post_save, sender=Decision, dispatch_uid="webhooks-decision-recorded")
def decision_saved(sender: Any, instance: Decision, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or not created:
        return
    outbox_add(
        type=EventType.DECISION_RECORDED,
        unit_ids=[instance.owner_unit_id],
        subject=instance.pk,
        data={"decision": str(instance.pk), "kind": instance.kind},
    )


@receiver(post_save, sender=LivTrajectory, dispatch_uid="webhooks-trajectory-phase")
def trajectory_saved(sender: Any, instance: LivTrajectory, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or not (created or _changed(kwargs, "phase")):
        return
    outbox_add(
        type=EventType.TRAJECTORY_PHASE_CHANGED,
        unit_ids=[instance.client_id, instance.requesting_unit_id],
        subject=instance.pk,
        data={"trajectory": str(instance.pk), "phase": instance.phase},
    )
