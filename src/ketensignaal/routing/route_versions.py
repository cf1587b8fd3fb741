"""Editing a reporting route: every change is a new version; the old version is kept as it was.

Routes are data the functional administrator edits (DOMAIN.md §5). Hops already taken name the units they
passed, and a privacy officer must be able to see which route was in force when, so a route is never edited
in place: :func:`route_version_create` writes version n+1 with its edges, makes it the organisation's only
current version and records the change in the processing log, all in one transaction. The cached current
edges (``routes._current_edges`` through ``intake.refcache``) are dropped at once and again at commit, so
the next signal takes the new first hop.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import Conflict, ValidationFailed
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record
from ketensignaal.identity.models import Organisation, Unit
from ketensignaal.intake import refcache
from ketensignaal.routing.models import Route, RouteEdge

_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.-]*\*?$")


@dataclass(frozen=True)
class EdgeSpec:
    """One edge of a route version to be written: from a unit code or ``prefix*`` to a unit."""

    from_pattern: str
    to_unit: Unit
    position: int = 0
    where_needed: bool = False


def _problem(index: int, field: str, code: str, reason: str) -> dict[str, str]:
    return {"name": f"edges.{index}.{field}", "code": code, "reason": reason}


def route_edges_problems(*, organisation: Organisation, edges: Sequence[EdgeSpec]) -> list[dict[str, str]]:
    """What is wrong with these edges for ``organisation``'s route (empty when they can be saved).

    A route starts at the organisation's own units (another organisation's line is its own route), every
    pattern must match at least one unit (a typo would silently route nothing), and a route has an edge.
    """
    if not edges:
        return [{"name": "edges", "code": "required", "reason": gettext("Een meldroute heeft minstens één schakel.")}]
    units = list(Unit.objects.values_list("code", "organisation_id"))
    problems: list[dict[str, str]] = []
    seen: set[tuple[str, int]] = set()
    for index, edge in enumerate(edges):
        pattern = edge.from_pattern.strip()
        if not _PATTERN.match(pattern):
            problems.append(
                _problem(
                    index,
                    "from_pattern",
                    "invalid",
                    gettext("'%(pattern)s' is geen eenheidscode of patroon zoals coa.locatie.*.") % {"pattern": pattern},
                )
            )
            continue
        matched = [org for code, org in units if (code.startswith(pattern[:-1]) if pattern.endswith("*") else code == pattern)]
        if not matched:
            problems.append(
                _problem(
                    index, "from_pattern", "no_unit", gettext("'%(pattern)s' past op geen enkele eenheid.") % {"pattern": pattern}
                )
            )
        elif any(org != organisation.pk for org in matched):
            problems.append(
                _problem(
                    index,
                    "from_pattern",
                    "other_organisation",
                    gettext("'%(pattern)s' omvat eenheden van een andere organisatie; een route begint bij de eigen eenheden.")
                    % {"pattern": pattern},
                )
            )
        if not edge.to_unit.is_active:
            problems.append(
                _problem(index, "to_unit", "inactive", gettext("%(to_unit)s is niet actief.") % {"to_unit": edge.to_unit.name})
            )
        if pattern == edge.to_unit.code:
            problems.append(
                _problem(index, "to_unit", "same_unit", gettext("Een schakel kan niet naar dezelfde eenheid leiden."))
            )
        if (pattern, edge.to_unit.pk) in seen:
            problems.append(
                _problem(
                    index,
                    "to_unit",
                    "duplicate",
                    gettext("De schakel %(pattern)s → %(code)s staat er al.") % {"pattern": pattern, "code": edge.to_unit.code},
                )
            )
        seen.add((pattern, edge.to_unit.pk))
    return problems


@transaction.atomic
def route_version_create(
    *,
    actor: Any,
    organisation: Organisation,
    edges: Sequence[EdgeSpec],
    description: str = "",
    based_on: Route | None = None,
    channel: str = "admin",
) -> Route:
    """Write the next version of ``organisation``'s route and put it in use; earlier versions stay, not current.

    ``based_on`` is the version the editor started from: when another version was put in use meanwhile, the
    edit is refused rather than silently undoing that change.
    """
    # Lock the organisation's versions: two editors get versions n+1 and n+2 in turn, never the same number.
    versions = list(Route.objects.select_for_update().filter(organisation=organisation).values_list("pk", "is_current"))
    current = [pk for pk, is_current in versions if is_current]
    if based_on is not None and current != [based_on.pk]:
        raise Conflict(
            gettext(
                "Er is intussen een andere versie van deze meldroute in gebruik genomen; begin opnieuw vanaf de actuele versie."
            ),
            code="stale_version",
        )
    problems = route_edges_problems(organisation=organisation, edges=edges)
    if problems:
        raise ValidationFailed(gettext("De meldroute is niet opgeslagen; zie de toelichting per veld."), invalid_params=problems)
    latest = Route.objects.filter(organisation=organisation).aggregate(latest=Max("version"))["latest"] or 0
    Route.objects.filter(organisation=organisation, is_current=True).update(is_current=False)
    route = Route.objects.create(
        organisation=organisation,
        version=latest + 1,
        description=description,
        is_current=True,
        created_at=timezone.now(),
        created_by=getattr(actor, "username", "") or "system",
    )
    RouteEdge.objects.bulk_create(
        RouteEdge(
            route=route,
            from_pattern=edge.from_pattern.strip(),
            to_unit=edge.to_unit,
            position=edge.position,
            where_needed=edge.where_needed,
        )
        for edge in edges
    )
    # update() and bulk_create() send no save signals; clear now (this process) and at commit (a load that ran
    # between the two would otherwise keep the old edges until the TTL runs out).
    refcache.clear()
    transaction.on_commit(refcache.clear)
    processing_log_record(
        actor=actor,
        channel=channel,
        items=[
            LogItem(
                activity=Activity.ADMINISTRATION,
                action="update" if versions else "create",
                object_type="route",
                object_id=f"{organisation.code}@v{route.version}",
            )
        ],
    )
    return route
