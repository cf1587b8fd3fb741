"""What the IND hub adds to a signal and what crosses to the police and the services.

- :class:`EnrichmentFact`: what the IND file says (procedure stage, track, decisions), with its source.
- :class:`Disclosure`: a signal put to the police, the AIVD or the MIVD over a registered flow version.
- :class:`NaslagRequest` / :class:`NaslagAnswer`: a request to search the service's own files
  (Wiv 2017 art. 8(2)(f)) and whatever the service answered, if anything.
- :class:`Ambtsbericht`: an official report from a service, stored without its sources.

Every row is scoped by need to know in ``scopes.py``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnrichmentKind(models.TextChoices):
    PROCEDURE_STAGE = "procedure-stage", _("Fase van de procedure")
    TRACK = "track", _("Spoor")
    DECISION = "decision", _("Beslissing")
    OTHER = "other", _("Overig")


class EnrichmentFact(models.Model):
    """A structured fact from the IND file, recorded on a signal with where it came from."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    signal = models.ForeignKey("intake.Signal", on_delete=models.CASCADE, related_name="enrichment_facts")
    kind = models.CharField(_("soort"), max_length=32, choices=EnrichmentKind.choices)
    value = models.TextField(_("wat het dossier zegt"))
    source = models.CharField(_("bron"), max_length=200, help_text=_("Bijvoorbeeld: INDiGO-dossier, beschikking van 3 maart."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at"]
        indexes = [models.Index(fields=["signal", "recorded_at"])]
        verbose_name = _("verrijking")
        verbose_name_plural = _("verrijkingen")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value[:40]}"


class Service(models.TextChoices):
    AIVD = "aivd", "AIVD"
    MIVD = "mivd", "MIVD"


class Disclosure(models.Model):
    """A signal put to a partner: names the flow version used and the case-level justification."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    signal = models.ForeignKey("intake.Signal", on_delete=models.CASCADE, related_name="disclosures")
    recipient_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    flow = models.ForeignKey("governance.LegalBasisFlow", on_delete=models.PROTECT, related_name="+")
    flow_version_label = models.CharField(max_length=120)
    justification = models.TextField(_("onderbouwing in deze zaak"))
    disclosed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    disclosing_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    disclosed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["disclosed_at"]
        indexes = [models.Index(fields=["signal", "disclosed_at"])]
        verbose_name = _("verstrekking")
        verbose_name_plural = _("verstrekkingen")

    def __str__(self) -> str:
        return f"{self.signal_id} → {self.recipient_unit_id} ({self.flow_version_label})"


class NaslagStatus(models.TextChoices):
    REQUESTED = "requested", _("Aangevraagd")
    ANSWERED = "answered", _("Antwoord geregistreerd")


class NaslagRequest(models.Model):
    """A naslag request: the preconditions are recorded, not assumed (Wiv 2017 art. 8(2)(f))."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    signal = models.ForeignKey("intake.Signal", on_delete=models.CASCADE, related_name="naslag_requests")
    service = models.CharField(max_length=8, choices=Service.choices)
    own_means_exhausted = models.BooleanField()
    other_means_insufficient = models.BooleanField()
    justification = models.TextField()
    flow = models.ForeignKey("governance.LegalBasisFlow", on_delete=models.PROTECT, related_name="+")
    flow_version_label = models.CharField(max_length=120)
    status = models.CharField(max_length=16, choices=NaslagStatus.choices, default=NaslagStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requesting_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["requested_at"]
        indexes = [models.Index(fields=["signal", "requested_at"])]
        verbose_name = _("naslagverzoek")
        verbose_name_plural = _("naslagverzoeken")

    def __str__(self) -> str:
        return f"Naslag {self.get_service_display()} {self.requested_at:%Y-%m-%d}"


class AnswerKind(models.TextChoices):
    NO_INFORMATION = "no-information", _("Geen informatie")
    AMBTSBERICHT_FOLLOWS = "ambtsbericht-follows", _("Ambtsbericht volgt")
    OTHER = "other", _("Anders (zie toelichting)")


class NaslagAnswer(models.Model):
    """What the service answered. The service need not say what it did with the signal."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request = models.ForeignKey(NaslagRequest, on_delete=models.CASCADE, related_name="answers")
    kind = models.CharField(max_length=32, choices=AnswerKind.choices)
    text = models.TextField(blank=True)
    received_on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at"]
        verbose_name = _("antwoord op naslag")
        verbose_name_plural = _("antwoorden op naslag")

    def __str__(self) -> str:
        return str(self.get_kind_display())


class Ambtsbericht(models.Model):
    """An official report from a service. Deliberately has no field for sources (DOMAIN.md §2.6).

    Visible only to hub analysts of IND TSZ and IND privacy officers; 404 for everyone else.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.CharField(max_length=8, choices=Service.choices)
    dated = models.DateField(_("datum"))
    subject = models.CharField(_("onderwerp"), max_length=300)
    summary = models.TextField(_("samenvatting"), blank=True)
    content = models.TextField(_("inhoud"))
    signal = models.ForeignKey("intake.Signal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    person = models.ForeignKey("persons.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    naslag_request = models.ForeignKey(
        NaslagRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="ambtsberichten"
    )
    own_initiative = models.BooleanField(default=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("ambtsbericht")
        verbose_name_plural = _("ambtsberichten")

    def __str__(self) -> str:
        return f"{self.get_service_display()} {self.dated}: {self.subject}"
