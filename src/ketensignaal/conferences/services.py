"""Writing cases: register, triage, invitations, case director, notes, scale down, close.

Every function locks the case, checks input (400), the transition table (409) and the caller's
capability (403) before it changes anything, and writes the processing-log entry in the same
transaction. A refusal changes nothing. The plan of action (measures, warnings, reviews) is in
``plan.py``; "known elsewhere?" in ``known_elsewhere.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from ketensignaal.conferences import workflow
from ketensignaal.conferences.audit import case_log
from ketensignaal.conferences.matching import subject_keys
from ketensignaal.conferences.models import (
    CaseCounter,
    CaseSubjectKey,
    CaseSubjectName,
    ConferenceCase,
    Invitation,
    InvitationEnd,
    MeasureStatus,
    MunicipalitySetup,
    Phase,
    PhaseChange,
    ProgressNote,
    ReportFeedback,
    ScaleDownRecord,
)
from ketensignaal.conferences.scopes import (
    is_municipality_staff,
    is_municipality_staff_anywhere,
    may_add_note,
    may_appoint_director,
    may_close,
    may_invite,
    may_scale_down,
    may_triage,
)
from ketensignaal.core.dates import long_date
from ketensignaal.core.errors import Conflict, NotAllowed, ValidationFailed
from ketensignaal.core.need_to_know import visible
from ketensignaal.governance.legal_basis import flow_for_disclosure
from ketensignaal.governance.models import LegalBasisFlow
from ketensignaal.identity.models import OrganisationKind, RoleCode, Unit, User
from ketensignaal.intake.models import Signal
from ketensignaal.intake.validation import parse_subject_input

DEFAULT_CATEGORIES = ("radicalisering",)
CASE_DATA_CATEGORY = "casusgegevens"


def param(name: str, reason: str, code: str = "required") -> dict[str, str]:
    return {"name": name, "code": code, "reason": reason}


def required_text(value: Any, name: str, reason: str) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise ValidationFailed(reason, invalid_params=[param(name, reason)])
    return text


def require(allowed: bool, detail: str, code: str = "forbidden") -> None:
    if not allowed:
        raise NotAllowed(detail, code=code)


def future_date(value: Any, name: str, what: str | Promise) -> dt.date:
    """A date that is not in the past (bad input otherwise). ``what`` names the date, marked for translation
    (``gettext_lazy("de evaluatiedatum")``), so the whole sentence reads in the reader's language."""
    if not isinstance(value, dt.date):
        reason = gettext("Vul %(what)s in als dag-maand-jaar, bijvoorbeeld 3-11-2026.") % {"what": what}
        raise ValidationFailed(reason, invalid_params=[param(name, reason)])
    if value < timezone.localdate():
        reason = gettext("%(what)s ligt in het verleden (%(date)s); kies vandaag of een latere datum.") % {
            "what": capfirst(str(what)),
            "date": long_date(value),
        }
        raise ValidationFailed(reason, invalid_params=[param(name, reason, "in_the_past")])
    return value


def lock(case: ConferenceCase) -> ConferenceCase:
    return ConferenceCase.objects.select_for_update().select_related("municipality__organisation").get(pk=case.pk)


def touch(case: ConferenceCase, *fields: str, bump: bool = True) -> None:
    case.updated_at = timezone.now()
    if bump:
        case.version += 1
    case.save(update_fields=[*fields, "updated_at", *(["version"] if bump else [])])


def phase_change(*, case: ConferenceCase, action: str, actor: Any, reason: str = "") -> None:
    target = workflow.next_phase(case.phase, action)
    PhaseChange.objects.create(case=case, from_phase=case.phase, to_phase=target, action=action, reason=reason, by=actor)
    case.phase = target


def case_categories(case: ConferenceCase) -> list[str]:
    """What a disclosure about this case covers: the linked signals' categories, else radicalisation."""
    codes = list(dict.fromkeys(case.signals.values_list("categories__code", flat=True)))
    return [c for c in codes if c] or list(DEFAULT_CATEGORIES)


def _next_reference() -> str:
    year = timezone.localdate().year
    counter, _ = CaseCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"CO-{year}-{counter.last:06d}"


def setup_for(municipality: Unit) -> MunicipalitySetup:
    setup = MunicipalitySetup.objects.filter(municipality=municipality).first()
    return setup or MunicipalitySetup(municipality=municipality)


@transaction.atomic
def case_register(
    *,
    actor: Any,
    municipality_code: str,
    subject: Any,
    reason: str,
    signal_ids: Iterable[Any] = (),
    channel: str = "web",
) -> ConferenceCase:
    """A case in triage: reported by a partner to the municipality, or registered by the municipality itself.

    Signals are linked (the municipality must be able to see them), never copied. A partner's report
    crosses to the municipality over a registered flow (403 without one).
    """
    params: list[dict[str, str]] = []
    municipality = Unit.objects.select_related("organisation").filter(code=municipality_code or "", is_active=True).first()
    if municipality is None or not municipality.code.startswith("gemeente."):
        params.append(param("municipality", gettext("Kies de gemeente die de casus leidt ('gemeente.<naam>')."), "invalid"))
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        params.append(param("reason", gettext("Beschrijf de aanleiding: wat is de zorg over deze persoon?")))
    try:
        parsed = parse_subject_input(subject)
    except ValidationFailed as exc:
        params.extend(exc.invalid_params)
        parsed = None
    signals: list[Signal] = []
    wanted = [str(s) for s in signal_ids or []]
    if wanted:
        found = {str(s.pk): s for s in visible(actor, Signal.objects.filter(pk__in=_uuids(wanted)))}
        for index, sid in enumerate(wanted):
            if sid not in found:
                params.append(
                    param(f"signals.{index}", gettext("Dit signaal bestaat niet of u heeft er geen toegang toe."), "not_found")
                )
            else:
                signals.append(found[sid])
    if params or parsed is None or municipality is None:
        raise ValidationFailed(gettext("De casus is niet geregistreerd; zie de toelichting per veld."), invalid_params=params)
    own = is_municipality_staff_anywhere(actor) and actor.unit_id == municipality.pk
    flow: LegalBasisFlow | None = None
    if not own:
        require(bool(getattr(actor, "unit_id", None)), "U kunt geen casus aanmelden zonder eenheid.")
        if actor.unit.organisation_id == municipality.organisation_id:
            require(
                False,
                gettext("Alleen casusregisseurs en behandelaars van de gemeente registreren casussen."),
                "municipality_only",
            )
        categories = list(dict.fromkeys(c for s in signals for c in s.categories.values_list("code", flat=True)))
        flow = flow_for_disclosure(
            from_org=actor.unit.organisation,
            to_org=municipality.organisation,
            categories=categories or list(DEFAULT_CATEGORIES),
            data_categories=[CASE_DATA_CATEGORY],
        )
    case = ConferenceCase.objects.create(
        reference=_next_reference(),
        municipality=municipality,
        reason=reason,
        reporting_unit=actor.unit,
        reported_by=actor,
        v_number=parsed.v_number,
        date_of_birth=parsed.date_of_birth,
        nationality=parsed.nationality,
        minor=parsed.minor,
    )
    CaseSubjectName.objects.bulk_create(
        CaseSubjectName(case=case, name=n.name, script=n.script, position=i) for i, n in enumerate(parsed.names)
    )
    CaseSubjectKey.objects.bulk_create(CaseSubjectKey(case=case, key=k) for k in subject_keys(parsed))
    if signals:
        case.signals.add(*signals)
    PhaseChange.objects.create(case=case, from_phase="", to_phase=Phase.TRIAGE, action="register", reason=reason, by=actor)
    if not own:
        # The partner will hear whether the case was admitted, and nothing more (see ReportFeedback).
        ReportFeedback.objects.create(
            case=case, unit=actor.unit, reporter=actor, reference=case.reference, reported_at=case.created_at
        )
    if flow is not None:
        case_log(actor=actor, case=case, action="disclose", channel=channel, legal_basis=flow.version_label)
    else:
        case_log(actor=actor, case=case, action="create", channel=channel)
    return case


def _uuids(values: list[str]) -> list[str]:
    import uuid

    result = []
    for value in values:
        try:
            result.append(str(uuid.UUID(value)))
        except ValueError:
            continue
    return result


@transaction.atomic
def case_triage(*, actor: Any, case: ConferenceCase, admitted: bool, reason: str, channel: str = "web") -> ConferenceCase:
    """The triage decision (by the municipality or its weegploeg), with its reason; not admitted is an ordinary outcome."""
    case = lock(case)
    workflow.next_phase(case.phase, workflow.ADMIT if admitted else workflow.DECLINE)
    require(may_triage(actor, case), gettext("Alleen de gemeente die de casus leidt legt de weging vast."))
    reason = required_text(reason, "reason", gettext("Geef de reden van de beslissing over toelating."))
    setup = setup_for(case.municipality)
    if setup.has_triage_group:
        members = ", ".join(u.name for u in setup.triage_group_members.all()) if setup.pk else ""
        case.triage_body = f"Weegploeg ({members})" if members else "Weegploeg"
    else:
        case.triage_body = case.municipality.name
    case.admitted = admitted
    case.triage_reason = reason
    case.triaged_at = timezone.now()
    case.triaged_by = actor
    phase_change(case=case, action=workflow.ADMIT if admitted else workflow.DECLINE, actor=actor, reason=reason)
    fields = ["admitted", "triage_reason", "triage_body", "triaged_at", "triaged_by", "phase"]
    ReportFeedback.objects.filter(case=case).update(admitted=admitted, decided_at=case.triaged_at, read_at=None)
    if admitted:
        case.next_review = timezone.localdate() + dt.timedelta(days=setup.review_interval_days)
        fields.append("next_review")
    else:
        case.closed_at = timezone.now()
        fields.append("closed_at")
        invitations_end(case=case, actor=actor, end=InvitationEnd.CLOSED)
    touch(case, *fields)
    case_log(actor=actor, case=case, action="update", channel=channel)
    return case


def invitable_units(case: ConferenceCase) -> QuerySet[Unit]:
    """The units that can be invited to this case, by name: active units of other organisations than the
    municipality's own. Never the public reporting point's pseudo-units ("Getuigen (publiek meldpunt)"): they are the
    way in for people without an account, not partners who could take part in a case."""
    return (
        Unit.objects.filter(is_active=True)
        .exclude(organisation_id=case.municipality.organisation_id)
        .exclude(organisation__kind=OrganisationKind.EXTERNAL)
        .select_related("organisation")
        .order_by("name")
    )


def _invited_unit(case: ConferenceCase, unit_code: str) -> Unit:
    unit = Unit.objects.select_related("organisation").filter(code=unit_code or "", is_active=True).first()
    if unit is None:
        reason = gettext("Deze eenheid kennen we niet of zij is niet meer actief; kies een eenheid uit de lijst.")
        raise ValidationFailed(reason, invalid_params=[param("unit", reason, "unknown_unit")])
    if unit.organisation_id == case.municipality.organisation_id:
        reason = gettext("Deze eenheid hoort bij de gemeente zelf; die heeft de casus al.")
        raise ValidationFailed(reason, invalid_params=[param("unit", reason, "own_organisation")])
    if unit.organisation.kind == OrganisationKind.EXTERNAL:
        reason = gettext("%(unit)s is een ingang van het publieke meldpunt, geen partner; die kan niet worden uitgenodigd.") % {
            "unit": unit.name
        }
        raise ValidationFailed(reason, invalid_params=[param("unit", reason, "not_a_partner")])
    return unit


@transaction.atomic
def invitation_create(
    *, actor: Any, case: ConferenceCase, unit_code: str, purpose: str, justification: str, channel: str = "web"
) -> Invitation:
    """Invite a unit of another organisation to this case: the one place where case data crosses to a partner.

    Needs a registered flow from the municipality to that organisation (403 ``no_legal_basis`` without), a
    purpose and a case-level justification (400 without); the disclosure is logged with the flow version in
    the same transaction. An organisation that shares only on its own judgement is invited to take part,
    never asked for data: its invitation is marked so.
    """
    case = lock(case)
    require(may_invite(actor, case), "U kunt voor deze casus (in deze fase) geen partners uitnodigen.")
    unit = _invited_unit(case, unit_code)
    # The same order of refusals as the signal disclosure service: no legal basis (403) cannot be cured by
    # filling in a field, a missing purpose or justification (400) can.
    flow = flow_for_disclosure(
        from_org=case.municipality.organisation,
        to_org=unit.organisation,
        categories=case_categories(case),
        data_categories=[CASE_DATA_CATEGORY],
    )
    params = []
    if not (purpose or "").strip():
        params.append(param("purpose", gettext("Waarvoor wordt deze partner uitgenodigd?")))
    if not (justification or "").strip():
        params.append(
            param("justification", gettext("Onderbouw waarom delen met deze partner in deze casus nodig en evenredig is."))
        )
    if params:
        raise ValidationFailed(gettext("De uitnodiging is niet verstuurd; zie de toelichting per veld."), invalid_params=params)
    if Invitation.objects.filter(case=case, unit=unit, ended_at__isnull=True).exists():
        raise Conflict(gettext("%(unit)s is al uitgenodigd voor deze casus.") % {"unit": unit.name}, code="already_invited")
    invitation = Invitation.objects.create(
        case=case,
        unit=unit,
        purpose=purpose.strip(),
        justification=justification.strip(),
        flow=flow,
        flow_version_label=flow.version_label,
        on_own_judgement=unit.organisation.shares_on_own_judgement,
        invited_by=actor,
    )
    touch(case, bump=False)
    case_log(
        actor=actor,
        case=case,
        action="disclose",
        channel=channel,
        object_type="conference-invitation",
        object_id=invitation.pk,
        legal_basis=flow.version_label,
    )
    return invitation


@transaction.atomic
def invitation_withdraw(
    *, actor: Any, case: ConferenceCase, invitation_id: Any, note: str = "", channel: str = "web"
) -> Invitation:
    """End one unit's access to the case, with the reason (``note``); its next request answers 404."""
    case = lock(case)
    require(may_invite(actor, case), "U kunt uitnodigingen voor deze casus niet intrekken.")
    invitation = Invitation.objects.filter(case=case, pk=invitation_id).select_related("unit").first()
    if invitation is None:
        from django.http import Http404

        raise Http404
    if invitation.ended_at is not None:
        raise Conflict(gettext("Deze uitnodiging is al beëindigd."), code="invitation_ended")
    note = required_text(note, "note", gettext("Geef de reden om de uitnodiging in te trekken."))
    invitation.ended_at = timezone.now()
    invitation.end_reason = InvitationEnd.WITHDRAWN
    invitation.ended_by = actor
    invitation.withdrawal_note = note
    invitation.save(update_fields=["ended_at", "end_reason", "ended_by", "withdrawal_note"])
    if case.case_director_id and getattr(case.case_director, "unit_id", None) == invitation.unit_id:
        case.case_director = None
        case.case_director_reason = ""
        touch(case, "case_director", "case_director_reason")
    case_log(
        actor=actor, case=case, action="update", channel=channel, object_type="conference-invitation", object_id=invitation.pk
    )
    return invitation


def invitations_end(*, case: ConferenceCase, actor: Any, end: str) -> list[str]:
    """End every open invitation (scale-down, close, not admitted); returns the unit codes that lost access."""
    open_ones = list(Invitation.objects.filter(case=case, ended_at__isnull=True).select_related("unit"))
    if open_ones:
        Invitation.objects.filter(pk__in=[i.pk for i in open_ones]).update(
            ended_at=timezone.now(), end_reason=end, ended_by=actor
        )
    return [i.unit.code for i in open_ones]


@transaction.atomic
def case_director_appoint(
    *, actor: Any, case: ConferenceCase, username: str, reason: str, channel: str = "web"
) -> ConferenceCase:
    """The case director comes from the organisation whose problem leads: the municipality or an invited one."""
    case = lock(case)
    require(
        may_appoint_director(actor, case), gettext("Alleen de gemeente wijst de casusregisseur aan, tijdens het casusoverleg.")
    )
    reason = required_text(reason, "reason", gettext("Waarom deze casusregisseur (welke problematiek is leidend)?"))
    director = User.objects.select_related("unit__organisation").filter(username=username or "", is_active=True).first()
    if director is None or not director.unit_id or not director.has_role(RoleCode.CASE_DIRECTOR):
        detail = gettext("Deze gebruiker bestaat niet of is geen casusregisseur.")
        raise ValidationFailed(detail, invalid_params=[param("username", detail, "not_a_case_director")])
    assert director.unit is not None
    org = director.unit.organisation_id
    invited = Invitation.objects.filter(case=case, unit__organisation_id=org, ended_at__isnull=True).exists()
    if org != case.municipality.organisation_id and not invited:
        detail = gettext(
            "%(organisation)s is niet uitgenodigd voor deze casus; nodig de organisatie eerst uit "
            "of kies een casusregisseur van de gemeente."
        ) % {"organisation": director.unit.organisation.name}
        raise ValidationFailed(detail, invalid_params=[param("username", detail, "organisation_not_invited")])
    case.case_director = director
    case.case_director_reason = reason
    touch(case, "case_director", "case_director_reason")
    case_log(actor=actor, case=case, action="update", channel=channel)
    return case


@transaction.atomic
def note_add(
    *, actor: Any, case: ConferenceCase, text: str, own_judgement: bool | None = None, channel: str = "web"
) -> ProgressNote:
    """Progress, or a partner's contribution; a partner's crosses to the municipality over its flow.

    Organisations that share only on their own judgement confirm that it is their own decision
    (``own_judgement``), and the note is marked so. Nothing is ever asked of them automatically.
    """
    case = lock(case)
    require(may_add_note(actor, case), gettext("In deze fase kunnen geen notities meer worden toegevoegd."), "phase_closed")
    text = required_text(text, "text", gettext("Schrijf de voortgang of uw inbreng."))
    org = actor.unit.organisation
    flow_label = ""
    if not is_municipality_staff(actor, case) and org.pk != case.municipality.organisation_id:
        if org.shares_on_own_judgement and own_judgement is not True:
            detail = gettext("%(organisation)s deelt alleen op eigen afweging: bevestig dat delen uw eigen beslissing is.") % {
                "organisation": org.name
            }
            raise ValidationFailed(detail, invalid_params=[param("own_judgement", detail)])
        flow = flow_for_disclosure(
            from_org=org, to_org=case.municipality.organisation, categories=case_categories(case), data_categories=[]
        )
        flow_label = flow.version_label
    note = ProgressNote.objects.create(
        case=case,
        text=text,
        author=actor,
        unit=actor.unit,
        on_own_judgement=bool(org.shares_on_own_judgement),
        flow_version_label=flow_label,
    )
    touch(case, bump=False)
    case_log(
        actor=actor,
        case=case,
        action="disclose" if flow_label else "create",
        channel=channel,
        object_type="conference-note",
        object_id=note.pk,
        legal_basis=flow_label,
    )
    return note


@transaction.atomic
def case_scale_down(
    *, actor: Any, case: ConferenceCase, reason: str, attention_until: Any, channel: str = "web"
) -> ConferenceCase:
    """Afschalen: continued attention until a date, invited units lose access, running measures continue."""
    case = lock(case)
    workflow.next_phase(case.phase, workflow.SCALE_DOWN)
    require(may_scale_down(actor, case), gettext("Alleen de gemeente of de casusregisseur schaalt een casus af."))
    reason = required_text(reason, "reason", gettext("Geef de reden van afschalen."))
    until = future_date(attention_until, "attention_until", gettext_lazy("het einde van de nazorgperiode"))
    continuing = [
        {"measure": m.measure_type.code, "label": m.measure_type.label, "owner": m.owner.code, "goal": m.goal}
        for m in case.measures.exclude(status=MeasureStatus.ENDED).select_related("measure_type", "owner")
    ]
    ended_units = invitations_end(case=case, actor=actor, end=InvitationEnd.SCALED_DOWN)
    ScaleDownRecord.objects.create(
        case=case,
        reason=reason,
        attention_until=until,
        continuing_measures=continuing,
        ended_units=ended_units,
        by=actor,
    )
    phase_change(case=case, action=workflow.SCALE_DOWN, actor=actor, reason=reason)
    case.attention_until = until
    touch(case, "phase", "attention_until")
    case_log(actor=actor, case=case, action="update", channel=channel)
    return case


def _close(*, actor: Any, case: ConferenceCase, reason: str, channel: str) -> ConferenceCase:
    phase_change(case=case, action=workflow.CLOSE, actor=actor, reason=reason)
    invitations_end(case=case, actor=actor, end=InvitationEnd.CLOSED)
    case.closed_at = timezone.now()
    touch(case, "phase", "closed_at")
    case_log(actor=actor, case=case, action="update", channel=channel)
    return case


@transaction.atomic
def case_close(*, actor: Any, case: ConferenceCase, reason: str, channel: str = "web") -> ConferenceCase:
    case = lock(case)
    workflow.next_phase(case.phase, workflow.CLOSE)
    require(may_close(actor, case), gettext("Alleen de gemeente sluit een afgeschaalde casus af."))
    reason = required_text(reason, "reason", gettext("Geef de reden van afsluiten."))
    return _close(actor=actor, case=case, reason=reason, channel=channel)


def cases_close_after_attention(today: dt.date | None = None) -> dict[str, int]:
    """Daily: a scaled-down case whose attention period has ended closes (by the system, logged)."""
    today = today or timezone.localdate()
    closed = 0
    due = ConferenceCase.objects.filter(phase=Phase.SCALED_DOWN, attention_until__lt=today).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            case = ConferenceCase.objects.select_for_update().get(pk=pk)
            if case.phase != Phase.SCALED_DOWN:
                continue
            _close(actor=None, case=case, reason="Nazorgperiode verstreken", channel="job")
            closed += 1
    return {"closed": closed}
