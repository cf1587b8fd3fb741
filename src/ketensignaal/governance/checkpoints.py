"""Signed checkpoints of the processing log, kept outside the database.

In the manner of Certificate Transparency's signed tree heads: a checkpoint states how many entries the log had, the
hash of the last one and when, signed with an Ed25519 key the database never sees. Whoever can rewrite the database
(truncate it, cut off its tail, or change an entry and recompute every later hash) cannot make the log agree with a
checkpoint written before, so ``verify-log`` detects what the hash chain alone cannot.

- Store: one JSON file per checkpoint in ``settings.LOG_CHECKPOINT_DIR`` (``KETENSIGNAAL_LOG_CHECKPOINT_DIR``, default
  ``KETENSIGNAAL_VAR_DIR/log-checkpoints``); operations ship that directory elsewhere as well (docs/operations.md).
- Key: ``KETENSIGNAAL_LOG_CHECKPOINT_KEY`` (the 32-byte seed as hex), or generated once into
  ``KETENSIGNAAL_VAR_DIR/log_checkpoint_key`` (mode 0600). The public key is written beside the checkpoints.
- Written by the periodic job ``governance.log_checkpoint`` (procrastinate; ``run-jobs`` on SQLite) and on demand by
  ``ketensignaal log-checkpoint``. A checkpoint is only signed after the entries since the previous one verify.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext, ngettext

from ketensignaal.governance.models import LogHead, ProcessingLogEntry
from ketensignaal.governance.processing_log import GENESIS, VerifyResult, processing_log_verify

FORMAT = "ketensignaal-log-checkpoint/1"
_TIME = "%Y-%m-%dT%H:%M:%S.%fZ"


@dataclass(frozen=True)
class Checkpoint:
    count: int
    head: str
    time: datetime
    key_id: str
    signature: str
    name: str = ""

    @staticmethod
    def message_for(count: int, head: str, time: datetime) -> bytes:
        return f"{FORMAT}\ncount={count}\nhead={head}\ntime={time.astimezone(UTC).strftime(_TIME)}\n".encode()

    @property
    def message(self) -> bytes:
        return self.message_for(self.count, self.head, self.time)

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "count": self.count,
            "head": self.head,
            "time": self.time.astimezone(UTC).strftime(_TIME),
            "key_id": self.key_id,
            "signature": self.signature,
        }

    def describe(self) -> str:
        return gettext("%(name)s (regel %(entry)s, %(time)s)") % {
            "name": self.name or "checkpoint",
            "entry": self.count,
            "time": self.time.astimezone(UTC).strftime(_TIME),
        }


class CheckpointRefused(Exception):
    """The log does not verify, so no checkpoint is signed for it."""

    def __init__(self, verification: LogVerification) -> None:
        super().__init__(verification.message)
        self.verification = verification


# ---------------------------------------------------------------------------------------------------------------
# Key and store


def _private_key() -> Ed25519PrivateKey:
    raw = settings.LOG_CHECKPOINT_KEY
    if not raw:
        path = Path(settings.LOG_CHECKPOINT_KEY_FILE)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_hex(32))
        raw = path.read_text()
    try:
        seed = bytes.fromhex(raw.strip())
    except ValueError:
        seed = b""
    if len(seed) != 32:
        raise ImproperlyConfigured("The checkpoint key must be 64 hex characters (an Ed25519 seed of 32 bytes).")
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key() -> Ed25519PublicKey:
    return _private_key().public_key()


def _public_bytes(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(key: Ed25519PublicKey | None = None) -> str:
    return hashlib.sha256(_public_bytes(key or public_key())).hexdigest()[:16]


def checkpoint_dir() -> Path:
    return Path(settings.LOG_CHECKPOINT_DIR)


def _write_atomically(path: Path, text: str) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    Path(temporary).chmod(0o644)
    Path(temporary).replace(path)


def checkpoints_load() -> tuple[list[Checkpoint], list[str]]:
    """Every checkpoint in the store, oldest first, and a description of each file that does not verify."""
    directory = checkpoint_dir()
    if not directory.is_dir():
        return [], []
    key = public_key()
    own_id = key_id(key)
    found: list[Checkpoint] = []
    problems: list[str] = []
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text())
            checkpoint = Checkpoint(
                count=int(data["count"]),
                head=str(data["head"]),
                time=datetime.strptime(data["time"], _TIME).replace(tzinfo=UTC),
                key_id=str(data["key_id"]),
                signature=str(data["signature"]),
                name=path.name,
            )
        except (OSError, ValueError, KeyError, TypeError):
            problems.append(gettext("checkpoint %(file)s is onleesbaar") % {"file": path.name})
            continue
        if checkpoint.key_id != own_id:
            problems.append(
                gettext("%(checkpoint)s is met een andere sleutel (%(key)s) ondertekend")
                % {"checkpoint": checkpoint.describe(), "key": checkpoint.key_id}
            )
            continue
        try:
            key.verify(bytes.fromhex(checkpoint.signature), checkpoint.message)
        except (InvalidSignature, ValueError):
            problems.append(gettext("%(checkpoint)s: de handtekening klopt niet") % {"checkpoint": checkpoint.describe()})
            continue
        found.append(checkpoint)
    found.sort(key=lambda c: (c.count, c.time))
    return found, problems


def checkpoint_latest() -> Checkpoint | None:
    found, _problems = checkpoints_load()
    return found[-1] if found else None


# ---------------------------------------------------------------------------------------------------------------
# Verification against checkpoints


@dataclass(frozen=True)
class LogVerification:
    """The chain's verification plus the checkpoint comparison. ``checkpoint``: the latest signed checkpoint used."""

    chain: VerifyResult
    checkpoint: Checkpoint | None = None
    checkpoint_problem: str = ""
    incremental: bool = False

    @property
    def intact(self) -> bool:
        return self.chain.intact and not self.checkpoint_problem

    @property
    def message(self) -> str:
        """For the operator, in the active language (verify-log's ``--language``; Dutch by default). The count and
        the first broken entry's number are always in it (API.md)."""
        chain = self.chain
        if not chain.intact:
            return ngettext(
                "Verwerkingenlog GEBROKEN bij regel %(entry)s: %(reason)s (%(checked)s regel daarvóór gecontroleerd).",
                "Verwerkingenlog GEBROKEN bij regel %(entry)s: %(reason)s (%(checked)s regels daarvóór gecontroleerd).",
                chain.checked,
            ) % {"entry": chain.broken_at, "reason": chain.reason, "checked": chain.checked}
        if self.checkpoint_problem:
            return gettext("Verwerkingenlog GEBROKEN: %(problem)s.") % {"problem": self.checkpoint_problem}
        if self.incremental and self.checkpoint is not None:
            text = ngettext(
                "Verwerkingenlog intact: %(checked)s regel gecontroleerd sinds het ondertekende checkpoint bij regel "
                "%(count)s (%(last)s in het log).",
                "Verwerkingenlog intact: %(checked)s regels gecontroleerd sinds het ondertekende checkpoint bij regel "
                "%(count)s (%(last)s in het log).",
                chain.checked,
            ) % {"checked": chain.checked, "count": self.checkpoint.count, "last": chain.last}
        else:
            text = ngettext(
                "Verwerkingenlog intact: %(checked)s regel gecontroleerd.",
                "Verwerkingenlog intact: %(checked)s regels gecontroleerd.",
                chain.checked,
            ) % {"checked": chain.checked}
        if self.checkpoint is None:
            return text + " " + gettext("Nog geen ondertekend checkpoint (ketensignaal log-checkpoint).")
        return (
            text
            + " "
            + gettext("Komt overeen met het laatste ondertekende checkpoint %(checkpoint)s.")
            % {"checkpoint": self.checkpoint.describe()}
        )


def _stored_hashes(counts: list[int]) -> dict[int, str]:
    rows = ProcessingLogEntry.objects.filter(sequence__in=counts).values_list("sequence", "entry_hash")
    return dict(rows)


def _against(checkpoints: list[Checkpoint], last: int) -> str:
    """The first checkpoint the verified chain (entries 1..last) disagrees with, described; '' when none."""
    counts = sorted({c.count for c in checkpoints if 0 < c.count <= last})
    stored = _stored_hashes(counts) if counts else {}
    for checkpoint in checkpoints:
        if checkpoint.count > last:
            return gettext(
                "%(checkpoint)s: het log telt %(last)s regels, het checkpoint ondertekende er %(count)s (regels "
                "verwijderd of het log geleegd)"
            ) % {"checkpoint": checkpoint.describe(), "last": last, "count": checkpoint.count}
        expected = stored.get(checkpoint.count, GENESIS) if checkpoint.count else GENESIS
        if expected != checkpoint.head:
            return _rewritten(checkpoint)
    return ""


def log_verify(*, incremental: bool = False, workers: int | None = None) -> LogVerification:
    """Verify the hash chain and compare it with the signed checkpoints.

    Full (default): the whole chain from the first entry, then every checkpoint (count and head hash) against it.
    Incremental: only the entries after the latest checkpoint, anchored on that checkpoint's entry still having the
    signed hash (a rewrite of older entries needs the full check; the periodic job runs incrementally).
    """
    checkpoints, problems = checkpoints_load()
    if problems:
        return LogVerification(VerifyResult(0), None, problems[0], incremental)
    latest = checkpoints[-1] if checkpoints else None
    if incremental and latest is not None:
        problem = _anchor_problem(latest)
        if problem:
            return LogVerification(VerifyResult(0), latest, problem, incremental)
        chain = processing_log_verify(start=latest.count, start_hash=latest.head, workers=workers)
        return LogVerification(chain, latest, "", incremental)
    chain = processing_log_verify(workers=workers)
    if not chain.intact:
        return LogVerification(chain, latest, "", False)
    return LogVerification(chain, latest, _against(checkpoints, chain.last), False)


def _rewritten(checkpoint: Checkpoint) -> str:
    return gettext("%(checkpoint)s: regel %(entry)s heeft een andere hash dan ondertekend (het log is herschreven)") % {
        "checkpoint": checkpoint.describe(),
        "entry": checkpoint.count,
    }


def _anchor_problem(checkpoint: Checkpoint) -> str:
    if checkpoint.count == 0:
        return ""
    stored = _stored_hashes([checkpoint.count]).get(checkpoint.count)
    if stored is None:
        return gettext("%(checkpoint)s: regel %(entry)s bestaat niet meer (regels verwijderd of het log geleegd)") % {
            "checkpoint": checkpoint.describe(),
            "entry": checkpoint.count,
        }
    if stored != checkpoint.head:
        return _rewritten(checkpoint)
    return ""


# ---------------------------------------------------------------------------------------------------------------
# Writing


def log_checkpoint_write(*, workers: int | None = None) -> Checkpoint:
    """Verify the entries since the latest checkpoint up to the current head, then sign and store the head."""
    head = LogHead.objects.filter(pk=1).values_list("sequence", "entry_hash").first() or (0, GENESIS)
    count, head_hash = head
    checkpoints, problems = checkpoints_load()
    if problems:
        raise CheckpointRefused(LogVerification(VerifyResult(0), None, problems[0], True))
    latest = checkpoints[-1] if checkpoints else None
    if latest is not None:
        problem = _anchor_problem(latest) or (
            gettext("%(checkpoint)s: de kop van het log staat op regel %(entry)s, vóór het checkpoint (regels verwijderd)")
            % {"checkpoint": latest.describe(), "entry": count}
            if latest.count > count
            else ""
        )
        if problem:
            raise CheckpointRefused(LogVerification(VerifyResult(0), latest, problem, True))
    start, start_hash = (latest.count, latest.head) if latest is not None else (0, GENESIS)
    chain = processing_log_verify(start=start, start_hash=start_hash, end=count, end_hash=head_hash, workers=workers)
    if not chain.intact:
        raise CheckpointRefused(LogVerification(chain, latest, "", True))
    return checkpoint_sign(count, head_hash)


def checkpoint_sign(count: int, head_hash: str) -> Checkpoint:
    """Sign ``count``/``head_hash`` as of now and store it. Callers verify first (``log_checkpoint_write`` does)."""
    key = _private_key()
    now = datetime.now(UTC)
    message = Checkpoint.message_for(count, head_hash, now)
    checkpoint = Checkpoint(count, head_hash, now, key_id(key.public_key()), key.sign(message).hex())
    directory = checkpoint_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = f"{count:015d}-{now.strftime('%Y%m%dT%H%M%S%fZ')}.json"
    _write_atomically(directory / name, json.dumps(checkpoint.as_dict(), indent=2) + "\n")
    public = directory / "public-key.txt"
    text = f"ed25519 {_public_bytes(key.public_key()).hex()} key_id={checkpoint.key_id}\n"
    if not public.exists() or public.read_text() != text:
        _write_atomically(public, text)
    return Checkpoint(count, head_hash, now, checkpoint.key_id, checkpoint.signature, name)


def log_checkpoint_job() -> dict[str, Any]:
    """The periodic job body (procrastinate on PostgreSQL, ``run-jobs`` on SQLite)."""
    checkpoint = log_checkpoint_write()
    return {"count": checkpoint.count, "head": checkpoint.head, "file": checkpoint.name}
