"""The advisory report (adviesrapport) as an accessible, tagged PDF/UA-1 document.

Generated from the advice format, the conclusion and the advice only: the
client receives the summary on care and support, never the working file.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.language import in_reader_language
from ketensignaal.trajectories.models import Conclusion, FormatPhase, LivTrajectory


def report_context(trajectory: LivTrajectory) -> dict[str, Any]:
    from ketensignaal.trajectories.services import format_for

    fmt, answers = format_for(trajectory, FormatPhase.ADVICE)
    labels = dict(Conclusion.choices)
    return {
        "t": trajectory,
        "title": gettext("Adviesrapport %(reference)s") % {"reference": trajectory.reference},
        "conclusions": [str(labels.get(code, code)) for code in trajectory.conclusions],
        "advice_fields": [
            {"label": in_reader_language(f, "label"), "value": answers.get(f["key"], "")}
            for f in fmt.fields
            if answers.get(f["key"])
        ],
        "format_version": fmt.version,
        "generated_at": timezone.localtime(),
    }


def report_html(trajectory: LivTrajectory) -> str:
    return render_to_string("trajectories/report_pdf.html", report_context(trajectory))


def report_pdf(trajectory: LivTrajectory, *, uncompressed: bool = False) -> bytes:
    from weasyprint import HTML

    return HTML(string=report_html(trajectory)).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=uncompressed)
