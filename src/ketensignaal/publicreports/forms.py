"""The public form: only what a witness can know, nothing a professional would be asked."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ketensignaal.core.forms import DutchDateField
from ketensignaal.publicreports.models import ReporterKind
from ketensignaal.publicreports.services import MAX_ADDITION_CHARS, TOPICS
from ketensignaal.publicreports.texts import FormTexts

TOPIC_LABELS = {
    "terrorisme": _("Plannen voor geweld of een aanslag (terrorisme)"),
    "radicalisering": _("Iemand raakt in de ban van extreme ideeën (radicalisering)"),
    "extremisme": _("Extremistische uitspraken of daden"),
    "ronselen": _("Iemand probeert anderen te ronselen"),
    "internationale-misdrijven": _("Oorlogsmisdrijven of misdrijven tegen de menselijkheid"),
    "mensenhandel-smokkel": _("Mensenhandel of mensensmokkel"),
    "openbare-orde": _("Bedreiging van de openbare orde"),
}
MAX_OBSERVATION = 5_000


class PublicReportForm(forms.Form):
    """The challenge, its answer and the language travel as plain hidden inputs (``_challenge.html``)."""

    reporter = forms.ChoiceField(
        label=_("Ik meld als"), choices=ReporterKind.choices, widget=forms.RadioSelect, initial=ReporterKind.WITNESS
    )
    organisation_name = forms.CharField(
        label=_("Naam van uw gemeente of organisatie"),
        required=False,
        max_length=200,
        help_text=_("Alleen invullen als u meldt namens een gemeente of organisatie."),
    )
    observation = forms.CharField(
        label="",
        max_length=MAX_OBSERVATION,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Beschrijf zo precies mogelijk wat u zelf zag of hoorde, en wanneer."),
    )
    person = forms.CharField(
        label="",
        max_length=200,
        help_text=_("Een naam, bijnaam of korte omschrijving (bijvoorbeeld: man van ongeveer 30, kamer 12)."),
    )
    place = forms.CharField(label="", required=False, max_length=200, help_text=_("Bijvoorbeeld een plaats of opvanglocatie."))
    # The one day-month-year date input of the screens (hint and message in the form's language).
    observed_on = DutchDateField(label="", required=False)
    topics = forms.MultipleChoiceField(
        label="",
        choices=[(code, TOPIC_LABELS[code]) for code in TOPICS],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies wat het best past; de IND beoordeelt het verder."),
    )
    attachment = forms.FileField(
        label=_("Bijlage"),
        required=False,
        help_text=_("Eén foto of document (PDF, JPEG, PNG of DOCX)."),
    )

    def __init__(self, *args: Any, texts: FormTexts, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["observation"].label = texts.observation_label
        self.fields["person"].label = texts.person_label
        self.fields["place"].label = texts.place_label
        self.fields["observed_on"].label = texts.date_label
        self.fields["topics"].label = texts.topics_label
        for name in ("reporter", "topics"):
            self.fields[name].widget.attrs["class"] = "ks-choice-list"

    def apply_invalid_params(self, params: list[dict[str, str]], detail: str) -> None:
        names = {"reporter", "organisation_name", "observation", "person", "place", "observed_on", "topics"}
        mapping = {"observation.text": "observation", "subject.names.0.name": "person", "observation.observed_at": "observed_on"}
        placed = False
        for item in params:
            field = mapping.get(item.get("name", ""), item.get("name", ""))
            if field in names:
                self.add_error(field, item.get("reason", ""))
                placed = True
        if not placed:
            self.add_error(None, detail)


class PublicAdditionForm(forms.Form):
    receipt = forms.CharField(label=_("Uw ontvangstcode"), max_length=40, help_text=_("Bijvoorbeeld: 7KQ2-M9XA-4TRB-H3PF"))
    text = forms.CharField(
        label=_("Wat wilt u aanvullen?"), max_length=MAX_ADDITION_CHARS, widget=forms.Textarea(attrs={"rows": 6})
    )

    def apply_invalid_params(self, params: list[dict[str, str]], detail: str) -> None:
        placed = False
        for item in params:
            if item.get("name") in ("receipt", "text"):
                self.add_error(item["name"], item.get("reason", ""))
                placed = True
        if not placed:
            self.add_error(None, detail)
