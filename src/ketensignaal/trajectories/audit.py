"""Processing-log entries for the LIV trajectory (activity ``liv-traject``); reads go through ``governance.reads``."""

from __future__ import annotations

from typing import Any

from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import LegalBasisFlow
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.governance.reads import read_item, reads_record
from ketensignaal.trajectories.models import LivTrajectory

ACTIVITY = Activity.LIV_TRAJECTORY
LIV_ORGANISATION = "lse"


def legal_basis_label(trajectory: LivTrajectory) -> str:
    """The registered flow from the client's organisation to the LSE, else the activity's own basis."""
    flow = (
        LegalBasisFlow.objects.filter(
            from_organisation_id=trajectory.client.organisation_id, to_organisation__code=LIV_ORGANISATION, is_current=True
        )
        .order_by("-version")
        .first()
    )
    return flow.version_label if flow else str(ACTIVITY.value)


def subject_of(trajectory: LivTrajectory) -> str:
    """The first linked signal's subject (uses prefetched signals when the caller prefetched them)."""
    signal_ids = sorted(str(s.pk) for s in trajectory.signals.all())
    if signal_ids:
        return subject_ref("signal", signal_ids[0])
    return subject_ref("liv-trajectory", trajectory.pk)


def trajectory_log(
    *,
    actor: Any,
    trajectory: LivTrajectory,
    action: str,
    channel: str,
    object_type: str = "liv-trajectory",
    object_id: object = None,
    legal_basis: str = "",
) -> None:
    """Must be called inside the transaction of the change (processing_log_record enforces it)."""
    processing_log_record(
        actor=actor,
        items=[
            LogItem(
                activity=ACTIVITY,
                action=action,
                object_type=object_type,
                object_id=object_id or trajectory.pk,
                subject=subject_of(trajectory),
                legal_basis=legal_basis or legal_basis_label(trajectory),
            )
        ],
        channel=channel,
    )


def trajectories_log_read(
    *, actor: Any, trajectories: list[LivTrajectory], channel: str, object_type: str = "liv-trajectory"
) -> None:
    """One read entry per trajectory; flows are looked up once per client organisation."""
    bases: dict[int, str] = {}
    items = []
    for t in trajectories:
        org = t.client.organisation_id
        if org not in bases:
            bases[org] = legal_basis_label(t)
        items.append(
            read_item(activity=ACTIVITY, object_type=object_type, object_id=t.pk, subject=subject_of(t), legal_basis=bases[org])
        )
    reads_record(user=actor, items=items, channel=channel)
