"""Loading the first version of each screening checklist; afterwards the functional administrator owns them."""

from __future__ import annotations

from typing import Any

from ketensignaal.intake.models import Touchpoint
from ketensignaal.screening.models import Checklist, ChecklistItem


def checklists_load(rows: list[dict[str, Any]]) -> int:
    """Create version 1 where a procedure step has no checklist yet; never touches an existing version."""
    touchpoints = {t.code: t for t in Touchpoint.objects.filter(code__in=[r["touchpoint"] for r in rows])}
    for row in rows:
        touchpoint = touchpoints[row["touchpoint"]]
        if Checklist.objects.filter(procedure=row["procedure"], touchpoint=touchpoint).exists():
            continue
        checklist = Checklist.objects.create(
            procedure=row["procedure"], touchpoint=touchpoint, version=1, open_source_minimum=row["open_source_minimum"]
        )
        ChecklistItem.objects.bulk_create(
            ChecklistItem(checklist=checklist, position=i, **item) for i, item in enumerate(row["items"], 1)
        )
    return len(rows)
