"""Reads of the training registry: the catalogue, completions, and coverage per location and organisation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from ketensignaal.core.need_to_know import visible
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import subject_ref
from ketensignaal.governance.reads import reads_logged
from ketensignaal.identity.models import Organisation, Unit, User
from ketensignaal.training.models import KeyFigure, Training, TrainingCompletion
from ketensignaal.training.scopes import is_unit_coordinator, may_see_coverage

NEW_STAFF_DAYS = 90


def trainings_list(*, user: Any) -> QuerySet[Training]:
    return visible(user, Training.objects.filter(is_active=True))


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def _trained_user_ids(user_ids: list[int], today: dt.date) -> set[int]:
    """Staff with a still valid completion of a training that counts for coverage."""
    rows = TrainingCompletion.objects.filter(
        user_id__in=user_ids, training__counts_for_coverage=True, training__is_active=True
    ).values_list("user_id", "completed_on", "training__valid_months")
    return {uid for uid, on, months in rows if months is None or _add_months(on, months) >= today}


@dataclass
class CoverageRow:
    unit: str
    label: str
    staff: int
    trained: int
    share: float | None
    key_figure_present: bool
    new_staff_untrained: int

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class Coverage:
    organisation: str
    label: str
    rows: list[CoverageRow] = field(default_factory=list)

    @property
    def staff(self) -> int:
        return sum(r.staff for r in self.rows)

    @property
    def trained(self) -> int:
        return sum(r.trained for r in self.rows)

    @property
    def share(self) -> float | None:
        return round(self.trained / self.staff, 3) if self.staff else None


def coverage_for(*, user: Any, organisation_code: str) -> Coverage:
    """Share of staff trained and key-figure presence per unit (location) of one organisation. Unseen = 404."""
    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None or not may_see_coverage(user, organisation_id=organisation.pk):
        raise Http404
    today = timezone.localdate()
    units = list(Unit.objects.filter(organisation=organisation, is_active=True).order_by("code"))
    staff = list(User.objects.filter(unit__in=units, is_active=True).values_list("pk", "unit_id", "date_joined"))
    trained = _trained_user_ids([pk for pk, _, _ in staff], today)
    key_units = set(
        KeyFigure.objects.filter(unit__in=units, since__lte=today).exclude(until__lt=today).values_list("unit_id", flat=True)
    )
    per_unit: dict[int, list[tuple[int, Any]]] = defaultdict(list)
    for pk, unit_id, joined in staff:
        per_unit[unit_id].append((pk, joined))
    new_since = timezone.now() - dt.timedelta(days=NEW_STAFF_DAYS)
    coverage = Coverage(organisation=organisation.code, label=organisation.name)
    for unit in units:
        members = per_unit.get(unit.pk, [])
        n_trained = sum(1 for pk, _ in members if pk in trained)
        coverage.rows.append(
            CoverageRow(
                unit=unit.code,
                label=unit.name,
                staff=len(members),
                trained=n_trained,
                share=round(n_trained / len(members), 3) if members else None,
                key_figure_present=unit.pk in key_units,
                new_staff_untrained=sum(1 for pk, joined in members if joined >= new_since and pk not in trained),
            )
        )
    return coverage


def untrained_new_staff(*, user: Any) -> list[User]:
    """New colleagues in the coordinator's own unit who have no valid training yet (flagged to the coordinator)."""
    if not is_unit_coordinator(user):
        return []
    new_since = timezone.now() - dt.timedelta(days=NEW_STAFF_DAYS)
    colleagues = list(User.objects.filter(unit_id=user.unit_id, is_active=True, date_joined__gte=new_since).order_by("last_name"))
    trained = _trained_user_ids([c.pk for c in colleagues], timezone.localdate())
    return [c for c in colleagues if c.pk not in trained]


def completions_for(*, user: Any, channel: str = "web") -> QuerySet[TrainingCompletion]:
    """Completions the user may see; handing them out is a read of staff data, logged per row."""
    qs = visible(user, TrainingCompletion.objects.select_related("training", "user")).order_by("-completed_on")
    return reads_logged(
        qs,
        user=user,
        activity=Activity.TRAINING_REGISTRY,
        object_type="training-completion",
        subject=lambda c: subject_ref("staff", c.user_id),
        channel=channel,
    )[:200]


def registrable_staff(*, user: Any) -> list[Any]:
    """Every active professional with a unit, for the functional admin's registration picker, by unit and name."""
    from ketensignaal.identity.models import User
    from ketensignaal.training.scopes import may_manage_trainings

    if not may_manage_trainings(user):
        return []
    return list(
        User.objects.filter(is_active=True, unit__isnull=False)
        .select_related("unit")
        .order_by("unit__name", "last_name", "first_name", "username")
    )
