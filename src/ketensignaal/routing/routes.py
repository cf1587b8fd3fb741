"""Reading the reporting routes (data, not code) and weighing a cross-organisation hop.

A route edge says "from this unit (or pattern) a signal may go to that unit".
Only the current version of each organisation's route is used. A hop to a
unit of another organisation is a disclosure: it needs a current, valid,
established :class:`LegalBasisFlow` between the two organisations that covers
*all* of the signal's categories, plus a case-level justification (DOMAIN.md
principle 5). :func:`legal_basis_check` names precisely what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ketensignaal.core.errors import NoLegalBasis
from ketensignaal.governance.legal_basis import flow_for_disclosure
from ketensignaal.governance.models import LegalBasisFlow
from ketensignaal.identity.models import Organisation, Unit
from ketensignaal.intake import refcache
from ketensignaal.routing.models import RouteEdge


def _current_edges() -> list[tuple[int, RouteEdge]]:
    """(organisation id, edge) of every current route, cached per process (intake.refcache; cleared on any save)."""

    def load() -> list[tuple[int, RouteEdge]]:
        qs = RouteEdge.objects.filter(route__is_current=True).select_related("to_unit__organisation", "route")
        return [(edge.route.organisation_id, edge) for edge in qs.order_by("position", "id")]

    return refcache.cached("routing.current_edges", load)


def current_edges_from(unit_code: str, *, organisation_id: int | None = None) -> list[RouteEdge]:
    """Edges of the current routes that start at ``unit_code`` (patterns like ``coa.locatie.*`` included)."""
    return [
        edge
        for org_id, edge in _current_edges()
        if (organisation_id is None or org_id == organisation_id) and edge.matches(unit_code)
    ]


def first_hop(unit: Unit) -> Unit:
    """Where a new signal from ``unit`` lands: the first edge of its organisation's current route, else the unit itself."""
    for edge in current_edges_from(unit.code, organisation_id=unit.organisation_id):
        return edge.to_unit
    return unit


def short_name(organisation: Organisation) -> str:
    """'COA, Centraal Orgaan opvang asielzoekers' → 'COA'."""
    return organisation.name.split(",")[0].strip()


@dataclass(frozen=True)
class FlowCheck:
    flow: LegalBasisFlow | None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.flow is not None and not self.problem


def legal_basis_check(*, from_org: Organisation, to_org: Organisation, categories: Sequence[str]) -> FlowCheck:
    """The flow that lets a signal with ``categories`` go from one organisation to another, or why none does.

    The rule itself lives in one place, :func:`governance.legal_basis.flow_for_disclosure`.
    """
    try:
        return FlowCheck(flow_for_disclosure(from_org=from_org, to_org=to_org, categories=list(categories)))
    except NoLegalBasis as refusal:
        return FlowCheck(None, refusal.detail)
