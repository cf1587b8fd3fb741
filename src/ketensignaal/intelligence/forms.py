"""Forms of the inbound-intelligence and briefing screens: shape only; the rules are in ``services``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketensignaal.core.forms import DutchDateField
from ketensignaal.identity.models import Unit
from ketensignaal.intelligence.models import FollowUpDecision, InboundKind, InspectionOutcome, IssuingService


class InboundForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort bericht"), choices=InboundKind.choices, widget=forms.RadioSelect)
    service = forms.ChoiceField(label=_("Van"), choices=IssuingService.choices, widget=forms.RadioSelect)
    dated = DutchDateField(label=_("Datum van het bericht"))
    subject = forms.CharField(label=_("Onderwerp"), max_length=300)
    summary = forms.CharField(label=_("Samenvatting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    content = forms.CharField(
        label=_("Inhoud"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Neem de inhoud over zonder bronnen: een inkomend bericht wordt nooit met bronnen vastgelegd."),
    )


def _unit_choices() -> list[tuple[str, Any]]:
    return [("", _("— kies een eenheid —")), *((u.code, u.name) for u in Unit.objects.order_by("name"))]


def signal_label(signal: Any) -> str:
    """Who and what, for the hub choosing signals to link: names, V-number, the start of the observation, date."""
    names = ", ".join(n.name for n in signal.names.all()) or gettext("naam onbekend")
    parts = [names]
    if signal.v_number:
        parts.append(gettext("V-nummer %(v)s") % {"v": signal.v_number})
    summary = " ".join(signal.observation_text.split())
    parts.append(summary[:90] + ("…" if len(summary) > 90 else ""))
    parts.append(date_format(timezone.localtime(signal.created_at), "j F Y"))
    return " — ".join(parts)


class SignalSearchForm(forms.Form):
    zoek = forms.CharField(
        label=_("Signalen zoeken om te koppelen"),
        required=False,
        max_length=200,
        help_text=_("Naam van de persoon, V-nummer of woorden uit de waarneming. U vindt alleen signalen die u mag zien."),
    )


class FollowUpForm(forms.Form):
    decision = forms.ChoiceField(label=_("Vervolgbesluit"), choices=FollowUpDecision.choices, widget=forms.RadioSelect)
    owner = forms.ChoiceField(label=_("Eigenaar"), help_text=_("De eenheid die het vervolg oppakt."))
    signals = forms.MultipleChoiceField(
        label=_("Te koppelen signalen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bij ‘Koppelen aan signalen’: zoek de signalen hierboven en vink ze aan."),
    )
    note = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, signals: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = _unit_choices()  # type: ignore[attr-defined]
        self.fields["signals"].choices = [(str(s.pk), signal_label(s)) for s in signals]  # type: ignore[attr-defined]
        if not signals:
            self.fields["signals"].help_text = _(
                "Bij ‘Koppelen aan signalen’: zoek eerst hierboven de signalen; de gevonden signalen verschijnen hier."
            )


class InspectionRequestForm(forms.Form):
    prosecutor = forms.CharField(label=_("Landelijk officier van justitie CTER"), max_length=200)
    requested_on = DutchDateField(label=_("Verzocht op"))


class InspectionOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[c for c in InspectionOutcome.choices if c[0] != InspectionOutcome.PENDING],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def briefing_unit_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every active unit of every organisation in the chain, grouped by organisation: a briefing carries no personal
    data, so the hub may send it to any unit whose staff should know the trends and indicators."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for unit in Unit.objects.filter(is_active=True).select_related("organisation").order_by("organisation__name", "name"):
        groups.setdefault(unit.organisation.name, []).append((unit.code, unit.name))
    return list(groups.items())


class BriefingForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    body = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Over trends en indicatoren, nooit over een persoon: geen namen, V-nummers of geboortedata."),
    )
    units = forms.MultipleChoiceField(label=_("Voor eenheden"), widget=forms.CheckboxSelectMultiple)
    dates_confirmed = forms.BooleanField(
        label=_("Ik bevestig dat de data in de tekst geen geboortedata van personen zijn."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox utrecht-checkbox--custom"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = briefing_unit_choices()  # type: ignore[attr-defined]

    def apply_invalid_params(self, params: list[dict[str, str]], detail: str) -> None:
        placed = False
        for item in params:
            if item.get("name") in self.fields:
                self.add_error(item["name"], item.get("reason", ""))
                placed = True
        if not placed:
            self.add_error(None, detail)
