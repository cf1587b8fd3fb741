"""Inbound intelligence and what the IND does with it (DOMAIN.md §6 "Inbound", seed 003 and 004).

- ``InboundMessage``: an ambtsbericht or inlichtingenbericht the AIVD or MIVD sends on its own initiative. Like the
  ambtsberichten of the disclosures context it has no field for sources, and only the TSZ hub and IND privacy
  officers see it.
- ``FollowUp``: the IND's recorded decision on it (act on a person, link to signals, brief staff, no action), with an
  owner unit — a person decides; nothing is decided by default.
- ``InspectionRequest``: one of the two national CTER prosecutors asks the issuing service to inspect the material
  underneath; recorded with its outcome.
- ``Briefing``: the hub informs staff of chosen units about trends and indicators — never about persons; recipients
  confirm they read it (``BriefingReading``), which the training registry counts.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InboundKind(models.TextChoices):
    AMBTSBERICHT = "ambtsbericht", _("Ambtsbericht")
    INLICHTINGENBERICHT = "inlichtingenbericht", _("Inlichtingenbericht")


class IssuingService(models.TextChoices):
    AIVD = "aivd", "AIVD"
    MIVD = "mivd", "MIVD"


class InboundMessage(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("soort"), max_length=32, choices=InboundKind.choices)
    service = models.CharField(_("dienst"), max_length=8, choices=IssuingService.choices)
    dated = models.DateField(_("datum"))
    subject = models.CharField(_("onderwerp"), max_length=300)
    summary = models.TextField(_("samenvatting"), blank=True)
    content = models.TextField(_("inhoud"))
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("inkomend bericht")
        verbose_name_plural = _("inkomende berichten")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_service_display()} {self.dated}"


class FollowUpDecision(models.TextChoices):
    ACT_ON_PERSON = "act-on-person", _("Actie ten aanzien van een persoon")
    LINK_SIGNALS = "link-signals", _("Koppelen aan signalen")
    BRIEF_STAFF = "brief-staff", _("Medewerkers informeren (briefing)")
    NO_ACTION = "no-action", _("Geen actie")


class FollowUp(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    message = models.OneToOneField(InboundMessage, on_delete=models.CASCADE, related_name="follow_up")
    decision = models.CharField(_("besluit"), max_length=32, choices=FollowUpDecision.choices)
    owner = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("eigenaar"))
    note = models.TextField(_("toelichting"), blank=True)
    signals = models.ManyToManyField("intake.Signal", blank=True, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vervolgbesluit")
        verbose_name_plural = _("vervolgbesluiten")

    def __str__(self) -> str:
        return f"{self.decision} → {self.owner_id}"


class InspectionOutcome(models.TextChoices):
    PENDING = "pending", _("Nog geen uitkomst")
    GRANTED = "granted", _("Inzage gegeven")
    PARTLY = "partly", _("Gedeeltelijk inzage gegeven")
    REFUSED = "refused", _("Inzage geweigerd")
    WITHDRAWN = "withdrawn", _("Verzoek ingetrokken")


class InspectionRequest(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    message = models.ForeignKey(InboundMessage, on_delete=models.CASCADE, related_name="inspection_requests")
    prosecutor = models.CharField(_("landelijk officier van justitie CTER"), max_length=200)
    requested_on = models.DateField(_("verzocht op"))
    outcome = models.CharField(_("uitkomst"), max_length=16, choices=InspectionOutcome.choices, default=InspectionOutcome.PENDING)
    outcome_on = models.DateField(_("uitkomst op"), null=True, blank=True)
    outcome_note = models.TextField(_("toelichting op de uitkomst"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["requested_on", "recorded_at"]
        verbose_name = _("inzageverzoek")
        verbose_name_plural = _("inzageverzoeken")

    def __str__(self) -> str:
        return f"{self.message_id} {self.requested_on} {self.outcome}"


class Briefing(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"))
    units = models.ManyToManyField("identity.Unit", related_name="briefings", verbose_name=_("voor eenheden"))
    message = models.ForeignKey(InboundMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="briefings")
    date_patterns_confirmed = models.BooleanField(default=False)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_at"]
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")

    def __str__(self) -> str:
        return self.title


class BriefingReading(models.Model):
    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="readings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["briefing", "user"], name="briefing_reading_unique")]
        verbose_name = _("leesbevestiging")
        verbose_name_plural = _("leesbevestigingen")

    def __str__(self) -> str:
        return f"{self.briefing_id} read by {self.user_id}"
