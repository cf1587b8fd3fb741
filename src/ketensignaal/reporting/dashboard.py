"""The chain dashboard: every table by name, built from one set of parameters and published for one audience.

The page, its CSV/XLSX exports and the API all call :func:`dashboard_table` / :func:`dashboard_tables`, so a
table cannot show one thing on screen and another in a download.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.reporting import process_figures, selectors
from ketensignaal.reporting.periods import Range, range_parse
from ketensignaal.reporting.tables import Disclosure, FigureTable, PublishedTable, disclosure_parse, table_publish

Builder = Callable[[Any, Range, str], FigureTable]

TABLES: dict[str, Builder] = {
    "signals": lambda user, rng, by: selectors.signal_volumes(user=user, rng=rng, by=by),
    "outcomes": lambda user, rng, by: selectors.signal_outcomes(user=user, rng=rng),
    "lro-follow-ups": lambda user, rng, by: process_figures.lro_follow_ups(user=user, rng=rng),
    "liv-requests": lambda user, rng, by: process_figures.liv_requests(user=user, rng=rng),
    "liv-non-acceptance": lambda user, rng, by: process_figures.liv_non_acceptance(user=user, rng=rng),
    "conference-measures": lambda user, rng, by: process_figures.conference_measures(user=user, rng=rng),
}


@dataclass
class Request:
    rng: Range
    disclosure: Disclosure
    by: str


def request_parse(params: dict[str, Any]) -> Request:
    by = params.get("by") or "category"
    if by not in selectors.DIMENSIONS:
        raise ValidationFailed(
            gettext("Onbekende indeling."),
            invalid_params=[{"name": "by", "reason": gettext("Kies category, touchpoint, organisation of route.")}],
        )
    return Request(
        rng=range_parse(start=params.get("from") or None, end=params.get("to") or None, grain=params.get("period") or None),
        disclosure=disclosure_parse(audience=params.get("audience") or None, threshold=params.get("threshold")),
        by=by,
    )


def dashboard_table(*, user: Any, name: str, request: Request) -> PublishedTable:
    try:
        builder = TABLES[name]
    except KeyError:
        raise ValidationFailed(
            gettext("Onbekende tabel."),
            invalid_params=[{"name": "table", "reason": gettext("Kies %(tables)s.") % {"tables": ", ".join(TABLES)}}],
        ) from None
    return table_publish(builder(user, request.rng, request.by), request.disclosure)


def dashboard_tables(*, user: Any, request: Request) -> dict[str, PublishedTable]:
    selectors.figures_scope(user)
    return {name: dashboard_table(user=user, name=name, request=request) for name in TABLES}
