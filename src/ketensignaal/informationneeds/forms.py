"""The inventory form: shape only; the rules are in ``services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ketensignaal.governance.models import LegalBasisFlow
from ketensignaal.identity.models import Organisation


class _OrganisationChoice(forms.ModelChoiceField):
    """An organisation by its name; its code is no word a professional uses."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class NeedForm(forms.Form):
    provider = _OrganisationChoice(label=_("Leverende organisatie"), queryset=Organisation.objects.order_by("name"))
    receiver = _OrganisationChoice(label=_("Ontvangende organisatie"), queryset=Organisation.objects.order_by("name"))
    need = forms.CharField(label=_("Wat heeft de ontvanger nodig?"), widget=forms.Textarea(attrs={"rows": 4}))
    purpose = forms.CharField(label=_("Waarvoor?"), widget=forms.Textarea(attrs={"rows": 3}))
    flow_code = forms.ChoiceField(
        label=_("Gegevensstroom die erin voorziet"),
        required=False,
        help_text=_("Leeg laten als er (nog) geen geregistreerde stroom is: dan staat de behoefte als open punt in de lijst."),
    )
    open_questions = forms.CharField(label=_("Open vragen"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    change_note = forms.CharField(label=_("Wat is er veranderd?"), required=False, max_length=300)

    def __init__(self, *args: Any, new: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        flows = LegalBasisFlow.objects.filter(is_current=True).order_by("name").values_list("code", "name")
        self.fields["flow_code"].choices = [("", _("— geen stroom —")), *flows]  # type: ignore[attr-defined]
        if new:
            del self.fields["change_note"]

    def apply_invalid_params(self, params: list[dict[str, str]], detail: str) -> None:
        placed = False
        for item in params:
            if item.get("name") in self.fields:
                self.add_error(item["name"], item.get("reason", ""))
                placed = True
        if not placed:
            self.add_error(None, detail)
