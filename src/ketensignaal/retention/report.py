"""The destruction report (PDF/UA-1): what was destroyed, by rule, with references and dates — no personal data.

Per rule the report gives the period, its legal source and how many records ended how; then the lines themselves
(reference, record type, reference date, outcome, moment, copies recalled). A very large list prints its first
``MAX_LINES`` lines; the API and the list page give every line.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ketensignaal.retention.models import DestructionList, ItemStatus
from ketensignaal.retention.selectors import rule_summary, status_counts

MAX_LINES = 2000


def report_context(dlist: DestructionList) -> dict[str, Any]:
    items = dlist.items.exclude(status=ItemStatus.PROPOSED).order_by("record_type", "due_on", "reference")
    lines = list(items[:MAX_LINES])
    counts = status_counts(dlist)
    return {
        "dlist": dlist,
        "title": _("Vernietigingsverslag %(number)s") % {"number": dlist.number},
        "summary": rule_summary(dlist),
        "lines": lines,
        "truncated": items.count() > len(lines),
        "destroyed": counts.get(ItemStatus.DESTROYED, 0),
        "generated_at": timezone.localtime(),
    }


def report_pdf(dlist: DestructionList) -> bytes:
    from weasyprint import HTML

    html = render_to_string("retention/report_pdf.html", report_context(dlist))
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
