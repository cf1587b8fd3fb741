"""Minutes of an LRO meeting as accessible HTML and PDF (PDF/UA-1, language, title, headings)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from .models import Meeting


def minutes_html(*, meeting: Meeting, lines: list[Any], decisions: list[Any]) -> str:
    return render_to_string("coordination/minutes_pdf.html", {"meeting": meeting, "lines": lines, "decisions": decisions})


def minutes_pdf(*, meeting: Meeting, lines: list[Any], decisions: list[Any]) -> bytes:
    from weasyprint import HTML

    return HTML(string=minutes_html(meeting=meeting, lines=lines, decisions=decisions)).write_pdf(pdf_variant="pdf/ua-1")
