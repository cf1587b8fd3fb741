"""Data-subject requests (AVG arts. 15-21) received at the chain's one contact point.

- :class:`RestrictionGround`: the legal grounds on which an item may be withheld (UAVG art. 41, Wiv 2017, Wpg), as
  data, each saying whether the answer may tell the person that a restriction applies (AVG art. 23(2)(h)).
- :class:`SubjectRequest`: one request, its kind, the subject as the requester described them, the deadline (one
  month, extendable once by at most two with a reason) and the person record a person matched it to.
- :class:`RequestItem`: one piece of data found about the matched person, with the handler's decision.
- :class:`RequestEvent`: every step, for the file (the processing log has each step too).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketensignaal.privacy.item_labels import ITEM_LABELS, item_label


class RestrictionGround(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    label = models.CharField(_("grond"), max_length=200)
    legal_source = models.CharField(_("wettelijke bron"), max_length=300)
    may_mention = models.BooleanField(
        _("beperking mag worden genoemd"),
        default=True,
        help_text=_("Of het antwoord de verzoeker mag vertellen dat op deze grond gegevens niet worden verstrekt."),
    )
    answer_text = models.TextField(_("tekst in het antwoord"), blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("beperkingsgrond")
        verbose_name_plural = _("beperkingsgronden")

    def __str__(self) -> str:
        return self.label


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Inzage")
    RECTIFICATION = "rectification", _("Rectificatie")
    ERASURE = "erasure", _("Wissing")
    RESTRICTION = "restriction", _("Beperking van de verwerking")
    OBJECTION = "objection", _("Bezwaar")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Ontvangen, nog niet gekoppeld")
    MATCHED = "matched", _("Gekoppeld aan een persoon")
    NO_RECORD = "no-record", _("Geen gegevens gevonden")
    ANSWERED = "answered", _("Beantwoord")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Toegewezen")
    REJECTED = "rejected", _("Afgewezen")


class SubjectRequest(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    kind = models.CharField(_("soort verzoek"), max_length=16, choices=RequestKind.choices)
    status = models.CharField(max_length=16, choices=RequestStatus.choices, default=RequestStatus.RECEIVED)
    # The subject as the requester described themself (names as in a signal's subject).
    subject_names = models.JSONField(default=list)
    subject_v_number = models.CharField(max_length=10, blank=True)
    subject_date_of_birth = models.CharField(max_length=10, blank=True)
    subject_nationality = models.CharField(max_length=3, blank=True)
    request_text = models.TextField(_("toelichting van de verzoeker"), blank=True)
    received_at = models.DateTimeField(_("ontvangen op"))
    deadline = models.DateField(_("uiterste antwoorddatum"))
    extended_until = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("persons.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    match_reason = models.TextField(blank=True)
    matched_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    matched_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Restriction and objection: the handler's decision on the request as a whole, with its reasons.
    outcome = models.CharField(_("beslissing"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_reasons = models.TextField(_("motivering"), blank=True)
    outcome_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    outcome_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deadline", "created_at"]
        indexes = [models.Index(fields=["status", "deadline"], name="subject_request_open_idx")]
        verbose_name = _("verzoek van een betrokkene")
        verbose_name_plural = _("verzoeken van betrokkenen")

    def __str__(self) -> str:
        return self.reference

    @property
    def display_name(self) -> str:
        return self.subject_names[0]["name"] if self.subject_names else ""

    @property
    def due(self) -> object:
        return self.extended_until or self.deadline


class Decision(models.TextChoices):
    PENDING = "pending", _("Nog te beslissen")
    DISCLOSE = "disclose", _("Verstrekken")
    WITHHOLD = "withhold", _("Niet verstrekken")
    ERASE = "erase", _("Wissen")
    REFUSE = "refuse", _("Niet wissen")


# The decisions that need a ground (a withheld item, an erasure refused).
DECISIONS_WITH_GROUND = (Decision.WITHHOLD, Decision.REFUSE)


class ErasureResult(models.TextChoices):
    DESTROYED = "destroyed", _("Gewist")
    GONE = "gone", _("Was al vernietigd")


class RequestItem(models.Model):
    """What was found about the matched person: a description and the text to disclose, never the source row."""

    request = models.ForeignKey(SubjectRequest, on_delete=models.CASCADE, related_name="items")
    object_type = models.CharField(max_length=32)
    object_id = models.CharField(max_length=64)
    holder = models.CharField(_("houder"), max_length=200, help_text=_("De organisatie die het gegeven houdt."))
    label = models.CharField(max_length=300)  # in Dutch, as written (and in the Dutch answer letter)
    # The title's parameters (privacy.item_labels, by ``object_type``), put into words in the reader's language;
    # empty (null) for items collected before they were stored, which show ``label`` as written.
    label_params = models.JSONField(null=True, blank=True)
    content = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    decision = models.CharField(max_length=16, choices=Decision.choices, default=Decision.PENDING)
    ground = models.ForeignKey(RestrictionGround, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decision_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    erasure_result = models.CharField(max_length=16, choices=ErasureResult.choices, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "object_type", "object_id"], name="request_item_unique"),
            models.CheckConstraint(
                condition=~models.Q(decision__in=["withhold", "refuse"]) | models.Q(ground__isnull=False),
                name="request_item_withhold_ground",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def display_label(self) -> str:
        """The title in the reader's language; the stored Dutch for an item collected before its parameters were."""
        if self.label_params is None or self.object_type not in ITEM_LABELS:
            return self.label
        return item_label(self.object_type, self.label_params)


class Rectification(models.Model):
    """A correction of the person record made on a rectification request (AVG art. 16): what was, what is, why."""

    request = models.ForeignKey(SubjectRequest, on_delete=models.CASCADE, related_name="rectifications")
    field = models.CharField(_("gegeven"), max_length=32)
    before = models.CharField(_("was"), max_length=200, blank=True)
    after = models.CharField(_("is nu"), max_length=200)
    reason = models.TextField(_("reden"))
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["made_at", "id"]

    def __str__(self) -> str:
        return f"{self.field}: {self.after}"


class RequestEvent(models.Model):  # noqa: DJ008 (rows, shown through their request)
    request = models.ForeignKey(SubjectRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32)
    text = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]


class RequestCounter(models.Model):
    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
