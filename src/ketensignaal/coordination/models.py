"""LRO (Lokaal/Landelijk Regie Overleg) meetings, agenda items, decisions and follow-up tasks."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The member units and the meeting cycle are chain configuration (coordination.config), not constants.
HUB_UNIT = "ind.tsz"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    CLOSED = "closed", _("Afgesloten")


class DecisionKind(models.TextChoices):
    POLICE_CTER = "police-cter", _("Politie CTER")
    POLICE_TIM = "police-tim", _("Politie TIM")
    LIV = "liv", _("LIV")
    MONITORING = "monitoring", _("Monitoren")
    NO_FURTHER_ACTION = "no-further-action", _("Geen verdere actie")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Afgerond")
    # The decision behind the task was withdrawn or changed before the meeting closed.
    DROPPED = "dropped", _("Vervallen")


class Meeting(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    date = models.DateField(unique=True)
    status = models.CharField(max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("LRO-overleg")
        verbose_name_plural = _("LRO-overleggen")

    def __str__(self) -> str:
        return f"LRO {self.date.isoformat()}"


class AgendaItem(models.Model):
    """One agenda line: a person (bundling their signals) or a single signal without a linked person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    person = models.ForeignKey("persons.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    signal = models.ForeignKey(
        "intake.Signal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Only for items without a linked person.",
    )
    carried_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_reason = models.TextField(blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    removed = models.BooleanField(default=False)
    removed_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="lro_item_person_unique"),
            models.UniqueConstraint(fields=["meeting", "signal"], name="lro_item_signal_unique"),
        ]
        indexes = [models.Index(fields=["meeting", "removed"])]

    def __str__(self) -> str:
        return f"agenda item {self.pk}"


class PutForward(models.Model):
    """The hub put this signal forward to a meeting; basis for agenda composition and per-unit sharing."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="put_forward")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="put_forward")
    signal = models.ForeignKey("intake.Signal", on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)
    withheld_units = models.JSONField(default=list, blank=True, help_text="Member units without a legal-basis flow.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "signal"], name="lro_put_forward_unique")]

    def __str__(self) -> str:
        return f"put forward {self.signal_id}"


class Decision(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    interpretation = models.TextField()
    kind = models.CharField(max_length=32, choices=DecisionKind.choices)
    owner_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    due = models.DateField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    liv_trajectory_id = models.UUIDField(null=True, blank=True)
    # One submit of the decision form (or one API call with an Idempotency-Key): repeating it records nothing new.
    idempotency_key = models.CharField(max_length=64, blank=True, default="")
    # Until the meeting closes a decision can be changed (a new decision replaces it) or withdrawn, with a reason.
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["decided_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="lro_decision_once_per_submit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.owner_unit_id}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class Task(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source = models.CharField(max_length=16, default="lro")
    description = models.TextField()
    owner_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="coordination_tasks")
    due = models.DateField()
    status = models.CharField(max_length=8, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="task")
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due", "created_at"]
        indexes = [models.Index(fields=["owner_unit", "status", "due"])]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def text(self) -> str:
        """The task as the reader reads it. ``description`` was composed in Dutch when the LRO decided ("LRO 3 december
        2026: Politie CTER — …"); a task from a decision is composed again from the decision, in the reader's language,
        so old rows read right too. A task without a decision shows its stored text."""
        decision = self.decision if self.decision_id else None
        if decision is None or not decision.item_id:
            return self.description
        from ketensignaal.core.dates import long_date

        meeting = decision.item.meeting
        return f"LRO {long_date(meeting.date)}: {decision.get_kind_display()} — {decision.interpretation}"

    @property
    def overdue(self) -> bool:
        return self.status == TaskStatus.OPEN and self.due < timezone.localdate()
