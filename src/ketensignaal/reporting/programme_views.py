"""Web pages of the action programme's progress reports (Dutch, for the coordinating unit; readable by everyone
who sees figures). The same functions as the API: ``reporting.programme``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ketensignaal.core.errors import DomainError, NotAllowed, ValidationFailed
from ketensignaal.reporting import programme
from ketensignaal.reporting.models import ProgressStatus
from ketensignaal.reporting.scopes import may_write_narratives


def _page_or_404(request: HttpRequest, period: str) -> programme.ReportPage:
    try:
        return programme.report_page(user=request.user, period=period)
    except NotAllowed as exc:
        raise PermissionDenied(exc.detail) from exc
    except ValidationFailed as exc:
        raise Http404(exc.detail) from exc


def _recent_periods(count: int = 6) -> list[tuple[str, str]]:
    now = programme.today()
    year, third = now.year, (now.month - 1) // 4 + 1
    out = []
    for _i in range(count):
        key = f"{year}-T{third}"
        out.append((key, programme.period_label(key)))
        year, third = (year - 1, 3) if third == 1 else (year, third - 1)
    return out


@login_required
@require_GET
def programme_index(request: HttpRequest) -> HttpResponse:
    try:
        reports = programme.reports_all(user=request.user)
        measures = programme.measures_all(user=request.user)
    except NotAllowed as exc:
        raise PermissionDenied(exc.detail) from exc
    written = {r.period for r in reports}
    context = {
        "reports": [(r, programme.period_label(r.period)) for r in reports],
        "open_periods": [(k, label) for k, label in _recent_periods() if k not in written],
        "measures": measures,
        "may_write": may_write_narratives(request.user),
    }
    return render(request, "reporting/programme_index.html", context)


def _entries_from_post(post: Any, page: programme.ReportPage) -> list[dict[str, Any]]:
    entries = []
    for row in page.rows:
        number = row.measure.number
        status = post.get(f"status-{number}", "")
        narrative = post.get(f"narrative-{number}", "")
        if status or narrative.strip():
            entries.append({"measure": number, "status": status, "narrative": narrative})
    return entries


def _render_report(
    request: HttpRequest,
    page: programme.ReportPage,
    *,
    status: int = 200,
    draft: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    confirm_needed: bool = False,
) -> HttpResponse:
    draft = draft or {}
    errors = errors or {}
    drafted = draft.get("rows", {})
    themes = []
    for theme, rows in page.themes:
        form_rows = []
        for row in rows:
            number = row.measure.number
            status_value, narrative_value = drafted.get(number, (row.status, row.narrative))
            form_rows.append(
                {
                    "row": row,
                    "status": status_value,
                    "narrative": narrative_value,
                    "status_error": errors.get(f"status-{number}", ""),
                    "narrative_error": errors.get(f"narrative-{number}", ""),
                }
            )
        themes.append((theme, form_rows))
    context = {
        "page": page,
        "themes": themes,
        "statuses": ProgressStatus.choices,
        "may_write": may_write_narratives(request.user),
        "summary": draft.get("summary", page.report.summary if page.report else ""),
        "version": draft.get("version", page.report.version if page.report else ""),
        "summary_error": errors.get("summary", ""),
        "confirm_needed": confirm_needed,
    }
    return render(request, "reporting/programme_report.html", context, status=status)


@login_required
@require_GET
def programme_report(request: HttpRequest, period: str) -> HttpResponse:
    return _render_report(request, _page_or_404(request, period))


@login_required
@require_POST
def programme_report_write(request: HttpRequest, period: str) -> HttpResponse:
    page = _page_or_404(request, period)
    post = request.POST
    version = post.get("version", "")
    try:
        programme.report_write(
            actor=request.user,
            period=period,
            summary=post.get("summary", ""),
            entries=_entries_from_post(post, page),
            confirm_no_personal_data=post.get("confirm_no_personal_data") == "on",
            expected_version=int(version) if version.isdigit() else None,
            channel="web",
        )
    except NotAllowed as exc:
        raise PermissionDenied(exc.detail) from exc
    except DomainError as exc:
        draft = {
            row.measure.number: (post.get(f"status-{row.measure.number}", ""), post.get(f"narrative-{row.measure.number}", ""))
            for row in page.rows
        }
        errors = {p["name"]: p["reason"] for p in exc.invalid_params}
        for index, entry in enumerate(_entries_from_post(post, page)):
            for key in ("status", "narrative"):
                reason = errors.pop(f"entries[{index}].{key}", None)
                if reason:
                    errors[f"{key}-{entry['measure']}"] = reason
        messages.error(request, exc.detail)
        return _render_report(
            request,
            page,
            status=exc.status if exc.status in (400, 409) else 400,
            draft={"summary": post.get("summary", ""), "rows": draft, "version": version},
            errors=errors,
            confirm_needed=exc.code == "personal_data_suspected",
        )
    messages.success(request, _("De voortgangsrapportage over %(period)s is opgeslagen.") % {"period": page.label})
    return redirect(reverse("reporting:programme-report", args=[period]))


@login_required
@require_GET
def programme_report_pdf(request: HttpRequest, period: str) -> HttpResponse:
    page = _page_or_404(request, period)
    if page.report is None:
        return HttpResponse(
            _("Er is nog geen voortgangsrapportage over deze periode; er is geen PDF gemaakt."),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(programme.report_pdf(page), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="voortgangsrapportage-{period}.pdf"'
    return response
