"""Web pages of the chain figures (Dutch). Every page calls the same selectors and services as the API."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ketensignaal.core.errors import DomainError, NotAllowed
from ketensignaal.core.forms import DutchDateField, typed_date, typed_values
from ketensignaal.reporting import selectors, services
from ketensignaal.reporting.charts import bar_chart
from ketensignaal.reporting.dashboard import TABLES, dashboard_table, dashboard_tables, request_parse
from ketensignaal.reporting.dashboard import Request as FiguresRequest
from ketensignaal.reporting.exports import csv_response, xlsx_response
from ketensignaal.reporting.lead_times import lead_time_rows, lead_time_rule
from ketensignaal.reporting.models import CaseType
from ketensignaal.reporting.scopes import may_write_narratives

DRAFT_FIELDS = ("period", "case_type", "went_well", "got_stuck", "examples", "leaves_chain")
PARAMS = ("from", "to", "by", "audience", "threshold", "period")


def _params(request: HttpRequest) -> dict[str, Any]:
    return {name: request.GET.get(name, "") for name in PARAMS}


def _period_fields() -> dict[str, DutchDateField]:
    return {"from": DutchDateField(label=_("Van"), required=False), "to": DutchDateField(label=_("Tot en met"), required=False)}


def _request_parse(params: dict[str, Any]) -> FiguresRequest:
    """The period is typed day-month-year on the page (ISO still reads, for links made before); the shared parser
    behind the API reads ISO, so the typed dates are read here first, each with its own message."""
    dates = typed_values(params, _period_fields())
    iso = {name: value.isoformat() if value else "" for name, value in dates.items()}
    return request_parse({**params, **iso})


def _error_text(exc: DomainError) -> str:
    return " ".join([exc.detail, *(p["reason"] for p in exc.invalid_params)])


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    params = _params(request)
    try:
        scope = selectors.figures_scope(request.user)
    except NotAllowed as exc:
        raise PermissionDenied(exc.detail) from exc
    context: dict[str, Any] = {
        "params": params,
        "scope": scope,
        "dimensions": selectors.DIMENSION_HEADINGS,
        "case_types": CaseType.choices,
        "may_write": may_write_narratives(request.user),
    }
    try:
        parsed = _request_parse(params)
        tables = dashboard_tables(user=request.user, request=parsed)
        lead_times = lead_time_rows(user=request.user, rng=parsed.rng, disclosure=parsed.disclosure)
    except DomainError as exc:
        messages.error(request, _error_text(exc))
        return render(request, "reporting/dashboard.html", context, status=400)
    signals = tables["signals"]
    periods = parsed.rng.periods()
    context.update(
        {
            "params": {**params, "from": typed_date(parsed.rng.start), "to": typed_date(parsed.rng.end)},
            "range": parsed.rng,
            "periods": periods,
            "tables": tables,
            "process_tables": [(name, tables[name]) for name in ("lro-follow-ups", "liv-requests", "liv-non-acceptance")],
            "conference_table": tables["conference-measures"],
            "chart": bar_chart(
                title=_("Signalen per periode (totaal)"),
                points=[(p.label, c["count"]) for p, c in zip(signals.periods, signals.totals["cells"], strict=True)],
            ),
            "lead_times": lead_times,
            "lead_time_rule": lead_time_rule(parsed.disclosure),
            "lead_chart": bar_chart(
                title=_("Mediane doorlooptijd per schakel (werkdagen)"),
                points=[(row.label, None if row.median_days is None else round(row.median_days)) for row in lead_times],
            ),
            "narratives": selectors.narratives_for_periods(user=request.user, keys=[p.key for p in periods]),
            "query": request.GET.urlencode(),
            "draft": request.session.pop("narrative_draft", None) or {"period": periods[-1].key if periods else ""},
            "external": parsed.disclosure.applied,
        }
    )
    return render(request, "reporting/dashboard.html", context)


@login_required
@require_GET
def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if table not in TABLES or fmt not in ("csv", "xlsx"):
        return HttpResponse(_("Onbekende tabel of onbekend formaat."), status=404, content_type="text/plain; charset=utf-8")
    try:
        published = dashboard_table(user=request.user, name=table, request=_request_parse(_params(request)))
    except NotAllowed as exc:
        raise PermissionDenied(exc.detail) from exc
    except DomainError as exc:
        return HttpResponse(_error_text(exc), status=400, content_type="text/plain; charset=utf-8")
    if published.empty:
        return HttpResponse(
            _("Er zijn geen gegevens in deze periode; er is niets geëxporteerd."),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    return csv_response(published, table) if fmt == "csv" else xlsx_response(published, table)


@login_required
@require_POST
def narrative_write(request: HttpRequest) -> HttpResponse:
    post = request.POST
    back = reverse("reporting:dashboard") + ("?" + post.get("query", "") if post.get("query") else "")
    try:
        narrative = services.narrative_write(
            actor=request.user,
            period=post.get("period", "").strip(),
            case_type=post.get("case_type", ""),
            went_well=post.get("went_well", ""),
            got_stuck=post.get("got_stuck", ""),
            examples=post.get("examples", ""),
            leaves_chain=post.get("leaves_chain") == "on",
            confirm_no_personal_data=post.get("confirm_no_personal_data") == "on",
        )
    except NotAllowed as exc:
        raise PermissionDenied(exc.detail) from exc
    except DomainError as exc:
        messages.error(request, _error_text(exc))
        request.session["narrative_draft"] = {k: post.get(k, "") for k in DRAFT_FIELDS}
        return redirect(back)
    request.session.pop("narrative_draft", None)
    messages.success(
        request,
        _("De toelichting voor %(period)s is opgeslagen (versie %(version)s).")
        % {"period": narrative.period, "version": narrative.version},
    )
    return redirect(back)
