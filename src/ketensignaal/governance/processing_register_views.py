"""Screens of the register of processing activities (AVG art. 30): privacy officer and functional administrator.

Others get a 404, as for anything they have no need to know. A change needs a reason and is kept field by field.
"""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ketensignaal.core import form_tokens
from ketensignaal.core.errors import DomainError
from ketensignaal.governance.models import ProcessingActivity
from ketensignaal.governance.processing_register import (
    LIST_FIELDS,
    processing_activities,
    processing_activity_history,
    processing_activity_update,
)
from ketensignaal.governance.scopes import may_see_register

LIST_HELP = gettext_lazy("Eén per regel.")


def _require_register_role(request: HttpRequest) -> None:
    if not may_see_register(request.user):
        raise Http404


def _in_english(field: forms.Field) -> forms.Field:
    """The same field for the entry's English text: optional (the Dutch shows to English readers until it is written)."""
    english = copy.deepcopy(field)
    english.label = format_lazy("{} {}", field.label, gettext_lazy("(Engels)"))
    english.required = False
    return english


class ActivityForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Naam"), max_length=200)
    purpose = forms.CharField(label=gettext_lazy("Doel"), widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(label=gettext_lazy("Grondslag"), max_length=300)
    controller = forms.CharField(label=gettext_lazy("Verwerkingsverantwoordelijke"), max_length=300, required=False)
    data_subjects = forms.CharField(
        label=gettext_lazy("Categorieën betrokkenen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=LIST_HELP,
    )
    data_categories = forms.CharField(
        label=gettext_lazy("Categorieën persoonsgegevens"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=LIST_HELP,
    )
    recipients = forms.CharField(
        label=gettext_lazy("Ontvangers"), widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text=LIST_HELP
    )
    retention = forms.CharField(label=gettext_lazy("Bewaartermijn"), widget=forms.Textarea(attrs={"rows": 2}))
    security_measures = forms.CharField(
        label=gettext_lazy("Beveiligingsmaatregelen"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    name_en = _in_english(name)
    purpose_en = _in_english(purpose)
    legal_basis_en = _in_english(legal_basis)
    controller_en = _in_english(controller)
    data_subjects_en = _in_english(data_subjects)
    data_categories_en = _in_english(data_categories)
    recipients_en = _in_english(recipients)
    retention_en = _in_english(retention)
    security_measures_en = _in_english(security_measures)
    reason = forms.CharField(
        label=gettext_lazy("Reden van de wijziging"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Wordt bij de wijziging bewaard en is terug te zien in de geschiedenis."),
    )

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("reason")
        for field in LIST_FIELDS:
            data[field] = [line.strip() for line in data[field].splitlines() if line.strip()]
        return data


def _activity_or_404(code: str) -> ProcessingActivity:
    activity = ProcessingActivity.objects.filter(code=code).first()
    if activity is None:
        raise Http404
    return activity


@login_required
@require_http_methods(["GET"])
def activity_list(request: HttpRequest) -> HttpResponse:
    _require_register_role(request)
    return render(request, "governance/activity_list.html", {"activities": processing_activities()})


@login_required
@require_http_methods(["GET"])
def activity_detail(request: HttpRequest, code: str) -> HttpResponse:
    _require_register_role(request)
    activity = _activity_or_404(code)
    return render(
        request, "governance/activity_detail.html", {"activity": activity, "history": processing_activity_history(activity)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, code: str) -> HttpResponse:
    _require_register_role(request)
    activity = _activity_or_404(code)
    initial = {field: getattr(activity, field) for field in ActivityForm.base_fields if field != "reason"}
    for field in LIST_FIELDS:
        initial[field] = "\n".join(initial[field])
    form = ActivityForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changed: list[bool] = []

            def update() -> str:
                change = processing_activity_update(
                    actor=request.user, code=code, reason=form.cleaned_data["reason"], **form.changes()
                )
                changed.append(change is not None)
                return reverse("governance:activity-detail", kwargs={"code": code})

            def done() -> str:
                if changed and changed[0]:
                    return _("De wijziging van het verwerkingsregister is vastgelegd.")
                return _("Er is niets gewijzigd.")

            try:
                url = form_tokens.send_once(request, update, done=done)
            except DomainError as error:
                form.add_error(None, error.detail)
                status = error.status
            else:
                return redirect(url)
        else:
            status = 400
    context = {"form": form, "activity": activity, "form_token": form_tokens.token_of(request)}
    return render(request, "governance/activity_form.html", context, status=status)
