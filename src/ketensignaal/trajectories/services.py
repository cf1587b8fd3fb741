"""Writing LIV trajectories: request, weighing, formats, factors, conclusion, advance, delivery.

Every function locks the trajectory, checks its preconditions, changes it and
writes the processing-log entry in one transaction: when a precondition
fails nothing is changed and the error names what is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import Conflict, NotAllowed, Unprocessable, ValidationFailed
from ketensignaal.core.ids import is_uuid
from ketensignaal.core.language import in_reader_language
from ketensignaal.core.need_to_know import visible
from ketensignaal.governance.legal_basis import flow_for_disclosure
from ketensignaal.identity.models import RoleCode, Unit, User
from ketensignaal.intake.models import InvolvementReason, Signal
from ketensignaal.routing.disclosure import disclosure_check, signal_disclose
from ketensignaal.trajectories import workflow
from ketensignaal.trajectories.audit import ACTIVITY, trajectory_log
from ketensignaal.trajectories.config import liv_client_unit_codes, liv_unit_code
from ketensignaal.trajectories.deadlines import deadline_start
from ketensignaal.trajectories.models import (
    Conclusion,
    FactorDefinition,
    FactorKind,
    FormatPhase,
    LivTrajectory,
    Phase,
    PhaseFormat,
    PhaseRecord,
    Presence,
    RecordedFactor,
    Source,
    WeighingAnswer,
    WeighingCriterion,
)
from ketensignaal.trajectories.scopes import is_liv_expert, is_liv_staff


def _param(name: str, reason: str, code: str = "required") -> dict[str, str]:
    return {"name": name, "code": code, "reason": reason}


def _lock(trajectory: LivTrajectory) -> LivTrajectory:
    return LivTrajectory.objects.select_for_update().select_related("client", "requesting_unit").get(pk=trajectory.pk)


def _require_staff(actor: Any) -> None:
    if not is_liv_staff(actor):
        raise NotAllowed(gettext("Alleen medewerkers van het LIV mogen dit doen."), code="liv_staff_only")


def _require_team(actor: Any) -> None:
    if not (is_liv_staff(actor) or is_liv_expert(actor)):
        raise NotAllowed(gettext("Alleen het LIV-team mag het werkdossier bewerken."), code="liv_team_only")


def _touch(trajectory: LivTrajectory, *fields: str) -> None:
    trajectory.updated_at = timezone.now()
    trajectory.save(update_fields=[*fields, "updated_at"])


def _next_reference() -> str:
    year = timezone.localdate().year
    prefix = f"LIV-{year}-"
    last = LivTrajectory.objects.select_for_update().filter(reference__startswith=prefix).order_by("-reference").first()
    number = int(last.reference.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:04d}"


@transaction.atomic
def trajectory_request(
    *,
    actor: Any,
    client_code: str,
    question: str,
    signal_id: Any = None,
    source: str = Source.PARTNER,
    channel: str = "web",
    person_language: str = "",
    interpreter_needed: bool | None = None,
    justification: str = "",
) -> LivTrajectory:
    """Register a request to the LIV (aanmelding); the LIV gets need to know on the linked signal.

    Partners (and the LRO) refer a signal they can see; LIV staff may register
    a request that reached them otherwise, with or without a signal.
    """
    params = []
    question = (question or "").strip()
    if not question:
        params.append(_param("question", gettext("Beschrijf de hulpvraag aan het LIV.")))
    client = Unit.objects.select_related("organisation").filter(code=client_code or "").first()
    if not (client_code or "").strip():  # nothing is chosen for the person who asks: an empty choice is a question
        params.append(_param("client", gettext("Kies de opdrachtgever: het COA of een aangesloten gemeente.")))
    elif client is None or client.code not in liv_client_unit_codes():
        params.append(
            _param(
                "client",
                gettext("Het LIV aanvaardt deze opdrachtgever niet; kies het COA of een aangesloten gemeente."),
                "invalid",
            )
        )
    if source not in Source.values:
        params.append(_param("source", gettext("Onbekende bron van de aanmelding."), "invalid"))
    staff = is_liv_staff(actor)
    signal = None
    if signal_id:
        signal = visible(actor, Signal.objects.all()).filter(pk=signal_id).first() if is_uuid(signal_id) else None
        if signal is None:
            params.append(_param("signal", gettext("Dit signaal bestaat niet of u heeft er geen toegang toe."), "not_found"))
    elif not staff:
        params.append(_param("signal", gettext("Koppel het signaal waarover u het LIV inschakelt."), "required"))
    if params or client is None:
        raise ValidationFailed(gettext("De aanmelding is niet volledig; zie de toelichting per veld."), invalid_params=params)
    trajectory = LivTrajectory.objects.create(
        reference=_next_reference(),
        client=client,
        requesting_unit=actor.unit,
        requested_by=actor,
        source=source,
        question=question,
        person_language=(person_language or "").strip(),
        interpreter_needed=interpreter_needed,
    )
    if signal is not None:
        trajectory.signals.add(signal)
    trajectory_log(actor=actor, trajectory=trajectory, action="create", channel=channel)
    if signal is not None:
        # Need to know goes to the LIV's coordinators in person (they weigh the request), never to the whole unit;
        # the team assigned later gets it on assignment. The hulpvraag is the case-level weighing unless one is given.
        liv_signal_grant(
            actor=actor,
            signals=[signal],
            users=liv_coordinators(),
            justification=(justification or "").strip() or question,
            channel=channel,
        )
    return trajectory


@transaction.atomic
def trajectory_request_withdraw(*, actor: Any, trajectory_id: Any, reason: str, channel: str = "web") -> LivTrajectory:
    """The requester takes a request back while the LIV has not weighed it yet (e.g. the LRO changed its decision).

    The request ends as not accepted, with the reason recorded; once the LIV has weighed it, it is the LIV's case
    and this is refused (409).
    """
    trajectory = _lock(LivTrajectory.objects.get(pk=trajectory_id))
    try:
        phase = workflow.next_phase(trajectory.phase, workflow.WITHDRAW)
    except Conflict:
        raise Conflict(
            gettext("Het LIV heeft deze aanmelding al gewogen; intrekken kan alleen via het LIV."), code="liv_request_weighed"
        ) from None
    now = timezone.now()
    trajectory.phase = phase
    trajectory.accepted = False
    trajectory.non_acceptance_reason = f"Aanmelding ingetrokken door de aanvrager: {(reason or '').strip()}"
    trajectory.closed_at = now
    _touch(trajectory, "phase", "accepted", "non_acceptance_reason", "closed_at")
    trajectory_log(actor=actor, trajectory=trajectory, action="update", channel=channel)
    return trajectory


def liv_coordinators() -> list[Any]:
    """The LIV staff who weigh requests and compose teams (role liv-staff in the configured LIV unit)."""
    return list(
        User.objects.filter(unit__code=liv_unit_code(), roles__code=RoleCode.LIV_STAFF, is_active=True)
        .select_related("unit__organisation")
        .distinct()
    )


def liv_signal_grant(*, actor: Any, signals: Iterable[Signal], users: Iterable[Any], justification: str, channel: str) -> None:
    """Give each of ``users`` (LIV staff or experts) need to know in person on ``signals``, through the disclosure
    service: from the actor's unit over the registered flow to the LSE when it crosses, else within the LIV."""
    users = [u for u in users if u is not None and u.unit_id]
    signals = list(signals)
    if not signals:
        return
    if not users:
        # Nobody to receive it yet: still weigh the step, so a request without a legal basis is refused.
        unit = Unit.objects.select_related("organisation").get(code=liv_unit_code())
        for signal in signals:
            disclosure_check(signal=signal, from_unit=actor.unit, to_unit=unit, justification=justification)
        return
    for signal in signals:
        for user in users:
            signal_disclose(
                actor=actor,
                signal=signal,
                to_unit=user.unit,
                to_user=user,
                reason=InvolvementReason.LIV,
                justification=justification,
                channel=channel,
                activity=ACTIVITY,
            )


@transaction.atomic
def trajectory_weigh(
    *,
    actor: Any,
    trajectory: LivTrajectory,
    accepted: bool,
    answers: dict[str, dict[str, Any]] | None = None,
    reason: str = "",
    underlying_problem: str = "",
    channel: str = "web",
) -> LivTrajectory:
    """The weighing moment: accept against every active criterion, or record why not."""
    _require_staff(actor)
    trajectory = _lock(trajectory)
    workflow.next_phase(trajectory.phase, workflow.ACCEPT if accepted else workflow.DECLINE)
    answers = answers or {}
    params: list[dict[str, str]] = []
    criteria = list(WeighingCriterion.objects.filter(is_active=True))
    cleaned: list[tuple[WeighingCriterion, bool, str]] = []
    for criterion in criteria:
        given = answers.get(criterion.code)
        if not isinstance(given, dict) or given.get("answer") not in (True, False):
            if accepted:
                params.append(
                    _param(
                        f"answers.{criterion.code}.answer",
                        gettext("Beantwoord met ja of nee: %(criterion)s")
                        % {"criterion": in_reader_language(criterion, "label")},
                    )
                )
            continue
        explanation = str(given.get("explanation") or "").strip()
        if not explanation:
            params.append(
                _param(
                    f"answers.{criterion.code}.explanation",
                    gettext("Licht het antwoord toe: %(criterion)s") % {"criterion": in_reader_language(criterion, "label")},
                )
            )
            continue
        cleaned.append((criterion, bool(given["answer"]), explanation))
    if accepted:
        for criterion, answer, _ in cleaned:
            if not answer:
                params.append(
                    _param(
                        f"answers.{criterion.code}.answer",
                        gettext("Met 'nee' op '%(criterion)s' kan het LIV de zaak niet aannemen.")
                        % {"criterion": in_reader_language(criterion, "label")},
                        "criterion_not_met",
                    )
                )
    else:
        if not (reason or "").strip():
            params.append(_param("reason", gettext("Geef de reden waarom de zaak niet wordt aangenomen.")))
        if not (underlying_problem or "").strip():
            params.append(_param("underlying_problem", gettext("Beschrijf het onderliggende probleem.")))
    if params:
        raise Unprocessable(
            gettext("De weging is niet volledig; zie de toelichting per veld."), code="weighing_incomplete", invalid_params=params
        )
    for criterion, answer, explanation in cleaned:
        WeighingAnswer.objects.update_or_create(
            trajectory=trajectory, criterion=criterion, defaults={"answer": answer, "explanation": explanation}
        )
    now = timezone.now()
    trajectory.accepted = accepted
    trajectory.weighed_at = now
    trajectory.weighed_by = actor
    if accepted:
        trajectory.phase = workflow.next_phase(trajectory.phase, workflow.ACCEPT)
        deadline_start(trajectory=trajectory, actor=actor, at=now)
    else:
        trajectory.phase = workflow.next_phase(trajectory.phase, workflow.DECLINE)
        trajectory.non_acceptance_reason = reason.strip()
        trajectory.underlying_problem = underlying_problem.strip()
        trajectory.closed_at = now
    _touch(
        trajectory,
        "accepted",
        "weighed_at",
        "weighed_by",
        "phase",
        "accepted_at",
        "deadline",
        "non_acceptance_reason",
        "underlying_problem",
        "closed_at",
    )
    trajectory_log(actor=actor, trajectory=trajectory, action="update", channel=channel)
    return trajectory


def current_format(phase: str) -> PhaseFormat:
    fmt = PhaseFormat.objects.filter(phase=phase).order_by("-version").first()
    if fmt is None:
        raise Unprocessable(
            gettext("Er is nog geen format voor de fase '%(format)s'; vraag de functioneel beheerder.")
            % {"format": FormatPhase(phase).label},
            code="format_missing",
        )
    return fmt


def format_for(trajectory: LivTrajectory, phase: str) -> tuple[PhaseFormat, dict[str, Any]]:
    """The format a trajectory answers for a phase (the version it started on) and its answers."""
    record = PhaseRecord.objects.select_related("format").filter(trajectory=trajectory, phase=phase).first()
    if record is not None:
        return record.format, record.answers
    return current_format(phase), {}


@transaction.atomic
def trajectory_phase_fill(
    *, actor: Any, trajectory: LivTrajectory, phase: str, answers: dict[str, Any], channel: str = "web"
) -> PhaseRecord:
    """Store answers to a phase's format; unknown keys are refused, empty optional ones allowed."""
    _require_team(actor)
    trajectory = _lock(trajectory)
    if phase not in FormatPhase.values:
        raise ValidationFailed(
            gettext("Onbekende fase."), invalid_params=[_param("phase", gettext("Onbekende fase."), "invalid")]
        )
    if trajectory.phase not in workflow.FORMAT_EDITABLE_IN[phase]:
        raise Unprocessable(
            gettext("Het format '%(format)s' kan niet worden ingevuld in de fase '%(phase)s'.")
            % {"format": FormatPhase(phase).label, "phase": trajectory.get_phase_display()},
            code="phase_closed",
        )
    fmt, existing = format_for(trajectory, phase)
    keys = {f["key"] for f in fmt.fields}
    unknown = [k for k in answers if k not in keys]
    if unknown:
        raise ValidationFailed(
            gettext("Onbekende velden."),
            invalid_params=[
                _param(f"answers.{k}", gettext("Dit veld staat niet in het format."), "unknown_field") for k in unknown
            ],
        )
    merged = {**existing, **{k: str(v or "").strip() for k, v in answers.items()}}
    record, _ = PhaseRecord.objects.update_or_create(
        trajectory=trajectory,
        phase=phase,
        defaults={"format": fmt, "answers": merged, "updated_by": actor, "updated_at": timezone.now()},
    )
    _touch(trajectory)
    trajectory_log(
        actor=actor, trajectory=trajectory, action="update", channel=channel, object_type="liv-phase-record", object_id=record.pk
    )
    return record


@transaction.atomic
def trajectory_factor_record(
    *,
    actor: Any,
    trajectory: LivTrajectory,
    factor_code: str,
    presence: str,
    explanation: str,
    source: str = "",
    channel: str = "web",
) -> RecordedFactor:
    _require_team(actor)
    trajectory = _lock(trajectory)
    params = []
    definition = FactorDefinition.objects.filter(code=factor_code, is_active=True).first()
    if definition is None:
        params.append(_param("factor", gettext("Onbekende factor uit de catalogus."), "invalid"))
    if presence not in Presence.values:
        params.append(_param("presence", gettext("Kies aanwezig, afwezig of onbekend."), "invalid"))
    if not (explanation or "").strip():
        params.append(_param("explanation", gettext("Een toelichting is verplicht bij elke factor.")))
    if params:
        raise ValidationFailed(gettext("De factor is niet vastgelegd; zie de toelichting per veld."), invalid_params=params)
    if trajectory.phase not in (Phase.INTAKE, Phase.INTERPRETATION):
        raise Unprocessable(gettext("Factoren worden vastgelegd tijdens intake en duiding."), code="phase_closed")
    factor, _ = RecordedFactor.objects.update_or_create(
        trajectory=trajectory,
        definition=definition,
        defaults={
            "presence": presence,
            "explanation": explanation.strip(),
            "source": (source or "").strip(),
            "recorded_by": actor,
            "recorded_at": timezone.now(),
        },
    )
    _touch(trajectory)
    trajectory_log(
        actor=actor, trajectory=trajectory, action="update", channel=channel, object_type="liv-factor", object_id=factor.pk
    )
    return factor


@transaction.atomic
def trajectory_interpreter_set(
    *, actor: Any, trajectory: LivTrajectory, language: str, needed: bool | None, channel: str = "web"
) -> LivTrajectory:
    _require_team(actor)
    trajectory = _lock(trajectory)
    if needed and not (language or "").strip():
        raise ValidationFailed(
            gettext("Noem de taal waarvoor een tolk nodig is."),
            invalid_params=[_param("person_language", gettext("Taal is verplicht als een tolk nodig is."))],
        )
    trajectory.person_language = (language or "").strip()
    trajectory.interpreter_needed = needed
    _touch(trajectory, "person_language", "interpreter_needed")
    trajectory_log(actor=actor, trajectory=trajectory, action="update", channel=channel)
    return trajectory


CONCLUSION_EXCLUSIVE = {Conclusion.NO_RADICALISATION, Conclusion.CTER}


@transaction.atomic
def trajectory_conclusion_record(
    *,
    actor: Any,
    trajectory: LivTrajectory,
    conclusions: list[str],
    advice: str,
    cter_reported_by: str = "",
    cter_reported_at: datetime | None = None,
    cter_reported_to: str = "",
    channel: str = "web",
) -> LivTrajectory:
    """The conclusion (one or more findings) and the advice on care and support."""
    _require_team(actor)
    trajectory = _lock(trajectory)
    if trajectory.phase != Phase.ADVICE:
        raise Unprocessable(gettext("De conclusie wordt vastgelegd in de fase Advies."), code="phase_closed")
    params = []
    conclusions = list(dict.fromkeys(conclusions or []))
    if not conclusions:
        params.append(_param("conclusions", gettext("Kies minstens één conclusie.")))
    for code in conclusions:
        if code not in Conclusion.values:
            params.append(_param("conclusions", gettext("Onbekende conclusie '%(code)s'.") % {"code": code}, "invalid"))
    if CONCLUSION_EXCLUSIVE.issubset(conclusions):
        params.append(
            _param("conclusions", gettext("'Geen radicalisering' en 'CTER-zorgen' sluiten elkaar uit."), "contradiction")
        )
    if not (advice or "").strip():
        params.append(_param("advice", gettext("Geef het advies over zorg en ondersteuning.")))
    cter = Conclusion.CTER in conclusions
    if cter:
        if not (cter_reported_by or "").strip():
            params.append(_param("cter_reported_by", gettext("Wie heeft besloten te melden aan de veiligheidspartners?")))
        if cter_reported_at is None:
            params.append(_param("cter_reported_at", gettext("Wanneer is gemeld aan de veiligheidspartners?")))
        if not (cter_reported_to or "").strip():
            params.append(_param("cter_reported_to", gettext("Aan welke veiligheidspartner(s) is gemeld?")))
    if params:
        raise ValidationFailed(gettext("De conclusie is niet vastgelegd; zie de toelichting per veld."), invalid_params=params)
    trajectory.conclusions = conclusions
    trajectory.advice = advice.strip()
    trajectory.cter_reported_by = cter_reported_by.strip() if cter else ""
    trajectory.cter_reported_at = cter_reported_at if cter else None
    trajectory.cter_reported_to = cter_reported_to.strip() if cter else ""
    _touch(trajectory, "conclusions", "advice", "cter_reported_by", "cter_reported_at", "cter_reported_to")
    trajectory_log(actor=actor, trajectory=trajectory, action="update", channel=channel)
    return trajectory


def missing_to_leave(trajectory: LivTrajectory) -> list[dict[str, str]]:
    """Everything that must be filled in before the trajectory can leave its current phase."""
    params: list[dict[str, str]] = []
    for phase in workflow.FORMATS_TO_LEAVE.get(trajectory.phase, ()):
        fmt, answers = format_for(trajectory, phase)
        for field in fmt.fields:
            if field.get("required") and not str(answers.get(field["key"]) or "").strip():
                params.append(
                    _param(
                        f"{phase}.{field['key']}",
                        gettext("Verplicht veld is leeg: %(label)s (%(format)s).")
                        % {"label": in_reader_language(field, "label"), "format": FormatPhase(phase).label},
                    )
                )
    if trajectory.phase == Phase.INTERPRETATION:
        kinds = set(trajectory.factors.values_list("definition__kind", flat=True))
        if FactorKind.RISK not in kinds:
            params.append(_param("factors.risk", gettext("Leg minstens één risicofactor vast (aanwezig, afwezig of onbekend).")))
        if FactorKind.PROTECTIVE not in kinds:
            params.append(
                _param(
                    "factors.protective",
                    gettext("Leg minstens één beschermende factor vast: beschermende factoren tellen even zwaar."),
                )
            )
    if trajectory.phase == Phase.ADVICE:
        params.extend(report_missing(trajectory))
        if trajectory.report_delivered_at is None:
            params.append(_param("report", gettext("Het adviesrapport is nog niet aan de opdrachtgever verstrekt.")))
    return params


def report_missing(trajectory: LivTrajectory) -> list[dict[str, str]]:
    params = []
    if trajectory.phase not in (Phase.ADVICE, Phase.CLOSED):
        params.append(_param("phase", gettext("Een adviesrapport kan pas in de fase Advies worden opgesteld."), "not_at_advice"))
        return params
    if not trajectory.conclusions:
        params.append(_param("conclusions", gettext("Leg de conclusie vast.")))
    if not trajectory.advice:
        params.append(_param("advice", gettext("Leg het advies over zorg en ondersteuning vast.")))
    return params


@transaction.atomic
def trajectory_advance(*, actor: Any, trajectory: LivTrajectory, channel: str = "web") -> LivTrajectory:
    _require_staff(actor)
    trajectory = _lock(trajectory)
    target = workflow.next_phase(trajectory.phase, workflow.ADVANCE)
    missing = missing_to_leave(trajectory)
    if missing:
        raise Unprocessable(
            gettext("De fase '%(phase)s' is niet compleet: %(missing)s")
            % {"phase": trajectory.get_phase_display(), "missing": "; ".join(p["reason"] for p in missing)},
            code="phase_incomplete",
            invalid_params=missing,
        )
    trajectory.phase = target
    fields = ["phase"]
    if target == Phase.CLOSED:
        trajectory.closed_at = timezone.now()
        fields.append("closed_at")
    _touch(trajectory, *fields)
    trajectory_log(actor=actor, trajectory=trajectory, action="update", channel=channel)
    return trajectory


@transaction.atomic
def trajectory_report_deliver(*, actor: Any, trajectory: LivTrajectory, channel: str = "web") -> LivTrajectory:
    """Record that the advisory report went to the client; from then on the client may download it."""
    _require_staff(actor)
    trajectory = _lock(trajectory)
    missing = report_missing(trajectory)
    if missing:
        raise Unprocessable(
            gettext("Het adviesrapport kan nog niet worden verstrekt; zie de toelichting per veld."),
            code="report_not_ready",
            invalid_params=missing,
        )
    # The report leaves the LSE for the client's organisation: a disclosure over the registered LSE → client flow.
    categories = sorted({c for s in trajectory.signals.all() for c in s.categories.values_list("code", flat=True)})
    flow = flow_for_disclosure(
        from_org=actor.unit.organisation,
        to_org=trajectory.client.organisation,
        categories=categories,
        data_categories=["adviesrapport"],
    )
    trajectory.report_delivered_at = timezone.now()
    trajectory.report_delivered_by = actor
    trajectory.report_delivered_to = trajectory.client
    _touch(trajectory, "report_delivered_at", "report_delivered_by", "report_delivered_to")
    trajectory_log(
        actor=actor,
        trajectory=trajectory,
        action="disclose",
        channel=channel,
        object_type="liv-report",
        legal_basis=flow.version_label,
    )
    return trajectory
