"""Writing and verifying the hash-chained processing log.

Entries are appended inside the caller's transaction (``transaction.atomic``
is required, so a log entry can never outlive or miss its change). The chain
tip is a locked row, which makes appends serial in commit order.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connection

from ketensignaal.core.tracing import current_trace
from ketensignaal.governance.models import AuditRecord, LogAction, LogHead, LogResult, ProcessingLogEntry

GENESIS = "0" * 64


def subject_ref(kind: str, identifier: object) -> str:
    """Pseudonymise a data subject with a keyed hash: stable, not reversible without the key."""
    message = f"{kind}:{identifier}".encode()
    return hmac.new(settings.PSEUDONYM_KEY.encode(), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class LogItem:
    activity: str
    action: str
    object_type: str
    object_id: object
    subject: str = ""
    legal_basis: str = ""
    result: str = LogResult.SUCCESS


@dataclass
class Actor:
    user: Any = None
    channel: str = "web"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def username(self) -> str:
        return getattr(self.user, "username", "") or "system"

    @property
    def unit_code(self) -> str:
        unit = getattr(self.user, "unit", None)
        return getattr(unit, "code", "") if unit is not None else ""


def canonical_bytes(
    sequence: int,
    trace_id: str,
    span_id: str,
    parent_span_id: str,
    occurred_at: datetime,
    activity: str,
    data_subject_ref: str,
    action: str,
    object_type: str,
    object_id: str,
    legal_basis: str,
    result: str,
    prev_hash: str,
) -> bytes:
    stamp = occurred_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return "\x1f".join(
        (
            str(sequence),
            trace_id,
            span_id,
            parent_span_id,
            stamp,
            activity,
            data_subject_ref,
            action,
            object_type,
            object_id,
            legal_basis,
            result,
            prev_hash,
        )
    ).encode()


def entry_hash(prev_hash: str, payload: bytes) -> str:
    return hashlib.sha256(prev_hash.encode() + payload).hexdigest()


def processing_log_record(*, actor: Any, items: Iterable[LogItem], channel: str = "web") -> list[ProcessingLogEntry]:
    """Append entries for one processing step. Must run inside the change's transaction."""
    items = list(items)
    if not items:
        return []
    if not connection.in_atomic_block:
        raise RuntimeError("The processing log must be written in the same transaction as the change.")
    for item in items:
        if item.action not in LogAction.values or item.result not in LogResult.values:
            raise ValueError(f"Unknown log action or result: {item.action}/{item.result}")
    trace = current_trace()
    now = datetime.now(UTC)
    head = LogHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = LogHead.objects.create(pk=1)
        head = LogHead.objects.select_for_update().get(pk=1)
    sequence, prev = head.sequence, head.entry_hash
    entries: list[ProcessingLogEntry] = []
    for item in items:
        sequence += 1
        fields: dict[str, Any] = {
            "sequence": sequence,
            "trace_id": trace.trace_id,
            "span_id": trace.span_id,
            "parent_span_id": trace.parent_span_id,
            "occurred_at": now,
            "activity": item.activity,
            "data_subject_ref": item.subject,
            "action": item.action,
            "object_type": item.object_type,
            "object_id": str(item.object_id),
            "legal_basis": item.legal_basis,
            "result": item.result,
            "prev_hash": prev,
        }
        prev = entry_hash(prev, canonical_bytes(**fields))
        entries.append(ProcessingLogEntry(entry_hash=prev, **fields))
    user = actor if not isinstance(actor, Actor) else actor.user
    unit = getattr(user, "unit", None)
    who = (
        getattr(user, "pk", None),
        getattr(user, "username", "") or "system",
        getattr(unit, "code", "") if unit is not None else "",
        channel,
    )
    if connection.vendor == "postgresql" and len(entries) > _BULK_THRESHOLD:
        _insert_many_postgresql(entries, who)
    else:
        ProcessingLogEntry.objects.bulk_create(entries)
        AuditRecord.objects.bulk_create(
            [AuditRecord(entry=e, actor_id=who[0], actor_username=who[1], actor_unit=who[2], channel=who[3]) for e in entries]
        )
    LogHead.objects.filter(pk=1).update(sequence=sequence, entry_hash=prev)
    return entries


# Above this many entries in one step (a list read, an agenda), PostgreSQL gets one array per column instead of
# one parameter per value: the statement stays small and the insert stays fast for thousands of entries.
_BULK_THRESHOLD = 50
_ENTRY_COLUMNS = (
    ("sequence", "bigint"),
    ("trace_id", "text"),
    ("span_id", "text"),
    ("parent_span_id", "text"),
    ("occurred_at", "timestamptz"),
    ("activity", "text"),
    ("data_subject_ref", "text"),
    ("action", "text"),
    ("object_type", "text"),
    ("object_id", "text"),
    ("legal_basis", "text"),
    ("result", "text"),
    ("prev_hash", "text"),
    ("entry_hash", "text"),
)
_INSERT_ENTRIES = (
    "INSERT INTO governance_processinglogentry ("  # noqa: S608 - built from the constant column list above
    + ", ".join(name for name, _ in _ENTRY_COLUMNS)
    + ") SELECT * FROM unnest("
    + ", ".join(f"%s::{kind}[]" for _, kind in _ENTRY_COLUMNS)
    + ")"
)
_INSERT_AUDIT = (
    "INSERT INTO governance_auditrecord (entry_id, actor_id, actor_username, actor_unit, channel) "
    "SELECT entry, %s, %s, %s, %s FROM unnest(%s::bigint[]) AS entry"
)


def _insert_many_postgresql(entries: list[ProcessingLogEntry], who: tuple[Any, str, str, str]) -> None:
    columns = [[getattr(e, name) for e in entries] for name, _ in _ENTRY_COLUMNS]
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_ENTRIES, columns)
        cursor.execute(_INSERT_AUDIT, [*who, columns[0]])


def processing_log_record_one(*, actor: Any, channel: str = "web", **item: Any) -> ProcessingLogEntry:
    return processing_log_record(actor=actor, items=[LogItem(**item)], channel=channel)[0]


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


_COLUMNS = (
    "sequence",
    "trace_id",
    "span_id",
    "parent_span_id",
    "occurred_at",
    "activity",
    "data_subject_ref",
    "action",
    "object_type",
    "object_id",
    "legal_basis",
    "result",
    "prev_hash",
    "entry_hash",
)


def _rows(batch_size: int) -> Iterator[tuple[Any, ...]]:
    last = 0
    while True:
        batch = list(
            ProcessingLogEntry.objects.filter(sequence__gt=last).order_by("sequence").values_list(*_COLUMNS)[:batch_size]
        )
        if not batch:
            return
        yield from batch
        last = batch[-1][0]


class _Chain:
    """Walks entries in order and remembers the first break."""

    def __init__(self) -> None:
        self.expected = 1
        self.prev = GENESIS
        self.checked = 0

    def step(self, sequence: int, stored_prev: str, payload: bytes, stored_hash: str) -> VerifyResult | None:
        if sequence != self.expected:
            kind = "ontbreekt (verwijderd)" if sequence > self.expected else "staat dubbel of verschoven"
            return VerifyResult(self.checked, self.expected, f"regel {self.expected} {kind}")
        if stored_prev != self.prev:
            return VerifyResult(
                self.checked, sequence, f"regel {sequence} sluit niet aan op de vorige regel (ingevoegd of verplaatst)"
            )
        if hashlib.sha256(self.prev.encode() + payload).hexdigest() != stored_hash:
            return VerifyResult(self.checked, sequence, f"regel {sequence} is gewijzigd (hash klopt niet)")
        self.prev = stored_hash
        self.expected += 1
        self.checked += 1
        return None

    def finish(self) -> VerifyResult:
        head = LogHead.objects.filter(pk=1).first()
        head_sequence, head_hash = (head.sequence, head.entry_hash) if head is not None else (0, GENESIS)
        if self.checked > head_sequence:
            return VerifyResult(
                head_sequence, head_sequence + 1, f"regel {head_sequence + 1} staat achter de kop van het log (ingevoegd)"
            )
        if self.checked < head_sequence:
            return VerifyResult(
                self.checked,
                self.checked + 1,
                f"het log eindigt bij regel {self.checked}, de kop verwacht regel {head_sequence} (verwijderd)",
            )
        if head_hash != self.prev:
            return VerifyResult(self.checked - 1, self.checked, f"regel {self.checked} komt niet overeen met de kop van het log")
        return VerifyResult(self.checked)


# The canonical bytes as PostgreSQL builds them (the same layout as ``canonical_bytes``).
_PG_CANONICAL = (
    "concat_ws(E'\\x1f', sequence, trace_id, span_id, parent_span_id, "
    "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), activity, data_subject_ref, action, "
    "object_type, object_id, legal_basis, result, prev_hash)"
)
# Streamed to Python when a break must be named precisely.
_PG_COPY = f"COPY (SELECT sequence, prev_hash, entry_hash, {_PG_CANONICAL} FROM governance_processinglogentry ORDER BY sequence) TO STDOUT"  # noqa: E501, S608 - constant SQL
# Two set-wise checks inside the database (sha256 in C, parallel scans), instead of walking entries one by one:
# every entry's own hash, and every entry's link to the one before it. Sequences are the primary key, so
# count == max and min == 1 mean they are exactly 1..n. Only when either finds a problem does Python walk the
# chain to name the first broken entry.
_PG_HASHES = f"""
SELECT count(*), coalesce(min(sequence), 1), coalesce(max(sequence), 0),
       count(*) FILTER (WHERE sha256(convert_to(prev_hash || {_PG_CANONICAL}, 'UTF8')) <> decode(entry_hash, 'hex'))
FROM governance_processinglogentry
"""  # noqa: S608 - constant SQL
_PG_LINKS = """
SELECT count(*) FILTER (WHERE entry.prev_hash <> coalesce(before.entry_hash, %s)),
       (SELECT entry_hash FROM governance_processinglogentry ORDER BY sequence DESC LIMIT 1)
FROM governance_processinglogentry AS entry
LEFT JOIN governance_processinglogentry AS before ON before.sequence = entry.sequence - 1
"""


def _unescape_copy(field: bytes) -> bytes:
    """COPY text format escapes backslash and control characters; undo it for the rare field that has them."""
    return field.decode("unicode_escape").encode("latin-1") if b"\\" in field else field


def _verify_postgresql() -> VerifyResult:
    """Check the whole chain set-wise in the database; only when it finds a break, walk the entries to name it."""
    chain = _Chain()
    with connection.cursor() as cursor:
        cursor.execute(_PG_HASHES)
        count, first, last, bad_hashes = cursor.fetchone()
        bad_links, last_hash = 0, None
        if not bad_hashes and first == 1 and last == count:
            cursor.execute(_PG_LINKS, [GENESIS])
            bad_links, last_hash = cursor.fetchone()
    if not bad_hashes and first == 1 and last == count and not bad_links:
        chain.checked, chain.expected, chain.prev = count, count + 1, last_hash or GENESIS
        return chain.finish()
    broken = _walk_postgresql(chain)
    return broken if broken is not None else chain.finish()


def _walk_postgresql(chain: _Chain) -> VerifyResult | None:
    with connection.cursor() as cursor, cursor.cursor.copy(_PG_COPY) as copy:
        rest = b""
        for block in copy:
            lines = (rest + bytes(block)).split(b"\n")
            rest = lines.pop()
            for line in lines:
                sequence, stored_prev, stored_hash, payload = line.split(b"\t", 3)
                broken = chain.step(int(sequence), stored_prev.decode(), _unescape_copy(payload), stored_hash.decode())
                if broken is not None:
                    return broken
    return None


def processing_log_verify(*, batch_size: int = 20000) -> VerifyResult:
    """Walk the chain: detects changed, removed, inserted and reordered entries, and a cut-off or extended tail."""
    if connection.vendor == "postgresql":
        return _verify_postgresql()
    chain = _Chain()
    for row in _rows(batch_size):
        sequence, *content, stored_prev, stored_hash = row
        broken = chain.step(sequence, stored_prev, canonical_bytes(sequence, *content, stored_prev), stored_hash)  # type: ignore[call-arg]
        if broken is not None:
            return broken
    return chain.finish()
