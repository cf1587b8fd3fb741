"""Output shapes of the case-conference API and the strict input base (no business rules here)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ketensignaal.conferences.models import ConferenceCase, MeasureType
from ketensignaal.conferences.selectors import CasePage, display_name
from ketensignaal.core.serializers import InputSerializer, InReaderLanguage, OutputSerializer


class NameIn(InputSerializer):
    name = serializers.CharField(allow_blank=True, trim_whitespace=False)
    script = serializers.CharField(required=False, allow_blank=True)
    kind = serializers.CharField(required=False, allow_blank=True)


class SubjectIn(InputSerializer):
    """As for signals: ``names`` (at least one), optional ``v_number``, ``date_of_birth``, ``nationality``, ``minor``."""

    names = NameIn(many=True)
    v_number = serializers.CharField(required=False, allow_blank=True)
    date_of_birth = serializers.CharField(required=False, allow_blank=True)
    nationality = serializers.CharField(required=False, allow_blank=True)
    minor = serializers.BooleanField(required=False, allow_null=True)


class UnitOut(OutputSerializer):
    code = serializers.CharField()
    name = serializers.CharField()


class CaseSummaryOut(OutputSerializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    phase = serializers.CharField()
    phase_label = serializers.CharField(source="get_phase_display")
    municipality = serializers.CharField(source="municipality.code")
    display_name = serializers.SerializerMethodField()
    case_director = serializers.SerializerMethodField()
    next_review = serializers.DateField(allow_null=True)
    review_overdue = serializers.BooleanField(default=False)
    attention_until = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()

    def get_display_name(self, case: ConferenceCase) -> str:
        return display_name(case)

    def get_case_director(self, case: ConferenceCase) -> dict[str, str] | None:
        director = case.case_director
        if director is None:
            return None
        return {
            "username": director.username,
            "name": director.get_full_name(),
            "unit": director.unit.code if director.unit else "",
        }


class CaseListOut(OutputSerializer):
    count = serializers.IntegerField(help_text="Aantal casussen over alle pagina's.")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CaseSummaryOut(many=True)


class InvitationOut(OutputSerializer):
    id = serializers.UUIDField()
    unit = serializers.CharField(source="unit.code")
    organisation = serializers.CharField(source="unit.organisation.code")
    purpose = serializers.CharField()
    justification = serializers.CharField()
    flow = serializers.CharField(source="flow_version_label")
    on_own_judgement = serializers.BooleanField()
    invited_at = serializers.DateTimeField()
    active = serializers.BooleanField(source="is_active")
    ended_at = serializers.DateTimeField(allow_null=True)
    end_reason = serializers.CharField()


class WarningOut(OutputSerializer):
    id = serializers.UUIDField()
    code = serializers.CharField()
    measures = serializers.SerializerMethodField(help_text="De codes van de maatregelen die elkaar raken.")
    detail = InReaderLanguage(
        "detail", help_text="Wat er kan gebeuren, in de taal van de lezer (Accept-Language; Nederlands standaard)."
    )
    coordination = InReaderLanguage(
        "coordination", help_text="Wie te raadplegen (afstemmingsroute), in de taal van de lezer (Accept-Language)."
    )
    detail_en = serializers.CharField(help_text="De Engelse tekst van `detail`; leeg waar die ontbreekt.")
    coordination_en = serializers.CharField(help_text="De Engelse tekst van `coordination`; leeg waar die ontbreekt.")
    source = serializers.SerializerMethodField()  # type: ignore[assignment]
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    choice = serializers.CharField()
    note = serializers.CharField()

    def get_measures(self, warning: Any) -> list[str]:
        codes = [warning.measure.measure_type.code]
        if warning.other_id:
            codes.append(warning.other.measure_type.code)
        return codes

    def get_source(self, warning: Any) -> str:
        return (
            warning.rule.source_note if warning.rule_id else "Seed 004, §4.4 (OM als regievoerder bij strafrechtelijke trajecten)"
        )


class MeasureOut(OutputSerializer):
    id = serializers.UUIDField()
    measure = serializers.CharField(source="measure_type.code")
    # The catalogue's label in the reader's language (Accept-Language), as ``MeasureTypeOut.label``.
    label = InReaderLanguage(  # type: ignore[assignment]
        "label",
        source="measure_type",
        help_text="In de taal van de lezer (Accept-Language): Nederlands, of Engels waar die vertaling er is.",
    )
    owner = serializers.CharField(source="owner.code")
    owner_organisation = serializers.CharField(source="owner.organisation.code")
    goal = serializers.CharField()
    review = serializers.DateField()
    status = serializers.CharField()
    om_last_word = serializers.SerializerMethodField()
    warnings = WarningOut(many=True, source="case_warnings")

    def get_om_last_word(self, measure: Any) -> bool:
        return bool(measure.case.sentence_in_execution and measure.measure_type.touches_sentence)


class ReviewOut(OutputSerializer):
    id = serializers.UUIDField()
    summary = serializers.CharField()
    changes_since_last = serializers.CharField()
    next_review = serializers.DateField()
    recorded_by = serializers.CharField(source="recorded_by.username")
    recorded_at = serializers.DateTimeField()


class NoteOut(OutputSerializer):
    id = serializers.UUIDField()
    text = serializers.CharField()
    author = serializers.CharField(source="author.username")
    unit = serializers.CharField(source="unit.code")
    on_own_judgement = serializers.BooleanField()
    at = serializers.DateTimeField()


class PhaseChangeOut(OutputSerializer):
    from_phase = serializers.CharField()
    to_phase = serializers.CharField()
    action = serializers.CharField()
    reason = serializers.CharField()
    at = serializers.DateTimeField()
    by = serializers.SerializerMethodField()

    def get_by(self, change: Any) -> str:
        return change.by.username if change.by_id else "system"


class ScaleDownOut(OutputSerializer):
    reason = serializers.CharField()
    attention_until = serializers.DateField()
    continuing_measures = serializers.ListField(child=serializers.DictField())
    ended_units = serializers.ListField(child=serializers.CharField())
    at = serializers.DateTimeField()


class ReviewMeetingDecisionOut(OutputSerializer):
    id = serializers.UUIDField()
    outcome = serializers.ChoiceField(choices=["approved", "returned"])
    note = serializers.CharField(allow_blank=True)
    measures = serializers.ListField(child=serializers.UUIDField(), help_text="De maatregelen waarover het oordeel ging.")
    decided_by = serializers.CharField(source="decided_by.username")
    decided_at = serializers.DateTimeField()


class ReviewMeetingOut(OutputSerializer):
    required = serializers.BooleanField(  # type: ignore[assignment]  # the JSON key is "required"
        help_text="De gemeente laat plannen toetsen in een toetsingsoverleg."
    )
    pending = serializers.BooleanField(help_text="Het plan zoals het nu is, wacht op het toetsingsoverleg.")
    decisions = ReviewMeetingDecisionOut(many=True)


class ReportFeedbackOut(OutputSerializer):
    reference = serializers.CharField()
    municipality = serializers.CharField(source="case.municipality.code")
    reported_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=["pending", "admitted", "not-admitted"])
    decided_at = serializers.DateTimeField(allow_null=True)


class CaseDetailOut(CaseSummaryOut):
    version = serializers.IntegerField()
    reason = serializers.CharField()
    subject = serializers.SerializerMethodField()
    signals = serializers.SerializerMethodField()
    triage = serializers.SerializerMethodField()
    case_director_reason = serializers.CharField()
    plan_goals = serializers.CharField()
    sentence_in_execution = serializers.BooleanField()
    invitations = serializers.SerializerMethodField()
    measures = serializers.SerializerMethodField()
    reviews = serializers.SerializerMethodField()
    notes = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    scale_down = serializers.SerializerMethodField()
    review_meeting = serializers.SerializerMethodField()

    def _page(self) -> CasePage:
        return self.context["page"]

    def get_subject(self, case: ConferenceCase) -> dict[str, Any]:
        return {
            "names": [{"name": n.name, "script": n.script} for n in case.names.all()],
            "v_number": case.v_number,
            "date_of_birth": case.date_of_birth,
            "nationality": case.nationality,
            "minor": case.minor,
        }

    def get_signals(self, case: ConferenceCase) -> list[dict[str, str]]:
        return [{"id": str(s.pk), "reference": s.reference} for s in self._page().signals]

    def get_triage(self, case: ConferenceCase) -> dict[str, Any]:
        return {
            "admitted": case.admitted,
            "reason": case.triage_reason,
            "body": case.triage_body,
            "at": case.triaged_at.isoformat() if case.triaged_at else None,
        }

    def get_invitations(self, case: ConferenceCase) -> Any:
        return InvitationOut(self._page().invitations, many=True).data

    def get_measures(self, case: ConferenceCase) -> Any:
        return MeasureOut(self._page().measures, many=True).data

    def get_reviews(self, case: ConferenceCase) -> Any:
        return ReviewOut(self._page().reviews, many=True).data

    def get_notes(self, case: ConferenceCase) -> Any:
        return NoteOut(self._page().notes, many=True).data

    def get_history(self, case: ConferenceCase) -> Any:
        return PhaseChangeOut(self._page().history, many=True).data

    @extend_schema_field(ReviewMeetingOut)
    def get_review_meeting(self, case: ConferenceCase) -> Any:
        page = self._page()
        return ReviewMeetingOut(
            {
                "required": page.review_meeting_required,
                "pending": page.review_meeting_pending,
                "decisions": page.review_meeting_decisions,
            }
        ).data

    def get_scale_down(self, case: ConferenceCase) -> Any:
        record = self._page().scale_down
        return ScaleDownOut(record).data if record else None


class MeasureTypeOut(OutputSerializer):
    code = serializers.CharField()
    # The API's language rule (as the processing register): ``label`` follows Accept-Language (Dutch unless the
    # client asks for English, the Dutch where the English is missing); ``label_en`` keeps the English as written.
    label = InReaderLanguage(  # type: ignore[assignment]
        "label", help_text="In de taal van de lezer (Accept-Language): Nederlands, of Engels waar die vertaling er is."
    )
    label_en = serializers.CharField(help_text="De Engelse tekst zoals vastgelegd; leeg zolang die ontbreekt.")
    competent_organisations = serializers.SerializerMethodField()
    municipality_competent = serializers.BooleanField(help_text="De gemeente van de casus is (ook) bevoegd.")
    touches_sentence = serializers.BooleanField()
    source = serializers.CharField(source="source_note")  # type: ignore[assignment]

    def get_competent_organisations(self, measure: MeasureType) -> list[str]:
        return [o.code for o in measure.competent_organisations.all()]
