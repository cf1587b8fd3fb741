"""Forms of the inbox and of the actions at a hop.

They only collect input: whether an action is allowed, and with what, is
decided by ``routing.services`` (and its transition table).
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ketensignaal.intake.models import Category, Outcome, SignalStatus, Touchpoint

_TEXT = {"rows": 3}


class VersionedForm(forms.Form):
    """Carries the version the user saw, so a concurrent change is refused instead of overwritten."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class TakeForm(VersionedForm):
    pass


class NoteForm(VersionedForm):
    note = forms.CharField(label=_("Notitie"), widget=forms.Textarea(attrs=_TEXT), required=False)


class AssignForm(VersionedForm):
    assignee = forms.IntegerField(label=_("Toewijzen aan"), required=False)


class AnswerForm(VersionedForm):
    answer = forms.CharField(
        label=_("Uw antwoord"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Schrijf uw antwoord op de vraag.")},
        help_text=_("Het signaal gaat met uw antwoord terug naar wie de vraag stelde; het antwoord komt in de geschiedenis."),
    )


class ReturnForm(VersionedForm):
    note = forms.CharField(
        label=_("Uw vraag aan de vorige eenheid"),
        widget=forms.Textarea(attrs=_TEXT),
        required=False,
        help_text=_("Het signaal gaat terug met deze vraag. De termijn staat stil tot het antwoord er is."),
    )


class ForwardForm(VersionedForm):
    to_unit = forms.CharField(
        label=_("Doorsturen naar"), error_messages={"required": _("Kies de eenheid waar het signaal naartoe gaat.")}
    )
    note = forms.CharField(label=_("Toelichting voor de ontvanger"), widget=forms.Textarea(attrs=_TEXT), required=False)
    reason = forms.CharField(
        label=_("Reden om buiten de route door te sturen"),
        widget=forms.Textarea(attrs=_TEXT),
        required=False,
        help_text=_("Alleen nodig als de eenheid niet op de meldroute ligt."),
    )
    justification = forms.CharField(
        label=_("Afweging voor verstrekking aan een andere organisatie"),
        widget=forms.Textarea(attrs=_TEXT),
        required=False,
        help_text=_(
            "Nodig als het signaal naar een andere organisatie gaat: waarom is verstrekking in dit geval nodig en "
            "evenredig? De grondslag zelf staat in het register."
        ),
    )


class RecallForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden om de verstrekking in te trekken"),
        widget=forms.Textarea(attrs=_TEXT),
        help_text=_("Wordt in de geschiedenis van het signaal en in het verwerkingenlog bewaard."),
        error_messages={"required": _("Geef een reden om de verstrekking in te trekken.")},
    )


class CloseForm(VersionedForm):
    """Closing is irreversible: an outcome and an explanation are required, and the step is confirmed first."""

    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[("", _("— kies —")), *Outcome.choices],
        error_messages={
            "required": _("Kies de uitkomst waarmee u het signaal afsluit."),
            "invalid_choice": _("Kies een uitkomst uit de lijst."),
        },
    )
    note = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs=_TEXT),
        help_text=_("Waarom sluit u het signaal af met deze uitkomst? Afsluiten kan niet ongedaan worden gemaakt."),
        error_messages={"required": _("Geef een toelichting: waarom sluit u het signaal af met deze uitkomst?")},
    )


class InboxFilterForm(forms.Form):
    """GET filters of the inbox; an unknown value is simply ignored (shown as 'alle')."""

    categorie = forms.ChoiceField(label=_("Categorie"), required=False)
    contactmoment = forms.ChoiceField(label=_("Contactmoment"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Alle")), *SignalStatus.choices])
    termijn = forms.ChoiceField(
        label=_("Termijn"),
        required=False,
        choices=[("", _("Alle")), ("verlopen", _("Alleen verlopen")), ("op-tijd", _("Alleen op tijd"))],
    )
    toegewezen = forms.ChoiceField(
        label=_("Toegewezen"),
        required=False,
        choices=[("", _("Alle")), ("mij", _("Aan mij")), ("niemand", _("Aan niemand"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["categorie"]).choices = [
            ("", _("Alle")),
            *((c.code, c.label) for c in Category.objects.all()),
        ]
        cast(forms.ChoiceField, self.fields["contactmoment"]).choices = [
            ("", _("Alle")),
            *((t.code, t.label) for t in Touchpoint.objects.all()),
        ]

    def selector_kwargs(self, user: Any) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        kwargs: dict[str, Any] = {}
        if d["categorie"]:
            kwargs["category"] = d["categorie"]
        if d["contactmoment"]:
            kwargs["touchpoint"] = d["contactmoment"]
        if d["status"]:
            kwargs["status"] = d["status"]
        if d["termijn"]:
            kwargs["overdue"] = d["termijn"] == "verlopen"
        if d["toegewezen"] == "mij":
            kwargs["assigned"] = "me"
        elif d["toegewezen"] == "niemand":
            kwargs["assigned"] = False
        return kwargs
