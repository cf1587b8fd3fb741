"""Reading the inventory, with for each need whether a registered flow covers it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.governance.models import FlowStatus, LegalBasisFlow
from ketensignaal.informationneeds.models import InformationNeed


@dataclass(frozen=True)
class NeedRow:
    need: InformationNeed
    flow: LegalBasisFlow | None

    @property
    def covered(self) -> bool:
        """A current, established flow that is valid today covers it; anything else is a gap to look at."""
        flow = self.flow
        today = timezone.localdate()
        return bool(
            flow is not None
            and flow.status == FlowStatus.ESTABLISHED
            and flow.valid_from <= today
            and (flow.valid_until is None or flow.valid_until >= today)
        )


def _flows(codes: set[str]) -> dict[str, LegalBasisFlow]:
    rows = LegalBasisFlow.objects.filter(code__in=codes, is_current=True).select_related("from_organisation", "to_organisation")
    return {f.code: f for f in rows}


def need_rows(*, user: Any) -> list[NeedRow]:
    needs = list(visible(user, InformationNeed.objects.filter(is_current=True).select_related("provider", "receiver")))
    flows = _flows({n.flow_code for n in needs if n.flow_code})
    return [NeedRow(need=n, flow=flows.get(n.flow_code)) for n in needs]


def need_get(*, user: Any, need_id: Any) -> InformationNeed:
    return get_visible_or_404(user, InformationNeed.objects.select_related("provider", "receiver"), pk=need_id)


def need_history(*, user: Any, need: InformationNeed) -> list[InformationNeed]:
    return list(visible(user, InformationNeed.objects.filter(key=need.key).select_related("changed_by").order_by("-version")))


def needs_for_flow(*, user: Any, flow_code: str) -> list[InformationNeed]:
    return list(
        visible(user, InformationNeed.objects.filter(flow_code=flow_code, is_current=True).select_related("provider", "receiver"))
    )
