"""core.statements (tested here, above core, with real models): built INSERTs behave as bulk_create and save do."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ketensignaal.core import statements
from ketensignaal.governance.models import AuditRecord, ProcessingLogEntry
from ketensignaal.identity.models import Organisation, Unit

pytestmark = pytest.mark.django_db


def test_insert_reads_back_keys_the_database_makes_and_marks_objects_saved(reference):
    organisation = Organisation.objects.first()
    units = [Unit(code=f"test.unit-{i}", name=f"Eenheid {i}", organisation=organisation) for i in range(3)]
    with CaptureQueriesContext(connection) as queries:
        statements.insert(units)
    assert len(queries) == 1
    assert all(u.pk is not None and not u._state.adding and u._state.db == "default" for u in units)
    stored = dict(Unit.objects.filter(code__startswith="test.unit-").values_list("code", "pk"))
    assert stored == {u.code: u.pk for u in units}
    statements.insert([Unit(code="test.unit-9", name="Negen", organisation=organisation)])  # another row count
    assert Unit.objects.filter(code="test.unit-9").exists()


def test_insert_with_given_keys_and_a_one_to_one_key(db):
    entry = _entry(10_000_001)
    statements.insert([entry])
    statements.insert([AuditRecord(entry=entry, actor_username="system")])
    assert ProcessingLogEntry.objects.get(sequence=10_000_001).audit.actor_username == "system"


def test_insert_refuses_an_unsaved_related_object_as_bulk_create_does(reference):
    with pytest.raises(ValueError, match="unsaved related object"):
        statements.insert([Unit(code="test.x", name="X", organisation=Organisation(code="nieuw", name="Nieuw"))])


def _entry(sequence: int) -> ProcessingLogEntry:
    return ProcessingLogEntry(
        sequence=sequence,
        trace_id="t" * 32,
        span_id="s" * 16,
        occurred_at=timezone.now(),
        activity="test",
        action="read",
        object_type="x",
        object_id="1",
        prev_hash="0" * 64,
        entry_hash="1" * 64,
    )


@pytest.mark.parametrize("model", [ProcessingLogEntry, Unit])  # a key given (one INSERT), a key the database makes (save)
def test_create_sends_pre_and_post_save_like_save(reference, model):
    seen: list[tuple[str, Any]] = []

    def before(sender: Any, instance: Any, **kwargs: Any) -> None:
        seen.append(("pre", instance._state.adding))

    def after(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
        seen.append(("post", created))

    obj = (
        _entry(10_000_002)
        if model is ProcessingLogEntry
        else Unit(code="test.c", name="C", organisation=Organisation.objects.first())
    )
    pre_save.connect(before, sender=model)
    post_save.connect(after, sender=model)
    try:
        created = statements.create(obj)
    finally:
        pre_save.disconnect(before, sender=model)
        post_save.disconnect(after, sender=model)
    assert created is obj and model.objects.filter(pk=obj.pk).exists() and not obj._state.adding
    assert seen == [("pre", True), ("post", True)]
