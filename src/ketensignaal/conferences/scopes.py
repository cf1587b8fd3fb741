"""Need to know for case conferences, and the capability functions services and views share.

Who sees a case:
- the municipality that leads it (its unit's case directors and handlers);
- the case director, wherever they work, while partners take part (triage, conference, monitoring);
- each unit with an open invitation, while partners take part. Scaling down, closing or withdrawing
  ends the invitation, and from the next request on the case answers 404 to that unit.
Everything hanging off a case (invitations, measures, warnings, reviews, notes, history) is visible
exactly when the case is. Match keys for "known elsewhere?" are never visible to anyone but the
municipality that holds the case.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from ketensignaal.conferences.models import (
    CaseSubjectKey,
    CaseSubjectName,
    ConferenceCase,
    Invitation,
    KnownElsewhereQuery,
    Measure,
    MeasureWarning,
    Phase,
    PhaseChange,
    ProgressNote,
    ReportFeedback,
    Review,
    ReviewMeetingDecision,
    ReviewReminder,
    ScaleDownRecord,
)
from ketensignaal.conferences.workflow import INVITED_ACCESS_PHASES, PHASES
from ketensignaal.core.need_to_know import get_visible_or_404, register_scope
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.sensitive import sensitive_kind_register
from ketensignaal.identity.models import RoleCode

MUNICIPALITY_ROLES = (RoleCode.CASE_DIRECTOR, RoleCode.HANDLER)


def is_municipality_staff_anywhere(user: Any) -> bool:
    """A case director or handler in a municipality's unit: may register cases and ask 'known elsewhere?'."""
    unit = getattr(user, "unit", None)
    if unit is None or not unit.code.startswith("gemeente."):
        return False
    return any(user.has_role(role) for role in MUNICIPALITY_ROLES)


def shares_on_own_judgement(user: Any) -> bool:
    """Whether the user's organisation shares only on its own judgement (exit facility, care, Nidos, VWN)."""
    unit = getattr(user, "unit", None)
    return bool(unit is not None and unit.organisation.shares_on_own_judgement)


def is_municipality_staff(user: Any, case: ConferenceCase) -> bool:
    return is_municipality_staff_anywhere(user) and user.unit_id == case.municipality_id


def is_case_director(user: Any, case: ConferenceCase) -> bool:
    return bool(case.case_director_id) and case.case_director_id == getattr(user, "pk", None)


def _leads(user: Any, case: ConferenceCase) -> bool:
    return is_municipality_staff(user, case) or (is_case_director(user, case) and case.phase in INVITED_ACCESS_PHASES)


def may_triage(user: Any, case: ConferenceCase) -> bool:
    return is_municipality_staff(user, case) and case.phase == Phase.TRIAGE


def may_invite(user: Any, case: ConferenceCase) -> bool:
    return _leads(user, case) and PHASES[case.phase].partners_invited


def may_appoint_director(user: Any, case: ConferenceCase) -> bool:
    return is_municipality_staff(user, case) and PHASES[case.phase].plan_editable


def may_record_review_meeting(user: Any, case: ConferenceCase) -> bool:
    """The municipality records the review meeting's (toetsingsoverleg) judgement on the plan."""
    return is_municipality_staff(user, case) and PHASES[case.phase].plan_editable


def may_edit_plan(user: Any, case: ConferenceCase) -> bool:
    return _leads(user, case) and PHASES[case.phase].plan_editable


def may_add_note(user: Any, case: ConferenceCase) -> bool:
    """Anyone who sees the case may contribute while notes are open (visibility is checked by the selector)."""
    return PHASES[case.phase].notes


def may_scale_down(user: Any, case: ConferenceCase) -> bool:
    return _leads(user, case) and case.phase in (Phase.CONFERENCE, Phase.MONITORING)


def may_close(user: Any, case: ConferenceCase) -> bool:
    return is_municipality_staff(user, case) and case.phase == Phase.SCALED_DOWN


def may_export(user: Any, case: ConferenceCase) -> bool:
    """The ZGW export goes into the municipality's own case system: the municipality alone."""
    return is_municipality_staff(user, case)


def _case_q(user: Any) -> Q:
    """Cases ``user`` may see: their municipality's, or while partners take part, by invitation or as director."""
    active_invitation = Invitation.objects.filter(case_id=OuterRef("pk"), unit_id=user.unit_id, ended_at__isnull=True)
    q = Q(phase__in=INVITED_ACCESS_PHASES) & (Q(Exists(active_invitation)) | Q(case_director_id=user.pk))
    if is_municipality_staff_anywhere(user):
        q |= Q(municipality_id=user.unit_id)
    return q


@register_scope(ConferenceCase)
def case_scope(user: Any, qs: QuerySet[ConferenceCase]) -> QuerySet[ConferenceCase]:
    if not getattr(user, "unit_id", None):
        return qs.none()
    return qs.filter(_case_q(user))


def _child_scope(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    if not getattr(user, "unit_id", None):
        return qs.none()
    return qs.filter(case__in=case_scope(user, ConferenceCase.objects.all()).values("pk"))


for _model in (
    CaseSubjectName,
    PhaseChange,
    Invitation,
    Measure,
    MeasureWarning,
    Review,
    ProgressNote,
    ScaleDownRecord,
    ReviewMeetingDecision,
):
    register_scope(_model)(_child_scope)


@register_scope(CaseSubjectKey)
def subject_key_scope(user: Any, qs: QuerySet[CaseSubjectKey]) -> QuerySet[CaseSubjectKey]:
    if not is_municipality_staff_anywhere(user):
        return qs.none()
    return qs.filter(case__municipality_id=user.unit_id)


@register_scope(KnownElsewhereQuery)
def known_elsewhere_scope(user: Any, qs: QuerySet[KnownElsewhereQuery]) -> QuerySet[KnownElsewhereQuery]:
    """The asker sees its own questions; the municipality whose case was hit sees that someone asked."""
    if not is_municipality_staff_anywhere(user):
        return qs.none()
    return qs.filter(Q(asking_unit_id=user.unit_id) | Q(matched_cases__municipality_id=user.unit_id)).distinct()


def may_open_case_list(user: Any) -> bool:
    """The case-conference pages: case directors and handlers (of a municipality, or of a partner once invited)."""
    return bool(getattr(user, "unit_id", None)) and any(user.has_role(role) for role in MUNICIPALITY_ROLES)


# A case can be marked sensitive: its page and plan then ask for a reason first (governance.sensitive).
sensitive_kind_register(
    "conference-case",
    activity=Activity.CASE_CONFERENCE,
    check_visible=lambda user, pk: get_visible_or_404(user, ConferenceCase.objects.all(), pk=pk),
)


@register_scope(ReviewReminder)
def review_reminder_scope(user: Any, qs: QuerySet[ReviewReminder]) -> QuerySet[ReviewReminder]:
    """A reminder is its recipient's own, and only while they may still see the case."""
    if not getattr(user, "unit_id", None):
        return qs.none()
    return qs.filter(recipient_id=user.pk, case__in=case_scope(user, ConferenceCase.objects.all()).values("pk"))


@register_scope(ReportFeedback)
def report_feedback_scope(user: Any, qs: QuerySet[ReportFeedback]) -> QuerySet[ReportFeedback]:
    """The reporting unit sees the outcome of its own reports (admitted or not), nothing of the case itself."""
    if not getattr(user, "unit_id", None):
        return qs.none()
    return qs.filter(unit_id=user.unit_id)
