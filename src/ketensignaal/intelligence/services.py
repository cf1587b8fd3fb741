"""Writing inbound messages, follow-up decisions, inspection requests, briefings and reading confirmations.

Each write runs in one transaction with its processing-log entry; checks come first so nothing is half-saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import Conflict, NotAllowed, ValidationFailed, choose_one_of
from ketensignaal.core.need_to_know import visible
from ketensignaal.disclosures.services import ambtsbericht_refuse_sources
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record
from ketensignaal.identity.models import Unit, User
from ketensignaal.intake.models import Signal
from ketensignaal.intelligence.checks import personal_data_findings
from ketensignaal.intelligence.models import (
    Briefing,
    BriefingReading,
    FollowUp,
    FollowUpDecision,
    InboundKind,
    InboundMessage,
    InspectionOutcome,
    InspectionRequest,
    IssuingService,
)
from ketensignaal.intelligence.scopes import may_handle_inbound

BRIEFING_TRAINING = "briefing-trends-indicatoren"
MAX_TEXT = 20_000


def _param(name: str, code: str, reason: str) -> dict[str, str]:
    return {"name": name, "code": code, "reason": reason}


def _hub_only(actor: User) -> None:
    if not may_handle_inbound(actor):
        raise NotAllowed(gettext("Alleen analisten van IND TSZ kunnen dit doen."), code="hub_analyst_required")


def _log(
    actor: User,
    *,
    object_type: str,
    object_id: Any,
    action: str = "create",
    channel: str,
    activity: Activity = Activity.DISCLOSURE,
) -> None:
    processing_log_record(
        actor=actor,
        items=[LogItem(activity=activity, action=action, object_type=object_type, object_id=object_id)],
        channel=channel,
    )


def _text(value: str, name: str, problems: list[dict[str, str]], *, required: bool, label: str) -> str:
    value = (value or "").strip()
    if required and not value:
        problems.append(_param(name, "required", gettext("%(label)s is verplicht.") % {"label": label}))
    elif len(value) > MAX_TEXT:
        problems.append(_param(name, "too_long", gettext("Maximaal %(limit)s tekens.") % {"limit": MAX_TEXT}))
    return value


@transaction.atomic
def inbound_register(
    *,
    actor: User,
    kind: str,
    service: str,
    dated: dt.date,
    subject: str,
    content: str,
    summary: str = "",
    submitted_fields: Iterable[str] = (),
    channel: str,
) -> InboundMessage:
    """Register an ambtsbericht or inlichtingenbericht the hub received (never with sources)."""
    ambtsbericht_refuse_sources(submitted_fields)
    _hub_only(actor)
    problems: list[dict[str, str]] = []
    if kind not in InboundKind.values:
        problems.append(_param("kind", "invalid_choice", gettext("Kies ambtsbericht of inlichtingenbericht.")))
    if service not in IssuingService.values:
        problems.append(_param("service", "invalid_choice", gettext("Een inkomend bericht komt van de AIVD of de MIVD.")))
    if dated > timezone.localdate():
        problems.append(_param("dated", "invalid_date", gettext("De datum kan niet in de toekomst liggen.")))
    subject = _text(subject, "subject", problems, required=True, label=gettext("Het onderwerp"))
    content = _text(content, "content", problems, required=True, label=gettext("De inhoud"))
    summary = _text(summary, "summary", problems, required=False, label=gettext("De samenvatting"))
    if problems:
        raise ValidationFailed(gettext("Het bericht is niet geregistreerd."), invalid_params=problems)
    message = InboundMessage.objects.create(
        kind=kind, service=service, dated=dated, subject=subject, summary=summary, content=content, received_by=actor
    )
    _log(actor, object_type="inbound-message", object_id=message.pk, channel=channel)
    return message


@transaction.atomic
def follow_up_record(
    *,
    actor: User,
    message: InboundMessage,
    decision: str,
    owner_code: str,
    note: str = "",
    signal_ids: Sequence[Any] = (),
    channel: str,
) -> FollowUp:
    """Record the IND's follow-up decision and its owner. The same decision sent twice is harmless; another one is a
    conflict (the decision is recorded once; its owner takes it from there)."""
    _hub_only(actor)
    problems: list[dict[str, str]] = []
    if decision not in FollowUpDecision.values:
        problems.append(_param("decision", "invalid_choice", choose_one_of(FollowUpDecision.labels)))
    owner = Unit.objects.filter(code=owner_code).first() if owner_code else None
    if owner is None:
        reason = (
            gettext("Wijs een eigenaar aan (een eenheid) die het vervolg oppakt.")
            if not owner_code
            else gettext("Onbekende eenheid '%(unit_code)s'.") % {"unit_code": owner_code}
        )
        problems.append(_param("owner", "required" if not owner_code else "unknown_unit", reason))
    note = _text(note, "note", problems, required=False, label=gettext("De toelichting"))
    signals = list(visible(actor, Signal.objects.filter(pk__in=list(signal_ids)))) if signal_ids else []
    if len(signals) != len(set(signal_ids)):
        problems.append(_param("signals", "unknown_signal", gettext("Een of meer signalen bestaan niet of u kunt ze niet zien.")))
    if decision == FollowUpDecision.LINK_SIGNALS and not signal_ids:
        problems.append(_param("signals", "required", gettext("Kies de signalen om aan te koppelen.")))
    if problems:
        raise ValidationFailed(gettext("Het vervolgbesluit is niet vastgelegd."), invalid_params=problems)
    assert owner is not None
    existing = FollowUp.objects.filter(message=message).first()
    if existing is not None:
        if existing.decision == decision and existing.owner_id == owner.pk:
            return existing
        raise Conflict(gettext("Voor dit bericht is al een vervolgbesluit vastgelegd."), code="follow_up_exists")
    follow_up = FollowUp.objects.create(message=message, decision=decision, owner=owner, note=note, decided_by=actor)
    if signals:
        follow_up.signals.set(signals)
    _log(actor, object_type="inbound-follow-up", object_id=follow_up.pk, channel=channel)
    return follow_up


@transaction.atomic
def inspection_request_record(
    *, actor: User, message: InboundMessage, prosecutor: str, requested_on: dt.date, channel: str
) -> InspectionRequest:
    _hub_only(actor)
    problems: list[dict[str, str]] = []
    prosecutor = _text(prosecutor, "prosecutor", problems, required=True, label=gettext("De officier van justitie"))
    if requested_on > timezone.localdate():
        problems.append(_param("requested_on", "invalid_date", gettext("De datum kan niet in de toekomst liggen.")))
    if problems:
        raise ValidationFailed(gettext("Het inzageverzoek is niet vastgelegd."), invalid_params=problems)
    request = InspectionRequest.objects.create(
        message=message, prosecutor=prosecutor[:200], requested_on=requested_on, recorded_by=actor
    )
    _log(actor, object_type="inspection-request", object_id=request.pk, channel=channel)
    return request


@transaction.atomic
def inspection_outcome_record(
    *, actor: User, request: InspectionRequest, outcome: str, note: str = "", channel: str
) -> InspectionRequest:
    _hub_only(actor)
    problems: list[dict[str, str]] = []
    if outcome not in InspectionOutcome.values or outcome == InspectionOutcome.PENDING:
        problems.append(_param("outcome", "invalid_choice", gettext("Kies de uitkomst van het verzoek.")))
    note = _text(note, "note", problems, required=False, label=gettext("De toelichting"))
    if problems:
        raise ValidationFailed(gettext("De uitkomst is niet vastgelegd."), invalid_params=problems)
    request.outcome = outcome
    request.outcome_note = note
    request.outcome_on = timezone.localdate()
    request.save(update_fields=["outcome", "outcome_note", "outcome_on"])
    _log(actor, object_type="inspection-request", object_id=request.pk, action="update", channel=channel)
    return request


@transaction.atomic
def briefing_write(
    *,
    actor: User,
    title: str,
    body: str,
    unit_codes: Sequence[str],
    message: InboundMessage | None = None,
    dates_confirmed: bool = False,
    channel: str,
) -> Briefing:
    """A briefing on trends and indicators for chosen units. A V-number is refused; a date that may be a date of birth
    needs the writer's confirmation that it is none."""
    _hub_only(actor)
    problems: list[dict[str, str]] = []
    title = _text(title, "title", problems, required=True, label=gettext("De titel"))
    body = _text(body, "body", problems, required=True, label=gettext("De tekst"))
    codes = list(dict.fromkeys(unit_codes))
    # Any active unit of any organisation: a briefing is about trends and indicators, never about a person (the check
    # below), so sending it needs no flow or legal basis for personal data.
    units = list(Unit.objects.filter(code__in=codes, is_active=True))
    if not codes:
        problems.append(_param("units", "required", gettext("Kies voor welke eenheden de briefing is.")))
    elif len(units) != len(codes):
        problems.append(_param("units", "unknown_unit", gettext("Een of meer eenheden bestaan niet of zijn niet meer actief.")))
    found = personal_data_findings(title, body)
    if found.v_numbers:
        problems.append(
            _param(
                "body",
                "v_number",
                gettext("De tekst bevat iets dat op een V-nummer lijkt. Een briefing gaat over trends, niet over personen."),
            )
        )
    if found.dates and not dates_confirmed:
        problems.append(
            _param(
                "dates_confirmed",
                "confirm_no_date_of_birth",
                gettext(
                    "De tekst bevat een datum of het woord ‘geboren’ (%(dates)s). Bevestig dat het geen geboortedatum "
                    "van een persoon is, of pas de tekst aan."
                )
                % {"dates": ", ".join(found.dates[:3])},
            )
        )
    if problems:
        raise ValidationFailed(gettext("De briefing is niet opgeslagen."), code="briefing_invalid", invalid_params=problems)
    briefing = Briefing.objects.create(
        title=title, body=body, message=message, date_patterns_confirmed=bool(found.dates), written_by=actor
    )
    briefing.units.set(units)
    _log(actor, object_type="briefing", object_id=briefing.pk, channel=channel)
    return briefing


@transaction.atomic
def briefing_confirm_read(*, actor: User, briefing: Briefing, channel: str) -> BriefingReading:
    """The recipient confirms reading; once per person (again is harmless). Counted by the training registry."""
    if not actor.unit_id or not briefing.units.filter(pk=actor.unit_id).exists():
        raise NotAllowed(gettext("Deze briefing is niet voor uw eenheid."), code="not_a_recipient")
    reading, created = BriefingReading.objects.get_or_create(briefing=briefing, user=actor)
    if created:
        _register_training(actor, channel)
        _log(actor, object_type="briefing-reading", object_id=reading.pk, channel=channel, activity=Activity.TRAINING_REGISTRY)
    return reading


def _register_training(actor: User, channel: str) -> None:
    from ketensignaal.training.models import Training, TrainingCompletion

    training = Training.objects.filter(code=BRIEFING_TRAINING, is_active=True).first()
    if training is None:
        return
    today = timezone.localdate()
    if not TrainingCompletion.objects.filter(user=actor, training=training, completed_on=today).exists():
        TrainingCompletion.objects.create(user=actor, training=training, completed_on=today, registered_by=actor)
