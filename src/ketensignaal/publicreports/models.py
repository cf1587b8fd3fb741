"""The public reporting channel: witnesses and organisations without an account report to IND TSZ.

A public report *is* a signal (observation type ``witness``, reported by the external unit); this context keeps
only what the channel itself needs: the receipt (as a keyed hash, never the code itself), the additions, and a log
of every attempt — accepted or refused — for abuse resistance. The reporter never learns more than "received".
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReporterKind(models.TextChoices):
    WITNESS = "witness", _("Getuige (privépersoon)")
    ORGANISATION = "organisation", _("Gemeente of organisatie zonder account")


class PublicReport(models.Model):
    """The channel's side of a signal reported without an account."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    signal = models.OneToOneField("intake.Signal", on_delete=models.PROTECT, related_name="public_report")
    receipt_digest = models.CharField(max_length=64, unique=True)
    reporter_kind = models.CharField(max_length=16, choices=ReporterKind.choices)
    organisation_name = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=16)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("melding via het publieke meldpunt")
        verbose_name_plural = _("meldingen via het publieke meldpunt")

    def __str__(self) -> str:
        return f"public report {self.pk}"


class PublicAddition(models.Model):
    """Information the reporter added later with the receipt code (also a note in the signal's history)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(PublicReport, on_delete=models.CASCADE, related_name="additions")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("aanvulling van de melder")
        verbose_name_plural = _("aanvullingen van melders")

    def __str__(self) -> str:
        return f"addition {self.pk}"


class AttemptKind(models.TextChoices):
    REPORT = "report", _("Melding")
    ADDITION = "addition", _("Aanvulling")


class AttemptOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Ontvangen")
    RATE = "rate", _("Geweigerd: te vaak")
    SIZE = "size", _("Geweigerd: te groot")
    CHALLENGE = "challenge", _("Geweigerd: geen of ongeldige rekenopgave")
    INVALID = "invalid", _("Geweigerd: onvolledig of ongeldig")
    RECEIPT = "receipt", _("Geweigerd: onbekende ontvangstcode")


class SubmissionAttempt(models.Model):
    """Every submission to the public channel, accepted or refused (rate limits count these rows).

    The address is kept only as a keyed hash (``PSEUDONYM_KEY``): enough to count, not to identify.
    ``challenge_digest`` makes a solved challenge usable once.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=16, choices=AttemptKind.choices)
    outcome = models.CharField(max_length=16, choices=AttemptOutcome.choices)
    address_digest = models.CharField(max_length=64)
    receipt_digest = models.CharField(max_length=64, blank=True)
    challenge_digest = models.CharField(max_length=64, null=True, blank=True, unique=True)
    size = models.PositiveIntegerField(default=0)
    channel = models.CharField(max_length=8, default="web")

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["address_digest", "at"], name="public_attempt_address_idx"),
            models.Index(fields=["receipt_digest", "at"], name="public_attempt_receipt_idx"),
        ]
        verbose_name = _("inzendpoging")
        verbose_name_plural = _("inzendpogingen")

    def __str__(self) -> str:
        return f"{self.kind} {self.outcome} {self.at:%Y-%m-%d %H:%M}"


class FormLanguage(models.Model):
    """A language the functional admin added to the public form (Dutch and English come with the product).

    Empty texts fall back to English.
    """

    code = models.SlugField(_("taalcode"), max_length=16, unique=True, help_text=_("BCP 47, bijv. ar, uk, ti."))
    name = models.CharField(_("naam van de taal in die taal"), max_length=100)
    right_to_left = models.BooleanField(_("van rechts naar links"), default=False)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    intro = models.TextField(_("inleiding"), blank=True)
    observation_label = models.CharField(_("vraag: wat heeft u gezien of gehoord"), max_length=300, blank=True)
    person_label = models.CharField(_("vraag: over wie gaat het"), max_length=300, blank=True)
    place_label = models.CharField(_("vraag: waar"), max_length=300, blank=True)
    date_label = models.CharField(_("vraag: wanneer"), max_length=300, blank=True)
    topics_label = models.CharField(_("vraag: waar gaat het over"), max_length=300, blank=True)
    submit_label = models.CharField(_("knop: versturen"), max_length=100, blank=True)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("taal van het meldformulier")
        verbose_name_plural = _("talen van het meldformulier")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
