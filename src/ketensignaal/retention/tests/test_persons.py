"""A person record whose last signal is destroyed starts its own period (person without signals) and is destroyed
after it, unless another file still refers to it or a hold is on it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.governance.processing_log import subject_ref
from ketensignaal.persons.models import Person, PersonName, PersonSignalLink
from ketensignaal.retention import services
from ketensignaal.retention.models import DestructionItem, ItemStatus, RetentionClock
from ketensignaal.retention.tests.conftest import closed_signal

pytestmark = pytest.mark.django_db


def _destroy_all(people: Any, *, days_later: int = 15) -> list[Any]:
    lists = services.destruction_lists_propose(today=timezone.localdate() + timedelta(days=days_later - 15))
    for dlist in lists:
        services.destruction_list_confirm(actor=people["officer"], dlist=dlist, channel="web")
        services.destruction_run(dlist=dlist, now=timezone.now() + timedelta(days=days_later))
    return lists


def test_a_person_left_without_signals_is_destroyed_after_its_own_period(people: Any) -> None:
    signal = closed_signal(people)
    person = Person.objects.create(display_name="Persoon", created_at=timezone.now() - timedelta(days=500))
    PersonSignalLink.objects.create(signal=signal, person=person, linked_by=people["handler"])
    PersonName.objects.create(
        person=person,
        original="Mohammed al-Hassan",
        script="Latn",
        cleaned="mohammed al-hassan",
        latin="mohammed al hassan",
        significant="mohammed hassan",
        source_signal=signal,
    )

    (first,) = _destroy_all(people)
    assert set(first.items.values_list("record_type", flat=True)) == {"signal-unfounded"}, "the person had a signal"
    assert Person.objects.filter(pk=person.pk).exists()
    assert RetentionClock.objects.filter(object_id=person.pk).exists(), "its own period starts when its last signal goes"

    assert services.destruction_lists_propose() == [], "not before its own period (3 months) has passed"
    (second,) = _destroy_all(people, days_later=120)
    item = DestructionItem.objects.get(list=second)
    assert (item.record_type, item.status, item.reference) == (
        "person-without-signals",
        ItemStatus.DESTROYED,
        f"P-{str(person.pk)[:8].upper()}",
    )
    assert not Person.objects.filter(pk=person.pk).exists() and not PersonName.objects.filter(person_id=person.pk).exists()
    assert ProcessingLogEntry.objects.filter(data_subject_ref=subject_ref("person", person.pk), action="delete").exists()


def test_a_person_with_an_ambtsbericht_or_a_hold_stays(people: Any) -> None:
    from ketensignaal.disclosures.models import Ambtsbericht

    old = timezone.now() - timedelta(days=500)
    with_report = Person.objects.create(display_name="A", created_at=old)
    held = Person.objects.create(display_name="B", created_at=old)
    plain = Person.objects.create(display_name="C", created_at=old)
    Ambtsbericht.objects.create(
        service="aivd",
        dated=timezone.localdate(),
        subject="Onderwerp",
        content="Inhoud",
        person=with_report,
        received_by=people["handler"],
    )
    services.legal_hold_place(
        actor=people["officer"], target="person", identifier=str(held.pk), reason="Verzoek betrokkene", channel="web"
    )
    (dlist,) = services.destruction_lists_propose()
    proposed = set(dlist.items.values_list("object_id", flat=True))
    assert with_report.pk not in proposed, "ambtsbericht"
    assert held.pk not in proposed, "hold"
    assert proposed == {plain.pk}
