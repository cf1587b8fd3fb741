"""The case page's typed inputs that are more than text: dates (the project's ``DutchDateField``, never a browser
picker or a hand-written text box), and the forms of the two steps that end access (withdraw, scale down)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ketensignaal.core.forms import DutchDateField, DutchDateInput


def _date(label: Any, html_id: str) -> DutchDateField:
    """A date field rendered with the id the page (and its tests) use, its hint linked to it."""
    widget = DutchDateInput(attrs={"id": html_id, "aria-describedby": f"{html_id}-hint"})
    return DutchDateField(label=label, required=False, widget=widget)


class MeasureDateForm(forms.Form):
    review = _date(_("Evaluatiedatum"), "maatregel-evaluatie")


class ReviewDateForm(forms.Form):
    next_review = _date(_("Volgende herbeoordeling"), "herbeoordeling-volgende")


class WithdrawForm(forms.Form):
    """Withdrawing an invitation: the reason is required (the service refuses without it, at this field)."""

    note = forms.CharField(
        label=_("Reden van intrekken"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De reden wordt bij de uitnodiging vastgelegd en staat op de casuspagina."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].required_by_service = True  # type: ignore[attr-defined]  # read by web/_fields.html


class ScaleDownForm(forms.Form):
    reason = forms.CharField(label=_("Reden van afschalen"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attention_until = DutchDateField(label=_("Nazorg tot en met"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("reason", "attention_until"):
            self.fields[name].required_by_service = True  # type: ignore[attr-defined]  # read by web/_fields.html


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Reden van afsluiten"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].required_by_service = True  # type: ignore[attr-defined]  # read by web/_fields.html


# The date inputs of the case page's hand-made action forms, each read by its field (``core.forms.typed_values``).
DATE_FIELDS = {
    "maatregel": MeasureDateForm.base_fields,
    "herbeoordeling": ReviewDateForm.base_fields,
}
