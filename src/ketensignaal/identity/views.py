"""Screens for one's own identity: API tokens for system-to-system links."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ketensignaal.core import form_tokens
from ketensignaal.identity.selectors import TOKEN_STATUS_LABELS, api_token_own_or_404, api_token_status, api_tokens_of
from ketensignaal.identity.tokens import api_token_issue, api_token_revoke

ALREADY_ISSUED = _(
    "Dit formulier was al verstuurd; er is geen tweede token aangemaakt. Het token van de eerste keer ziet u niet "
    "opnieuw: heeft u het niet gekopieerd, trek het dan hieronder in en maak een nieuw token aan."
)
LIFETIME_CHOICES = [("30", _("30 dagen")), ("90", _("90 dagen")), ("365", _("1 jaar"))]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=100,
        help_text=_("Waarvoor gebruikt u dit token? Bijvoorbeeld de naam van het koppelende systeem."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    lifetime = forms.ChoiceField(label=_("Geldig"), choices=LIFETIME_CHOICES, initial="90")


def _rows(request: HttpRequest) -> list[dict[str, object]]:
    rows = []
    for token in api_tokens_of(user=request.user):  # type: ignore[arg-type]
        status = api_token_status(token)
        rows.append({"token": token, "status": status, "status_label": TOKEN_STATUS_LABELS[status]})
    return rows


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens_view(request: HttpRequest) -> HttpResponse:
    """List and create. The raw token is in this one response only: it is not stored and never shown again.

    The form carries a one-time token (core.form_tokens): a repeated send (a double click, a reload of the answer)
    issues no second API token and shows none; it says so, and points to the list to revoke one not copied."""
    form = ApiTokenForm(request.POST or None)
    raw_token = None
    status = 200
    form_token = form_tokens.form_token()
    if request.method == "POST":
        if form.is_valid():
            issued: list[str] = []

            def issue() -> str:
                _token, raw = api_token_issue(
                    user=request.user,  # type: ignore[arg-type]
                    name=form.cleaned_data["name"],
                    lifetime=timedelta(days=int(form.cleaned_data["lifetime"])),
                )
                issued.append(raw)
                return reverse("identity:api-tokens")

            _url, first = form_tokens.submit_once(
                user=request.user, token=str(request.POST.get(form_tokens.FIELD, "")), run=issue
            )
            if first:
                raw_token = issued[0]
                status = 201
            else:
                messages.info(request, ALREADY_ISSUED)
            form = ApiTokenForm()
        else:
            status = 400
            form_token = form_tokens.token_of(request)
    context = {"form": form, "rows": _rows(request), "raw_token": raw_token, "form_token": form_token}
    response = render(request, "identity/api_tokens.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = api_token_own_or_404(user=request.user, token_id=pk)  # type: ignore[arg-type]
    api_token_revoke(token=token)
    messages.success(request, _("Het token %(prefix)s… is ingetrokken en werkt niet meer.") % {"prefix": token.prefix})
    return redirect("identity:api-tokens")
