"""Receiving public reports and additions: abuse checks first, then the ordinary intake path.

A report enters through ``routing.services.signal_submit`` in the name of the channel's account for the external
unit (``extern.getuige`` or ``extern.organisatie``), so its first hop (to IND TSZ over the registered flow
``extern-ind-meldingen``), history and processing-log entries are exactly those of any signal. Refusals (rate, size,
challenge, invalid input, unknown receipt) write nothing but their attempt row, in a transaction of their own, and
their messages say nothing about what exists inside.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketensignaal.core.errors import DomainError, ValidationFailed
from ketensignaal.identity.models import Unit, User
from ketensignaal.intake.validation import parse_signal_input
from ketensignaal.publicreports.challenge import challenge_digest, challenge_valid
from ketensignaal.publicreports.models import (
    AttemptKind,
    AttemptOutcome,
    PublicAddition,
    PublicReport,
    ReporterKind,
    SubmissionAttempt,
)
from ketensignaal.routing.services import signal_reporter_addition, signal_submit

EXTERNAL_UNITS = {ReporterKind.WITNESS: "extern.getuige", ReporterKind.ORGANISATION: "extern.organisatie"}
# The security categories a witness may pick in plain words; the hub grades and reclassifies.
TOPICS = (
    "terrorisme",
    "radicalisering",
    "extremisme",
    "ronselen",
    "internationale-misdrijven",
    "mensenhandel-smokkel",
    "openbare-orde",
)
TOUCHPOINT = "overig"
MAX_ADDITION_CHARS = 5_000
_RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
_RECEIPT_LENGTH = 16  # fifteen random characters and a check character
CHALLENGE_FAILED = "challenge_failed"


@dataclass(frozen=True)
class PublicReportInput:
    reporter_kind: str
    observation: str
    person: str
    topics: tuple[str, ...]
    language: str
    organisation_name: str = ""
    place: str = ""
    observed_on: date | None = None


def public_report_input(fields: Mapping[str, Any], *, language: str) -> PublicReportInput:
    """The report from the fields the web form and the API share (both name them alike)."""
    return PublicReportInput(
        reporter_kind=fields["reporter"],
        organisation_name=fields["organisation_name"],
        observation=fields["observation"],
        person=fields["person"],
        place=fields["place"],
        observed_on=fields["observed_on"],
        topics=tuple(fields["topics"]),
        language=language,
    )


def _keyed(value: str, purpose: str) -> str:
    return hmac.new(settings.PSEUDONYM_KEY.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def address_digest(address: str) -> str:
    return _keyed(address or "unknown", "address")


def receipt_normalise(receipt: str) -> str:
    text = (receipt or "").upper().replace("-", "").replace(" ", "")
    return text.translate(str.maketrans("OIL", "011"))


def receipt_digest(receipt: str) -> str:
    return _keyed(receipt_normalise(receipt), "receipt")


def _receipt_check(body: str) -> str:
    """The check character over the first fifteen: a weighted sum modulo the prime 31 catches every single mistyped
    character and every swap of two neighbours (except 0 for Z), without saying anything about which codes exist."""
    total = sum(weight * _RECEIPT_ALPHABET.index(char) for weight, char in enumerate(body, start=1))
    return _RECEIPT_ALPHABET[total % 31]


def receipt_new() -> str:
    body = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(_RECEIPT_LENGTH - 1))
    raw = body + _receipt_check(body)
    return "-".join(raw[i : i + 4] for i in range(0, _RECEIPT_LENGTH, 4))


def receipt_well_formed(receipt: str) -> bool:
    """Whether a code is written correctly (length, alphabet, check character) — a question about the code alone."""
    text = receipt_normalise(receipt)
    if len(text) != _RECEIPT_LENGTH or any(char not in _RECEIPT_ALPHABET for char in text):
        return False
    return _receipt_check(text[:-1]) == text[-1]


def _attempt(*, kind: str, outcome: str, address: str, receipt: str = "", size: int, channel: str, token: str = "") -> None:
    SubmissionAttempt.objects.create(
        kind=kind,
        outcome=outcome,
        address_digest=address,
        receipt_digest=receipt,
        challenge_digest=challenge_digest(token) if token else None,
        size=min(size, 2**31 - 1),
        channel=channel,
    )


def _refuse(error: DomainError, **attempt: Any) -> DomainError:
    """Record the refused attempt on its own (nothing else is written) and hand back the error to raise."""
    with transaction.atomic():
        _attempt(**attempt)
    return error


def _guard(*, kind: str, address: str, receipt: str, size: int, token: str, nonce: str, channel: str) -> None:
    now = timezone.now()
    base: dict[str, Any] = {"kind": kind, "address": address, "receipt": receipt, "size": size, "channel": channel}
    recent = SubmissionAttempt.objects.filter(address_digest=address, at__gte=now - timedelta(hours=1))
    too_many = recent.count() >= settings.PUBLIC_REPORT_RATE_PER_HOUR
    if not too_many and kind == AttemptKind.ADDITION:
        per_receipt = SubmissionAttempt.objects.filter(receipt_digest=receipt, kind=kind, at__gte=now - timedelta(days=1))
        too_many = per_receipt.count() >= settings.PUBLIC_ADDITION_RATE_PER_DAY
    if too_many:
        raise _refuse(
            DomainError(
                _("U heeft het meldpunt vaak achter elkaar gebruikt. Probeer het over een uur opnieuw."),
                code="too_many_requests",
                status=429,
            ),
            outcome=AttemptOutcome.RATE,
            **base,
        )
    if size > settings.PUBLIC_REPORT_MAX_BYTES:
        limit = settings.PUBLIC_REPORT_MAX_BYTES // (1024 * 1024)
        raise _refuse(
            DomainError(
                _("Uw melding is te groot. Samen mogen tekst en bijlage niet groter zijn dan %(mb)s MB.") % {"mb": limit},
                code="too_large",
                status=413,
            ),
            outcome=AttemptOutcome.SIZE,
            **base,
        )
    if not challenge_valid(token, nonce) or SubmissionAttempt.objects.filter(challenge_digest=challenge_digest(token)).exists():
        raise _refuse(
            ValidationFailed(
                _(
                    "Het formulier kon niet worden gecontroleerd. Dit meldpunt laat uw browser eerst een kleine "
                    "rekenopgave maken tegen misbruik; daarvoor is JavaScript nodig. Laad het formulier opnieuw en "
                    "verstuur het nog eens."
                ),
                code=CHALLENGE_FAILED,
                invalid_params=[{"name": "nonce", "code": CHALLENGE_FAILED, "reason": _("Rekenopgave ontbreekt of klopt niet.")}],
            ),
            outcome=AttemptOutcome.CHALLENGE,
            **base,
        )


def attempt_invalid(*, kind: str, address: str, receipt: str = "", size: int, channel: str) -> None:
    """Log a submission refused before the service saw it (malformed body): every submission is logged."""
    digest = receipt_digest(receipt) if receipt else ""
    with transaction.atomic():
        _attempt(
            kind=kind, outcome=AttemptOutcome.INVALID, address=address_digest(address), receipt=digest, size=size, channel=channel
        )


def channel_account(reporter_kind: str) -> User:
    """The account in whose name the channel submits (cannot sign in: inactive, no password, no roles)."""
    code = EXTERNAL_UNITS[ReporterKind(reporter_kind)]
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise DomainError(_("Het meldpunt is nog niet ingericht. Probeer het later opnieuw."), code="not_configured", status=503)
    user, created = User.objects.get_or_create(
        username=f"meldpunt.{code}",
        defaults={"unit": unit, "is_active": False, "first_name": "Publiek", "last_name": "meldpunt"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _observation_text(data: PublicReportInput) -> str:
    parts = []
    if data.reporter_kind == ReporterKind.ORGANISATION:
        parts.append(f"Gemeld namens: {data.organisation_name}")
    parts.append(data.observation)
    if data.place:
        parts.append(f"Waar: {data.place}")
    return "\n\n".join(parts)


def _signal_payload(data: PublicReportInput) -> dict[str, Any]:
    observed_at = None
    if data.observed_on is not None:
        observed_at = timezone.make_aware(datetime.combine(data.observed_on, time(12, 0))).isoformat()
    return {
        "subject": {"names": [{"name": data.person}]},
        "observation": {"type": "witness", "text": _observation_text(data), "observed_at": observed_at},
        "categories": list(data.topics),
        "touchpoint": TOUCHPOINT,
        "handling_code": "AMBER",
    }


def _check(data: PublicReportInput) -> None:
    problems = []
    if data.reporter_kind not in ReporterKind.values:
        problems.append(
            {"name": "reporter", "code": "invalid_choice", "reason": _("Kies of u meldt als getuige of namens een organisatie.")}
        )
    if data.reporter_kind == ReporterKind.ORGANISATION and not data.organisation_name.strip():
        problems.append({"name": "organisation_name", "code": "required", "reason": _("Vul de naam van uw organisatie in.")})
    if not data.topics or any(t not in TOPICS for t in data.topics):
        problems.append({"name": "topics", "code": "invalid_choice", "reason": _("Kies ten minste één onderwerp uit de lijst.")})
    if data.observed_on is not None and data.observed_on > timezone.localdate():
        problems.append({"name": "observed_on", "code": "invalid_date", "reason": _("De datum kan niet in de toekomst liggen.")})
    if problems:
        raise ValidationFailed(_("Niet alle vragen zijn goed ingevuld."), invalid_params=problems)


def public_report_submit(
    *,
    data: PublicReportInput,
    attachments: Sequence[Any] = (),
    challenge: str,
    nonce: str,
    address: str,
    size: int,
    channel: str,
) -> str:
    """Check, then register the report as a signal at IND TSZ; returns the receipt code (shown once, stored hashed)."""
    who = address_digest(address)
    _guard(kind=AttemptKind.REPORT, address=who, receipt="", size=size, token=challenge, nonce=nonce, channel=channel)
    attempt: dict[str, Any] = {"kind": AttemptKind.REPORT, "address": who, "size": size, "channel": channel, "token": challenge}
    try:
        _check(data)
        signal_input = parse_signal_input(_signal_payload(data))
        receipt = receipt_new()
        with transaction.atomic():
            signal, _created = signal_submit(
                actor=channel_account(data.reporter_kind), data=signal_input, attachments=attachments, channel=channel
            )
            PublicReport.objects.create(
                signal=signal,
                receipt_digest=receipt_digest(receipt),
                reporter_kind=data.reporter_kind,
                organisation_name=data.organisation_name.strip() if data.reporter_kind == ReporterKind.ORGANISATION else "",
                language=data.language[:16],
            )
            _attempt(outcome=AttemptOutcome.ACCEPTED, receipt=receipt_digest(receipt), **attempt)
    except IntegrityError:  # the same solved challenge sent twice at once: one wins, the other is refused
        raise _refuse(
            ValidationFailed(
                _("Dit formulier is al verstuurd. Laad het opnieuw om nog een melding te doen."), code=CHALLENGE_FAILED
            ),
            outcome=AttemptOutcome.CHALLENGE,
            **{**attempt, "token": ""},
        ) from None
    except ValidationFailed as exc:
        raise _refuse(exc, outcome=AttemptOutcome.INVALID, **{**attempt, "token": ""}) from None
    return receipt


def public_addition_add(*, receipt: str, text: str, challenge: str, nonce: str, address: str, size: int, channel: str) -> None:
    """Add information to an earlier report; the reporter hears nothing but "received"."""
    who = address_digest(address)
    digest = receipt_digest(receipt)
    _guard(kind=AttemptKind.ADDITION, address=who, receipt=digest, size=size, token=challenge, nonce=nonce, channel=channel)
    attempt: dict[str, Any] = {"kind": AttemptKind.ADDITION, "address": who, "receipt": digest, "size": size, "channel": channel}
    report = PublicReport.objects.filter(receipt_digest=digest).select_related("signal").first()
    if report is None and not receipt_well_formed(receipt):
        reason = _("Deze ontvangstcode is niet goed overgenomen. Controleer de code op uw bewijs van ontvangst.")
        raise _refuse(
            ValidationFailed(
                reason, code="receipt_malformed", invalid_params=[{"name": "receipt", "code": "malformed", "reason": reason}]
            ),
            outcome=AttemptOutcome.RECEIPT,
            **attempt,
        )
    text = (text or "").strip()
    if not text or len(text) > MAX_ADDITION_CHARS:
        reason = _("Vul uw aanvulling in.") if not text else _("Maximaal %(n)s tekens.") % {"n": MAX_ADDITION_CHARS}
        raise _refuse(
            ValidationFailed(
                reason, invalid_params=[{"name": "text", "code": "required" if not text else "too_long", "reason": reason}]
            ),
            outcome=AttemptOutcome.INVALID,
            **attempt,
        )
    if report is None:
        # A well-formed code that belongs to no report gets the same answer as one that does: the reply never tells
        # which codes exist. Only the attempt is kept (it counts towards the limits per address and per code).
        try:
            with transaction.atomic():
                _attempt(outcome=AttemptOutcome.RECEIPT, token=challenge, **attempt)
        except IntegrityError:  # the same solved challenge twice at once: as for a known code, only one counts
            pass
        return
    try:
        with transaction.atomic():
            signal_reporter_addition(
                actor=channel_account(report.reporter_kind),
                signal_id=report.signal_id,
                note=f"Aanvulling van de melder: {text}",
                channel=channel,
            )
            PublicAddition.objects.create(report=report, text=text)
            _attempt(outcome=AttemptOutcome.ACCEPTED, token=challenge, **attempt)
    except ValidationFailed as exc:
        raise _refuse(exc, outcome=AttemptOutcome.INVALID, **attempt) from None
    except IntegrityError:
        raise _refuse(
            ValidationFailed(
                _("Dit formulier is al verstuurd. Laad het opnieuw om nog iets aan te vullen."), code=CHALLENGE_FAILED
            ),
            outcome=AttemptOutcome.CHALLENGE,
            **attempt,
        ) from None
