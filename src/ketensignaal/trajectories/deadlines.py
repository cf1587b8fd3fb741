"""The three-month turnaround (seed 000): start, pause, extension, warnings, overdue.

The term is configurable: ``settings.LIV_DEADLINE_MONTHS`` (default 3) and
``settings.LIV_WARNING_WEEKS`` (default (6, 2)). The deadline is stored as a
date and moved on resume or extension, each with a recorded reason.
"""

from __future__ import annotations

import calendar
import logging
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from ketensignaal.core.dates import long_date
from ketensignaal.core.errors import Unprocessable, ValidationFailed
from ketensignaal.trajectories.audit import trajectory_log
from ketensignaal.trajectories.config import liv_unit_code
from ketensignaal.trajectories.models import DeadlineEvent, DeadlineEventKind, LivTrajectory, Phase

logger = logging.getLogger(__name__)
OPEN_PHASES = (Phase.INTAKE, Phase.INTERPRETATION, Phase.ADVICE)


def deadline_months() -> int:
    return int(getattr(settings, "LIV_DEADLINE_MONTHS", 3))


def warning_weeks() -> tuple[int, int]:
    six, two = getattr(settings, "LIV_WARNING_WEEKS", (6, 2))
    return int(six), int(two)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deadline_start(*, trajectory: LivTrajectory, actor: Any, at: datetime) -> None:
    """Called by the weighing service inside its transaction; the caller saves the trajectory."""
    trajectory.accepted_at = at
    trajectory.deadline = add_months(timezone.localdate(at), deadline_months())
    DeadlineEvent.objects.create(
        trajectory=trajectory, kind=DeadlineEventKind.STARTED, deadline_after=trajectory.deadline, by=actor, at=at
    )


def _locked_open(trajectory: LivTrajectory) -> LivTrajectory:
    from ketensignaal.trajectories.services import _lock, _require_staff  # noqa: F401

    trajectory = _lock(trajectory)
    if trajectory.phase not in OPEN_PHASES or trajectory.deadline is None:
        raise Unprocessable(gettext("De termijn loopt alleen voor aangenomen, lopende trajecten."), code="no_running_deadline")
    return trajectory


def _reason_required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            gettext("Een reden is verplicht."),
            invalid_params=[{"name": "reason", "code": "required", "reason": gettext("Geef de reden.")}],
        )
    return reason


@transaction.atomic
def trajectory_deadline_pause(*, actor: Any, trajectory: LivTrajectory, reason: str, channel: str = "web") -> LivTrajectory:
    from ketensignaal.trajectories.services import _require_staff, _touch

    _require_staff(actor)
    reason = _reason_required(reason)
    trajectory = _locked_open(trajectory)
    if trajectory.paused_since is not None:
        raise Unprocessable(gettext("De termijn is al gepauzeerd."), code="already_paused")
    trajectory.paused_since = timezone.localdate()
    DeadlineEvent.objects.create(
        trajectory=trajectory, kind=DeadlineEventKind.PAUSED, reason=reason, deadline_after=trajectory.deadline, by=actor
    )
    _touch(trajectory, "paused_since")
    trajectory_log(actor=actor, trajectory=trajectory, action="update", channel=channel)
    return trajectory


@transaction.atomic
def trajectory_deadline_resume(*, actor: Any, trajectory: LivTrajectory, reason: str = "", channel: str = "web") -> LivTrajectory:
    """The paused days are added to the deadline."""
    from ketensignaal.trajectories.services import _require_staff, _touch

    _require_staff(actor)
    trajectory = _locked_open(trajectory)
    if trajectory.paused_since is None:
        raise Unprocessable(gettext("De termijn is niet gepauzeerd."), code="not_paused")
    assert trajectory.deadline is not None  # _locked_open guarantees a running term
    trajectory.deadline = trajectory.deadline + (timezone.localdate() - trajectory.paused_since)
    trajectory.paused_since = None
    DeadlineEvent.objects.create(
        trajectory=trajectory,
        kind=DeadlineEventKind.RESUMED,
        reason=(reason or "").strip(),
        deadline_after=trajectory.deadline,
        by=actor,
    )
    _touch(trajectory, "paused_since", "deadline")
    trajectory_log(actor=actor, trajectory=trajectory, action="update", channel=channel)
    return trajectory


@transaction.atomic
def trajectory_deadline_extend(
    *, actor: Any, trajectory: LivTrajectory, new_deadline: date | None, reason: str, channel: str = "web"
) -> LivTrajectory:
    from ketensignaal.trajectories.services import _require_staff, _touch

    _require_staff(actor)
    reason = _reason_required(reason)
    trajectory = _locked_open(trajectory)
    current = trajectory.deadline
    assert current is not None  # _locked_open guarantees a running term
    if new_deadline is None or new_deadline <= current:
        raise ValidationFailed(
            gettext("De nieuwe termijn moet later liggen dan de huidige."),
            invalid_params=[
                {
                    "name": "new_deadline",
                    "code": "not_later",
                    "reason": gettext("Kies een datum na %(current)s.") % {"current": long_date(current)},
                }
            ],
        )
    trajectory.deadline = new_deadline
    trajectory.warned_six_weeks_at = None
    trajectory.warned_two_weeks_at = None
    DeadlineEvent.objects.create(
        trajectory=trajectory, kind=DeadlineEventKind.EXTENDED, reason=reason, deadline_after=new_deadline, by=actor
    )
    _touch(trajectory, "deadline", "warned_six_weeks_at", "warned_two_weeks_at")
    trajectory_log(actor=actor, trajectory=trajectory, action="update", channel=channel)
    return trajectory


def deadline_state(trajectory: LivTrajectory, today: date | None = None) -> str:
    """'overdue', 'two-weeks', 'six-weeks', 'paused', 'on-track' or '' (no running term)."""
    if trajectory.phase not in OPEN_PHASES or trajectory.deadline is None:
        return ""
    if trajectory.paused_since is not None:
        return "paused"
    today = today or timezone.localdate()
    six, two = warning_weeks()
    if trajectory.deadline < today:
        return "overdue"
    if trajectory.deadline - timedelta(weeks=two) <= today:
        return "two-weeks"
    if trajectory.deadline - timedelta(weeks=six) <= today:
        return "six-weeks"
    return "on-track"


DEADLINE_LABELS = {
    "overdue": gettext_lazy("Termijn verstreken"),
    "two-weeks": gettext_lazy("Minder dan twee weken"),
    "six-weeks": gettext_lazy("Minder dan zes weken"),
    "paused": gettext_lazy("Gepauzeerd"),
    "on-track": gettext_lazy("Binnen termijn"),
}


def _notify_liv(subject: str, body: str) -> None:
    from ketensignaal.identity.models import User

    recipients = list(
        User.objects.filter(unit__code=liv_unit_code(), roles__code="liv-staff", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
        except Exception:  # mail trouble must not stop the sweep; the warning is also on the LIV overview
            logger.exception("LIV deadline warning mail failed")


def trajectory_deadline_sweep(*, today: date | None = None) -> dict[str, int]:
    """Record the six- and two-week warnings once per trajectory; callable from procrastinate and `run-jobs`.

    The mail names only the reference and the date, never the person.
    """
    today = today or timezone.localdate()
    six, two = warning_weeks()
    warned = {"six_weeks": 0, "two_weeks": 0}
    candidates = LivTrajectory.objects.filter(phase__in=OPEN_PHASES, deadline__isnull=False, paused_since__isnull=True)
    for pk in candidates.filter(deadline__lte=today + timedelta(weeks=six)).values_list("pk", flat=True):
        with transaction.atomic():
            trajectory = LivTrajectory.objects.select_for_update().select_related("client").get(pk=pk)
            kinds = []
            deadline = trajectory.deadline
            if deadline is None:
                continue
            if trajectory.warned_two_weeks_at is None and deadline <= today + timedelta(weeks=two):
                trajectory.warned_two_weeks_at = timezone.now()
                kinds.append((DeadlineEventKind.WARNED_TWO, "two_weeks"))
            if trajectory.warned_six_weeks_at is None:
                trajectory.warned_six_weeks_at = timezone.now()
                if not kinds:
                    kinds.append((DeadlineEventKind.WARNED_SIX, "six_weeks"))
            if not kinds:
                continue
            trajectory.save(update_fields=["warned_six_weeks_at", "warned_two_weeks_at"])
            for kind, key in kinds:
                DeadlineEvent.objects.create(trajectory=trajectory, kind=kind, deadline_after=trajectory.deadline)
                warned[key] += 1
                label = DeadlineEventKind(kind).label
                subject = f"LIV-termijn {trajectory.reference}: {label}"
                body = f"De termijn van traject {trajectory.reference} verloopt op {long_date(trajectory.deadline)}."
                transaction.on_commit(partial(_notify_liv, subject, body))
            trajectory_log(actor=None, trajectory=trajectory, action="update", channel="job")
    return warned
