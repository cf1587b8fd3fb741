"""The privacy officer's screens: retention rules, destruction lists with review, legal holds, the report.

Everyone else gets a 404 (as for anything they have no need to know). The screens show references, record types,
dates and rules — never a person's data.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketensignaal.core import form_tokens
from ketensignaal.core.dates import long_moment
from ketensignaal.core.errors import DomainError
from ketensignaal.core.forms import DutchDateField
from ketensignaal.retention import selectors, services
from ketensignaal.retention.api import report_response
from ketensignaal.retention.models import DestructionList, HoldTarget, ItemStatus, ListStatus
from ketensignaal.retention.scopes import may_manage_retention

CHANNEL = "web"
ITEMS_PER_PAGE = 100


def _officer(request: HttpRequest) -> None:
    if not may_manage_retention(request.user):
        raise Http404


def _apply_error(form: forms.Form, error: DomainError) -> None:
    placed = False
    for param in error.invalid_params:
        name = str(param.get("name", "")).rsplit(".", 1)[-1]
        if name in form.fields:
            form.add_error(name, param["reason"])
            placed = True
    if not placed:
        form.add_error(None, error.detail)


class RuleForm(forms.Form):
    period_months = forms.IntegerField(label=gettext_lazy("Bewaartermijn in maanden"), min_value=0, max_value=1200)
    legal_source = forms.CharField(
        label=gettext_lazy("Wettelijke bron en toelichting"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    reason = forms.CharField(
        label=gettext_lazy("Reden van de wijziging"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class ReviewForm(forms.Form):
    item = forms.UUIDField(widget=forms.HiddenInput)
    reason = forms.CharField(label=gettext_lazy("Reden"), max_length=4000)
    until = DutchDateField(label=gettext_lazy("Uitstellen tot"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reden"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class HoldForm(forms.Form):
    target = forms.ChoiceField(label=gettext_lazy("Waarop"), choices=HoldTarget.choices, widget=forms.RadioSelect)
    identifier = forms.CharField(
        label=gettext_lazy("Kenmerk"),
        max_length=64,
        help_text=gettext_lazy(
            "Signaal: het kenmerk (KS-…). Persoon: het kenmerk van een signaal over die persoon. Casus: het kenmerk van de casus."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reden van de bewaarplicht"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    _officer(request)
    lists = selectors.destruction_lists(user=request.user)[:5]
    holds = selectors.legal_holds(user=request.user, active_only=True)
    return render(
        request,
        "retention/overview.html",
        {"rules": selectors.retention_rules(), "lists": lists, "active_holds": holds.count()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, record_type: str) -> HttpResponse:
    _officer(request)
    row = selectors.retention_rule_get(record_type=record_type)
    form = RuleForm(
        request.POST or None, initial={"period_months": row.rule.period_months, "legal_source": row.rule.legal_source}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():

            def update() -> str:
                services.retention_rule_update(actor=request.user, record_type=record_type, channel=CHANNEL, **form.cleaned_data)
                return reverse("retention:overview")

            try:
                url = form_tokens.send_once(request, update, done=_("De bewaarregel is gewijzigd."))
            except DomainError as error:
                _apply_error(form, error)
                status = error.status
            else:
                return redirect(url)
        else:
            status = 400
    changes = row.rule.changes.select_related("changed_by")[:20]
    context = {"form": form, "row": row, "changes": changes, "form_token": form_tokens.token_of(request)}
    return render(request, "retention/rule_form.html", context, status=status)


@login_required
@require_GET
def list_index(request: HttpRequest) -> HttpResponse:
    _officer(request)
    page = Paginator(selectors.destruction_lists(user=request.user), 50).get_page(request.GET.get("pagina"))
    return render(request, "retention/lists.html", {"page": page})


def _detail_context(request: HttpRequest, dlist: DestructionList, **extra: Any) -> dict[str, Any]:
    items = selectors.destruction_items(user=request.user, dlist=dlist)
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("pagina"))
    now = timezone.now()
    return {
        "dlist": dlist,
        "page": page,
        "counts": selectors.status_counts(dlist),
        "summary": selectors.rule_summary(dlist),
        "progress": selectors.progress(dlist),
        "reviewable": dlist.status == ListStatus.PROPOSED,
        "cancellable": dlist.status in (ListStatus.PROPOSED, ListStatus.CONFIRMED),
        "cooling_off": dlist.status == ListStatus.CONFIRMED and dlist.destroy_after and dlist.destroy_after > now,
        "review_form": extra.pop("review_form", None) or ReviewForm(),
        "cancel_form": extra.pop("cancel_form", None) or ReasonForm(),
        "ItemStatus": ItemStatus,
        **extra,
    }


@login_required
@require_GET
def list_detail(request: HttpRequest, list_id: Any) -> HttpResponse:
    _officer(request)
    dlist = selectors.destruction_list_get(user=request.user, list_id=list_id)
    return render(request, "retention/list_detail.html", _detail_context(request, dlist))


@login_required
@require_POST
def list_review(request: HttpRequest, list_id: Any) -> HttpResponse:
    _officer(request)
    dlist = selectors.destruction_list_get(user=request.user, list_id=list_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.destruction_list_review(
                actor=request.user,
                dlist=dlist,
                exclude=[services.Exclusion(data["item"], data["reason"], data["until"])],
                channel=CHANNEL,
            )
        except DomainError as error:
            _apply_error(form, error)
            return render(
                request, "retention/list_detail.html", _detail_context(request, dlist, review_form=form), status=error.status
            )
        messages.success(request, _("Uitgesteld.") if data["until"] else _("Uitgezonderd."))
        return redirect("retention:list", list_id=dlist.pk)
    return render(request, "retention/list_detail.html", _detail_context(request, dlist, review_form=form), status=400)


@login_required
@require_POST
def list_confirm(request: HttpRequest, list_id: Any) -> HttpResponse:
    _officer(request)
    dlist = selectors.destruction_list_get(user=request.user, list_id=list_id)
    try:
        dlist = services.destruction_list_confirm(actor=request.user, dlist=dlist, channel=CHANNEL)
    except DomainError as error:
        messages.error(request, error.detail)
    else:
        messages.success(
            request,
            _("Bevestigd. De bedenktijd loopt tot %(moment)s; tot dan kunt u de vernietiging annuleren.")
            % {"moment": long_moment(dlist.destroy_after)},
        )
    return redirect("retention:list", list_id=dlist.pk)


@login_required
@require_POST
def list_cancel(request: HttpRequest, list_id: Any) -> HttpResponse:
    _officer(request)
    dlist = selectors.destruction_list_get(user=request.user, list_id=list_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.destruction_list_cancel(actor=request.user, dlist=dlist, reason=form.cleaned_data["reason"], channel=CHANNEL)
        except DomainError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("De vernietiging is geannuleerd."))
            return redirect("retention:list", list_id=dlist.pk)
    return render(request, "retention/list_detail.html", _detail_context(request, dlist, cancel_form=form), status=400)


@login_required
@require_GET
def list_progress(request: HttpRequest, list_id: Any) -> HttpResponse:
    """The htmx partial the detail page polls while a list runs."""
    _officer(request)
    dlist = selectors.destruction_list_get(user=request.user, list_id=list_id)
    return render(request, "retention/_progress.html", {"dlist": dlist, "progress": selectors.progress(dlist)})


@login_required
@require_GET
def list_report(request: HttpRequest, list_id: Any) -> HttpResponse:
    _officer(request)
    return report_response(user=request.user, list_id=list_id)


@login_required
@require_http_methods(["GET", "POST"])
def holds(request: HttpRequest) -> HttpResponse:
    _officer(request)
    form = HoldForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                _hold, created = services.legal_hold_place(
                    actor=request.user,
                    target=data["target"],
                    identifier=data["identifier"],
                    reason=data["reason"],
                    channel=CHANNEL,
                )
            except DomainError as error:
                if any(p.get("name") in HoldTarget.values for p in error.invalid_params):
                    form.add_error("identifier", error.detail)
                else:
                    _apply_error(form, error)
                status = error.status
            else:
                messages.success(request, _("De bewaarplicht is vastgelegd.") if created else _("Deze bewaarplicht bestond al."))
                return redirect("retention:holds")
        else:
            status = 400
    page = Paginator(selectors.legal_holds(user=request.user), 50).get_page(request.GET.get("pagina"))
    return render(request, "retention/holds.html", {"form": form, "page": page, "release_form": ReasonForm()}, status=status)


@login_required
@require_POST
def hold_release(request: HttpRequest, hold_id: Any) -> HttpResponse:
    _officer(request)
    hold = selectors.legal_hold_get(user=request.user, hold_id=hold_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        services.legal_hold_release(actor=request.user, hold=hold, reason=form.cleaned_data["reason"], channel=CHANNEL)
        messages.success(request, _("De bewaarplicht is opgeheven."))
    else:
        messages.error(request, _("Geef de reden om de bewaarplicht op te heffen."))
    return redirect("retention:holds")
