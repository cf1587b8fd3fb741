"""Writing the plan of action: goals, measures with their competent owners, interference warnings, reviews.

The conference decides jointly and the competent organisation executes each measure (seed 004): a
measure's owner must belong to a competent organisation. Interference warnings come from data
(``InterferenceRule``), name who to consult, and never block: they are acknowledged with a recorded
choice. Two people editing the plan at once: the second gets 409 and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from ketensignaal.conferences import workflow
from ketensignaal.conferences.audit import case_log
from ketensignaal.conferences.models import (
    ConferenceCase,
    InterferenceRule,
    Invitation,
    Measure,
    MeasureStatus,
    MeasureType,
    MeasureWarning,
    Phase,
    Review,
    ReviewMeetingDecision,
    ReviewMeetingOutcome,
    WarningChoice,
)
from ketensignaal.conferences.scopes import may_edit_plan, may_record_review_meeting
from ketensignaal.conferences.services import (
    future_date,
    lock,
    param,
    phase_change,
    require,
    required_text,
    setup_for,
    touch,
)
from ketensignaal.core.errors import Conflict, ValidationFailed
from ketensignaal.core.language import in_reader_language
from ketensignaal.identity.models import Organisation, Unit

OM_LAST_WORD = "om-last-word"
OM_LAST_WORD_DETAIL = (
    "Er wordt een vonnis ten uitvoer gelegd: de gemeente denkt mee en draagt initiatieven aan, maar het OM heeft "
    "het laatste woord, omdat het verantwoordelijk is voor de tenuitvoerlegging."
)
OM_LAST_WORD_COORDINATION = "Stem af met het OM (en de reclassering als die toezicht houdt) voordat deze maatregel wordt ingezet."
OM_LAST_WORD_DETAIL_EN = (
    "A sentence is being enforced: the municipality thinks along and puts forward initiatives, but the Public "
    "Prosecution Service has the last word, because it is responsible for the enforcement."
)
OM_LAST_WORD_COORDINATION_EN = (
    "Consult the Public Prosecution Service (and the probation service if it supervises) before this measure is used."
)


def _check_version(case: ConferenceCase, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != case.version:
        raise Conflict(
            gettext("Iemand anders heeft het plan van aanpak intussen gewijzigd. Laad de casus opnieuw; er is niets opgeslagen."),
            code="stale_version",
        )


def _require_plan(actor: Any, case: ConferenceCase) -> None:
    if not workflow.meaning(case.phase).plan_editable:
        raise Conflict(
            gettext("Het plan van aanpak kan niet worden gewijzigd in de fase '%(phase)s'.")
            % {"phase": case.get_phase_display()},
            code="phase_closed",
        )
    require(may_edit_plan(actor, case), "Alleen de gemeente en de casusregisseur wijzigen het plan van aanpak.")


@transaction.atomic
def plan_goals_set(
    *, actor: Any, case: ConferenceCase, goals: str, expected_version: int | None = None, channel: str = "web"
) -> ConferenceCase:
    case = lock(case)
    _require_plan(actor, case)
    _check_version(case, expected_version)
    case.plan_goals = required_text(goals, "goals", "Beschrijf de doelen van het plan van aanpak.")
    touch(case, "plan_goals")
    case_log(actor=actor, case=case, action="update", channel=channel, object_type="conference-plan")
    return case


@transaction.atomic
def sentence_set(*, actor: Any, case: ConferenceCase, in_execution: bool, channel: str = "web") -> ConferenceCase:
    """Record that a sentence is (no longer) being executed: then the OM has the last word."""
    case = lock(case)
    _require_plan(actor, case)
    case.sentence_in_execution = bool(in_execution)
    touch(case, "sentence_in_execution")
    case_log(actor=actor, case=case, action="update", channel=channel)
    return case


def _owner_unit(case: ConferenceCase, owner: str) -> Unit | None:
    """An owner given as a unit code, or as an organisation code (then its invited unit or its main unit)."""
    code = (owner or "").strip()
    unit = Unit.objects.select_related("organisation").filter(code=code, is_active=True).first()
    if unit is not None:
        return unit
    org = Organisation.objects.filter(code=code).first()
    if org is None:
        return None
    invited = (
        Invitation.objects.filter(case=case, unit__organisation=org, ended_at__isnull=True)
        .select_related("unit__organisation")
        .first()
    )
    if invited is not None:
        return invited.unit
    return Unit.objects.select_related("organisation").filter(organisation=org, is_active=True).order_by("code").first()


def owner_candidates(case: ConferenceCase) -> list[Unit]:
    """The units that take part in the case and can own a measure, as the case page offers them by name: the
    municipality's own unit first, then every partner unit with an active invitation, by name."""
    invited = (
        Unit.objects.filter(conference_invitations__case=case, conference_invitations__ended_at__isnull=True, is_active=True)
        .exclude(pk=case.municipality_id)
        .select_related("organisation")
        .distinct()
        .order_by("name")
    )
    return [case.municipality, *invited]


def owner_refusal(case: ConferenceCase, unit_code: str) -> ValidationFailed | None:
    """The case page offers only the units taking part (:func:`owner_candidates`); a unit code from elsewhere (a stale
    page, a hand-made request) is refused at the owner field before anything is written."""
    if unit_code and unit_code in {u.code for u in owner_candidates(case)}:
        return None
    reason = (
        gettext("Kies wie de maatregel uitvoert.")
        if not unit_code
        else gettext("Deze eenheid neemt niet deel aan de casus. Kies een deelnemer, of nodig de partner eerst uit.")
    )
    return ValidationFailed(
        gettext("De maatregel is niet toegevoegd; zie de toelichting per veld."),
        invalid_params=[param("owner", reason, "required" if not unit_code else "not_participating")],
    )


def competent_labels(measure_type: MeasureType) -> list[str]:
    names = [o.name for o in measure_type.competent_organisations.all()]
    if measure_type.municipality_competent:
        names.append(gettext("de gemeente van de casus"))
    return names


def is_competent(measure_type: MeasureType, unit: Unit, case: ConferenceCase) -> bool:
    if measure_type.municipality_competent and unit.organisation_id == case.municipality.organisation_id:
        return True
    return measure_type.competent_organisations.filter(pk=unit.organisation_id).exists()


def _warnings_for(case: ConferenceCase, measure: Measure) -> list[MeasureWarning]:
    """One warning per interfering measure already on the plan, plus the OM's last word where it applies."""
    warnings: list[MeasureWarning] = []
    others = list(case.measures.exclude(pk=measure.pk).exclude(status=MeasureStatus.ENDED).select_related("measure_type"))
    new_type = measure.measure_type_id
    rules = list(
        InterferenceRule.objects.filter(is_active=True).filter(first_id=new_type)
        | InterferenceRule.objects.filter(is_active=True, second_id=new_type)
    )
    for rule in rules:
        partner_type = rule.second_id if rule.first_id == new_type else rule.first_id
        for other in others:
            if other.measure_type_id == partner_type:
                warnings.append(
                    MeasureWarning(
                        case=case,
                        measure=measure,
                        other=other,
                        rule=rule,
                        code=rule.code,
                        detail=rule.detail,
                        detail_en=rule.detail_en,
                        coordination=rule.coordination,
                        coordination_en=rule.coordination_en,
                    )
                )
    if case.sentence_in_execution and measure.measure_type.touches_sentence:
        warnings.append(
            MeasureWarning(
                case=case,
                measure=measure,
                code=OM_LAST_WORD,
                detail=OM_LAST_WORD_DETAIL,
                detail_en=OM_LAST_WORD_DETAIL_EN,
                coordination=OM_LAST_WORD_COORDINATION,
                coordination_en=OM_LAST_WORD_COORDINATION_EN,
            )
        )
    return MeasureWarning.objects.bulk_create(warnings)


@transaction.atomic
def measure_propose(
    *,
    actor: Any,
    case: ConferenceCase,
    measure_code: str,
    owner: str,
    goal: str,
    review: Any,
    expected_version: int | None = None,
    channel: str = "web",
) -> tuple[Measure, list[MeasureWarning]]:
    """Add a measure to the plan; returns it with any interference warnings (which never block)."""
    case = lock(case)
    _require_plan(actor, case)
    params = []
    measure_type = MeasureType.objects.filter(code=measure_code or "", is_active=True).first()
    if measure_type is None:
        params.append(
            param("measure", gettext("Onbekende maatregel; kies een code uit de maatregelencatalogus."), "unknown_measure")
        )
    unit = _owner_unit(case, owner)
    if unit is None:
        params.append(
            param("owner", gettext("Onbekende eigenaar; geef een organisatie- of eenheidscode (bijv. om)."), "unknown_owner")
        )
    if not (goal or "").strip():
        params.append(param("goal", gettext("Beschrijf het doel van deze maatregel.")))
    if params:
        raise ValidationFailed(gettext("De maatregel is niet toegevoegd; zie de toelichting per veld."), invalid_params=params)
    assert measure_type is not None and unit is not None
    if not is_competent(measure_type, unit, case):
        who = ", ".join(competent_labels(measure_type)) or gettext("niemand (zie de catalogus)")
        detail = gettext(
            "%(organisation)s is niet bevoegd voor '%(measure)s'. Eigenaar kan alleen zijn: %(who)s. De bevoegde "
            "organisatie voert de maatregel uit."
        ) % {"organisation": unit.organisation.name, "measure": in_reader_language(measure_type, "label"), "who": who}
        raise ValidationFailed(detail, code="not_competent", invalid_params=[param("owner", detail, "not_competent")])
    review_on = future_date(review, "review", gettext_lazy("de evaluatiedatum"))
    _check_version(case, expected_version)
    measure = Measure.objects.create(
        case=case, measure_type=measure_type, owner=unit, goal=goal.strip(), review=review_on, proposed_by=actor
    )
    warnings = _warnings_for(case, measure)
    touch(case)
    case_log(actor=actor, case=case, action="create", channel=channel, object_type="conference-measure", object_id=measure.pk)
    return measure, warnings


@transaction.atomic
def measure_status_set(*, actor: Any, case: ConferenceCase, measure_id: Any, status: str, channel: str = "web") -> Measure:
    case = lock(case)
    _require_plan(actor, case)
    if status not in MeasureStatus.values:
        raise ValidationFailed(
            gettext("Onbekende status."), invalid_params=[param("status", gettext("Kies proposed, running of ended."), "invalid")]
        )
    measure = Measure.objects.filter(case=case, pk=measure_id).first()
    if measure is None:
        raise Http404
    measure.status = status
    measure.ended_at = timezone.now() if status == MeasureStatus.ENDED else None
    measure.save(update_fields=["status", "ended_at"])
    touch(case)
    case_log(actor=actor, case=case, action="update", channel=channel, object_type="conference-measure", object_id=measure.pk)
    return measure


@transaction.atomic
def warning_acknowledge(
    *, actor: Any, case: ConferenceCase, warning_id: Any, choice: str, note: str = "", channel: str = "web"
) -> MeasureWarning:
    """Acknowledge an interference warning with a recorded choice; the conference's decision stays its own."""
    case = lock(case)
    _require_plan(actor, case)
    warning = MeasureWarning.objects.filter(case=case, pk=warning_id).first()
    if warning is None:
        raise Http404
    if choice not in WarningChoice.values:
        reason = "Kies: consult (afstemmen via de genoemde route), proceed (doorzetten) of reconsider (heroverwegen)."
        raise ValidationFailed(reason, invalid_params=[param("choice", reason, "invalid_choice")])
    if warning.acknowledged_at is not None:
        raise Conflict(gettext("Deze waarschuwing is al bevestigd."), code="already_acknowledged")
    warning.acknowledged_at = timezone.now()
    warning.acknowledged_by = actor
    warning.choice = choice
    warning.note = (note or "").strip()
    warning.save(update_fields=["acknowledged_at", "acknowledged_by", "choice", "note"])
    case_log(actor=actor, case=case, action="update", channel=channel, object_type="conference-warning", object_id=warning.pk)
    return warning


@transaction.atomic
def review_record(
    *,
    actor: Any,
    case: ConferenceCase,
    summary: str,
    changes_since_last: str,
    next_review: Any,
    channel: str = "web",
) -> Review:
    """A periodic review; the first one after the conference agreed the plan starts monitoring."""
    case = lock(case)
    _require_plan(actor, case)
    params = []
    if not (summary or "").strip():
        params.append(param("summary", gettext("Vat de herbeoordeling samen.")))
    if not (changes_since_last or "").strip():
        params.append(param("changes_since_last", gettext("Wat is er veranderd sinds de vorige herbeoordeling?")))
    if params:
        raise ValidationFailed(
            gettext("De herbeoordeling is niet vastgelegd; zie de toelichting per veld."), invalid_params=params
        )
    next_on = future_date(next_review, "next_review", gettext_lazy("de datum van de volgende herbeoordeling"))
    if case.phase == Phase.CONFERENCE and review_meeting_pending(case):
        raise Conflict(
            gettext(
                "Deze gemeente toetst plannen van aanpak in een toetsingsoverleg. Leg eerst het oordeel van het "
                "toetsingsoverleg over het plan vast; pas daarna begint de monitoring."
            ),
            code="review_meeting_required",
        )
    if next_on == timezone.localdate():
        reason = "De volgende herbeoordeling ligt na vandaag."
        raise ValidationFailed(reason, invalid_params=[param("next_review", reason, "in_the_past")])
    review = Review.objects.create(
        case=case,
        summary=summary.strip(),
        changes_since_last=changes_since_last.strip(),
        next_review=next_on,
        recorded_by=actor,
    )
    fields = ["next_review"]
    if case.phase == Phase.CONFERENCE:
        phase_change(case=case, action=workflow.START_MONITORING, actor=actor, reason="Plan van aanpak loopt; herbeoordeling")
        fields.append("phase")
    case.next_review = next_on
    touch(case, *fields)
    case_log(actor=actor, case=case, action="create", channel=channel, object_type="conference-review", object_id=review.pk)
    return review


@transaction.atomic
def case_reconvene(*, actor: Any, case: ConferenceCase, reason: str, channel: str = "web") -> ConferenceCase:
    """Back from monitoring to the conference (something changed that needs the partners at the table)."""
    case = lock(case)
    workflow.next_phase(case.phase, workflow.RECONVENE)
    _require_plan(actor, case)
    reason = required_text(reason, "reason", "Waarom komt de casus terug in het casusoverleg?")
    phase_change(case=case, action=workflow.RECONVENE, actor=actor, reason=reason)
    touch(case, "phase")
    case_log(actor=actor, case=case, action="update", channel=channel)
    return case


def review_meeting_required(case: ConferenceCase) -> bool:
    """Whether the case's municipality has a review meeting (toetsingsoverleg) that judges plans of action."""
    return bool(setup_for(case.municipality).has_review_meeting)


def review_meeting_pending(case: ConferenceCase) -> bool:
    """True when the municipality has a review meeting and the plan as it stands has not been approved by it.

    Approved means: the latest judgement is "approved" and covered every measure now in the plan; a measure
    proposed after that approval needs a new judgement.
    """
    if not review_meeting_required(case):
        return False
    latest = ReviewMeetingDecision.objects.filter(case=case).order_by("-decided_at", "-pk").first()
    if latest is None or latest.outcome != ReviewMeetingOutcome.APPROVED:
        return True
    current = {str(pk) for pk in Measure.objects.filter(case=case).values_list("pk", flat=True)}
    return not current <= set(latest.measures)


@transaction.atomic
def review_meeting_decide(
    *, actor: Any, case: ConferenceCase, outcome: str, note: str = "", channel: str = "web"
) -> ReviewMeetingDecision:
    """Record the review meeting's judgement on the plan (who, when, outcome, which measures it covered)."""
    case = lock(case)
    if not review_meeting_required(case):
        raise Conflict(
            gettext("Deze gemeente heeft geen toetsingsoverleg; het plan van aanpak gaat rechtstreeks naar de uitvoering."),
            code="no_review_meeting",
        )
    if not workflow.meaning(case.phase).plan_editable:
        raise Conflict(
            gettext("Er valt niets te toetsen in de fase '%(phase)s'.") % {"phase": case.get_phase_display()}, code="phase_closed"
        )
    require(may_record_review_meeting(actor, case), "Alleen de gemeente legt het oordeel van het toetsingsoverleg vast.")
    params = []
    if outcome not in ReviewMeetingOutcome.values:
        params.append(param("outcome", gettext("Kies approved (akkoord) of returned (terug naar het casusoverleg)."), "invalid"))
    note = (note or "").strip()
    if outcome == ReviewMeetingOutcome.RETURNED and not note:
        params.append(param("note", gettext("Schrijf wat er aan het plan moet veranderen.")))
    measures = [str(pk) for pk in Measure.objects.filter(case=case).values_list("pk", flat=True)]
    if not measures:
        params.append(param("outcome", gettext("Het plan van aanpak heeft nog geen maatregelen om te toetsen."), "empty_plan"))
    if params:
        raise ValidationFailed(
            gettext("Het oordeel van het toetsingsoverleg is niet vastgelegd; zie de toelichting per veld."),
            invalid_params=params,
        )
    decision = ReviewMeetingDecision.objects.create(case=case, outcome=outcome, note=note, measures=measures, decided_by=actor)
    touch(case)
    case_log(
        actor=actor, case=case, action="create", channel=channel, object_type="conference-review-meeting", object_id=decision.pk
    )
    return decision
