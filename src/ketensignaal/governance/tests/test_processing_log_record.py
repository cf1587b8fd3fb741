"""Writing the processing log: append-only, in the change's transaction, correlated by traceparent."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from ketensignaal.core.tracing import new_trace
from ketensignaal.governance.models import AuditRecord, LogHead, ProcessingLogEntry
from ketensignaal.governance.processing_log import (
    LogItem,
    processing_log_append,
    processing_log_record,
    processing_log_verify,
    subject_ref,
)
from ketensignaal.governance.tests.log_tools import log_wipe


def _item(n: int = 1, **overrides: object) -> LogItem:
    fields: dict[str, object] = {
        "activity": "signaal-behandeling",
        "action": "read",
        "object_type": "signal",
        "object_id": n,
        "subject": subject_ref("signal", n),
    }
    fields.update(overrides)
    return LogItem(**fields)  # type: ignore[arg-type]


@pytest.mark.django_db
def test_entries_record_who_acted_in_a_linked_audit_record(make_user) -> None:
    officer = make_user("ind.tsz", "hub-analyst")
    with transaction.atomic():
        (entry,) = processing_log_record(actor=officer, items=[_item(legal_basis="ind-politie@v1")], channel="api")
    audit = AuditRecord.objects.get(entry=entry)
    assert (audit.actor_username, audit.actor_unit, audit.channel) == (officer.username, "ind.tsz", "api")
    assert entry.sequence == 1 and entry.prev_hash == "0" * 64 and len(entry.entry_hash) == 64
    assert entry.data_subject_ref != "1" and len(entry.data_subject_ref) == 64  # pseudonymised, not the id itself


@pytest.mark.django_db
@pytest.mark.parametrize("model", [ProcessingLogEntry, AuditRecord])
def test_update_is_refused_by_the_database(model: type) -> None:
    with transaction.atomic():
        processing_log_record(actor=None, items=[_item()])
    field = "object_id" if model is ProcessingLogEntry else "actor_username"
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.all().update(**{field: "anders"})
    assert processing_log_verify().intact


@pytest.mark.django_db
@pytest.mark.parametrize("model", [AuditRecord, ProcessingLogEntry])
def test_delete_is_refused_by_the_database(model: type) -> None:
    with transaction.atomic():
        processing_log_record(actor=None, items=[_item()])
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.all()._raw_delete(model.objects.db)  # plain SQL DELETE, no ORM cascade in between
    assert ProcessingLogEntry.objects.count() == 1 and AuditRecord.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_refuses_to_run_outside_a_transaction() -> None:
    with pytest.raises(RuntimeError, match="same transaction"):
        processing_log_record(actor=None, items=[_item()])
    assert ProcessingLogEntry.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_failed_change_takes_its_log_entry_with_it() -> None:
    class ChangeFailed(Exception):
        pass

    with pytest.raises(ChangeFailed), transaction.atomic():
        processing_log_record(actor=None, items=[_item()])
        raise ChangeFailed
    assert ProcessingLogEntry.objects.count() == 0
    assert LogHead.objects.filter(sequence__gt=0).count() == 0
    with transaction.atomic():
        (entry,) = processing_log_record(actor=None, items=[_item(2)])
    assert entry.sequence == 1  # no gap in the chain
    assert processing_log_verify().checked == 1
    log_wipe()  # the flush after a transactional test cannot DELETE from append-only tables on SQLite


@pytest.mark.django_db
def test_unknown_action_is_refused() -> None:
    with pytest.raises(ValueError), transaction.atomic():
        processing_log_record(actor=None, items=[_item(action="peek")])


@pytest.mark.django_db
def test_entries_carry_the_continued_trace() -> None:
    incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    ctx = new_trace(incoming)
    with transaction.atomic():
        (entry,) = processing_log_record(actor=None, items=[_item()])
    assert entry.trace_id == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert entry.parent_span_id == "00f067aa0ba902b7"
    assert entry.span_id == ctx.span_id != "00f067aa0ba902b7"


@pytest.mark.django_db
def test_traceparent_is_accepted_and_emitted_over_http(client) -> None:
    incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    response = client.get("/api/v1/openapi.json", HTTP_TRACEPARENT=incoming)
    emitted = response["traceparent"]
    assert emitted.startswith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
    assert emitted.split("-")[2] != "00f067aa0ba902b7"  # our own span, child of theirs
    fresh = client.get("/api/v1/openapi.json", HTTP_TRACEPARENT="garbage")["traceparent"]
    assert fresh.startswith("00-") and "4bf92f3577b34da6a3ce929d0e0e4736" not in fresh


@pytest.mark.django_db
def test_a_large_step_is_written_whole_and_chains_on(make_user) -> None:
    """A list read of hundreds of subjects (bulk path on PostgreSQL) keeps the chain, the audit and the head exact."""
    officer = make_user("ind.tsz", "hub-analyst")
    with transaction.atomic():
        processing_log_record(actor=officer, items=[_item(0)])
        entries = processing_log_record(actor=officer, items=[_item(n) for n in range(1, 301)], channel="api")
        processing_log_record(actor=officer, items=[_item(301)])
    assert [e.sequence for e in entries] == list(range(2, 302))
    assert ProcessingLogEntry.objects.count() == 302 and AuditRecord.objects.filter(channel="api").count() == 300
    stored = ProcessingLogEntry.objects.get(sequence=150)
    assert (stored.object_id, stored.entry_hash, stored.prev_hash) == ("149", entries[148].entry_hash, entries[147].entry_hash)
    assert AuditRecord.objects.get(entry_id=150).actor_username == officer.username
    assert LogHead.objects.get(pk=1).sequence == 302
    result = processing_log_verify()
    assert result.intact and result.checked == 302


@pytest.mark.django_db
def test_a_large_step_appended_without_instances_chains_the_same(make_user) -> None:
    """The append path (read logging) writes hundreds of entries in one packed statement on PostgreSQL; a value
    holding the packing's separators takes the column-array path. Either way the chain, audit and head are exact."""
    officer = make_user("ind.tsz", "hub-analyst")
    with transaction.atomic():
        processing_log_append(actor=officer, items=[_item(n) for n in range(1, 201)], channel="api")
        processing_log_append(actor=officer, items=[_item(n, object_id=f"x\x1fy\x1e{n}") for n in range(201, 301)])
        processing_log_append(actor=None, items=[_item(301)])
    assert ProcessingLogEntry.objects.count() == 301 and AuditRecord.objects.filter(channel="api").count() == 200
    stored = ProcessingLogEntry.objects.get(sequence=150)
    assert (stored.object_id, stored.object_type, stored.data_subject_ref) == ("150", "signal", subject_ref("signal", 150))
    assert ProcessingLogEntry.objects.get(sequence=250).object_id == "x\x1fy\x1e250"
    assert AuditRecord.objects.get(entry_id=150).actor_username == officer.username
    head = LogHead.objects.get(pk=1)
    assert (head.sequence, head.entry_hash) == (301, ProcessingLogEntry.objects.get(sequence=301).entry_hash)
    result = processing_log_verify()
    assert result.intact and result.checked == 301
