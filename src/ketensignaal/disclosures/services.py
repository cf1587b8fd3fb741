"""Writing enrichment, disclosures, naslag requests, answers and ambtsberichten.

Every change writes its processing-log entry in the same transaction. A refused
request (no legal basis, missing preconditions, missing justification) raises
before anything is written: it changes nothing and writes no log entry, because
no personal data was processed or disclosed. The caller gets the reason.

The reporter's feedback ("voorgelegd aan ketenpartners") is derived by the
routing context from the ``disclosed`` involvement this module writes; routing
and intake never import this context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.dates import long_moment
from ketensignaal.core.errors import Conflict, NotAllowed, Unprocessable, ValidationFailed, choose_one_of
from ketensignaal.disclosures.models import (
    Ambtsbericht,
    AnswerKind,
    Disclosure,
    EnrichmentFact,
    EnrichmentKind,
    NaslagAnswer,
    NaslagRequest,
    NaslagStatus,
    Service,
)
from ketensignaal.disclosures.scopes import HUB_ORGANISATION, is_hub_analyst, may_disclose, may_enrich
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.legal_basis import flow_for_disclosure
from ketensignaal.governance.models import LegalBasisFlow
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import InvolvementReason, Signal
from ketensignaal.routing.disclosure import disclosure_check, signal_disclose

ACTIVITY = Activity.DISCLOSURE
ENRICHMENT_ACTIVITY = Activity.SIGNAL_HANDLING

# A recipient given as an organisation code lands in this unit.
DEFAULT_RECIPIENT_UNIT = {"politie": "politie.cter", "aivd": "aivd", "mivd": "mivd", "kmar": "kmar.intelligence"}

# Ambtsberichten never carry their sources (DOMAIN.md §2.6); such fields are refused, not dropped silently.
SOURCE_FIELD_NAMES = frozenset({"source", "sources", "bron", "bronnen", "source_reference", "bronvermelding"})


def _required(value: str | None, name: str, reason: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationFailed(reason, code="required", invalid_params=[{"name": name, "code": "required", "reason": reason}])
    return text


def _require(capability: Callable[[Any], bool], actor: Any, what: str) -> None:
    if not capability(actor):
        raise NotAllowed(gettext("U heeft geen rol waarmee u %(what)s mag.") % {"what": what})


def _signal_categories(signal: Signal) -> list[str]:
    return list(signal.categories.values_list("code", flat=True))


def _signal_item(signal: Signal, **kwargs: Any) -> LogItem:
    return LogItem(subject=subject_ref("signal", signal.pk), **kwargs)


@transaction.atomic
def enrichment_record(*, actor: Any, signal: Signal, kind: str, value: str, source: str, channel: str = "web") -> EnrichmentFact:
    """Record what the IND file says about the subject of ``signal``, with the source it came from."""
    _require(may_enrich, actor, gettext("verrijken"))
    if kind not in EnrichmentKind.values:
        raise ValidationFailed(
            gettext("Onbekende soort verrijking."),
            invalid_params=[
                {
                    "name": "kind",
                    "code": "invalid_choice",
                    "reason": choose_one_of(EnrichmentKind.labels),
                }
            ],
        )
    value = _required(value, "value", gettext("Vul in wat het dossier zegt."))
    source = _required(source, "source", gettext("Vermeld de bron (bijvoorbeeld het INDiGO-dossier)."))
    fact = EnrichmentFact.objects.create(
        signal=signal, kind=kind, value=value, source=source, recorded_by=actor, recorded_unit_id=actor.unit_id
    )
    processing_log_record(
        actor=actor,
        items=[
            _signal_item(signal, activity=ENRICHMENT_ACTIVITY, action="create", object_type="enrichment-fact", object_id=fact.pk)
        ],
        channel=channel,
    )
    return fact


def recipient_unit_resolve(recipient: str) -> Unit:
    code = (recipient or "").strip()
    unit_code = DEFAULT_RECIPIENT_UNIT.get(code, code)
    unit = Unit.objects.select_related("organisation").filter(code=unit_code, is_active=True).first()
    if unit is None:
        reason = gettext("Onbekende ontvanger; gebruik politie, aivd, mivd of een eenheidscode (bijv. politie.tim).")
        raise ValidationFailed(reason, invalid_params=[{"name": "recipient", "code": "unknown_recipient", "reason": reason}])
    return unit


@dataclass(frozen=True)
class DisclosurePreview:
    """What a disclosure would do, shown to the user before they confirm: to whom, over which flow (its name and
    statutory basis) and which data."""

    recipient: Unit
    flow: LegalBasisFlow
    justification: str
    data_categories: list[str]
    signal_categories: list[str]


def _recipient_checked(*, actor: Any, recipient: str) -> Unit:
    _require(may_disclose, actor, gettext("verstrekken"))
    unit = recipient_unit_resolve(recipient)
    if unit.organisation_id == actor.unit.organisation_id:
        reason = gettext("De ontvanger hoort bij uw eigen organisatie; stuur het signaal door in plaats van het te verstrekken.")
        raise ValidationFailed(reason, invalid_params=[{"name": "recipient", "code": "own_organisation", "reason": reason}])
    return unit


def _already_disclosed(*, signal: Signal, unit: Unit) -> Conflict:
    earlier = Disclosure.objects.filter(signal=signal, recipient_unit=unit).select_related("disclosed_by").first()
    if earlier is not None:
        detail = gettext("%(unit)s heeft dit signaal al ontvangen: %(who)s verstrekte het op %(when)s.") % {
            "unit": unit.name,
            "who": earlier.disclosed_by.display_name,
            "when": long_moment(earlier.disclosed_at),
        }
    else:
        detail = gettext("%(unit)s heeft al toegang tot dit signaal; er is niets opnieuw verstrekt.") % {"unit": unit.name}
    return Conflict(
        detail, code="already_disclosed", invalid_params=[{"name": "recipient", "code": "already_disclosed", "reason": detail}]
    )


def disclosure_preview(*, actor: Any, signal: Signal, recipient: str, justification: str) -> DisclosurePreview:
    """Weigh a disclosure exactly as :func:`disclosure_create` will, and write nothing: the confirmation step shows
    the outcome (recipient, flow, statutory basis, data) or the refusal, before anything crosses."""
    unit = _recipient_checked(actor=actor, recipient=recipient)
    permit = disclosure_check(signal=signal, from_unit=actor.unit, to_unit=unit, justification=(justification or "").strip())
    if permit.already_involved:
        raise _already_disclosed(signal=signal, unit=unit)
    assert permit.flow is not None  # a step to another organisation always has its flow
    return DisclosurePreview(
        recipient=unit,
        flow=permit.flow,
        justification=justification.strip(),
        data_categories=list(permit.flow.data_categories),
        signal_categories=[str(c.label) for c in signal.categories.all()],
    )


@transaction.atomic
def disclosure_create(*, actor: Any, signal: Signal, recipient: str, justification: str, channel: str = "web") -> Disclosure:
    """Put ``signal`` to a partner over the registered flow, with a case-level justification.

    Refused (nothing changes) without justification (400), for a recipient in the
    discloser's own organisation (400: that is forwarding), or without a flow
    that permits it (403 ``no_legal_basis``, naming the flow and what is missing).
    """
    unit = _recipient_checked(actor=actor, recipient=recipient)
    # The one disclosure service weighs the flow, the handling code and the justification, grants the recipient
    # need to know and writes the history and log entries; a refusal raises before anything is written.
    grant = signal_disclose(
        actor=actor,
        signal=signal,
        to_unit=unit,
        reason=InvolvementReason.DISCLOSED,
        justification=(justification or "").strip(),
        channel=channel,
        activity=ACTIVITY,
    )
    if not grant.created:
        # Someone disclosed to this recipient first (perhaps a moment ago, at the same time as this user: the
        # disclosure service serialises the two on the signal's row) or it has access otherwise. Nothing is
        # written twice: this transaction is undone and the user is told why.
        raise _already_disclosed(signal=signal, unit=unit)
    flow = grant.permit.flow
    assert flow is not None  # a step to another organisation always has its flow
    return Disclosure.objects.create(
        signal=signal,
        recipient_unit=unit,
        flow=flow,
        flow_version_label=flow.version_label,
        justification=justification.strip(),
        disclosed_by=actor,
        disclosing_unit_id=actor.unit_id,
    )


def naslag_preconditions_check(*, own_means_exhausted: bool, other_means_insufficient: bool, justification: str) -> None:
    """Wiv 2017 art. 8(2)(f): the request records that both preconditions hold, and why."""
    params = []
    if own_means_exhausted is not True:
        params.append(
            {
                "name": "own_means_exhausted",
                "code": "precondition",
                "reason": gettext("De eigen onderzoeksmiddelen van de IND moeten uitgeput zijn."),
            }
        )
    if other_means_insufficient is not True:
        params.append(
            {
                "name": "other_means_insufficient",
                "code": "precondition",
                "reason": gettext("Andere manieren om de gegevens te verkrijgen moeten ontbreken of ontoereikend zijn."),
            }
        )
    if not (justification or "").strip():
        params.append(
            {"name": "justification", "code": "required", "reason": gettext("Onderbouw het naslagverzoek voor deze zaak.")}
        )
    if params:
        raise Unprocessable(
            gettext(
                "Naslag kan alleen worden gevraagd als de eigen middelen zijn uitgeput, andere wegen ontbreken of "
                "ontoereikend zijn, en er een onderbouwing is. Ontbreekt: %(missing)s"
            )
            % {"missing": "; ".join(p["reason"] for p in params)},
            code="naslag_preconditions",
            invalid_params=params,
        )


@transaction.atomic
def naslag_request_create(
    *,
    actor: Any,
    signal: Signal,
    service: str,
    own_means_exhausted: bool,
    other_means_insufficient: bool,
    justification: str,
    channel: str = "web",
) -> NaslagRequest:
    _require(may_disclose, actor, gettext("naslag aanvragen"))
    if service not in Service.values:
        reason = gettext("Naslag kan worden gevraagd bij de AIVD of de MIVD.")
        raise ValidationFailed(reason, invalid_params=[{"name": "service", "code": "invalid_choice", "reason": reason}])
    naslag_preconditions_check(
        own_means_exhausted=own_means_exhausted, other_means_insufficient=other_means_insufficient, justification=justification
    )
    flow = flow_for_disclosure(from_org=actor.unit.organisation, to_org=service, categories=_signal_categories(signal))
    request = NaslagRequest.objects.create(
        signal=signal,
        service=service,
        own_means_exhausted=True,
        other_means_insufficient=True,
        justification=justification.strip(),
        flow=flow,
        flow_version_label=flow.version_label,
        requested_by=actor,
        requesting_unit_id=actor.unit_id,
    )
    processing_log_record(
        actor=actor,
        items=[
            _signal_item(
                signal,
                activity=ACTIVITY,
                action="disclose",
                object_type="naslag-request",
                object_id=request.pk,
                legal_basis=flow.version_label,
            )
        ],
        channel=channel,
    )
    return request


@transaction.atomic
def naslag_answer_record(
    *, actor: Any, request: NaslagRequest, kind: str, text: str = "", received_on: date | None = None, channel: str = "web"
) -> NaslagAnswer:
    """Register what the service answered, if anything; it need not say what it did."""
    _require(may_disclose, actor, gettext("een antwoord registreren"))
    if kind not in AnswerKind.values:
        reason = choose_one_of(AnswerKind.labels)
        raise ValidationFailed(
            gettext("Onbekende soort antwoord."), invalid_params=[{"name": "kind", "code": "invalid_choice", "reason": reason}]
        )
    if kind == AnswerKind.OTHER:
        _required(text, "text", gettext("Beschrijf het antwoord van de dienst."))
    request = NaslagRequest.objects.select_for_update().get(pk=request.pk)
    answer = NaslagAnswer.objects.create(
        request=request, kind=kind, text=(text or "").strip(), received_on=received_on or timezone.localdate(), recorded_by=actor
    )
    if request.status != NaslagStatus.ANSWERED:
        request.status = NaslagStatus.ANSWERED
        request.save(update_fields=["status"])
    processing_log_record(
        actor=actor,
        items=[
            LogItem(
                activity=ACTIVITY,
                action="create",
                object_type="naslag-answer",
                object_id=answer.pk,
                subject=subject_ref("signal", request.signal_id),
                legal_basis=request.flow_version_label,
            )
        ],
        channel=channel,
    )
    return answer


def ambtsbericht_refuse_sources(submitted_fields: Iterable[str]) -> None:
    named = sorted({f for f in submitted_fields if f.lower() in SOURCE_FIELD_NAMES})
    if named:
        reason = gettext("Een ambtsbericht wordt zonder bronnen vastgelegd; laat bronvelden weg.")
        raise ValidationFailed(
            reason,
            code="sources_not_stored",
            invalid_params=[{"name": f, "code": "sources_not_stored", "reason": reason} for f in named],
        )


def may_register_ambtsbericht(actor: Any, service: str) -> bool:
    unit = actor.unit if actor.unit_id else None
    return unit is not None and (is_hub_analyst(actor) or unit.code == service)


@transaction.atomic
def ambtsbericht_register(
    *,
    actor: Any,
    service: str,
    dated: date,
    subject: str,
    content: str,
    summary: str = "",
    signal: Signal | None = None,
    person: Any = None,
    naslag_request: NaslagRequest | None = None,
    submitted_fields: Iterable[str] = (),
    channel: str = "web",
) -> Ambtsbericht:
    """Register an inbound ambtsbericht: by the TSZ hub on receipt, or by a user of the sending service.

    A service user may not link it to a signal, person or request (they cannot see those);
    the hub links it.
    """
    ambtsbericht_refuse_sources(submitted_fields)
    if service not in Service.values:
        reason = gettext("Een ambtsbericht komt van de AIVD of de MIVD.")
        raise ValidationFailed(reason, invalid_params=[{"name": "service", "code": "invalid_choice", "reason": reason}])
    if not may_register_ambtsbericht(actor, service):
        raise NotAllowed(
            gettext("Alleen analisten van IND TSZ of de verzendende dienst zelf kunnen een ambtsbericht registreren.")
        )
    if not is_hub_analyst(actor) and (signal or person or naslag_request):
        reason = gettext("Koppelen aan een signaal, persoon of naslagverzoek doet het TSZ na ontvangst.")
        raise ValidationFailed(
            reason, code="link_by_hub", invalid_params=[{"name": "signal", "code": "link_by_hub", "reason": reason}]
        )
    subject = _required(subject, "subject", gettext("Geef het onderwerp van het ambtsbericht."))
    content = _required(content, "content", gettext("Neem de inhoud van het ambtsbericht over."))
    if naslag_request is not None and signal is None:
        signal = naslag_request.signal
    report = Ambtsbericht.objects.create(
        service=service,
        dated=dated,
        subject=subject,
        summary=(summary or "").strip(),
        content=content,
        signal=signal,
        person=person,
        naslag_request=naslag_request,
        own_initiative=naslag_request is None,
        received_by=actor,
    )
    flow = LegalBasisFlow.objects.filter(
        from_organisation__code=service, to_organisation__code=HUB_ORGANISATION, is_current=True
    ).first()
    if person is not None:
        subject_value = subject_ref("person", person.pk)
    elif signal is not None:
        subject_value = subject_ref("signal", signal.pk)
    else:
        subject_value = ""
    processing_log_record(
        actor=actor,
        items=[
            LogItem(
                activity=ACTIVITY,
                action="create",
                object_type="ambtsbericht",
                object_id=report.pk,
                subject=subject_value,
                legal_basis=flow.version_label if flow else "",
            )
        ],
        channel=channel,
    )
    return report
