"""Reads of the retention context, for the privacy officer of the organisation that holds the records.

Lists, items and holds carry no personal data (references, dates, rule, outcome), so no read entry is written for
them; every change is logged by the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext

from ketensignaal.core.errors import NotAllowed
from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.retention.models import (
    OPEN_STATUSES,
    DestructionItem,
    DestructionList,
    ItemStatus,
    LegalHold,
    ListStatus,
    RecordType,
    RetentionRule,
)
from ketensignaal.retention.rules import RULES, ensure_default_rules
from ketensignaal.retention.scopes import may_manage_retention


def officer_check(user: Any) -> None:
    if not may_manage_retention(user):
        raise NotAllowed(
            gettext("Alleen de privacyfunctionaris beheert bewaartermijnen en vernietiging."), code="privacy_officer_only"
        )


@dataclass(frozen=True)
class RuleRow:
    rule: RetentionRule
    counted_from: str
    minimum_months: int
    minimum_source: str
    automated: bool

    @property
    def record_type(self) -> str:
        return self.rule.record_type


def retention_rules() -> list[RuleRow]:
    """Every rule with what its period counts from and its legal minimum (rules hold no personal data)."""
    ensure_default_rules()
    rows = []
    for rule in RetentionRule.objects.select_related("updated_by"):
        meta = RULES[rule.record_type]
        rows.append(RuleRow(rule, str(meta.counted_from), meta.minimum_months, meta.minimum_source, meta.automated))
    order = list(RULES)
    return sorted(rows, key=lambda row: order.index(row.record_type))


def retention_rule_get(*, record_type: str) -> RuleRow:
    from django.http import Http404

    for row in retention_rules():
        if row.record_type == record_type:
            return row
    raise Http404


def destruction_lists(*, user: Any) -> QuerySet[DestructionList]:
    officer_check(user)
    return visible(user, DestructionList.objects.select_related("organisation")).order_by("-proposed_at")


def destruction_list_get(*, user: Any, list_id: Any) -> DestructionList:
    return get_visible_or_404(user, DestructionList.objects.select_related("organisation", "confirmed_by"), pk=list_id)


def destruction_items(*, user: Any, dlist: DestructionList, status: str | None = None) -> QuerySet[DestructionItem]:
    qs = visible(user, DestructionItem.objects.filter(list=dlist)).select_related("decided_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("due_on", "reference", "pk")


def status_counts(dlist: DestructionList) -> dict[str, int]:
    return dict(dlist.items.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))


def rule_summary(dlist: DestructionList) -> list[dict[str, Any]]:
    """Per rule (record type): how many items ended how — the destruction report's heart, without any record."""
    labels = dict(ItemStatus.choices)
    rules = {r.record_type: r for r in RetentionRule.objects.all()}
    rows: dict[str, dict[str, Any]] = {}
    for record_type, period, status, n in (
        dlist.items.values_list("record_type", "period_months", "status").annotate(n=Count("pk")).order_by("record_type")
    ):
        row = rows.setdefault(
            record_type,
            {
                "record_type": record_type,
                "label": str(RecordType(record_type).label),
                "period_months": period,
                "legal_source": rules[record_type].legal_source if record_type in rules else "",
                "counts": {},
                "total": 0,
            },
        )
        row["counts"][str(labels.get(status, status))] = row["counts"].get(str(labels.get(status, status)), 0) + n
        row["total"] += n
    return list(rows.values())


def open_list_exists(*, user: Any) -> bool:
    return destruction_lists(user=user).filter(status__in=OPEN_STATUSES).exists()


def legal_holds(*, user: Any, active_only: bool = False) -> QuerySet[LegalHold]:
    officer_check(user)
    qs = visible(user, LegalHold.objects.select_related("owner", "released_by"))
    if active_only:
        qs = qs.filter(released_at__isnull=True)
    return qs.order_by("released_at", "-placed_at")


def legal_hold_get(*, user: Any, hold_id: Any) -> LegalHold:
    return get_visible_or_404(user, LegalHold.objects.select_related("owner"), pk=hold_id)


def progress(dlist: DestructionList) -> dict[str, Any]:
    total = dlist.items.exclude(status__in=[ItemStatus.EXCLUDED, ItemStatus.POSTPONED]).count()
    done = dlist.items.exclude(status__in=[ItemStatus.EXCLUDED, ItemStatus.POSTPONED, ItemStatus.PROPOSED]).count()
    return {
        "total": total,
        "done": done,
        "percent": int(done * 100 / total) if total else 100,
        "running": dlist.status == ListStatus.RUNNING,
    }
