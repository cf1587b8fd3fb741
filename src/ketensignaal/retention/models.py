"""Retention rules, legal holds and destruction lists (DOMAIN.md §11, issue 13; ADR 0014).

A destruction list is the open record of a destruction: proposed by the periodic job, reviewed by the privacy
officer (exclude with a reason, or postpone to a date), confirmed, cancellable during the cooling-off period, then
run. Its items are the report: record type, rule, reference, dates and outcome — never the person's data.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RecordType(models.TextChoices):
    SIGNAL_UNFOUNDED = "signal-unfounded", _("Signaal afgesloten als ongegrond")
    SIGNAL_NO_FURTHER_ACTION = "signal-no-further-action", _("Signaal afgesloten zonder verdere actie")
    SIGNAL_ESTABLISHED = "signal-established", _("Signaal afgesloten als gegrond")
    PERSON_WITHOUT_SIGNALS = "person-without-signals", _("Persoon zonder signalen")
    LIV_TRAJECTORY = "liv-trajectory", _("LIV-traject")
    CONFERENCE_CASE = "conference-case", _("Casus in het casusoverleg")
    NASLAG_ANSWER = "naslag-answer", _("Antwoord op een naslagverzoek")
    AMBTSBERICHT = "ambtsbericht", _("Ambtsbericht")
    ATTACHMENT = "attachment", _("Bijlage bij een signaal")


class RetentionRule(models.Model):
    """How long one record type is kept, counted from its reference moment, with the legal source of the choice."""

    record_type = models.CharField(_("soort gegevens"), max_length=40, choices=RecordType.choices, unique=True)
    period_months = models.PositiveIntegerField(_("bewaartermijn (maanden)"))
    legal_source = models.TextField(_("wettelijke bron en toelichting"))
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["record_type"]
        verbose_name = _("bewaarregel")
        verbose_name_plural = _("bewaarregels")

    def __str__(self) -> str:
        return str(self.get_record_type_display())


class RetentionRuleChange(models.Model):
    """The audit trail of a rule: who changed the period or the source note, from what, to what, why."""

    rule = models.ForeignKey(RetentionRule, on_delete=models.CASCADE, related_name="changes")
    period_before = models.PositiveIntegerField()
    period_after = models.PositiveIntegerField()
    legal_source = models.TextField()
    reason = models.TextField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.period_before} → {self.period_after}"


class HoldTarget(models.TextChoices):
    PERSON = "person", _("Persoon")
    SIGNAL = "signal", _("Signaal")
    CASE = "case", _("Casus")


class LegalHold(models.Model):
    """Nothing under a hold is destroyed: checked when a list is proposed and again at the moment of destruction."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    target = models.CharField(_("waarop"), max_length=8, choices=HoldTarget.choices)
    target_id = models.UUIDField()
    target_label = models.CharField(max_length=60, help_text=_("Kenmerk of omschrijving zonder persoonsgegevens."))
    organisation = models.ForeignKey("identity.Organisation", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reden"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    release_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at"]
        indexes = [models.Index(fields=["target", "target_id"], name="hold_target_idx")]
        verbose_name = _("bewaarplicht (legal hold)")
        verbose_name_plural = _("bewaarplichten (legal holds)")

    def __str__(self) -> str:
        return f"{self.get_target_display()} {self.target_label}"

    @property
    def active(self) -> bool:
        return self.released_at is None


class ListStatus(models.TextChoices):
    PROPOSED = "proposed", _("Te beoordelen")
    CONFIRMED = "confirmed", _("In bedenktijd")
    RUNNING = "running", _("Wordt vernietigd")
    COMPLETED = "completed", _("Vernietigd")
    CANCELLED = "cancelled", _("Geannuleerd")


OPEN_STATUSES = (ListStatus.PROPOSED, ListStatus.CONFIRMED, ListStatus.RUNNING)


class DestructionList(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.CharField(max_length=20, unique=True)
    organisation = models.ForeignKey("identity.Organisation", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=ListStatus.choices, default=ListStatus.PROPOSED)
    proposed_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    destroy_after = models.DateTimeField(null=True, blank=True, help_text=_("Einde van de bedenktijd."))
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    cancel_reason = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-proposed_at"]
        indexes = [models.Index(fields=["organisation", "status"], name="destruction_list_org_idx")]
        verbose_name = _("vernietigingslijst")
        verbose_name_plural = _("vernietigingslijsten")

    def __str__(self) -> str:
        return self.number


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    EXCLUDED = "excluded", _("Uitgezonderd")
    POSTPONED = "postponed", _("Uitgesteld")
    DESTROYED = "destroyed", _("Vernietigd")
    KEPT_HOLD = "kept-hold", _("Bewaard: bewaarplicht")
    KEPT_CHANGED = "kept-changed", _("Bewaard: niet meer aan de beurt")
    KEPT_LINKED = "kept-linked", _("Bewaard: hoort bij een ander dossier")
    GONE = "gone", _("Was al verwijderd")


class DestructionItem(models.Model):
    """One record on a list. Holds no personal data: the record's type, reference, dates and what happened."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    list = models.ForeignKey(DestructionList, on_delete=models.PROTECT, related_name="items")
    record_type = models.CharField(max_length=40, choices=RecordType.choices)
    object_id = models.UUIDField()
    reference = models.CharField(max_length=40, help_text=_("Kenmerk zonder persoonsgegevens (bijv. KS-2026-000123)."))
    reference_date = models.DateField(help_text=_("Het moment waarvandaan de termijn loopt (bijv. afgesloten op)."))
    due_on = models.DateField()
    period_months = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=ItemStatus.choices, default=ItemStatus.PROPOSED)
    reason = models.TextField(blank=True)
    not_before = models.DateField(null=True, blank=True, help_text=_("Niet opnieuw voorstellen vóór deze datum."))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)
    copies_recalled = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["due_on", "reference"]
        indexes = [
            models.Index(fields=["list", "status"], name="destruction_item_list_idx"),
            models.Index(fields=["object_id"], name="destruction_item_object_idx"),
        ]
        verbose_name = _("regel van een vernietigingslijst")
        verbose_name_plural = _("regels van vernietigingslijsten")

    def __str__(self) -> str:
        return f"{self.list_id}: {self.reference}"


class DestructionRunLock(models.Model):
    """The one row that says a destruction runs: a second concurrent run is refused while its heartbeat is fresh;
    a crashed run's stale lock is taken over (every record it finished is committed with its report line)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(max_length=32, blank=True)
    list = models.ForeignKey(DestructionList, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"run lock {self.token or '-'}"


class RetentionClock(models.Model):
    """When a record's retention started counting, where the record itself does not say: a person record whose last
    signal was destroyed starts its own period at that moment."""

    record_type = models.CharField(max_length=40, choices=RecordType.choices)
    object_id = models.UUIDField()
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record_type", "object_id"], name="retention_clock_unique")]

    def __str__(self) -> str:
        return f"{self.record_type} {self.object_id} since {self.since:%Y-%m-%d}"
