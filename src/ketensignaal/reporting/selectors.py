"""Reads of the reporting context: chain figures as tables of counts per period, scoped by need to know.

A unit's figures are computed over the signals that unit may see (``visible``); roles with a chain-wide task
see the whole chain. Grouping happens in the database (one GROUP BY per table, on ids; labels come from the
small reference tables), so a year's dashboard over a million signals stays one pass over that year's rows.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from ketensignaal.core.errors import NotAllowed, ValidationFailed
from ketensignaal.core.need_to_know import visible
from ketensignaal.identity.models import Organisation, Unit
from ketensignaal.intake.models import Category, Outcome, Signal, Touchpoint
from ketensignaal.reporting.models import Narrative
from ketensignaal.reporting.periods import Range
from ketensignaal.reporting.scopes import may_see_chain_figures, may_see_figures
from ketensignaal.reporting.tables import FigureTable
from ketensignaal.routing.models import HopAction, RouteEdge

DIMENSIONS = ("category", "touchpoint", "organisation", "route")
DIMENSION_HEADINGS = {
    "category": "Categorie",
    "touchpoint": "Contactmoment",
    "organisation": "Organisatie",
    "route": "Meldlijn (eerste schakel)",
}


def figures_scope(user: Any) -> str:
    """``chain`` or ``unit``: what the user's figures cover. Refuses users who see no figures at all."""
    if not may_see_figures(user):
        raise NotAllowed("U heeft geen toegang tot de cijfers.")
    return "chain" if may_see_chain_figures(user) else "unit"


def signals_for_figures(*, user: Any) -> QuerySet[Signal]:
    """The signals a user's figures are computed over: the whole chain, or what the user's unit may see."""
    if figures_scope(user) == "chain":
        return Signal.objects.all()
    return visible(user, Signal.objects.all())


def _month_key(rng: Range, moment: Any) -> str:
    return rng.bucket(moment.year, moment.month)


def _table(
    *,
    title: str,
    heading: str,
    rng: Range,
    labels: list[tuple[Any, str, str]],
    counts: dict[tuple[Any, str], int],
    note: str = "",
) -> FigureTable:
    periods = rng.periods()
    values = [[counts.get((ident, p.key), 0) for p in periods] for ident, _key, _label in labels]
    return FigureTable(
        title=title,
        row_heading=heading,
        rows=[(key, label) for _ident, key, label in labels],
        periods=periods,
        values=values,
        note=note,
    )


def _dimension_rows(by: str) -> list[tuple[Any, str, str]]:
    if by == "category":
        return [(c.pk, c.code, c.name) for c in Category.objects.order_by("is_marker", "code")]
    if by == "touchpoint":
        return [(t.pk, t.code, t.name) for t in Touchpoint.objects.order_by("position", "code")]
    if by == "organisation":
        return [(o.pk, o.code, o.name) for o in Organisation.objects.order_by("code")]
    first_hops = set(RouteEdge.objects.filter(route__is_current=True).values_list("to_unit_id", flat=True))
    return [(u.pk, u.code, u.name) for u in Unit.objects.filter(pk__in=first_hops).order_by("code")]


def signal_volumes(*, user: Any, rng: Range, by: str) -> FigureTable:
    """Signals registered per period, by category (a signal with two categories counts in both), touchpoint,
    reporting organisation or first hop of its route."""
    if by not in DIMENSIONS:
        raise ValidationFailed(
            "Onbekende indeling.", invalid_params=[{"name": "by", "reason": "Kies category, touchpoint, organisation of route."}]
        )
    qs = signals_for_figures(user=user).filter(created_at__gte=rng.start_at, created_at__lt=rng.end_before)
    field = {
        "category": "categories",
        "touchpoint": "touchpoint_id",
        "organisation": "reporting_unit__organisation_id",
        "route": "events__to_unit_id",
    }[by]
    if by == "route":
        qs = qs.filter(events__action=HopAction.REPORTED)
    grouped = qs.annotate(month=TruncMonth("created_at")).values(field, "month").annotate(n=Count("pk")).order_by()
    counts: dict[tuple[Any, str], int] = defaultdict(int)
    for row in grouped:
        counts[(row[field], _month_key(rng, row["month"]))] += row["n"]
    note = "Een signaal met meer categorieën telt in elke categorie mee." if by == "category" else ""
    return _table(
        title=f"Signalen per {DIMENSION_HEADINGS[by].lower()}",
        heading=DIMENSION_HEADINGS[by],
        rng=rng,
        labels=_dimension_rows(by),
        counts=counts,
        note=note,
    )


def signal_outcomes(*, user: Any, rng: Range) -> FigureTable:
    """Signals closed per period, by outcome. "No CTER" outcomes are ordinary outcomes and listed first."""
    qs = signals_for_figures(user=user).filter(closed_at__gte=rng.start_at, closed_at__lt=rng.end_before)
    grouped = qs.annotate(month=TruncMonth("closed_at")).values("outcome", "month").annotate(n=Count("pk")).order_by()
    counts: dict[tuple[Any, str], int] = defaultdict(int)
    for row in grouped:
        counts[(row["outcome"], _month_key(rng, row["month"]))] += row["n"]
    labels = [(code, code, str(label)) for code, label in Outcome.choices]
    return _table(title="Afgesloten signalen per uitkomst", heading="Uitkomst", rng=rng, labels=labels, counts=counts)


def narratives_for_periods(*, user: Any, keys: list[str]) -> list[Any]:
    """The narratives written for any of these period keys (and for the years they fall in)."""
    figures_scope(user)
    years = {k.split("-")[0] for k in keys}
    return list(visible(user, Narrative.objects.filter(period__in=[*keys, *years])).select_related("unit"))


def narratives_all(*, user: Any) -> list[Any]:
    figures_scope(user)
    return list(visible(user, Narrative.objects.all()).select_related("unit")[:200])
