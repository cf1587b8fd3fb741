"""Web forms of the hub: enrichment, disclosure, naslag request, answer, ambtsbericht."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketensignaal.core.forms import DutchDateField
from ketensignaal.disclosures.models import AnswerKind, EnrichmentKind, Service

RECIPIENTS = [
    ("politie", _("Politie (cluster CTER)")),
    ("politie.tim", _("Politie — Team Internationale Misdrijven")),
    ("aivd", _("AIVD")),
    ("mivd", _("MIVD")),
]


class EnrichmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort gegeven"), choices=EnrichmentKind.choices)
    value = forms.CharField(label=_("Wat het IND-dossier zegt"), widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.CharField(
        label=_("Bron"),
        max_length=200,
        help_text=_("Waar staat dit? Bijvoorbeeld: INDiGO-dossier, rapport nader gehoor 12-11-2026."),
    )


class DisclosureForm(forms.Form):
    # No recipient is chosen for the user: which partner gets a signal is a decision about a person.
    recipient = forms.ChoiceField(label=_("Voorleggen aan"), choices=[("", _("— kies de ontvanger —")), *RECIPIENTS])
    justification = forms.CharField(
        label=_("Onderbouwing in deze zaak"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Of delen mag, hangt af van het concrete geval en vraagt een afweging. Beschrijf waarom verstrekken hier nodig en "
            "evenredig is. De gegevensstroom en de wettelijke grondslag worden automatisch bepaald en vastgelegd."
        ),
    )


class NaslagForm(forms.Form):
    service = forms.ChoiceField(label=_("Dienst"), choices=Service.choices)
    own_means_exhausted = forms.BooleanField(
        label=_("De IND heeft de eigen onderzoeksmiddelen uitgeput"),
        required=False,
        help_text=_("Dossier, eigen registraties en gehoren zijn geraadpleegd en leveren niet wat nodig is."),
    )
    other_means_insufficient = forms.BooleanField(
        label=_("Andere manieren om de gegevens te verkrijgen ontbreken of zijn ontoereikend"),
        required=False,
        help_text=_("Bijvoorbeeld: de politie of een andere partner kan de gegevens niet leveren."),
    )
    justification = forms.CharField(
        label=_("Onderbouwing van het verzoek"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Waarom is deze persoon mogelijk een gevaar voor de nationale veiligheid, en wat moet naslag opleveren?"),
    )

    # Both conditions and the justification are required, but the service refuses their absence (naming every missing
    # one at once, nothing typed lost): the form leaves them to it and must not call them "optioneel" on screen.
    REQUIRED_BY_SERVICE = ("own_means_exhausted", "other_means_insufficient", "justification")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in self.REQUIRED_BY_SERVICE:
            setattr(self.fields[name], "required_by_service", True)  # noqa: B010 (read by web/_fields.html)


class NaslagAnswerForm(forms.Form):
    kind = forms.ChoiceField(label=_("Antwoord van de dienst"), choices=AnswerKind.choices)
    text = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    received_on = DutchDateField(label=_("Ontvangen op"), initial=timezone.localdate)


class AmbtsberichtForm(forms.Form):
    service = forms.ChoiceField(label=_("Dienst"), choices=Service.choices)
    dated = DutchDateField(label=_("Datum van het ambtsbericht"))
    subject = forms.CharField(label=_("Onderwerp"), max_length=300)
    summary = forms.CharField(label=_("Samenvatting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    content = forms.CharField(
        label=_("Inhoud"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Een ambtsbericht wordt zonder bronnen vastgelegd. Neem geen bronnen over."),
    )
    signal_reference = forms.CharField(label=_("Signaalnummer (KS-…)"), required=False, max_length=20)
