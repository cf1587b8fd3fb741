"""Webhooks: a partner's own system hears of events at one unit, as CloudEvents (NL GOV profile).

A subscription belongs to the partner organisation (the functional admin's) and names one unit and the event types
it wants. Events carry ids and types only — never personal data; the partner fetches what it may see through the
API with its own token. Each event for a subscription is one ``Delivery`` (the outbox row, written in the same
transaction as the change), sent and retried with backoff by a job; every try is a ``DeliveryAttempt``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    SIGNAL_ARRIVED = "nl.ketensignaal.signal.arrived", _("Nieuw signaal bij de eenheid")
    TASK_ASSIGNED = "nl.ketensignaal.task.assigned", _("Taak toegewezen aan de eenheid")
    DECISION_RECORDED = "nl.ketensignaal.decision.recorded", _("Besluit vastgelegd")
    TRAJECTORY_PHASE_CHANGED = "nl.ketensignaal.trajectory.phase-changed", _("Fase van een LIV-traject gewijzigd")


class Subscription(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "identity.Organisation",
        on_delete=models.PROTECT,
        related_name="webhook_subscriptions",
        verbose_name=_("partner"),
        help_text=_("De organisatie van wie het systeem de notificaties ontvangt."),
    )
    unit = models.ForeignKey(
        "identity.Unit", on_delete=models.PROTECT, related_name="webhook_subscriptions", verbose_name=_("eenheid")
    )
    url = models.URLField(_("adres (https)"), max_length=500)
    types = models.JSONField(_("soorten gebeurtenissen"), default=list)
    secret = models.CharField(_("geheim voor de handtekening"), max_length=64, editable=False)
    is_active = models.BooleanField(_("actief"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangemaakt door")
    )
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        ordering = ["unit__code", "created_at"]
        verbose_name = _("webhook-abonnement")
        verbose_name_plural = _("webhook-abonnementen")

    def __str__(self) -> str:
        return f"{self.unit.code} → {self.url}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")
    DELIVERED = "delivered", _("Afgeleverd")
    FAILED = "failed", _("Mislukt (opgegeven)")


class Delivery(models.Model):
    """One CloudEvent for one subscription; ``id`` is the event's id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("abonnement")
    )
    type = models.CharField(_("soort"), max_length=64, choices=EventType.choices)
    subject = models.CharField(_("id van het object"), max_length=64)
    event = models.JSONField(_("gebeurtenis"))
    status = models.CharField(_("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    delivered_at = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due_idx")]
        verbose_name = _("aflevering")
        verbose_name_plural = _("afleveringen")

    def __str__(self) -> str:
        return f"{self.type} {self.subject} ({self.status})"


class DeliveryAttempt(models.Model):
    """Every try to deliver, with what the partner answered (the delivery log)."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="tries")
    at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["at"]
        verbose_name = _("afleverpoging")
        verbose_name_plural = _("afleverpogingen")

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.at:%Y-%m-%d %H:%M} {self.status_code or self.error}"
