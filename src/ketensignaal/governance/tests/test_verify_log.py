"""``ketensignaal verify-log`` detects every way of tampering with the hash-chained processing log."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from ketensignaal.governance.models import AuditRecord, LogHead, ProcessingLogEntry
from ketensignaal.governance.processing_log import (
    LogItem,
    canonical_bytes,
    entry_hash,
    processing_log_record,
    processing_log_verify,
    subject_ref,
)
from ketensignaal.governance.tests.log_tools import audit_fields, entry_fields, tampering

pytestmark = pytest.mark.django_db


def _append(count: int) -> None:
    with transaction.atomic():
        processing_log_record(
            actor=None,
            items=[
                LogItem(
                    activity="signaal-behandeling",
                    action="read",
                    object_type="signal",
                    object_id=n,
                    subject=subject_ref("signal", n),
                )
                for n in range(1, count + 1)
            ],
        )


def _verify(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify-log", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def _fields(entry: ProcessingLogEntry) -> dict[str, object]:
    return entry_fields(entry)


def _hash(entry: ProcessingLogEntry) -> str:
    """The hash a forger computes for an entry (its audit record's fields included)."""
    return entry_hash(canonical_bytes(**_fields(entry), **audit_fields(entry.sequence)))  # type: ignore[arg-type]


def test_intact_log_exits_0_with_count() -> None:
    _append(5)
    code, out, _ = _verify()
    assert code == 0
    assert "5 regels gecontroleerd" in out


def test_the_operator_reads_dutch_by_default_and_english_by_choice() -> None:
    """Issue 10: the messages follow ``--language`` (Dutch by default, whatever the active language of the caller);
    the count and the first broken entry's number stay in them (API.md), and no line mixes the two languages."""
    from django.utils import translation

    _append(5)
    with translation.override("en"):  # the caller's language does not choose: the command's option does
        code, out, _ = _verify()
    assert code == 0 and out.strip() == (
        "Verwerkingenlog intact: 5 regels gecontroleerd. Nog geen ondertekend checkpoint (ketensignaal log-checkpoint)."
    )
    code, out, _ = _verify("--language", "en")
    assert code == 0 and out.strip() == (
        "Processing log intact: 5 entries checked. No signed checkpoint yet (ketensignaal log-checkpoint)."
    )
    with tampering():
        ProcessingLogEntry.objects.filter(sequence=4).update(object_id="999")
    code, _, dutch = _verify()
    assert code == 1 and dutch.strip() == (
        "Verwerkingenlog GEBROKEN bij regel 4: regel 4 is gewijzigd (hash klopt niet) (3 regels daarvóór gecontroleerd)."
    )
    code, _, english = _verify("--language", "en")
    assert code == 1 and english.strip() == (
        "Processing log BROKEN at entry 4: entry 4 was changed (the hash does not match) (3 entries verified before it)."
    )


def test_empty_log_is_intact() -> None:
    code, out, _ = _verify()
    assert code == 0 and "0 regels gecontroleerd" in out


def test_exit_code_is_1_through_system_exit() -> None:
    _append(3)
    with tampering():
        ProcessingLogEntry.objects.filter(sequence=2).update(action="delete")
    with pytest.raises(SystemExit) as exc:
        call_command("verify-log", stdout=io.StringIO(), stderr=io.StringIO())
    assert exc.value.code == 1


def test_changed_entry_is_named() -> None:
    _append(6)
    with tampering():
        ProcessingLogEntry.objects.filter(sequence=4).update(object_id="999")
    code, _, err = _verify()
    assert code == 1
    assert "regel 4" in err and "gewijzigd" in err


def test_changed_entry_with_recomputed_hash_breaks_the_next_link() -> None:
    _append(6)
    entry = ProcessingLogEntry.objects.get(sequence=3)
    entry.legal_basis = "vervalst@v9"
    forged = _hash(entry)
    with tampering():
        ProcessingLogEntry.objects.filter(sequence=3).update(legal_basis="vervalst@v9", entry_hash=forged)
    code, _, err = _verify()
    assert code == 1
    assert "regel 4" in err


def test_removed_entry_is_named() -> None:
    _append(6)
    with tampering():
        AuditRecord.objects.filter(entry_id=3).delete()
        ProcessingLogEntry.objects.filter(sequence=3).delete()
    code, _, err = _verify()
    assert code == 1
    assert "regel 3" in err and "verwijderd" in err


def test_inserted_entry_is_named() -> None:
    """Renumber entries 3..6 to 4..7 and insert a well-formed forged entry at 3, chained to entry 2."""
    _append(6)
    second = ProcessingLogEntry.objects.get(sequence=2)
    with tampering():
        for seq in range(6, 2, -1):
            ProcessingLogEntry.objects.filter(sequence=seq).update(sequence=seq + 1)
        forged = ProcessingLogEntry(
            **{**_fields(second), "sequence": 3, "object_id": "ingevoegd", "prev_hash": second.entry_hash}
        )
        forged.entry_hash = entry_hash(canonical_bytes(**_fields(forged), **audit_fields(3)))  # type: ignore[arg-type]
        forged.save(force_insert=True)  # audit record 3 (the original entry 3's) now stands for it
        LogHead.objects.filter(pk=1).update(sequence=7)
    code, _, err = _verify()
    assert code == 1
    assert "regel 4" in err


def test_entry_appended_behind_the_head_is_detected() -> None:
    _append(4)
    last = ProcessingLogEntry.objects.get(sequence=4)
    forged = ProcessingLogEntry(**{**_fields(last), "sequence": 5, "prev_hash": last.entry_hash, "object_id": "achteraf"})
    forged.entry_hash = entry_hash(canonical_bytes(**_fields(forged), **audit_fields(4)))  # type: ignore[arg-type]
    forged.save(force_insert=True)  # inserts are allowed; the head row was not moved
    AuditRecord.objects.create(entry=forged, **audit_fields(4))
    code, _, err = _verify()
    assert code == 1
    assert "regel 5" in err


def test_reordered_entries_are_named() -> None:
    _append(6)
    with tampering():
        ProcessingLogEntry.objects.filter(sequence=2).update(sequence=-2)
        ProcessingLogEntry.objects.filter(sequence=3).update(sequence=2)
        ProcessingLogEntry.objects.filter(sequence=-2).update(sequence=3)
    code, _, err = _verify()
    assert code == 1
    assert "regel 2" in err


def test_cut_tail_is_named() -> None:
    _append(6)
    with tampering():
        AuditRecord.objects.filter(entry_id__gte=5).delete()
        ProcessingLogEntry.objects.filter(sequence__gte=5).delete()
    code, _, err = _verify()
    assert code == 1
    assert "regel 5" in err


def test_verify_walks_in_batches() -> None:
    _append(25)
    assert processing_log_verify(batch_size=7).checked == 25


def test_fields_with_escapes_and_non_ascii_verify() -> None:
    with transaction.atomic():
        processing_log_record(
            actor=None,
            items=[
                LogItem(
                    activity="beheer",
                    action="update",
                    object_type="x\\y",
                    object_id="tab\there\nnewline €ü محمد",
                    legal_basis="a\\b",
                )
            ],
        )
    _append(2)
    code, out, _ = _verify()
    assert code == 0 and "3 regels gecontroleerd" in out
