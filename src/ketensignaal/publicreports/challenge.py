"""A proof-of-work challenge that needs no outside service.

The server hands out a signed, timestamped random token; the browser (``static/publicreports/challenge.js``) or an
API client finds a ``nonce`` such that ``sha256(token + ":" + nonce)`` starts with ``difficulty`` zero bits. The
server checks the signature, the age and the hash — a few microseconds — while a flood of submissions costs the
sender real work. A solved token is usable once (``SubmissionAttempt.challenge_digest`` is unique).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

_SALT = "ketensignaal.publicreports.challenge"
MAX_AGE_SECONDS = 3600


@dataclass(frozen=True)
class Challenge:
    token: str
    difficulty: int


def difficulty() -> int:
    return int(settings.PUBLIC_REPORT_CHALLENGE_BITS)


def challenge_issue() -> Challenge:
    token = signing.TimestampSigner(salt=_SALT).sign(secrets.token_hex(16))
    return Challenge(token=token, difficulty=difficulty())


def _leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def challenge_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def challenge_valid(token: str, nonce: str) -> bool:
    """Signed by us, not older than an hour, and solved at the current difficulty."""
    if not token or not nonce or len(token) > 200 or len(nonce) > 64:
        return False
    try:
        signing.TimestampSigner(salt=_SALT).unsign(token, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return False
    work = hashlib.sha256(f"{token}:{nonce}".encode()).digest()
    return _leading_zero_bits(work) >= difficulty()


def challenge_solve(token: str, bits: int | None = None) -> str:
    """Find a nonce (what the browser script does); for API clients' examples and the tests."""
    need = difficulty() if bits is None else bits
    nonce = 0
    while _leading_zero_bits(hashlib.sha256(f"{token}:{nonce}".encode()).digest()) < need:
        nonce += 1
    return str(nonce)
