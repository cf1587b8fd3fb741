"""Figures about the chain's processes after intake: LRO follow-ups and LIV requests.

Same need-to-know rule as the signal figures: chain roles count everything; any other user counts what their
unit may see through the owning context's registered scope (e.g. the follow-up tasks their unit owns).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext

from ketensignaal.conferences.models import Measure, MeasureType
from ketensignaal.coordination.models import DecisionKind, Task, TaskStatus
from ketensignaal.core.language import in_reader_language
from ketensignaal.core.need_to_know import visible
from ketensignaal.reporting.periods import Period, Range
from ketensignaal.reporting.selectors import figures_scope
from ketensignaal.reporting.tables import FigureTable
from ketensignaal.trajectories.models import LivTrajectory, WeighingAnswer, WeighingCriterion


def _scoped(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs if figures_scope(user) == "chain" else visible(user, qs)


def lro_follow_ups(*, user: Any, rng: Range) -> FigureTable:
    """Follow-up tasks agreed in the LRO in the period, by kind of decision: still open and done."""
    tasks = _scoped(user, Task.objects.filter(decision__isnull=False)).filter(
        created_at__gte=rng.start_at, created_at__lt=rng.end_before
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in tasks.values("decision__kind", "status").annotate(n=Count("id")).order_by():
        counts[(row["decision__kind"], row["status"])] += row["n"]
    columns = [Period(TaskStatus.OPEN, gettext("Nog open")), Period(TaskStatus.DONE, gettext("Uitgevoerd"))]
    return FigureTable(
        title=gettext("Vervolgafspraken uit het LRO per soort"),
        row_heading=gettext("Soort vervolg"),
        rows=[(code, str(label)) for code, label in DecisionKind.choices],
        periods=columns,
        values=[[counts[(code, c.key)] for c in columns] for code, _label in DecisionKind.choices],
        note=gettext("Afspraken gemaakt in de gekozen periode; het totaal per soort is het aantal afspraken."),
    )


def liv_requests(*, user: Any, rng: Range) -> FigureTable:
    """LIV requests per period by the weighing's result: accepted, not accepted, not yet weighed."""
    qs = _scoped(user, LivTrajectory.objects.all()).filter(created_at__gte=rng.start_at, created_at__lt=rng.end_before)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in qs.annotate(month=TruncMonth("created_at")).values("accepted", "month").annotate(n=Count("id")).order_by():
        key = {True: "accepted", False: "not-accepted", None: "pending"}[row["accepted"]]
        counts[(key, rng.bucket(row["month"].year, row["month"].month))] += row["n"]
    labels = [
        ("accepted", gettext("Aangenomen")),
        ("not-accepted", gettext("Niet aangenomen")),
        ("pending", gettext("Nog niet gewogen")),
    ]
    periods = rng.periods()
    return FigureTable(
        title=gettext("Aanvragen bij het LIV naar uitkomst van de weging"),
        row_heading=gettext("Weging"),
        rows=labels,
        periods=periods,
        values=[[counts[(key, p.key)] for p in periods] for key, _ in labels],
    )


def liv_non_acceptance(*, user: Any, rng: Range) -> FigureTable:
    """Registered reasons for not accepting: the weighing criteria answered "no", per period of the request."""
    answers = _scoped(user, WeighingAnswer.objects.all()).filter(
        answer=False,
        trajectory__accepted=False,
        trajectory__created_at__gte=rng.start_at,
        trajectory__created_at__lt=rng.end_before,
    )
    counts: dict[tuple[int, str], int] = defaultdict(int)
    grouped = answers.annotate(month=TruncMonth("trajectory__created_at")).values("criterion_id", "month").annotate(n=Count("id"))
    for row in grouped.order_by():
        counts[(row["criterion_id"], rng.bucket(row["month"].year, row["month"].month))] += row["n"]
    criteria = list(WeighingCriterion.objects.order_by("position", "code"))
    periods = rng.periods()
    return FigureTable(
        title=gettext("Niet aangenomen: criteria met antwoord 'nee'"),
        row_heading=gettext("Criterium"),
        rows=[(c.code, in_reader_language(c, "label")) for c in criteria],
        periods=periods,
        values=[[counts[(c.pk, p.key)] for p in periods] for c in criteria],
        note=gettext("Een niet-aangenomen aanvraag kan op meer criteria 'nee' hebben; elk telt mee."),
    )


def conference_measures(*, user: Any, rng: Range) -> FigureTable:
    """Measures in the local case conferences' plans of action, by kind, in the period they were proposed.

    Need to know as everywhere: chain roles count every municipality's plans; anyone else counts the measures of
    the cases their unit may see (the municipality's own cases, or a case while their unit is invited).
    """
    qs = _scoped(user, Measure.objects.all()).filter(proposed_at__gte=rng.start_at, proposed_at__lt=rng.end_before)
    counts: dict[tuple[int, str], int] = defaultdict(int)
    grouped = qs.annotate(month=TruncMonth("proposed_at")).values("measure_type_id", "month").annotate(n=Count("id"))
    for row in grouped.order_by():
        counts[(row["measure_type_id"], rng.bucket(row["month"].year, row["month"].month))] += row["n"]
    kinds = list(MeasureType.objects.order_by("position", "code"))
    periods = rng.periods()
    return FigureTable(
        title=gettext("Maatregelen in lokale casusoverleggen per soort"),
        row_heading=gettext("Maatregel"),
        rows=[(k.code, in_reader_language(k, "label")) for k in kinds],
        periods=periods,
        values=[[counts[(k.pk, p.key)] for p in periods] for k in kinds],
        note=gettext("Geteld in de periode waarin de maatregel is voorgesteld; de bevoegde organisatie voert hem uit."),
    )
