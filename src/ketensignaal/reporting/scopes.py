"""Who may see which figures, and who writes beside them: the capability functions of the reporting context.

Figures are aggregates, never persons, but they still follow need to know: a unit's figures are computed over
the signals that unit may see (``core.need_to_know.visible``); only roles with a chain-wide task see figures over
the whole chain. Narratives beside the figures are written by the coordinating unit (the small-chain hub).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ketensignaal.core.need_to_know import register_scope
from ketensignaal.intake.scopes import involved
from ketensignaal.reporting.models import (
    HopRecord,
    HopWatermark,
    MeasureProgress,
    Narrative,
    ProgrammeMeasure,
    ProgressReport,
)

# Roles whose task spans the chain: the hub that enriches every small-chain signal and the members of the
# national coordination meeting (LRO), who bring IND, KMar and police signals together.
CHAIN_WIDE_ROLES = frozenset({"hub-analyst", "lro-member"})
# The coordinating unit's analysts write the narratives and keep the action programme's progress.
NARRATIVE_ROLES = frozenset({"hub-analyst"})
TRAINING_ADMIN_ROLES = frozenset({"functional-admin"})


def _roles(user: Any) -> frozenset[str]:
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return frozenset()
    return frozenset(user.role_codes)


def may_see_figures(user: Any) -> bool:
    """Every professional with a unit sees the figures of what their unit may see."""
    return bool(_roles(user)) and bool(getattr(user, "unit_id", None))


def may_see_chain_figures(user: Any) -> bool:
    return may_see_figures(user) and bool(_roles(user) & CHAIN_WIDE_ROLES)


def may_write_narratives(user: Any) -> bool:
    return may_see_figures(user) and bool(_roles(user) & NARRATIVE_ROLES)


def may_manage_trainings(user: Any) -> bool:
    return may_see_figures(user) and bool(_roles(user) & TRAINING_ADMIN_ROLES)


# --- Need-to-know scopes of this context's models -------------------------------------------------------------


@register_scope(HopRecord)
def hop_record_scope(user: Any, qs: QuerySet[HopRecord]) -> QuerySet[HopRecord]:
    """A hop is case data: chain roles see every hop, anyone else the hops of signals they may see (their unit's
    involvements and grants to them in person, the rule of ``intake.scopes``; a grant to a colleague in person is
    not their unit's)."""
    if not may_see_figures(user):
        return qs.none()
    if may_see_chain_figures(user):
        return qs
    return qs.filter(involved(user, "signal_id"))


@register_scope(HopWatermark)
def hop_watermark_scope(user: Any, qs: QuerySet[HopWatermark]) -> QuerySet[HopWatermark]:
    return qs if may_see_figures(user) else qs.none()


@register_scope(Narrative)
def narrative_scope(user: Any, qs: QuerySet[Narrative]) -> QuerySet[Narrative]:
    """Narratives hold no personal data and are written to be read beside the figures by everyone who sees them."""
    return qs if may_see_figures(user) else qs.none()


@register_scope(ProgrammeMeasure)
def programme_measure_scope(user: Any, qs: QuerySet[ProgrammeMeasure]) -> QuerySet[ProgrammeMeasure]:
    """Reference data: the action programme's measures, readable by everyone who sees figures."""
    return qs if may_see_figures(user) else qs.none()


@register_scope(ProgressReport)
def progress_report_scope(user: Any, qs: QuerySet[ProgressReport]) -> QuerySet[ProgressReport]:
    """Progress reports go to parliament and hold no personal data; everyone who sees figures reads them."""
    return qs if may_see_figures(user) else qs.none()


@register_scope(MeasureProgress)
def measure_progress_scope(user: Any, qs: QuerySet[MeasureProgress]) -> QuerySet[MeasureProgress]:
    return qs if may_see_figures(user) else qs.none()
