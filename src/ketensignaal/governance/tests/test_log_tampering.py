"""The four tampering cases of issue 16 that ``verify-log`` used to call "intact", on SQLite and on PostgreSQL.

The attacker here steps around the append-only triggers (``tampering()``: PostgreSQL replica mode as a superuser,
dropped triggers on SQLite) — what a database superuser can always do. The application's own database role cannot
(``test_log_db_roles.py``); signed checkpoints outside the database make even the superuser's rewrite visible.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from ketensignaal.governance.checkpoints import checkpoints_load, log_checkpoint_write, log_verify
from ketensignaal.governance.models import AuditRecord, LogHead, ProcessingLogEntry
from ketensignaal.governance.processing_log import (
    GENESIS,
    LogItem,
    canonical_bytes,
    entry_hash,
    processing_log_record,
    processing_log_verify,
    subject_ref,
)
from ketensignaal.governance.tests.log_tools import audit_fields, entry_fields, rechain_from, tampering

pytestmark = pytest.mark.django_db


def _append(count: int, actor: Any = None, channel: str = "web") -> None:
    with transaction.atomic():
        processing_log_record(
            actor=actor,
            channel=channel,
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


def _command(name: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def _checkpoint() -> dict[str, Any]:
    code, out, err = _command("log-checkpoint")
    assert code == 0, err
    return json.loads(out[: out.rindex("}") + 1])


def _remove(sequences: list[int]) -> None:
    AuditRecord.objects.filter(entry_id__in=sequences).delete()
    ProcessingLogEntry.objects.filter(sequence__in=sequences).delete()


@pytest.fixture
def officer(make_user: Any) -> Any:
    return make_user("ind.tsz", "hub-analyst", "privacy-officer", username="analist")


# --- 1. TRUNCATE of the log and audit tables plus resetting the head row ---------------------------------------------


def test_truncate_and_head_reset_is_detected_by_the_checkpoint(officer: Any) -> None:
    _append(5, officer)
    assert _checkpoint()["count"] == 5
    with tampering():
        _remove(list(range(1, 6)))
        LogHead.objects.filter(pk=1).update(sequence=0, entry_hash=GENESIS)
    assert processing_log_verify().intact  # the chain alone cannot tell: an empty log is a valid chain
    code, out, err = _command("verify-log")
    assert code == 1 and not out
    assert "checkpoint" in err and "telt 0 regels" in err and "ondertekende er 5" in err
    code, _, err = _command("verify-log", "--incremental")
    assert code == 1 and "regel 5 bestaat niet meer" in err
    code, _, err = _command("log-checkpoint")  # nor does a new checkpoint paper over it
    assert code == 1 and "Geen checkpoint geschreven" in err


# --- 2. Triggers bypassed, the tail deleted and the head moved back ----------------------------------------------------


def test_cut_tail_with_the_head_moved_back_is_detected_by_the_checkpoint(officer: Any) -> None:
    _append(6, officer)
    _checkpoint()
    fourth = ProcessingLogEntry.objects.get(sequence=4)
    with tampering():
        _remove([5, 6])
        LogHead.objects.filter(pk=1).update(sequence=4, entry_hash=fourth.entry_hash)
    assert processing_log_verify().intact
    code, _, err = _command("verify-log")
    assert code == 1 and "telt 4 regels" in err and "ondertekende er 6" in err


# --- 3. An entry changed and every later hash recomputed ---------------------------------------------------------------


def test_changed_entry_with_the_chain_recomputed_is_detected_by_the_checkpoint(officer: Any) -> None:
    _append(6, officer)
    _checkpoint()
    _append(2, officer)  # entries after the checkpoint, so the rewrite spans it
    with tampering():
        ProcessingLogEntry.objects.filter(sequence=3).update(object_id="verzonnen", action="create")
        rechain_from(3)
    assert processing_log_verify().intact  # consistent again: the unkeyed chain alone cannot show it
    code, _, err = _command("verify-log")
    assert code == 1 and "regel 6 heeft een andere hash dan ondertekend" in err and "herschreven" in err
    code, _, err = _command("verify-log", "--incremental")
    assert code == 1 and "regel 6 heeft een andere hash" in err


def test_rewrite_before_an_older_checkpoint_is_caught_by_every_checkpoint(officer: Any) -> None:
    _append(3, officer)
    _checkpoint()
    _append(3, officer)
    _checkpoint()
    with tampering():
        ProcessingLogEntry.objects.filter(sequence=2).update(legal_basis="vervalst@v9")
        rechain_from(2)
    result = log_verify()
    assert not result.intact and "regel 3 heeft een andere hash" in result.message


# --- 4. Who acted changed -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("actor_username", "iemand-anders"),
        ("actor_unit", "coa.bureau-veiligheid"),
        ("actor_roles", "functional-admin"),
        ("channel", "api"),
        ("actor_id", 999_999),
    ],
)
def test_changed_actor_fields_break_the_chain(officer: Any, field: str, value: object) -> None:
    _append(4, officer)
    with tampering():
        AuditRecord.objects.filter(entry_id=2).update(**{field: value})
    code, _, err = _command("verify-log")
    assert code == 1
    assert "regel 2" in err and "gewijzigd" in err


def test_changed_actor_with_the_chain_recomputed_is_detected_by_the_checkpoint(officer: Any) -> None:
    _append(4, officer)
    _checkpoint()
    with tampering():
        AuditRecord.objects.filter(entry_id=2).update(actor_username="iemand-anders", actor_unit="coa.bureau-veiligheid")
        rechain_from(2)
    code, _, err = _command("verify-log")
    assert code == 1 and "herschreven" in err


def test_removed_audit_record_is_named(officer: Any) -> None:
    _append(3, officer)
    with tampering():
        AuditRecord.objects.filter(entry_id=2).delete()
    code, _, err = _command("verify-log")
    assert code == 1 and "regel 2" in err and "auditrecord" in err


def test_an_audit_record_without_its_entry_is_named(officer: Any) -> None:
    """Migration 0010 dropped the audit record's foreign key on PostgreSQL (thousands of deferred checks per large
    step); verify-log names what it used to refuse: an audit record for an entry that does not exist."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps the audit record's foreign key (migration 0010)")
    _append(3, officer)
    AuditRecord.objects.create(entry_id=7, actor_username="iemand", channel="web")  # an INSERT: no trigger refuses it
    assert processing_log_verify().broken_at == 7
    code, _, err = _command("verify-log")
    assert code == 1 and "regel 7" in err and "auditrecord" in err


def test_audit_record_holds_roles_and_is_inside_the_hash(officer: Any) -> None:
    _append(1, officer, channel="api")
    entry = ProcessingLogEntry.objects.get(sequence=1)
    audit = AuditRecord.objects.get(entry_id=1)
    assert (audit.actor_username, audit.actor_unit, audit.actor_roles, audit.channel) == (
        "analist",
        "ind.tsz",
        "hub-analyst,privacy-officer",
        "api",
    )
    assert entry.entry_hash == entry_hash(canonical_bytes(**entry_fields(entry), **audit_fields(1)))
    assert b"analist\x1find.tsz\x1fhub-analyst,privacy-officer\x1fapi" in canonical_bytes(
        **entry_fields(entry), **audit_fields(1)
    )


# --- Checkpoints themselves ---------------------------------------------------------------------------------------------


def test_intact_log_agrees_with_its_checkpoints_and_incremental_counts_only_new_entries(officer: Any) -> None:
    code, out, _ = _command("verify-log")
    assert code == 0 and "0 regels gecontroleerd" in out and "Nog geen ondertekend checkpoint" in out
    _append(4, officer)
    first = _checkpoint()
    assert first["count"] == 4 and first["head"] == ProcessingLogEntry.objects.get(sequence=4).entry_hash
    _append(3, officer)
    code, out, _ = _command("verify-log")
    assert code == 0 and "7 regels gecontroleerd" in out and "Komt overeen met het laatste ondertekende checkpoint" in out
    code, out, _ = _command("verify-log", "--incremental")
    assert code == 0 and "3 regels gecontroleerd sinds het ondertekende checkpoint bij regel 4 (7 in het log)" in out
    assert _checkpoint()["count"] == 7
    assert [c.count for c in checkpoints_load()[0]] == [4, 7]


def test_forged_or_foreign_checkpoint_is_refused(officer: Any, settings: Any) -> None:
    _append(2, officer)
    _checkpoint()
    (path,) = sorted(settings.LOG_CHECKPOINT_DIR.glob("*.json"))
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "count": 1}))
    code, _, err = _command("verify-log")
    assert code == 1 and "handtekening klopt niet" in err
    path.write_text(json.dumps(data))
    assert _command("verify-log")[0] == 0
    settings.LOG_CHECKPOINT_KEY = "22" * 32
    code, _, err = _command("verify-log")
    assert code == 1 and "andere sleutel" in err


def test_checkpoint_messages_in_english_by_choice(officer: Any) -> None:
    """Issue 10: the checkpoint's own problems and the log-checkpoint command follow ``--language`` too."""
    _append(5, officer)
    assert _command("log-checkpoint", "--language", "en")[0] == 0
    code, out, _ = _command("verify-log", "--language", "en")
    assert code == 0 and "5 entries checked. Agrees with the latest signed checkpoint" in out and "regel" not in out
    with tampering():
        _remove([3, 4, 5])
        LogHead.objects.filter(pk=1).update(sequence=2, entry_hash=ProcessingLogEntry.objects.get(sequence=2).entry_hash)
    code, _, err = _command("verify-log", "--language", "en")
    assert code == 1 and "the log holds 2 entries, the checkpoint signed 5" in err and "regel" not in err
    code, _, err = _command("log-checkpoint", "--language", "en")
    assert code == 1 and err.startswith("No checkpoint written.") and "no longer exists" in err
    code, _, err = _command("log-checkpoint")
    assert code == 1 and err.startswith("Geen checkpoint geschreven.") and "bestaat niet meer" in err


def test_a_broken_log_gets_no_checkpoint(officer: Any) -> None:
    _append(3, officer)
    with tampering():
        ProcessingLogEntry.objects.filter(sequence=2).update(object_id="x")
    with pytest.raises(Exception, match="regel 2"):
        log_checkpoint_write()
    assert checkpoints_load() == ([], [])


def test_periodic_job_writes_a_checkpoint(officer: Any) -> None:
    from ketensignaal.core.jobs import periodic_jobs

    _append(2, officer)
    assert periodic_jobs()["log-checkpoint"]()["count"] == 2
    assert [c.count for c in checkpoints_load()[0]] == [2]
