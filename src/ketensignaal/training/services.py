"""Writes of the training registry; each with its processing-log entry in the same transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import Conflict, NotAllowed, ValidationFailed
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.identity.models import Unit, User
from ketensignaal.training.models import KeyFigure, Training, TrainingCompletion
from ketensignaal.training.scopes import may_manage_trainings, may_register_completion

ACTIVITY = Activity.TRAINING_REGISTRY
EARLIEST = dt.date(2000, 1, 1)


def _log(*, actor: Any, action: str, object_type: str, object_id: object, person: User, channel: str) -> None:
    processing_log_record(
        actor=actor,
        items=[
            LogItem(
                activity=ACTIVITY,
                action=action,
                object_type=object_type,
                object_id=object_id,
                subject=subject_ref("staff", person.pk),
                legal_basis=ACTIVITY,
            )
        ],
        channel=channel,
    )


@transaction.atomic
def completion_register(
    *, actor: Any, username: str, training_code: str, completed_on: dt.date, channel: str
) -> TrainingCompletion:
    """Record that a professional completed a training on a date. Nothing is written when a check fails."""
    person = User.objects.filter(username=username, is_active=True).first()
    training = Training.objects.filter(code=training_code, is_active=True).first()
    problems = []
    if person is None or not may_register_completion(actor, for_user=person):
        if person is not None and not may_manage_trainings(actor):
            raise NotAllowed(gettext("U kunt alleen uw eigen gevolgde training registreren."))
        problems.append({"name": "username", "reason": gettext("Geen actieve medewerker met deze gebruikersnaam.")})
    if training is None:
        problems.append({"name": "training", "reason": gettext("Geen training met deze code in de catalogus.")})
    today = timezone.localdate()
    if completed_on > today or completed_on < EARLIEST:
        problems.append({"name": "completed_on", "reason": gettext("De datum ligt in de toekomst of vóór 2000.")})
    if problems:
        raise ValidationFailed(gettext("De training is niet geregistreerd."), invalid_params=problems)
    assert person is not None and training is not None
    if TrainingCompletion.objects.filter(user=person, training=training, completed_on=completed_on).exists():
        raise Conflict(
            gettext("Deze training is voor deze medewerker op deze datum al geregistreerd."), code="already_registered"
        )
    completion = TrainingCompletion.objects.create(user=person, training=training, completed_on=completed_on, registered_by=actor)
    _log(actor=actor, action="create", object_type="training-completion", object_id=completion.pk, person=person, channel=channel)
    return completion


@transaction.atomic
def key_figure_assign(*, actor: Any, username: str, unit_code: str, channel: str) -> KeyFigure:
    if not may_manage_trainings(actor):
        raise NotAllowed(gettext("Alleen de functioneel beheerder wijst sleutelfiguren aan."))
    person = User.objects.filter(username=username, is_active=True).first()
    unit = Unit.objects.filter(code=unit_code, is_active=True).first()
    problems = []
    if person is None:
        problems.append({"name": "username", "reason": gettext("Geen actieve medewerker met deze gebruikersnaam.")})
    if unit is None:
        problems.append({"name": "unit", "reason": gettext("Geen actieve eenheid met deze code.")})
    if problems:
        raise ValidationFailed(gettext("De sleutelfiguur is niet aangewezen."), invalid_params=problems)
    assert person is not None and unit is not None
    figure, _ = KeyFigure.objects.get_or_create(
        user=person, unit=unit, until__isnull=True, defaults={"since": timezone.localdate()}
    )
    _log(actor=actor, action="create", object_type="key-figure", object_id=figure.pk, person=person, channel=channel)
    return figure


@transaction.atomic
def training_create(*, actor: Any, code: str, name: str, provider: str = "", valid_months: int | None = None) -> Training:
    """A new training in the catalogue (functional admin)."""
    if not may_manage_trainings(actor):
        raise NotAllowed(gettext("Alleen de functioneel beheerder voegt trainingen toe."))
    if Training.objects.filter(code=code).exists():
        raise Conflict(gettext("Er is al een training met deze code."), code="training_exists")
    return Training.objects.create(code=code, name=name, provider=provider, valid_months=valid_months)
