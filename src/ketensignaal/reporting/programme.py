"""The action programme's progress reports: per four-month period each measure's status and a narrative (seed 004).

The minister reports progress on the 38 measures to parliament every four months, so a progress report always
leaves the chain: text that looks like personal data (a V-number, a date of birth) is refused until the writer
confirms it is none. Everyone who sees figures reads the reports; the coordinating unit writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from ketensignaal.core.errors import Conflict, NotAllowed, ValidationFailed
from ketensignaal.core.need_to_know import visible
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record
from ketensignaal.reporting.models import MeasureProgress, ProgrammeMeasure, ProgressReport, ProgressStatus
from ketensignaal.reporting.periods import _label
from ketensignaal.reporting.programme_data import THEMES
from ketensignaal.reporting.scopes import may_see_figures, may_write_narratives
from ketensignaal.reporting.services import MAX_LENGTH, personal_data_findings

FOUR_MONTH_PERIOD = re.compile(r"^(\d{4})-T([1-3])$")


def today() -> Any:
    """The date periods are judged against (a function, so tests can fix it)."""
    return timezone.localdate()


def period_check(period: str) -> str:
    """A four-month period key (2026-T1 … 2026-T3), not after the current one."""
    match = FOUR_MONTH_PERIOD.match(period or "")
    if not match:
        raise ValidationFailed(
            gettext("De periode is niet goed opgegeven."),
            invalid_params=[{"name": "period", "reason": gettext("Geef een periode van vier maanden, zoals 2026-T3.")}],
        )
    now = today()
    current = (now.year, (now.month - 1) // 4 + 1)
    if (int(match[1]), int(match[2])) > current or int(match[1]) < 2014:
        raise ValidationFailed(
            gettext("Over deze periode kan nog geen voortgang worden gerapporteerd."),
            invalid_params=[{"name": "period", "reason": gettext("Kies de huidige of een eerdere periode (vanaf 2014).")}],
        )
    return period


def period_label(period: str) -> str:
    return _label(period)


def _require_reader(user: Any) -> None:
    if not may_see_figures(user):
        raise NotAllowed(gettext("U heeft geen toegang tot de voortgangsrapportages."))


def measures_all(*, user: Any) -> list[ProgrammeMeasure]:
    _require_reader(user)
    return list(visible(user, ProgrammeMeasure.objects.filter(is_active=True)))


def reports_all(*, user: Any) -> list[ProgressReport]:
    _require_reader(user)
    return list(visible(user, ProgressReport.objects.all()).select_related("unit")[:100])


@dataclass
class ReportRow:
    measure: ProgrammeMeasure
    status: str
    status_label: str
    narrative: str


@dataclass
class ReportPage:
    period: str
    label: str
    report: ProgressReport | None
    rows: list[ReportRow]

    @property
    def themes(self) -> list[tuple[str, list[ReportRow]]]:
        grouped: dict[str, list[ReportRow]] = {}
        for row in self.rows:
            grouped.setdefault(row.measure.theme, []).append(row)
        return [(str(THEMES.get(theme, theme)), rows) for theme, rows in grouped.items()]

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """How many measures per status, with those not assessed last."""
        out = [(code, str(label), sum(1 for r in self.rows if r.status == code)) for code, label in ProgressStatus.choices]
        out.append(("", str(_("Nog niet beoordeeld")), sum(1 for r in self.rows if not r.status)))
        return out

    @property
    def complete(self) -> bool:
        return all(r.status for r in self.rows)


def report_page(*, user: Any, period: str) -> ReportPage:
    """Every measure with its status and narrative in this period (empty where not yet assessed)."""
    _require_reader(user)
    period_check(period)
    report = visible(user, ProgressReport.objects.filter(period=period)).select_related("unit", "written_by").first()
    entries = {e.measure_id: e for e in MeasureProgress.objects.filter(report=report)} if report else {}
    rows = []
    for measure in ProgrammeMeasure.objects.filter(is_active=True).order_by("number"):
        entry = entries.get(measure.pk)
        status = entry.status if entry else ""
        rows.append(
            ReportRow(
                measure=measure,
                status=status,
                status_label=str(ProgressStatus(status).label) if status else str(_("Nog niet beoordeeld")),
                narrative=entry.narrative if entry else "",
            )
        )
    return ReportPage(period=period, label=period_label(period), report=report, rows=rows)


@transaction.atomic
def report_write(
    *,
    actor: Any,
    period: str,
    summary: str | None,
    entries: list[dict[str, Any]],
    confirm_no_personal_data: bool = False,
    expected_version: int | None = None,
    channel: str = "web",
) -> ProgressReport:
    """Write a period's progress: the summary and, per measure given, its status and narrative.

    Measures not given keep what they had, and so does the summary when ``summary`` is None. Nothing is written
    when any check fails; a stale ``expected_version`` (someone else saved in between) is a conflict, not an
    overwrite.
    """
    if not may_write_narratives(actor):
        raise NotAllowed(gettext("Alleen de coördinerende eenheid schrijft de voortgangsrapportage."))
    period_check(period)
    measures = {m.number: m for m in ProgrammeMeasure.objects.filter(is_active=True)}
    problems: list[dict[str, str]] = []
    texts: dict[str, str] = {"summary": (summary or "").strip()}
    keep_summary = summary is None
    seen: set[int] = set()
    clean: list[tuple[ProgrammeMeasure, str, str]] = []
    for index, entry in enumerate(entries):
        number = entry.get("measure")
        status = entry.get("status") or ""
        narrative = (entry.get("narrative") or "").strip()
        where = f"entries[{index}]"
        if number not in measures:
            problems.append(
                {"name": f"{where}.measure", "reason": gettext("Geen maatregel van het actieprogramma met dit nummer.")}
            )
            continue
        if number in seen:
            problems.append({"name": f"{where}.measure", "reason": gettext("Deze maatregel staat er twee keer in.")})
            continue
        seen.add(number)
        if status not in ProgressStatus.values:
            problems.append(
                {
                    "name": f"{where}.status",
                    "reason": gettext("Kies geïmplementeerd, toegepast of niet geïmplementeerd of toegepast."),
                }
            )
        if len(narrative) > MAX_LENGTH:
            problems.append(
                {"name": f"{where}.narrative", "reason": gettext("Hoogstens %(limit)s tekens.") % {"limit": MAX_LENGTH}}
            )
        texts[f"{where}.narrative"] = narrative
        clean.append((measures[number], status, narrative))
    if len(texts["summary"]) > MAX_LENGTH:
        problems.append({"name": "summary", "reason": gettext("Hoogstens %(limit)s tekens.") % {"limit": MAX_LENGTH}})
    if not texts["summary"] and not clean and not (keep_summary and entries):
        problems.append(
            {"name": "summary", "reason": gettext("Schrijf een samenvatting of geef de stand van ten minste één maatregel.")}
        )
    if problems:
        raise ValidationFailed(gettext("De voortgangsrapportage is niet opgeslagen."), invalid_params=problems)
    findings = personal_data_findings(texts)
    if findings and not confirm_no_personal_data:
        raise ValidationFailed(
            gettext(
                "De voortgangsrapportage gaat naar de Tweede Kamer en lijkt persoonsgegevens te bevatten. Haal ze weg, of "
                "bevestig dat het geen persoonsgegevens zijn. Er is niets opgeslagen."
            ),
            code="personal_data_suspected",
            invalid_params=[*findings, {"name": "confirm_no_personal_data", "reason": gettext("Bevestiging nodig.")}],
        )
    report = ProgressReport.objects.select_for_update().filter(period=period).first()
    if report is not None and expected_version is not None and report.version != expected_version:
        raise Conflict(
            gettext(
                "Iemand anders heeft deze voortgangsrapportage intussen opgeslagen. Laad de pagina opnieuw; er is niets "
                "opgeslagen."
            ),
            code="stale_version",
        )
    if report is None:
        report = ProgressReport(period=period, version=0)
    if not keep_summary:
        report.summary = texts["summary"]
    report.written_by = actor
    report.unit = actor.unit
    report.updated_at = timezone.now()
    report.version += 1
    report.save()
    for measure, status, narrative in clean:
        MeasureProgress.objects.update_or_create(
            report=report, measure=measure, defaults={"status": status, "narrative": narrative}
        )
    processing_log_record(
        actor=actor,
        items=[
            LogItem(
                activity=Activity.ADMINISTRATION,
                action="update" if report.version > 1 else "create",
                object_type="progress-report",
                object_id=report.pk,
                legal_basis=Activity.ADMINISTRATION,
            )
        ],
        channel=channel,
    )
    return report


def report_html(page: ReportPage) -> str:
    return render_to_string(
        "reporting/progress_pdf.html",
        {"page": page, "title": f"Voortgangsrapportage actieprogramma {page.label}", "generated_at": timezone.localtime()},
    )


def report_pdf(page: ReportPage, *, uncompressed: bool = False) -> bytes:
    """The period's progress report as an accessible PDF (PDF/UA-1, tagged, with the document language)."""
    from weasyprint import HTML

    return HTML(string=report_html(page)).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=uncompressed)
