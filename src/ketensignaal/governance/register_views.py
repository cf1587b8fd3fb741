"""Screens of the legal-basis register for the privacy officer and the functional administrator.

Only these two roles see the screens (others get a 404, as for anything they
have no need to know). A change always creates a new version through
:mod:`governance.legal_basis`; nothing is edited in place.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ketensignaal.core import form_tokens
from ketensignaal.core.errors import DomainError
from ketensignaal.core.forms import DutchDateField
from ketensignaal.governance.legal_basis import flow_create, flow_new_version, flow_versions
from ketensignaal.governance.models import FlowStatus, LegalBasisFlow
from ketensignaal.governance.scopes import may_see_register
from ketensignaal.identity.models import Organisation


def _require_register_role(request: HttpRequest) -> None:
    if not may_see_register(request.user):
        raise Http404


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace("\n", ",").split(",") if part.strip()]


class FlowForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Naam"), max_length=200)
    from_organisation = forms.ModelChoiceField(
        label=gettext_lazy("Van organisatie"), queryset=Organisation.objects.all(), to_field_name="code"
    )
    to_organisation = forms.ModelChoiceField(
        label=gettext_lazy("Naar organisatie"), queryset=Organisation.objects.all(), to_field_name="code"
    )
    purpose = forms.CharField(label=gettext_lazy("Doel"), widget=forms.Textarea(attrs={"rows": 3}))
    statutory_basis = forms.CharField(
        label=gettext_lazy("Wettelijke grondslag"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Noem wet en artikel (bijv. Wet politiegegevens art. 18 en 20). Een convenant is geen grondslag."),
    )
    covenant = forms.CharField(
        label=gettext_lazy("Convenant dat de stroom regelt"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Het convenant legt voorwaarden en zorgvuldige omgang vast, geen grondslag op zich."),
    )
    data_categories = forms.CharField(
        label=gettext_lazy("Gegevenscategorieën"), help_text=gettext_lazy("Gescheiden door komma's."), required=False
    )
    signal_categories = forms.CharField(
        label=gettext_lazy("Signaalcategorieën"),
        required=False,
        help_text=gettext_lazy("Codes gescheiden door komma's, bijv. terrorisme, radicalisering."),
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=FlowStatus.choices)
    valid_from = DutchDateField(label=gettext_lazy("Geldig vanaf"))
    valid_until = DutchDateField(label=gettext_lazy("Geldig tot en met"), required=False)

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["data_categories"] = _split(data["data_categories"])
        data["signal_categories"] = _split(data["signal_categories"])
        return data


class NewFlowForm(FlowForm):
    code = forms.SlugField(
        label=gettext_lazy("Code"), max_length=100, help_text=gettext_lazy("Vaste code, bijv. ind-om-vervolging.")
    )
    field_order = ["code"]


def _initial(flow: LegalBasisFlow) -> dict[str, Any]:
    return {
        "name": flow.name,
        "from_organisation": flow.from_organisation.code,
        "to_organisation": flow.to_organisation.code,
        "purpose": flow.purpose,
        "statutory_basis": flow.statutory_basis,
        "covenant": flow.covenant,
        "data_categories": ", ".join(flow.data_categories),
        "signal_categories": ", ".join(flow.signal_categories),
        "status": flow.status,
        "valid_from": flow.valid_from,
        "valid_until": flow.valid_until,
    }


def _apply_error(form: forms.Form, error: DomainError) -> None:
    placed = False
    for param in error.invalid_params:
        if param.get("name") in form.fields:
            form.add_error(param["name"], param["reason"])
            placed = True
    if not placed:
        form.add_error(None, error.detail)


@login_required
def register_list(request: HttpRequest) -> HttpResponse:
    _require_register_role(request)
    flows = (
        LegalBasisFlow.objects.filter(is_current=True)
        .select_related("from_organisation", "to_organisation")
        .order_by("from_organisation__code", "code")
    )
    return render(request, "governance/register_list.html", {"flows": flows})


@login_required
def register_detail(request: HttpRequest, code: str) -> HttpResponse:
    _require_register_role(request)
    versions = flow_versions(code=code)
    if not versions.history:
        raise Http404
    return render(
        request, "governance/register_detail.html", {"flow": versions.current or versions.history[0], "history": versions.history}
    )


@login_required
@require_http_methods(["GET", "POST"])
def register_new_version(request: HttpRequest, code: str) -> HttpResponse:
    _require_register_role(request)
    versions = flow_versions(code=code)
    if versions.current is None:
        raise Http404
    form = FlowForm(request.POST or None, initial=_initial(versions.current))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            current = versions.current
            made: dict[str, Any] = {}

            def version() -> str:
                new = flow_new_version(actor=request.user, flow=current, **form.changes())
                made["v"] = new.version
                return reverse("governance_register:detail", kwargs={"code": new.code})

            try:
                url = form_tokens.send_once(
                    request, version, done=lambda: _("Versie %(v)s van de gegevensstroom is vastgelegd.") % made
                )
            except DomainError as error:
                _apply_error(form, error)
                status = error.status
            else:
                return redirect(url)
        else:
            status = 400
    context = {"form": form, "flow": versions.current, "form_token": form_tokens.token_of(request)}
    return render(request, "governance/register_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def register_new(request: HttpRequest) -> HttpResponse:
    _require_register_role(request)
    form = NewFlowForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changes = form.changes()
            code = changes.pop("code")

            def create() -> str:
                flow = flow_create(actor=request.user, code=code, **changes)
                return reverse("governance_register:detail", kwargs={"code": flow.code})

            try:
                url = form_tokens.send_once(request, create, done=_("De gegevensstroom is geregistreerd."))
            except DomainError as error:
                _apply_error(form, error)
                status = error.status
            else:
                return redirect(url)
        else:
            status = 400
    context = {"form": form, "flow": None, "form_token": form_tokens.token_of(request)}
    return render(request, "governance/register_form.html", context, status=status)
