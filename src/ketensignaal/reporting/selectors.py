"""Reads of the reporting context: chain figures as tables of counts per period, scoped by need to know.

A unit's figures are computed over the signals that unit may see (``visible``); roles with a chain-wide task
see the whole chain. Grouping happens in the database (one GROUP BY per table, on ids; labels come from the
small reference tables), so a year's dashboard over a million signals stays one pass over that year's rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _lazy

from ketensignaal.core.errors import NotAllowed, ValidationFailed
from ketensignaal.core.need_to_know import visible
from ketensignaal.identity.models import Organisation, Unit
from ketensignaal.intake.models import Category, Outcome, Signal, Touchpoint
from ketensignaal.reporting import rollup
from ketensignaal.reporting.models import Narrative
from ketensignaal.reporting.periods import Range
from ketensignaal.reporting.scopes import may_see_chain_figures, may_see_figures
from ketensignaal.reporting.tables import FigureTable
from ketensignaal.routing.models import HopAction, RouteEdge

DIMENSIONS = ("category", "touchpoint", "organisation", "route")
DIMENSION_HEADINGS = {
    "category": _lazy("Categorie"),
    "touchpoint": _lazy("Contactmoment"),
    "organisation": _lazy("Organisatie"),
    "route": _lazy("Meldlijn (eerste schakel)"),
}


def figures_scope(user: Any) -> str:
    """``chain`` or ``unit``: what the user's figures cover. Refuses users who see no figures at all."""
    if not may_see_figures(user):
        raise NotAllowed(gettext("U heeft geen toegang tot de cijfers."))
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
        return [(c.pk, c.code, c.label) for c in Category.objects.order_by("is_marker", "code")]
    if by == "touchpoint":
        return [(t.pk, t.code, t.label) for t in Touchpoint.objects.order_by("position", "code")]
    if by == "organisation":
        return [(o.pk, o.code, o.name) for o in Organisation.objects.order_by("code")]
    first_hops = set(RouteEdge.objects.filter(route__is_current=True).values_list("to_unit_id", flat=True))
    return [(u.pk, u.code, u.name) for u in Unit.objects.filter(pk__in=first_hops).order_by("code")]


def _counted(*, user: Any, rng: Range, measure: str, moment: str, key: Any) -> dict[tuple[Any, str], int]:
    """Counts per (key, period) of the signals registered (``created_at``) or closed (``closed_at``) in the range.

    The days the daily roll-up covers are read from it (the whole chain, or the user's unit); the days since, and
    for a unit the signals it sees only through a grant in person, are counted from the signals themselves.
    """
    chain = figures_scope(user) == "chain"
    counts: dict[tuple[Any, str], int] = defaultdict(int)
    qs = signals_for_figures(user=user).filter(**{f"{moment}__gte": rng.start_at, f"{moment}__lt": rng.end_before})
    if measure == "route":
        qs = qs.filter(events__action=HopAction.REPORTED)
    live = [qs]
    covered = rollup.covered_before()
    if covered is not None and rng.start < covered:
        end_before = min(rng.end + dt.timedelta(days=1), covered)
        rows = rollup.rolled_up(measure=measure, unit_id=None if chain else user.unit_id, start=rng.start, end_before=end_before)
        for day, ident, n in rows:
            counts[(key(ident), rng.bucket(day.year, day.month))] += n
        cut = rollup.midnight(covered)
        live = [qs.filter(**{f"{moment}__gte": cut})]  # an index range on the moment
        if not chain:  # apart, so neither query loses its index to an OR
            live.append(qs.filter(rollup.granted_in_person_only(user), **{f"{moment}__lt": cut}))
    field = rollup.MEASURES[measure]
    for part in live:
        grouped = part.annotate(month=TruncMonth(moment)).values(field, "month").annotate(n=Count("pk")).order_by()
        for row in grouped:
            counts[(row[field], _month_key(rng, row["month"]))] += row["n"]
    return counts


def signal_volumes(*, user: Any, rng: Range, by: str) -> FigureTable:
    """Signals registered per period, by category (a signal with two categories counts in both), touchpoint,
    reporting organisation or first hop of its route."""
    if by not in DIMENSIONS:
        raise ValidationFailed(
            gettext("Onbekende indeling."),
            invalid_params=[{"name": "by", "reason": gettext("Kies category, touchpoint, organisation of route.")}],
        )
    counts = _counted(user=user, rng=rng, measure=by, moment="created_at", key=int)
    note = gettext("Een signaal met meer categorieën telt in elke categorie mee.") if by == "category" else ""
    heading = str(DIMENSION_HEADINGS[by])
    return _table(
        title=gettext("Signalen per %(dimension)s") % {"dimension": heading.lower()},
        heading=heading,
        rng=rng,
        labels=_dimension_rows(by),
        counts=counts,
        note=note,
    )


def signal_outcomes(*, user: Any, rng: Range) -> FigureTable:
    """Signals closed per period, by outcome. "No CTER" outcomes are ordinary outcomes and listed first."""
    counts = _counted(user=user, rng=rng, measure="outcome", moment="closed_at", key=str)
    labels = [(code, code, str(label)) for code, label in Outcome.choices]
    return _table(
        title=gettext("Afgesloten signalen per uitkomst"), heading=gettext("Uitkomst"), rng=rng, labels=labels, counts=counts
    )


def narratives_for_periods(*, user: Any, keys: list[str]) -> list[Any]:
    """The narratives written for any of these period keys (and for the years they fall in)."""
    figures_scope(user)
    years = {k.split("-")[0] for k in keys}
    return list(visible(user, Narrative.objects.filter(period__in=[*keys, *years])).select_related("unit"))


def narratives_all(*, user: Any) -> list[Any]:
    figures_scope(user)
    return list(visible(user, Narrative.objects.all()).select_related("unit")[:200])
