"""Input shapes and output representations of the LIV API (no business rules here)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ketensignaal.core.serializers import InputSerializer, OutputSerializer
from ketensignaal.trajectories import selectors
from ketensignaal.trajectories.deadlines import deadline_state
from ketensignaal.trajectories.models import Conclusion, LivTrajectory, Presence


class TrajectoryRequestIn(InputSerializer):
    client = serializers.CharField(
        help_text="Opdrachtgever: een eenheid die het LIV aanvaardt (ketenconfiguratie), zoals 'coa' of 'gemeente.<naam>'."
    )
    signal = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    question = serializers.CharField()
    source = serializers.ChoiceField(choices=["partner", "direct"], required=False)  # type: ignore[assignment]
    person_language = serializers.CharField(required=False, allow_blank=True)
    interpreter_needed = serializers.BooleanField(required=False, allow_null=True)


class WeighingAnswerIn(InputSerializer):
    answer = serializers.BooleanField()
    explanation = serializers.CharField(allow_blank=True)


class WeighIn(InputSerializer):
    accepted = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    underlying_problem = serializers.CharField(required=False, allow_blank=True, default="")
    answers = serializers.DictField(
        child=WeighingAnswerIn(), required=False, default=dict, help_text="Per criteriumcode: {answer, explanation}."
    )


class PhaseAnswersIn(InputSerializer):
    answers = serializers.DictField(child=serializers.CharField(allow_blank=True))


class FactorIn(InputSerializer):
    factor = serializers.CharField(help_text="Code uit de factorencatalogus.")
    presence = serializers.ChoiceField(choices=Presence.choices)
    explanation = serializers.CharField(allow_blank=True)
    source = serializers.CharField(required=False, allow_blank=True, default="")  # type: ignore[assignment]


class AssignIn(InputSerializer):
    expert = serializers.CharField(required=False, allow_blank=True, default="")
    staff = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Gebruikersnaam van een LIV-medewerker."
    )
    task = serializers.CharField(required=False, allow_blank=True, default="")


class InterpreterIn(InputSerializer):
    person_language = serializers.CharField(allow_blank=True)
    interpreter_needed = serializers.BooleanField(allow_null=True)


class ReasonIn(InputSerializer):
    reason = serializers.CharField(allow_blank=True, required=False, default="")


class ExtendIn(InputSerializer):
    new_deadline = serializers.DateField()
    reason = serializers.CharField(allow_blank=True)


class ConclusionIn(InputSerializer):
    conclusions = serializers.ListField(child=serializers.ChoiceField(choices=Conclusion.choices), allow_empty=True)
    advice = serializers.CharField(allow_blank=True)
    cter_reported_by = serializers.CharField(required=False, allow_blank=True, default="")
    cter_reported_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    cter_reported_to = serializers.CharField(required=False, allow_blank=True, default="")


def status_representation(t: LivTrajectory) -> dict[str, Any]:
    """What the requesting unit and the client may know: status, never the working file."""
    return {
        "id": str(t.pk),
        "reference": t.reference,
        "client": t.client.code,
        "phase": t.phase,
        "phase_label": t.get_phase_display(),
        "accepted": t.accepted,
        "deadline": t.deadline.isoformat() if t.deadline else None,
        "created_at": t.created_at.isoformat(),
        "report_delivered_at": t.report_delivered_at.isoformat() if t.report_delivered_at else None,
        "report_url": f"/api/v1/liv-trajectories/{t.pk}/report.pdf" if t.report_delivered_at else None,
    }


def list_representation(t: LivTrajectory, *, working_file: bool) -> dict[str, Any]:
    data = status_representation(t)
    if working_file:
        data.update({"requesting_unit": t.requesting_unit.code, "source": t.source, "deadline_state": deadline_state(t)})
    return data


def work_representation(t: LivTrajectory, user: Any) -> dict[str, Any]:
    data = status_representation(t)
    data["report_url"] = f"/api/v1/liv-trajectories/{t.pk}/report.pdf" if selectors.can_download_report(user, t) else None
    data.update(
        {
            "requesting_unit": t.requesting_unit.code,
            "requested_by": t.requested_by.username,
            "source": t.source,
            "question": t.question,
            "signals": [str(pk) for pk in t.signals.values_list("pk", flat=True)],
            "person_language": t.person_language,
            "interpreter_needed": t.interpreter_needed,
            "interpreter_arranged": selectors.interpreter_arranged(t),
            "weighing": {
                "weighed_at": t.weighed_at.isoformat() if t.weighed_at else None,
                "answers": [
                    {"criterion": a.criterion.code, "label": a.criterion.label, "answer": a.answer, "explanation": a.explanation}
                    for a in selectors.weighing_answers(user=user, trajectory=t)
                ],
                "reason": t.non_acceptance_reason,
                "underlying_problem": t.underlying_problem,
            },
            "accepted_at": t.accepted_at.isoformat() if t.accepted_at else None,
            "paused_since": t.paused_since.isoformat() if t.paused_since else None,
            "deadline_state": deadline_state(t),
            "deadline_events": [
                {
                    "kind": e.kind,
                    "reason": e.reason,
                    "deadline_after": e.deadline_after.isoformat() if e.deadline_after else None,
                    "at": e.at.isoformat(),
                }
                for e in t.deadline_events.all()
            ],
            "formats": selectors.phase_forms(t),
            "factors": [
                {
                    "story_phase": block.code,
                    "story_phase_label": block.label,
                    "recorded": [
                        {
                            "factor": row.definition.code,
                            "kind": row.definition.kind,
                            "label": row.definition.label,
                            "presence": row.recorded.presence,
                            "explanation": row.recorded.explanation,
                            "source": row.recorded.source,
                        }
                        for row in block.risk + block.protective
                        if row.recorded
                    ],
                }
                for block in selectors.factor_table(user=user, trajectory=t)
            ],
            "team": [
                {
                    "id": a.pk,
                    "expert": a.expert_id,
                    "name": a.expert.name if a.expert else (a.staff.get_full_name() or a.staff.username) if a.staff else "",
                    "task": a.task,
                    "assigned_at": a.assigned_at.isoformat(),
                }
                for a in selectors.team(user=user, trajectory=t)
            ],
            "conclusions": t.conclusions,
            "advice": t.advice,
            "cter_report": {
                "by": t.cter_reported_by,
                "at": t.cter_reported_at.isoformat() if t.cter_reported_at else None,
                "to": t.cter_reported_to,
            }
            if t.cter_reported_at
            else None,
            "report_delivered_to": t.report_delivered_to.code if t.report_delivered_to else None,
        }
    )
    return data


class TrajectoryStatusOut(OutputSerializer):
    """Documentation of the status view (requesting unit, client); the LIV's view adds the working file."""

    id = serializers.UUIDField()
    reference = serializers.CharField()
    client = serializers.CharField()
    phase = serializers.ChoiceField(choices=["weighing", "not-accepted", "intake", "interpretation", "advice", "closed"])
    phase_label = serializers.CharField()
    accepted = serializers.BooleanField(allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    report_delivered_at = serializers.DateTimeField(allow_null=True)
    report_url = serializers.CharField(allow_null=True)


class WeighingAnswerOut(OutputSerializer):
    criterion = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label
    answer = serializers.BooleanField()
    explanation = serializers.CharField(allow_blank=True)


class WeighingOut(OutputSerializer):
    weighed_at = serializers.DateTimeField(allow_null=True)
    answers = WeighingAnswerOut(many=True)
    reason = serializers.CharField(allow_blank=True)
    underlying_problem = serializers.CharField(allow_blank=True)


class DeadlineEventOut(OutputSerializer):
    kind = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)
    deadline_after = serializers.DateField(allow_null=True)
    at = serializers.DateTimeField()


class PhaseFormatOut(OutputSerializer):
    phase = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label
    version = serializers.IntegerField()
    fields = serializers.ListField(  # type: ignore[assignment]  # a declared field, not Serializer.fields
        child=serializers.DictField(), help_text="Per veld: key, label, of het verplicht is, en value (het antwoord)."
    )


class RecordedFactorOut(OutputSerializer):
    factor = serializers.CharField()
    kind = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label
    presence = serializers.CharField()
    explanation = serializers.CharField(allow_blank=True)
    source = serializers.CharField(allow_blank=True)  # type: ignore[assignment]  # a declared field, not Field.source


class StoryPhaseFactorsOut(OutputSerializer):
    story_phase = serializers.CharField()
    story_phase_label = serializers.CharField()
    recorded = RecordedFactorOut(many=True)


class TeamMemberOut(OutputSerializer):
    id = serializers.IntegerField()
    expert = serializers.IntegerField(allow_null=True)
    name = serializers.CharField(allow_blank=True)
    task = serializers.CharField(allow_blank=True)
    assigned_at = serializers.DateTimeField()


class CterReportOut(OutputSerializer):
    by = serializers.CharField(allow_blank=True)
    at = serializers.DateTimeField(allow_null=True)
    to = serializers.CharField(allow_blank=True)


class TrajectoryWorkOut(TrajectoryStatusOut):
    requesting_unit = serializers.CharField()
    requested_by = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    question = serializers.CharField()
    signals = serializers.ListField(child=serializers.UUIDField())
    person_language = serializers.CharField()
    interpreter_needed = serializers.BooleanField(allow_null=True)
    interpreter_arranged = serializers.BooleanField()
    weighing = WeighingOut()
    accepted_at = serializers.DateTimeField(allow_null=True)
    paused_since = serializers.DateField(allow_null=True)
    deadline_state = serializers.CharField()
    deadline_events = DeadlineEventOut(many=True)
    formats = PhaseFormatOut(many=True, help_text="Per fase: versie, velden en antwoorden.")
    factors = StoryPhaseFactorsOut(many=True, help_text="Per fase van het verhaal de vastgelegde factoren.")
    team = TeamMemberOut(many=True)
    conclusions = serializers.ListField(child=serializers.CharField())
    advice = serializers.CharField()
    cter_report = CterReportOut(allow_null=True)
    report_delivered_to = serializers.CharField(allow_null=True)


class TrajectoryListRowOut(TrajectoryStatusOut):
    """The status; for the LIV team also who asked, how, and where the deadline stands."""

    requesting_unit = serializers.CharField(required=False)
    source = serializers.CharField(required=False)  # type: ignore[assignment]
    deadline_state = serializers.CharField(required=False)


class TrajectoryListOut(OutputSerializer):
    count = serializers.IntegerField()
    results = TrajectoryListRowOut(many=True)


class AvailabilityOut(OutputSerializer):
    def get_fields(self) -> dict[str, serializers.Field]:
        # "from" is a Python keyword, so the fields are declared here rather than as class attributes.
        return {"from": serializers.DateField(), "until": serializers.DateField()}


class ExpertOut(OutputSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    expertise = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())
    availability = AvailabilityOut(many=True)


class ExpertListOut(OutputSerializer):
    results = ExpertOut(many=True)


class FigureRowOut(OutputSerializer):
    section = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label
    value = serializers.CharField(help_text="Aantallen onder de vijf als '< 5'.")


class FiguresOut(OutputSerializer):
    rows = FigureRowOut(many=True)
