"""Reading cases: always through need to know, and every read of a case is logged in the same transaction.

The list and the case page use a fixed number of queries whatever the number of cases, invitations,
measures or notes (BENCHMARKS.md "case conferences").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from ketensignaal.conferences.audit import cases_log_read
from ketensignaal.conferences.models import (
    ConferenceCase,
    Invitation,
    KnownElsewhereQuery,
    Measure,
    MeasureType,
    MeasureWarning,
    MunicipalitySetup,
    PhaseChange,
    ProgressNote,
    Review,
    ReviewMeetingDecision,
    ReviewMeetingOutcome,
    ScaleDownRecord,
)
from ketensignaal.conferences.scopes import is_municipality_staff
from ketensignaal.conferences.workflow import PHASES
from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.identity.models import Unit

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _base(user: Any) -> QuerySet[ConferenceCase]:
    reader_flow = Invitation.objects.filter(case_id=OuterRef("pk"), unit_id=user.unit_id or 0, ended_at__isnull=True).values(
        "flow_version_label"
    )[:1]
    return (
        ConferenceCase.objects.select_related("municipality", "case_director__unit")
        .prefetch_related("names")
        .annotate(reader_flow=Subquery(reader_flow))
    )


def review_overdue(case: ConferenceCase, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return bool(PHASES[case.phase].plan_editable and case.next_review and case.next_review < today)


def display_name(case: ConferenceCase) -> str:
    names = list(case.names.all())
    return names[0].name if names else case.reference


@dataclass
class CaseListPage:
    rows: list[ConferenceCase]
    count: int
    page: int
    page_size: int

    @property
    def has_next(self) -> bool:
        return self.page * self.page_size < self.count

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def case_list(
    *, user: Any, phase: str | None = None, channel: str = "web", page: int = 1, page_size: int = PAGE_SIZE
) -> CaseListPage:
    """One page of the cases the user may see, newest first; each case on the page is a logged read.

    A page is a fixed amount of work (one count, one page of rows, one log statement), so the list costs the
    same for a municipality with 50 cases as for one with 5,000.
    """
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    qs = visible(user, _base(user))
    if phase:
        qs = qs.filter(phase=phase)
    count = qs.count()
    page = max(1, min(page, (count + page_size - 1) // page_size or 1))
    rows = list(qs.order_by("-created_at")[(page - 1) * page_size : page * page_size])
    cases_log_read(actor=user, cases=rows, channel=channel)
    today = timezone.localdate()
    for case in rows:
        case.review_overdue = review_overdue(case, today)  # type: ignore[attr-defined]
    return CaseListPage(rows=rows, count=count, page=page, page_size=page_size)


def cases_review_overdue(*, user: Any, channel: str = "web", limit: int = 20) -> list[ConferenceCase]:
    """Open cases whose review date has passed (the reminder on the list page), oldest due first; reads logged."""
    editable = [code for code, meaning in PHASES.items() if meaning.plan_editable]
    qs = visible(user, _base(user)).filter(phase__in=editable, next_review__lt=timezone.localdate())
    rows = list(qs.order_by("next_review")[:limit])
    cases_log_read(actor=user, cases=rows, channel=channel)
    return rows


def cases_named(*, user: Any, ids: list[Any], channel: str = "web") -> dict[Any, ConferenceCase]:
    """These cases as far as the user may see them, each with its ``display_name`` (the name as reported), by id:
    for a reminder that says who, not just which reference. Reads logged."""
    rows = list(visible(user, _base(user)).filter(pk__in=ids)) if ids else []
    cases_log_read(actor=user, cases=rows, channel=channel)
    for case in rows:
        case.display_name = display_name(case)  # type: ignore[attr-defined]
    return {case.pk: case for case in rows}


def case_get(*, user: Any, pk: Any, channel: str = "web") -> ConferenceCase:
    """A case the user may see (404 otherwise); a logged read, once per request however often it is asked for."""
    case = get_visible_or_404(user, _base(user), pk=pk)
    cases_log_read(actor=user, cases=[case], channel=channel)
    case.review_overdue = review_overdue(case)  # type: ignore[attr-defined]
    return case


def continuing_measures_named(record: ScaleDownRecord) -> list[dict[str, Any]]:
    """The measures that continued after scale-down as the record keeps them (codes), named for the screen: the
    catalogue entry (its label in the reader's language) and the owner unit's name, never their codes."""
    rows = list(record.continuing_measures or [])
    types = {t.code: t for t in MeasureType.objects.filter(code__in=[r.get("measure", "") for r in rows])}
    owners = dict(Unit.objects.filter(code__in=[r.get("owner", "") for r in rows]).values_list("code", "name"))
    return [
        {
            "measure_type": types.get(r.get("measure", "")),
            "label": r.get("label", ""),
            "owner": owners.get(r.get("owner", ""), ""),
        }
        for r in rows
    ]


@dataclass
class CasePage:
    case: ConferenceCase
    invitations: list[Invitation] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    warnings: list[MeasureWarning] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    notes: list[ProgressNote] = field(default_factory=list)
    history: list[PhaseChange] = field(default_factory=list)
    scale_down: ScaleDownRecord | None = None
    signals: list[Any] = field(default_factory=list)
    asked_about: list[KnownElsewhereQuery] = field(default_factory=list)
    review_meeting_required: bool = False
    review_meeting_decisions: list[ReviewMeetingDecision] = field(default_factory=list)

    @property
    def review_meeting_pending(self) -> bool:
        """Same rule as ``plan.review_meeting_pending``, on what the page already holds (no extra query)."""
        if not self.review_meeting_required:
            return False
        latest = self.review_meeting_decisions[-1] if self.review_meeting_decisions else None
        if latest is None or latest.outcome != ReviewMeetingOutcome.APPROVED:
            return True
        return not {str(m.pk) for m in self.measures} <= set(latest.measures)


def case_page(*, user: Any, case: ConferenceCase) -> CasePage:
    """Everything on the case page, scoped again by need to know (a fixed number of queries)."""
    from ketensignaal.intake.models import Signal

    page = CasePage(case=case)
    page.invitations = list(
        visible(user, Invitation.objects.filter(case=case)).select_related("unit__organisation", "invited_by")
    )
    page.measures = list(visible(user, Measure.objects.filter(case=case)).select_related("measure_type", "owner__organisation"))
    # Warnings in one query of their own (not a prefetch, which is skipped when there are no measures): the
    # page costs the same number of queries with or without measures.
    page.warnings = list(
        visible(user, MeasureWarning.objects.filter(case=case)).select_related(
            "acknowledged_by", "rule", "measure__measure_type", "other__measure_type"
        )
    )
    for measure in page.measures:
        measure.case = case
        measure.case_warnings = [w for w in page.warnings if w.measure_id == measure.pk]  # type: ignore[attr-defined]
    page.reviews = list(visible(user, Review.objects.filter(case=case)).select_related("recorded_by"))
    page.notes = list(visible(user, ProgressNote.objects.filter(case=case)).select_related("author", "unit__organisation"))
    page.history = list(visible(user, PhaseChange.objects.filter(case=case)).select_related("by"))
    page.scale_down = visible(user, ScaleDownRecord.objects.filter(case=case)).first()
    if page.scale_down is not None:
        page.scale_down.continuing = continuing_measures_named(page.scale_down)  # type: ignore[attr-defined]
    page.review_meeting_required = MunicipalitySetup.objects.filter(
        municipality_id=case.municipality_id, has_review_meeting=True
    ).exists()
    page.review_meeting_decisions = list(
        visible(user, ReviewMeetingDecision.objects.filter(case=case)).select_related("decided_by__unit")
    )
    # Linked signals: only those the reader may see themselves (linking never widens access).
    page.signals = list(visible(user, Signal.objects.filter(conference_cases=case)).only("id", "reference", "status"))
    if is_municipality_staff(user, case):
        page.asked_about = list(
            visible(user, KnownElsewhereQuery.objects.filter(matched_cases=case)).select_related("asking_unit", "asked_by")
        )
    return page


def measure_catalogue() -> list[MeasureType]:
    return list(MeasureType.objects.filter(is_active=True).prefetch_related("competent_organisations"))


def case_visible(*, user: Any, case: ConferenceCase) -> bool:
    """Whether ``user`` may (still) see ``case``, e.g. after scaling down ended their invitation."""
    return visible(user, ConferenceCase.objects.filter(pk=case.pk)).exists()


def measure_get(*, user: Any, pk: Any) -> Measure:
    measure = get_visible_or_404(user, Measure.objects.select_related("case", "measure_type", "owner__organisation"), pk=pk)
    measure.case_warnings = list(  # type: ignore[attr-defined]
        MeasureWarning.objects.filter(measure=measure).select_related("rule", "measure__measure_type", "other__measure_type")
    )
    return measure


def warning_get(*, user: Any, pk: Any) -> MeasureWarning:
    return get_visible_or_404(
        user, MeasureWarning.objects.select_related("rule", "measure__measure_type", "other__measure_type"), pk=pk
    )


def director_candidates(case: Any) -> list[Any]:
    """Who may be appointed case director: active users with that role in the municipality or in an organisation
    invited to the case (the rule :func:`services.case_director_appoint` enforces), by organisation and name."""
    from ketensignaal.conferences.models import Invitation
    from ketensignaal.identity.models import RoleCode, User

    invited = Invitation.objects.filter(case=case, ended_at__isnull=True).values("unit__organisation_id")
    return list(
        User.objects.filter(is_active=True, roles__code=RoleCode.CASE_DIRECTOR)
        .filter(Q(unit__organisation_id=case.municipality.organisation_id) | Q(unit__organisation_id__in=invited))
        .select_related("unit__organisation")
        .distinct()
        .order_by("unit__organisation__name", "last_name", "first_name", "username")
    )
