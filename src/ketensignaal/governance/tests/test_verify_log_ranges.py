"""PostgreSQL: verification split into ranges checked on parallel connections finds a break in either range and at
the boundary between them (each range reaches one entry back for its first link), and names the first broken entry.

The log here has 40 entries and two workers, so the chain is checked as two ranges, 1–20 and 21–40 (the threshold
for parallel checking is lowered for the test; the code path is the one a log of millions takes).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from django.db import connection, transaction

from ketensignaal.governance import processing_log
from ketensignaal.governance.models import AuditRecord, LogHead, ProcessingLogEntry
from ketensignaal.governance.processing_log import (
    LogItem,
    canonical_bytes,
    entry_hash,
    processing_log_record,
    processing_log_verify,
)
from ketensignaal.governance.tests.log_tools import audit_fields, entry_fields, log_wipe, tampering

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ENTRIES = 40
FIRST_OF_SECOND_RANGE = 21


@pytest.fixture(autouse=True)
def _parallel_ranges(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int, int]]]:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (ranges checked in the database on parallel connections)")
    monkeypatch.setattr(processing_log, "PARALLEL_MIN_ENTRIES", 10)
    checked: list[tuple[int, int]] = []
    original = processing_log._pg_check_range

    def spy(lo: int, hi: int, before: str | None, own_connection: bool) -> tuple[int, int]:
        checked.append((lo, hi))
        # In parallel: the caller's connection checks ranges on the main thread, each helper thread on its own.
        assert own_connection != (threading.current_thread() is threading.main_thread())
        return original(lo, hi, before, own_connection)

    monkeypatch.setattr(processing_log, "_pg_check_range", spy)
    with transaction.atomic():
        processing_log_record(
            actor=None,
            items=[
                LogItem(activity="signaal-inzage", action="read", object_type="signal", object_id=n)
                for n in range(1, ENTRIES + 1)
            ],
        )
    yield checked
    log_wipe()


def _verify() -> processing_log.VerifyResult:
    return processing_log_verify(workers=2)


def test_intact_log_is_checked_as_two_parallel_ranges(_parallel_ranges: list[tuple[int, int]]) -> None:
    result = _verify()
    assert result.intact and result.checked == ENTRIES
    assert sorted(_parallel_ranges) == [(1, 20), (21, 40)]


@pytest.mark.parametrize("sequence", [1, 7, 20, FIRST_OF_SECOND_RANGE, 33, ENTRIES])
def test_changed_entry_in_either_range_is_named(sequence: int) -> None:
    with transaction.atomic(), tampering():
        ProcessingLogEntry.objects.filter(sequence=sequence).update(object_id="vervalst")
    result = _verify()
    assert result.broken_at == sequence
    assert "gewijzigd" in result.reason
    assert result.checked == sequence - 1


@pytest.mark.parametrize("sequence", [7, 20, FIRST_OF_SECOND_RANGE, 33])
def test_changed_entry_with_its_own_hash_recomputed_breaks_the_next_link(sequence: int) -> None:
    """Entry 20 rewritten with a valid hash of its own: the break is entry 21's link, the first entry of the second
    range, which only the look-back across the boundary sees."""
    entry = ProcessingLogEntry.objects.get(sequence=sequence)
    entry.object_id = "vervalst"
    forged = entry_hash(canonical_bytes(**entry_fields(entry), **audit_fields(sequence)))
    with transaction.atomic(), tampering():
        ProcessingLogEntry.objects.filter(sequence=sequence).update(object_id="vervalst", entry_hash=forged)
    result = _verify()
    assert result.broken_at == sequence + 1
    assert "sluit niet aan" in result.reason


@pytest.mark.parametrize("sequence", [20, FIRST_OF_SECOND_RANGE])
def test_removed_entry_at_the_boundary_is_named(sequence: int) -> None:
    with transaction.atomic(), tampering():
        AuditRecord.objects.filter(entry_id=sequence).delete()
        ProcessingLogEntry.objects.filter(sequence=sequence).delete()
    result = _verify()
    assert result.broken_at == sequence
    assert "ontbreekt" in result.reason


def test_removed_audit_record_in_the_second_range_is_named() -> None:
    with transaction.atomic(), tampering():
        AuditRecord.objects.filter(entry_id=30).delete()
    result = _verify()
    assert result.broken_at == 30
    assert "auditrecord" in result.reason


def test_cut_tail_is_found_against_the_head() -> None:
    with transaction.atomic(), tampering():
        AuditRecord.objects.filter(entry_id__gt=35).delete()
        ProcessingLogEntry.objects.filter(sequence__gt=35).delete()
    result = _verify()
    assert not result.intact
    assert result.broken_at == 36
    assert LogHead.objects.get(pk=1).sequence == ENTRIES
