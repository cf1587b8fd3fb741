"""The functional administrator's screen for the chain settings: an overview and one form per setting.

Anyone else gets a 404. A change needs a reason; the form carries the version it was opened on, so a concurrent
change by another administrator is refused instead of overwritten.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ketensignaal.configuration import selectors, services
from ketensignaal.configuration.models import SETTING_SPECS, ChainSetting, SettingKey, SettingKind
from ketensignaal.configuration.scopes import may_configure
from ketensignaal.core.errors import DomainError
from ketensignaal.identity.models import Unit


def _require_admin(request: HttpRequest) -> None:
    if not may_configure(request.user):
        raise Http404


def _unit_choices() -> list[tuple[str, str]]:
    units = Unit.objects.filter(is_active=True).select_related("organisation").order_by("organisation__name", "name")
    return [(u.code, f"{u.name} — {u.organisation.name}" if u.name != u.organisation.name else u.name) for u in units]


class SettingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=gettext_lazy("Reden van de wijziging"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Wordt bij de wijziging bewaard en is terug te zien in de geschiedenis."),
    )

    def __init__(self, *args: Any, key: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        spec = SETTING_SPECS[key]
        label = SettingKey(key).label
        value: forms.Field
        if spec.kind == SettingKind.NUMBER:
            value = forms.IntegerField(label=label, min_value=spec.minimum, max_value=spec.maximum, help_text=spec.help_text)
        elif spec.kind == SettingKind.UNIT:
            choices = [("", _("Kies een eenheid")), *_unit_choices()]
            value = forms.ChoiceField(label=label, choices=choices, help_text=spec.help_text)
        else:
            value = forms.MultipleChoiceField(
                label=label, choices=_unit_choices(), widget=forms.CheckboxSelectMultiple, help_text=spec.help_text
            )
        self.fields = {"value": value, **self.fields}  # type: ignore[assignment]


def _initial(setting: ChainSetting | None, key: str) -> dict[str, Any]:
    if setting is None:
        return {"version": None}
    codes = [u.code for u in setting.units.all()]
    kind = SETTING_SPECS[key].kind
    value: Any = setting.number if kind == SettingKind.NUMBER else (codes[0] if kind == SettingKind.UNIT and codes else codes)
    return {"value": value, "version": setting.version}


def _rows() -> list[dict[str, Any]]:
    by_key = {s.key: s for s in selectors.chain_settings()}
    rows = []
    for key, label in SettingKey.choices:
        setting = by_key.get(key)
        kind = SETTING_SPECS[key].kind
        if setting is None:
            shown = ""
        elif kind == SettingKind.NUMBER:
            shown = "" if setting.number is None else str(setting.number)
        else:
            shown = ", ".join(sorted(u.name for u in setting.units.all()))
        rows.append({"key": key, "label": label, "value": shown, "setting": setting})
    return rows


@login_required
@require_http_methods(["GET"])
def settings_overview(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    return render(request, "configuration/overview.html", {"rows": _rows()})


@login_required
@require_http_methods(["GET", "POST"])
def setting_edit(request: HttpRequest, key: str) -> HttpResponse:
    _require_admin(request)
    if key not in SETTING_SPECS:
        raise Http404
    setting = selectors.chain_setting_get(key)
    form = SettingForm(request.POST or None, key=key, initial=_initial(setting, key))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            value = form.cleaned_data["value"]
            kind = SETTING_SPECS[key].kind
            try:
                changed = services.chain_setting_update(
                    actor=request.user,
                    key=key,
                    reason=form.cleaned_data["reason"],
                    unit_codes=[value] if kind == SettingKind.UNIT else (value if kind == SettingKind.UNITS else None),
                    number=value if kind == SettingKind.NUMBER else None,
                    expected_version=form.cleaned_data.get("version"),
                )
            except DomainError as error:
                for param in error.invalid_params:
                    field = "value" if param.get("name") in ("units", "number") else param.get("name")
                    form.add_error(field if field in form.fields else None, param.get("reason", error.detail))
                if not error.invalid_params:
                    form.add_error(None, error.detail)
                status = error.status
            else:
                if changed is None:
                    messages.info(request, _("Er is niets gewijzigd."))
                else:
                    messages.success(request, _("De wijziging van de ketenconfiguratie is vastgelegd."))
                return redirect("configuration:overview")
        else:
            status = 400
    history = selectors.chain_setting_history(setting) if setting is not None else []
    return render(
        request,
        "configuration/setting_form.html",
        {"form": form, "label": SettingKey(key).label, "history": history},
        status=status,
    )
