from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import InvolvementReason, SignalInvolvement
from ketensignaal.persons.models import Person, PersonName, PersonSignalLink
from ketensignaal.routing.tests.factories import submit


@pytest.fixture
def lro(reference: None, make_user: Any) -> dict[str, Any]:
    return {
        "hub": make_user("ind.tsz", "handler", "hub-analyst", "lro-member"),
        "cter": make_user("politie.cter", "handler", "lro-member"),
        "kmar": make_user("kmar.intelligence", "handler", "lro-member"),
        "coa": make_user("coa", "reporter"),
        "kmar_reporter": make_user("kmar.ir", "reporter"),
        "outsider": make_user("coa", "handler"),
    }


def _at_hub(signal: Any) -> Any:
    """The signal reached the hub (as a forward would leave it): the hub holds it and is involved."""
    hub = Unit.objects.get(code="ind.tsz")
    SignalInvolvement.objects.get_or_create(signal=signal, unit=hub, defaults={"reason": InvolvementReason.ROUTED})
    type(signal).objects.filter(pk=signal.pk).update(current_unit=hub)
    signal.refresh_from_db()
    return signal


def coa_signal(lro: dict[str, Any], **changes: Any) -> Any:
    return _at_hub(submit(lro["coa"], **changes))


def kmar_signal(lro: dict[str, Any], **changes: Any) -> Any:
    return _at_hub(submit(lro["kmar_reporter"], **changes))


def link(signal: Any, person: Person, user: Any, name: str | None = None) -> None:
    """Link as the hub would; the first linked signal brings the person's display name as a name variant."""
    PersonSignalLink.objects.create(signal=signal, person=person, linked_by=user)
    if name is None and not PersonName.objects.filter(person=person).exists():
        name = person.display_name
    if name:
        lower = name.lower()
        PersonName.objects.create(
            person=person, original=name, script="Latn", cleaned=lower, latin=lower, significant=lower, source_signal=signal
        )


def person(name: str) -> Person:
    return Person.objects.create(display_name=name)


def soon(days: int = 14) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()
