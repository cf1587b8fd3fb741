"""Assigning LSE staff and pool experts to a trajectory."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.dates import long_date
from ketensignaal.core.errors import Unprocessable, ValidationFailed
from ketensignaal.identity.models import User
from ketensignaal.trajectories.audit import trajectory_log
from ketensignaal.trajectories.config import liv_unit_code
from ketensignaal.trajectories.models import Assignment, Expert, LivTrajectory, Phase


@transaction.atomic
def trajectory_member_assign(
    *,
    actor: Any,
    trajectory: LivTrajectory,
    expert_id: Any = None,
    staff_username: str = "",
    task: str = "",
    channel: str = "web",
) -> Assignment:
    """An expert must be available today (an availability period covers it); staff must belong to the LIV."""
    from ketensignaal.trajectories.services import _lock, _require_staff, _touch, liv_signal_grant

    _require_staff(actor)
    trajectory = _lock(trajectory)
    if trajectory.phase in (Phase.WEIGHING, Phase.NOT_ACCEPTED, Phase.CLOSED):
        raise Unprocessable(gettext("Een team wordt samengesteld voor een aangenomen, lopend traject."), code="phase_closed")
    if bool(expert_id) == bool(staff_username):
        raise ValidationFailed(
            gettext("Kies één expert of één medewerker."),
            invalid_params=[{"name": "expert", "code": "required", "reason": gettext("Kies een expert of een medewerker.")}],
        )
    expert = staff = None
    if expert_id:
        expert = Expert.objects.filter(pk=int(expert_id), is_active=True).first() if str(expert_id).isdigit() else None
        if expert is None:
            raise ValidationFailed(
                gettext("Onbekende expert."),
                invalid_params=[{"name": "expert", "code": "not_found", "reason": gettext("Deze expert staat niet in de pool.")}],
            )
        today = timezone.localdate()
        if not expert.is_available_on(today):
            raise Unprocessable(
                gettext("%(expert)s is niet beschikbaar op %(today)s; kies een andere expert of pas de beschikbaarheid aan.")
                % {"expert": expert.name, "today": long_date(today)},
                code="expert_unavailable",
                invalid_params=[
                    {
                        "name": "expert",
                        "code": "unavailable",
                        "reason": gettext("%(expert)s heeft geen beschikbaarheid op %(today)s.")
                        % {"expert": expert.name, "today": long_date(today)},
                    }
                ],
            )
        if trajectory.assignments.filter(expert=expert).exists():
            raise Unprocessable(gettext("%(expert)s is al toegewezen.") % {"expert": expert.name}, code="already_assigned")
    else:
        staff = User.objects.filter(username=staff_username, unit__code=liv_unit_code(), is_active=True).first()
        if staff is None:
            raise ValidationFailed(
                gettext("Onbekende medewerker."),
                invalid_params=[
                    {"name": "staff", "code": "not_found", "reason": gettext("Geen medewerker van het LIV met deze naam.")}
                ],
            )
        if trajectory.assignments.filter(staff=staff).exists():
            raise Unprocessable(
                gettext("%(staff)s is al toegewezen.") % {"staff": staff.display_name},
                code="already_assigned",
            )
    assignment = Assignment.objects.create(
        trajectory=trajectory, expert=expert, staff=staff, task=(task or "").strip(), assigned_by=actor
    )
    # The assigned team member gets need to know on the trajectory's signals in person — not the whole LIV unit.
    member = staff if staff is not None else (expert.user if expert is not None else None)
    if member is not None:
        liv_signal_grant(
            actor=actor,
            signals=trajectory.signals.all(),
            users=[member],
            justification=f"Toegewezen aan LIV-traject {trajectory.reference}" + (f": {task.strip()}" if task.strip() else ""),
            channel=channel,
        )
    _touch(trajectory)
    trajectory_log(
        actor=actor,
        trajectory=trajectory,
        action="update",
        channel=channel,
        object_type="liv-assignment",
        object_id=assignment.pk,
    )
    return assignment
