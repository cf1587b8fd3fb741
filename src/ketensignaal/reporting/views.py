"""Web pages of the chain figures (Dutch). Every page calls the same selectors as the API."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ketensignaal.core.errors import DomainError, NotAllowed
from ketensignaal.reporting import selectors
from ketensignaal.reporting.charts import bar_chart
from ketensignaal.reporting.periods import range_parse
from ketensignaal.reporting.tables import PublishedTable, disclosure_parse, table_publish


def _params(request: HttpRequest) -> dict[str, Any]:
    get = request.GET
    return {
        "from": get.get("from", ""),
        "to": get.get("to", ""),
        "by": get.get("by", "category") or "category",
        "audience": get.get("audience", "internal") or "internal",
        "threshold": get.get("threshold", ""),
        "period": get.get("period", "month") or "month",
    }


def _tables(request: HttpRequest, params: dict[str, Any]) -> tuple[Any, dict[str, PublishedTable]]:
    rng = range_parse(start=params["from"], end=params["to"], grain=params["period"])
    disclosure = disclosure_parse(audience=params["audience"], threshold=params["threshold"])
    user = request.user
    tables = {
        "signals": table_publish(selectors.signal_volumes(user=user, rng=rng, by=params["by"]), disclosure),
        "outcomes": table_publish(selectors.signal_outcomes(user=user, rng=rng), disclosure),
    }
    return rng, tables


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    params = _params(request)
    try:
        scope = selectors.figures_scope(request.user)
    except NotAllowed as exc:
        raise PermissionDenied(exc.detail) from exc
    context: dict[str, Any] = {"params": params, "scope": scope, "dimensions": selectors.DIMENSION_HEADINGS}
    try:
        rng, tables = _tables(request, params)
    except DomainError as exc:
        messages.error(request, " ".join([exc.detail, *(p["reason"] for p in exc.invalid_params)]))
        return render(request, "reporting/dashboard.html", context, status=400)
    signals = tables["signals"]
    chart = bar_chart(
        title="Signalen per periode (totaal)",
        points=[(p.label, c["count"]) for p, c in zip(signals.periods, signals.totals["cells"], strict=True)],
    )
    context.update({"range": rng, "tables": tables, "chart": chart, "query": request.GET.urlencode()})
    return render(request, "reporting/dashboard.html", context)


@login_required
@require_GET
def export_csv(request: HttpRequest, table: str) -> HttpResponse:
    params = _params(request)
    try:
        _rng, tables = _tables(request, params)
    except NotAllowed as exc:
        raise PermissionDenied(exc.detail) from exc
    except DomainError as exc:
        return HttpResponse(exc.detail, status=400, content_type="text/plain; charset=utf-8")
    published = tables.get(table)
    if published is None:
        return HttpResponse("Onbekende tabel.", status=404, content_type="text/plain; charset=utf-8")
    if published.empty:
        return HttpResponse(
            "Er zijn geen gegevens in deze periode; er is niets geëxporteerd.",
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ketensignaal-{table}.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response, delimiter=";")
    writer.writerows(published.flat_rows())
    writer.writerow([])
    writer.writerow([published.disclosure["rule"]])
    return response
