"""Writing and verifying the hash-chained processing log.

Entries are appended inside the caller's transaction (``transaction.atomic``
is required, so a log entry can never outlive or miss its change). The chain
tip is a locked row, which makes appends serial in commit order.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import queue
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from ketensignaal.core import statements
from ketensignaal.core.tracing import current_trace
from ketensignaal.governance.models import AuditRecord, LogAction, LogHead, LogResult, ProcessingLogEntry

GENESIS = "0" * 64


def subject_ref(kind: str, identifier: object) -> str:
    """Pseudonymise a data subject with a keyed hash: stable, not reversible without the key."""
    return subject_refs([(kind, identifier)])[0]


def subject_refs(subjects: Iterable[tuple[str, object]]) -> list[str]:
    """:func:`subject_ref` of many ``(kind, identifier)`` subjects (an agenda's thousands): the key is read and
    scheduled once, each subject then costs one keyed hash."""
    keyed = _keyed(settings.PSEUDONYM_KEY)
    refs = []
    for kind, identifier in subjects:
        mac = keyed.copy()
        mac.update(f"{kind}:{identifier}".encode())
        refs.append(mac.hexdigest())
    return refs


@lru_cache(maxsize=2)
def _keyed(key: str) -> hmac.HMAC:
    return hmac.new(key.encode(), digestmod=hashlib.sha256)


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


def canonical_stamp(moment: datetime) -> str:
    """UTC time as ``YYYY-MM-DD HH:MM:SS[.ffffff]`` (trailing zeros of the fraction dropped): exactly PostgreSQL's
    ISO text of ``occurred_at AT TIME ZONE 'UTC'``, so the database can build the same bytes cheaply."""
    moment = moment.astimezone(UTC)
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond:06d}".rstrip("0")
    return text


def canonical_bytes(
    *,
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
    actor_id: int | None,
    actor_username: str,
    actor_unit: str,
    actor_roles: str,
    channel: str,
) -> bytes:
    """The bytes an entry's hash covers: the previous hash, what was done, and who did it (the audit record)."""
    return "\x1f".join(
        (
            prev_hash,
            str(sequence),
            trace_id,
            span_id,
            parent_span_id,
            canonical_stamp(occurred_at),
            activity,
            data_subject_ref,
            action,
            object_type,
            object_id,
            legal_basis,
            result,
            "" if actor_id is None else str(actor_id),
            actor_username,
            actor_unit,
            actor_roles,
            channel,
        )
    ).encode()


def entry_hash(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def actor_fields(actor: Any, channel: str, roles: str | None = None) -> dict[str, Any]:
    """Who acted, as stored in the audit record and covered by the entry's hash. ``roles``: the role codes already
    read (comma-joined), else the user's own (cached) ``role_codes``."""
    user = actor.user if isinstance(actor, Actor) else actor
    unit = getattr(user, "unit", None)
    if roles is None:
        codes = getattr(user, "role_codes", None) if getattr(user, "pk", None) is not None else None
        roles = ",".join(codes or ())
    return {
        "actor_id": getattr(user, "pk", None),
        "actor_username": getattr(user, "username", "") or "system",
        "actor_unit": getattr(unit, "code", "") if unit is not None else "",
        "actor_roles": ",".join(sorted(code for code in roles.split(",") if code)),
        "channel": channel,
    }


def _lock_head(user: Any) -> tuple[int, str, str | None] | None:
    """Lock the head row and, in the same statement, read the actor's role codes when the user object has not
    loaded them yet (the log entry must not cost the request an extra query). None: there is no head row yet."""
    from ketensignaal.identity.models import User

    user_id = getattr(user, "pk", None) if getattr(user, "_role_codes", None) is None else None
    columns, params = "h.sequence, h.entry_hash", []
    if isinstance(user_id, int):
        links, roles = User.roles.through._meta.db_table, User.roles.field.related_model._meta.db_table
        codes = f"SELECT rl.code FROM {links} AS lk JOIN {roles} AS rl ON rl.id = lk.role_id WHERE lk.user_id = %s"  # noqa: S608
        columns += f", (SELECT group_concat(r.code, ',') FROM ({codes}) AS r)"  # noqa: S608
        if connection.vendor == "postgresql":
            columns = columns.replace("group_concat(r.code, ',')", "string_agg(r.code, ',')")
        params.append(user_id)
    lock = " FOR UPDATE OF h" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM governance_loghead AS h WHERE h.id = 1{lock}", params)  # noqa: S608 - table names from the models
        row = cursor.fetchone()
    if row is None:
        return None
    return int(row[0]), str(row[1]), (row[2] or "") if user_id is not None and isinstance(user_id, int) else None


# One entry as the log's bulk paths carry it: plain text in the order of the entry's columns (activity,
# data_subject_ref, action, object_type, object_id, legal_basis, result). A step of thousands of reads (an agenda, a
# list) is carried as these tuples, without an object per entry.
EntryRow = tuple[str, str, str, str, str, str, str]


def entry_row(item: LogItem) -> EntryRow:
    return (item.activity, item.subject, item.action, item.object_type, str(item.object_id), item.legal_basis, item.result)


def processing_log_record(*, actor: Any, items: Iterable[LogItem], channel: str = "web") -> list[ProcessingLogEntry]:
    """Append entries for one processing step and return them. Must run inside the change's transaction."""
    entries = _append(actor=actor, rows=[entry_row(item) for item in items], channel=channel, keep=True)
    assert entries is not None
    return entries


def processing_log_append(*, actor: Any, items: Iterable[LogItem], channel: str = "web") -> None:
    """Append entries for one processing step without handing them back: a large step (the reads of a list or an
    agenda) is then written without building a model instance per entry. Same chain, same rules."""
    _append(actor=actor, rows=[entry_row(item) for item in items], channel=channel, keep=False)


def processing_log_append_rows(*, actor: Any, rows: Iterable[EntryRow], channel: str = "web") -> None:
    """:func:`processing_log_append` for entries already in their plain form (:data:`EntryRow`)."""
    _append(actor=actor, rows=list(rows), channel=channel, keep=False)


def _append(*, actor: Any, rows: list[EntryRow], channel: str, keep: bool) -> list[ProcessingLogEntry] | None:
    if not rows:
        return [] if keep else None
    if not connection.in_atomic_block:
        raise RuntimeError("The processing log must be written in the same transaction as the change.")
    actions, results = set(LogAction.values), set(LogResult.values)
    for row in rows:
        if row[2] not in actions or row[6] not in results:
            raise ValueError(f"Unknown log action or result: {row[2]}/{row[6]}")
    trace = current_trace()
    now = datetime.now(UTC)
    user = actor.user if isinstance(actor, Actor) else actor
    head = _lock_head(user)
    if head is None:
        LogHead.objects.get_or_create(pk=1)
        head = _lock_head(user)
        assert head is not None
    sequence, prev, roles = head
    who = actor_fields(actor, channel, roles)
    # Entries nobody needs back (the reads of a page, an agenda) go packed on PostgreSQL whatever their number: the
    # same three statements as the model path, without an object per entry (a page of 50 reads costs as 10 do).
    if connection.vendor == "postgresql" and not keep:
        last, prev = _insert_packed_postgresql(rows, who, sequence, prev, now, trace)
        if last is not None:
            _move_head(last, prev)
            return None
    entries: list[ProcessingLogEntry] = []
    for activity, subject, action, object_type, object_id, legal_basis, result in rows:
        sequence += 1
        fields: dict[str, Any] = {
            "sequence": sequence,
            "trace_id": trace.trace_id,
            "span_id": trace.span_id,
            "parent_span_id": trace.parent_span_id,
            "occurred_at": now,
            "activity": activity,
            "data_subject_ref": subject,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "legal_basis": legal_basis,
            "result": result,
            "prev_hash": prev,
        }
        prev = entry_hash(canonical_bytes(**fields, **who))
        entries.append(ProcessingLogEntry(entry_hash=prev, **fields))
    if connection.vendor == "postgresql" and len(entries) > _BULK_THRESHOLD:
        _insert_many_postgresql(entries, who)
    else:
        statements.insert(entries)
        statements.insert([AuditRecord(entry=e, **who) for e in entries])
    _move_head(sequence, prev)
    return entries


def _move_head(sequence: int, entry_hash: str) -> None:
    """The head row (locked by :func:`_lock_head`) now points at the last entry appended."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE governance_loghead SET sequence = %s, entry_hash = %s WHERE id = 1", [sequence, entry_hash])


# On PostgreSQL, entries not handed back (reads) are packed into one text parameter (rows split by RS, fields by US,
# split again in the database) when no value holds those separators; entries handed back, or a packed step whose
# values hold a separator, go as one array per column above this many. The statement stays small and the insert
# fast for thousands of entries.
_BULK_THRESHOLD = 50
_RS, _US = "\x1e", "\x1f"
_INSERT_PACKED = (
    "INSERT INTO governance_processinglogentry (sequence, trace_id, span_id, parent_span_id, occurred_at, activity, "
    "data_subject_ref, action, object_type, object_id, legal_basis, result, prev_hash, entry_hash) "
    "SELECT %(base)s + r.n, %(trace)s, %(span)s, %(parent)s, %(at)s, (s.f)[1], (s.f)[2], (s.f)[3], (s.f)[4], (s.f)[5], "
    "(s.f)[6], (s.f)[7], (s.f)[8], (s.f)[9] "
    "FROM unnest(string_to_array(%(rows)s, E'\\x1e')) WITH ORDINALITY AS r(line, n) "
    "CROSS JOIN LATERAL string_to_array(r.line, E'\\x1f') AS s(f)"
)
_INSERT_AUDIT_RANGE = (
    "INSERT INTO governance_auditrecord (entry_id, actor_id, actor_username, actor_unit, actor_roles, channel) "
    "SELECT entry, %s, %s, %s, %s, %s FROM generate_series(%s::bigint, %s::bigint) AS entry"
)


def _insert_packed_postgresql(
    rows: list[EntryRow], who: dict[str, Any], sequence: int, prev: str, now: datetime, trace: Any
) -> tuple[int | None, str]:
    """Hash the chain in Python and insert it as one packed parameter. Returns (last sequence, last hash), or
    (None, ``prev``) untouched when a value holds a separator (the caller then takes the array path)."""
    base, start_hash = sequence, prev
    actor_id = who["actor_id"]
    tail = _US.join(
        ("" if actor_id is None else str(actor_id), who["actor_username"], who["actor_unit"], who["actor_roles"], who["channel"])
    )
    middle = _US.join((trace.trace_id, trace.span_id, trace.parent_span_id, canonical_stamp(now)))
    lines: list[str] = []
    sha256 = hashlib.sha256
    # canonical_bytes' order: prev, sequence, trace, time, activity, subject, action, type, id, basis, result, actor
    for row in rows:
        sequence += 1
        values = _US.join(row)
        digest = sha256(f"{prev}{_US}{sequence}{_US}{middle}{_US}{values}{_US}{tail}".encode()).hexdigest()
        lines.append(f"{values}{_US}{prev}{_US}{digest}")
        prev = digest
    packed = _RS.join(lines)
    if packed.count(_US) != len(lines) * 8 or packed.count(_RS) != len(lines) - 1 or "\x00" in packed:
        return None, start_hash
    params = {
        "base": base,
        "trace": trace.trace_id,
        "span": trace.span_id,
        "parent": trace.parent_span_id,
        "at": now,
        "rows": packed,
    }
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_PACKED, params)
        cursor.execute(
            _INSERT_AUDIT_RANGE,
            [actor_id, who["actor_username"], who["actor_unit"], who["actor_roles"], who["channel"], base + 1, sequence],
        )
    return sequence, prev


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
    "INSERT INTO governance_auditrecord (entry_id, actor_id, actor_username, actor_unit, actor_roles, channel) "
    "SELECT entry, %s, %s, %s, %s, %s FROM unnest(%s::bigint[]) AS entry"
)


def _insert_many_postgresql(entries: list[ProcessingLogEntry], who: dict[str, Any]) -> None:
    columns = [[getattr(e, name) for e in entries] for name, _ in _ENTRY_COLUMNS]
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_ENTRIES, columns)
        cursor.execute(
            _INSERT_AUDIT,
            [who["actor_id"], who["actor_username"], who["actor_unit"], who["actor_roles"], who["channel"], columns[0]],
        )


def processing_log_record_one(*, actor: Any, channel: str = "web", **item: Any) -> ProcessingLogEntry:
    return processing_log_record(actor=actor, items=[LogItem(**item)], channel=channel)[0]


# ----------------------------------------------------------------------------------------------------------------
# Verification


@dataclass(frozen=True)
class VerifyResult:
    """``checked``: entries verified (since ``start`` when verifying from a checkpoint); ``last``/``last_hash``: the
    chain's end as verified; ``broken_at``/``reason`` name the first break."""

    checked: int
    broken_at: int | None = None
    reason: str = ""
    start: int = 0
    last: int = 0
    last_hash: str = GENESIS

    @property
    def intact(self) -> bool:
        return self.broken_at is None


_ENTRY_FIELDS = (
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
)
_AUDIT_FIELDS = ("actor_id", "actor_username", "actor_unit", "actor_roles", "channel")


class _Chain:
    """Walks entries in order from a trusted point (genesis or a checkpoint) and remembers the first break."""

    def __init__(self, start: int = 0, start_hash: str = GENESIS) -> None:
        self.start = start
        self.expected = start + 1
        self.prev = start_hash
        self.checked = 0

    def result(self, broken_at: int | None = None, reason: str = "") -> VerifyResult:
        return VerifyResult(self.checked, broken_at, reason, self.start, self.expected - 1, self.prev)

    def step(self, sequence: int, stored_prev: str, payload: bytes | None, stored_hash: str) -> VerifyResult | None:
        """``payload`` None: the entry has no audit record (who acted was removed)."""
        # The reasons are for the operator (verify-log), in the language the command runs in.
        if sequence != self.expected:
            if sequence > self.expected:
                reason = gettext("regel %(entry)s ontbreekt (verwijderd)")
            else:
                reason = gettext("regel %(entry)s staat dubbel of verschoven")
            return self.result(self.expected, reason % {"entry": self.expected})
        if stored_prev != self.prev:
            reason = gettext("regel %(entry)s sluit niet aan op de vorige regel (ingevoegd of verplaatst)")
            return self.result(sequence, reason % {"entry": sequence})
        if payload is None:
            reason = gettext("regel %(entry)s mist zijn auditrecord (wie handelde is verwijderd)")
            return self.result(sequence, reason % {"entry": sequence})
        if hashlib.sha256(payload).hexdigest() != stored_hash:
            return self.result(sequence, gettext("regel %(entry)s is gewijzigd (hash klopt niet)") % {"entry": sequence})
        self.prev = stored_hash
        self.expected += 1
        self.checked += 1
        return None

    def finish(self, end: int | None = None, end_hash: str | None = None) -> VerifyResult:
        """Compare the walked chain with its expected end: the head row, or a given point (a checkpoint being made)."""
        if end is None:
            head = LogHead.objects.filter(pk=1).first()
            end, end_hash = (head.sequence, head.entry_hash) if head is not None else (0, GENESIS)
            where = gettext("de kop van het log")
        else:
            where = gettext("regel %(entry)s") % {"entry": end}
        last = self.expected - 1
        if last > end:
            reason = gettext("regel %(entry)s staat achter %(where)s (ingevoegd)")
            return self.result(end + 1, reason % {"entry": end + 1, "where": where})
        if last < end:
            reason = gettext("het log eindigt bij regel %(last)s, %(where)s verwacht regel %(end)s (verwijderd)")
            return self.result(last + 1, reason % {"last": last, "where": where, "end": end})
        if end_hash != self.prev:
            return self.result(last, gettext("regel %(entry)s komt niet overeen met %(where)s") % {"entry": last, "where": where})
        return self.result()


def _sqlite_rows(start: int, end: int | None, batch_size: int) -> Iterator[tuple[Any, ...]]:
    last = start
    names = (*_ENTRY_FIELDS, "entry_hash", "audit__entry_id", *(f"audit__{name}" for name in _AUDIT_FIELDS))
    while True:
        qs = ProcessingLogEntry.objects.filter(sequence__gt=last)
        if end is not None:
            qs = qs.filter(sequence__lte=end)
        batch = list(qs.order_by("sequence").values_list(*names)[:batch_size])
        if not batch:
            return
        yield from batch
        last = batch[-1][0]


def _verify_python(chain: _Chain, end: int | None, batch_size: int) -> VerifyResult | None:
    width = len(_ENTRY_FIELDS)
    for row in _sqlite_rows(chain.start, end, batch_size):
        entry = dict(zip(_ENTRY_FIELDS, row[:width], strict=True))
        stored_hash, audited = row[width], row[width + 1]
        payload = canonical_bytes(**entry, **dict(zip(_AUDIT_FIELDS, row[width + 2 :], strict=True))) if audited else None
        broken = chain.step(entry["sequence"], entry["prev_hash"], payload, stored_hash)
        if broken is not None:
            return broken
    return None


# The canonical bytes as PostgreSQL builds them (the same layout as ``canonical_bytes``; the session runs with
# DateStyle ISO so the time's text is ``canonical_stamp``'s).
_PG_CANONICAL = (
    "concat_ws(E'\\x1f', e.prev_hash, e.sequence, e.trace_id, e.span_id, e.parent_span_id, "
    "(e.occurred_at AT TIME ZONE 'UTC')::text, e.activity, e.data_subject_ref, e.action, e.object_type, e.object_id, "
    "e.legal_basis, e.result, coalesce(a.actor_id::text, ''), coalesce(a.actor_username, ''), "
    "coalesce(a.actor_unit, ''), coalesce(a.actor_roles, ''), coalesce(a.channel, ''))"
)
_PG_FROM = "governance_processinglogentry AS e LEFT JOIN governance_auditrecord AS a ON a.entry_id = e.sequence"
# One range of the chain, checked inside the database (sha256 in C): every entry's own hash, its audit record, and
# its link to the entry before it (``lag`` over the primary-key order; the range reaches one entry back for that).
# Ranges run on parallel connections; only a range that finds a problem is walked in Python to name the break.
_PG_RANGE = f"""
SELECT count(*) FILTER (WHERE sequence >= %(lo)s),
       count(*) FILTER (WHERE sequence >= %(lo)s AND (audited IS NULL OR digest IS DISTINCT FROM entry_hash
                                                      OR prev_hash IS DISTINCT FROM coalesce(before, %(before)s)))
FROM (SELECT e.sequence, e.prev_hash, e.entry_hash, a.entry_id AS audited,
             encode(sha256(convert_to({_PG_CANONICAL}, 'UTF8')), 'hex') AS digest,
             lag(e.entry_hash) OVER (ORDER BY e.sequence) AS before
      FROM governance_processinglogentry AS e
      LEFT JOIN governance_auditrecord AS a ON a.entry_id = e.sequence AND a.entry_id BETWEEN %(lo)s - 1 AND %(hi)s
      WHERE e.sequence BETWEEN %(lo)s - 1 AND %(hi)s) AS checked
"""  # noqa: S608 - constant SQL
_PG_WALK = f"""
SELECT e.sequence, e.prev_hash, e.entry_hash, a.entry_id IS NOT NULL, {_PG_CANONICAL}
FROM {_PG_FROM} WHERE e.sequence > %s ORDER BY e.sequence LIMIT %s
"""  # noqa: S608 - constant SQL
# ISO time text; and one streaming plan whatever the statistics say (right after a bulk load they say little): index
# scans in primary-key order, the audit record by its key, no sort that could spill, no JIT compile per range.
_PG_SESSION = (
    "SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL TimeZone = 'UTC'; SET LOCAL max_parallel_workers_per_gather = 0; "
    "SET LOCAL enable_sort = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_bitmapscan = off; "
    "SET LOCAL enable_seqscan = off; SET LOCAL jit = off"
)

# Below this many entries one connection checks everything (and inside a transaction it must: other connections
# would not see its uncommitted entries).
PARALLEL_MIN_ENTRIES = 50_000


def _pg_check_range(lo: int, hi: int, before: str | None, own_connection: bool) -> tuple[int, int]:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # A merge join of two index range scans: the audit records stream beside their entries.
            cursor.execute(_PG_SESSION + "; SET LOCAL enable_nestloop = off")
            cursor.execute(_PG_RANGE, {"lo": lo, "hi": hi, "before": before})
            count, bad = cursor.fetchone()
            return count, bad
    finally:
        if own_connection:
            connection.close()


def _pg_walk(chain: _Chain, end: int | None, batch_size: int) -> VerifyResult | None:
    last = chain.expected - 1
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_PG_SESSION)
        while True:
            cursor.execute(_PG_WALK, [last, batch_size])
            rows = cursor.fetchall()
            if not rows:
                return None
            for sequence, stored_prev, stored_hash, audited, payload in rows:
                if end is not None and sequence > end:
                    return None
                broken = chain.step(sequence, stored_prev, payload.encode() if audited else None, stored_hash)
                if broken is not None:
                    return broken
            last = rows[-1][0]


def _pg_check_ranges_parallel(ranges: list[tuple[int, int]], befores: list[str | None], workers: int) -> list[tuple[int, int]]:
    """Check the ranges on ``workers`` connections: the caller's own (already open, outside a transaction) and
    ``workers - 1`` new ones in threads, each taking the next unchecked range."""
    outcomes: list[tuple[int, int]] = [(0, 0)] * len(ranges)
    pending: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(ranges)):
        pending.put(index)

    def work(own_connection: bool) -> None:
        while True:
            try:
                index = pending.get_nowait()
            except queue.Empty:
                return
            lo, hi = ranges[index]
            outcomes[index] = _pg_check_range(lo, hi, befores[index], own_connection)

    with ThreadPoolExecutor(max_workers=workers - 1) as pool:
        helpers = [pool.submit(work, True) for _ in range(workers - 1)]
        work(False)
        for helper in helpers:
            helper.result()
    return outcomes


def _default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def _verify_postgresql(chain: _Chain, end: int | None, batch_size: int, workers: int) -> VerifyResult | None:
    """Check ranges set-wise in the database, in parallel when the log is large; walk from the first bad range."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(sequence), max(sequence) FROM governance_processinglogentry WHERE sequence > %s", [chain.start]
        )
        first, last = cursor.fetchone()
    if first is None:
        return None
    hi = last if end is None else min(last, end)
    if first != chain.start + 1 or hi < first:
        return _pg_walk(chain, end, batch_size)
    total = hi - chain.start
    parallel = workers > 1 and total >= PARALLEL_MIN_ENTRIES and not connection.in_atomic_block
    # Several ranges per worker even out a busy core; a small log (an incremental check) gets one range per worker.
    pieces = (workers * 4 if total >= 1_000_000 else workers) if parallel else 1
    size = -(-total // pieces)
    ranges = [(lo, min(lo + size - 1, hi)) for lo in range(chain.start + 1, hi + 1, size)]
    befores = [chain.prev] + [None] * (len(ranges) - 1)
    if parallel:
        outcomes = _pg_check_ranges_parallel(ranges, befores, workers)
    else:
        outcomes = [_pg_check_range(lo, range_hi, before, False) for (lo, range_hi), before in zip(ranges, befores, strict=True)]
    for (lo, range_hi), (count, bad) in zip(ranges, outcomes, strict=True):
        if bad or count != range_hi - lo + 1:
            if lo > chain.start + 1:
                stored = ProcessingLogEntry.objects.filter(sequence=lo - 1).values_list("entry_hash", flat=True).first()
                chain.expected, chain.prev, chain.checked = lo, stored or GENESIS, lo - 1 - chain.start
            return _pg_walk(chain, end, batch_size)
    chain.checked, chain.expected = total, hi + 1
    chain.prev = ProcessingLogEntry.objects.filter(sequence=hi).values_list("entry_hash", flat=True).first() or GENESIS
    return None


def processing_log_verify(
    *,
    batch_size: int = 20000,
    start: int = 0,
    start_hash: str = GENESIS,
    end: int | None = None,
    end_hash: str | None = None,
    workers: int | None = None,
) -> VerifyResult:
    """Walk the chain: detects changed, removed, inserted and reordered entries, changed or removed audit records,
    and a cut-off or extended tail (against the head row, or against ``end``/``end_hash`` when given).

    ``start``/``start_hash``: verify only the entries after a trusted point (a signed checkpoint); the caller checks
    that the entry at ``start`` still has ``start_hash``.
    """
    chain = _Chain(start, start_hash)
    if connection.vendor == "postgresql":
        broken = _verify_postgresql(chain, end, batch_size, workers or _default_workers())
    else:
        broken = _verify_python(chain, end, batch_size)
    if broken is not None:
        return broken
    result = chain.finish(end, end_hash)
    if result.intact and end is None:
        orphan = orphan_audit_check()
        if orphan is not None:
            reason = gettext("regel %(entry)s heeft een auditrecord maar geen logregel (auditrecord ingevoegd)")
            return chain.result(orphan, reason % {"entry": orphan})
    return result


def orphan_audit_check() -> int | None:
    """The first audit record without its entry, or None. Entries are numbered gap-free from 1 to the head (the
    chain check holds that), so an orphan is an audit record outside that range; the head is read in the same
    statement, so an append committing meanwhile is no orphan. (The audit record's foreign-key constraint, which
    caught this at COMMIT, was dropped in migration 0010: it cost every large step thousands of deferred checks.)"""
    # Two probes at the ends of the audit records' primary key, not one OR filter: PostgreSQL answers "> head OR < 1"
    # by reading the whole index (0.1–0.2 s at 1,000,000 entries, whatever the check's own size).
    first = AuditRecord.objects.order_by("entry_id").values_list("entry_id", flat=True)
    below = first.filter(entry_id__lt=1).first()
    if below is not None:
        return below
    head = Coalesce(Subquery(LogHead.objects.filter(pk=1).values("sequence")[:1]), Value(0))
    return first.filter(entry_id__gt=head).first()
