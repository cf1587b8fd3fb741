"""Who may do what in screening, and who sees which rows (need to know).

A screening or a watch-list check is the recording unit's work: that unit sees it, and within the same
organisation the hub analysts and the privacy officers (who weigh and answer for the whole file). Nothing
crosses to another organisation here; sharing goes through the disclosure route like any other data.
Watch lists (their versions and entries) are the organisation's that imported them. Checklists are
reference data that every signed-in professional may read.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ketensignaal.core.need_to_know import register_scope
from ketensignaal.identity.models import RoleCode
from ketensignaal.screening.models import (
    Checklist,
    ChecklistItem,
    Screening,
    ScreeningAnswer,
    ScreeningGap,
    SisAlert,
    WatchList,
    WatchListCheck,
    WatchListEntry,
    WatchListHit,
    WatchListNameKey,
    WatchListVersion,
)

# The organisations whose procedure steps include screening (seed 003): identification and registration by
# the police (AVIM) and the KMar, screening, hearings and family reunification by the IND.
SCREENING_ORGANISATIONS = frozenset({"ind", "politie", "kmar"})
SCREENER_ROLES = frozenset({RoleCode.REPORTER, RoleCode.HANDLER, RoleCode.HUB_ANALYST})
GAP_VIEWER_ROLES = frozenset({RoleCode.HANDLER, RoleCode.HUB_ANALYST, RoleCode.PRIVACY_OFFICER, RoleCode.FUNCTIONAL_ADMIN})
WHOLE_ORGANISATION_ROLES = (RoleCode.HUB_ANALYST, RoleCode.PRIVACY_OFFICER)


def _organisation_code(user: Any) -> str:
    unit = getattr(user, "unit", None) if getattr(user, "unit_id", None) else None
    return unit.organisation.code if unit is not None else ""


def may_screen(user: Any) -> bool:
    """Record screenings and check one person against a watch list."""
    return _organisation_code(user) in SCREENING_ORGANISATIONS and bool(SCREENER_ROLES & set(user.role_codes))


def may_see_gaps(user: Any) -> bool:
    """The gaps overview: counts only, small counts suppressed."""
    return bool(getattr(user, "unit_id", None)) and bool(GAP_VIEWER_ROLES & set(user.role_codes))


def may_manage_watch_lists(user: Any) -> bool:
    """Create watch lists and import their versions: the functional administrator of a screening organisation."""
    return _organisation_code(user) in SCREENING_ORGANISATIONS and user.has_role(RoleCode.FUNCTIONAL_ADMIN)


def _sees_whole_organisation(user: Any) -> bool:
    return any(user.has_role(role) for role in WHOLE_ORGANISATION_ROLES)


def _recorded_q(user: Any, prefix: str = "") -> Q:
    if _sees_whole_organisation(user):
        return Q(**{f"{prefix}unit__organisation_id": user.unit.organisation_id})
    return Q(**{f"{prefix}unit_id": user.unit_id})


@register_scope(Checklist)
def checklist_scope(user: Any, qs: QuerySet[Checklist]) -> QuerySet[Checklist]:
    return qs if user.unit_id else qs.none()


@register_scope(ChecklistItem)
def checklist_item_scope(user: Any, qs: QuerySet[ChecklistItem]) -> QuerySet[ChecklistItem]:
    return qs if user.unit_id else qs.none()


@register_scope(Screening)
def screening_scope(user: Any, qs: QuerySet[Screening]) -> QuerySet[Screening]:
    return qs.filter(_recorded_q(user)) if user.unit_id else qs.none()


def _screening_child_scope(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(_recorded_q(user, "screening__")) if user.unit_id else qs.none()


for _child in (ScreeningAnswer, SisAlert, ScreeningGap):
    register_scope(_child)(_screening_child_scope)


@register_scope(WatchList)
def watch_list_scope(user: Any, qs: QuerySet[WatchList]) -> QuerySet[WatchList]:
    return qs.filter(organisation_id=user.unit.organisation_id) if user.unit_id else qs.none()


@register_scope(WatchListVersion)
def watch_list_version_scope(user: Any, qs: QuerySet[WatchListVersion]) -> QuerySet[WatchListVersion]:
    return qs.filter(watch_list__organisation_id=user.unit.organisation_id) if user.unit_id else qs.none()


def _entry_scope(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(version__watch_list__organisation_id=user.unit.organisation_id) if user.unit_id else qs.none()


for _row in (WatchListEntry, WatchListNameKey):
    register_scope(_row)(_entry_scope)


@register_scope(WatchListCheck)
def watch_list_check_scope(user: Any, qs: QuerySet[WatchListCheck]) -> QuerySet[WatchListCheck]:
    return qs.filter(_recorded_q(user)) if user.unit_id else qs.none()


@register_scope(WatchListHit)
def watch_list_hit_scope(user: Any, qs: QuerySet[WatchListHit]) -> QuerySet[WatchListHit]:
    return qs.filter(_recorded_q(user, "watch_check__")) if user.unit_id else qs.none()
