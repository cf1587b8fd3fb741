"""Legal-basis register, register of processing activities, processing log.

The processing log (*verwerkingenlog*) follows the fields of the Logius
"Logboek Dataverwerkingen" standard: trace and span id, time in UTC, the
processing activity, a pseudonymised data-subject reference, the action, the
object, the legal-basis flow version and the result. Who acted lives in the
linked :class:`AuditRecord`, and its fields are inside the entry's hash. Both
tables are append-only (plain PostgreSQL triggers refuse UPDATE, DELETE and,
for anyone but the table owner, TRUNCATE; the application's database role has
no such privileges either — migration 0004, ``ketensignaal db-roles``) and
entries are hash-chained; signed checkpoints outside the database anchor the
chain (``governance.checkpoints``).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FlowStatus(models.TextChoices):
    ESTABLISHED = "established", _("Grondslag vastgesteld")
    NO_LEGAL_BASIS = "no-legal-basis", _("Geen grondslag vastgesteld")


class LegalBasisFlow(models.Model):
    """One version of a registered flow of data from one organisation to another.

    A covenant is recorded as governing the flow but is never its basis: the
    ``statutory_basis`` must name the law.
    """

    code = models.SlugField(max_length=100)
    version = models.PositiveIntegerField(default=1)
    name = models.CharField(_("naam"), max_length=200)
    from_organisation = models.ForeignKey("identity.Organisation", on_delete=models.PROTECT, related_name="flows_out")
    to_organisation = models.ForeignKey("identity.Organisation", on_delete=models.PROTECT, related_name="flows_in")
    purpose = models.TextField(_("doel"))
    statutory_basis = models.CharField(_("wettelijke grondslag"), max_length=300, blank=True)
    covenant = models.CharField(_("convenant (geen grondslag op zich)"), max_length=300, blank=True)
    data_categories = models.JSONField(_("gegevenscategorieën"), default=list)
    signal_categories = models.JSONField(_("signaalcategorieën"), default=list)
    status = models.CharField(max_length=32, choices=FlowStatus.choices, default=FlowStatus.ESTABLISHED)
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    is_current = models.BooleanField(
        default=True, help_text=_("Alleen de actuele versie wordt voor nieuwe verstrekkingen gebruikt.")
    )
    named_use_only = models.BooleanField(
        _("alleen bij naam"),
        default=False,
        help_text=_(
            "Deze stroom draagt alleen de stap die haar bij naam vraagt (bijv. het acuut-alarm), nooit een gewone "
            "verstrekking tussen dezelfde organisaties."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="flow_code_version_unique")]
        indexes = [models.Index(fields=["from_organisation", "to_organisation", "is_current"])]
        verbose_name = _("gegevensstroom")
        verbose_name_plural = _("gegevensstromen (grondslagenregister)")

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def version_label(self) -> str:
        return f"{self.code}@v{self.version}"


class ProcessingActivity(models.Model):
    """An entry of the register of processing activities (AVG art. 30).

    Every processing-log entry references one: the log's ``activity`` column holds the entry's ``code`` (a value of
    :class:`governance.activities.Activity`), which is inside the entry's hash. The code is therefore fixed once
    loaded; what the privacy officer and the functional administrator maintain is the description, and each change
    is kept in :class:`ProcessingActivityChange` and logged (ADR "processing register and subject rights").
    """

    code = models.SlugField(max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    purpose = models.TextField(_("doel"))
    legal_basis = models.CharField(_("grondslag"), max_length=300)
    controller = models.CharField(
        _("verwerkingsverantwoordelijke"),
        max_length=300,
        blank=True,
        help_text=_("De organisatie(s) die voor deze verwerking verantwoordelijk zijn; gezamenlijk waar dat zo is."),
    )
    data_subjects = models.JSONField(_("categorieën betrokkenen"), default=list, blank=True)
    data_categories = models.JSONField(_("categorieën persoonsgegevens"), default=list, blank=True)
    recipients = models.JSONField(_("ontvangers"), default=list, blank=True)
    retention = models.TextField(_("bewaartermijn"), blank=True)
    security_measures = models.TextField(_("beveiligingsmaatregelen"), blank=True)
    # The same entry in English, for English readers (the Dutch shows where no English was written).
    name_en = models.CharField(_("naam (Engels)"), max_length=200, blank=True)
    purpose_en = models.TextField(_("doel (Engels)"), blank=True)
    legal_basis_en = models.CharField(_("grondslag (Engels)"), max_length=300, blank=True)
    controller_en = models.CharField(_("verwerkingsverantwoordelijke (Engels)"), max_length=300, blank=True)
    data_subjects_en = models.JSONField(_("categorieën betrokkenen (Engels)"), default=list, blank=True)
    data_categories_en = models.JSONField(_("categorieën persoonsgegevens (Engels)"), default=list, blank=True)
    recipients_en = models.JSONField(_("ontvangers (Engels)"), default=list, blank=True)
    retention_en = models.TextField(_("bewaartermijn (Engels)"), blank=True)
    security_measures_en = models.TextField(_("beveiligingsmaatregelen (Engels)"), blank=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), default=timezone.now)

    class Meta:
        ordering = ["code"]
        verbose_name = _("verwerkingsactiviteit")
        verbose_name_plural = _("register van verwerkingsactiviteiten")

    def __str__(self) -> str:
        return self.name


class ProcessingActivityChange(models.Model):
    """One change to a register entry: who, when, why, and each changed field before and after."""

    activity = models.ForeignKey(ProcessingActivity, on_delete=models.PROTECT, related_name="changes")
    changed_by = models.ForeignKey("identity.User", on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(_("reden van de wijziging"))
    changes = models.JSONField(default=dict, help_text=_("Per veld: [oud, nieuw]."))

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("wijziging van het verwerkingsregister")
        verbose_name_plural = _("wijzigingen van het verwerkingsregister")

    def __str__(self) -> str:
        return f"{self.activity_id} {self.changed_at:%Y-%m-%d}"


class LogAction(models.TextChoices):
    READ = "read", _("inzien")
    CREATE = "create", _("aanmaken")
    UPDATE = "update", _("wijzigen")
    DISCLOSE = "disclose", _("verstrekken")
    DELETE = "delete", _("verwijderen")


class LogResult(models.TextChoices):
    SUCCESS = "success", _("gelukt")
    REFUSED = "refused", _("geweigerd")


class ProcessingLogEntry(models.Model):
    sequence = models.BigIntegerField(primary_key=True)
    trace_id = models.CharField(max_length=32)
    span_id = models.CharField(max_length=16)
    parent_span_id = models.CharField(max_length=16, blank=True)
    occurred_at = models.DateTimeField()
    activity = models.CharField(max_length=100)
    data_subject_ref = models.CharField(max_length=64, blank=True)
    action = models.CharField(max_length=16, choices=LogAction.choices)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    legal_basis = models.CharField(max_length=120, blank=True)
    result = models.CharField(max_length=16, choices=LogResult.choices, default=LogResult.SUCCESS)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["sequence"]
        # Looked up by equality only (everything about one data subject): a plain btree, no LIKE (pattern-ops) twin,
        # so every appended entry updates two indexes, not three.
        indexes = [models.Index(fields=["data_subject_ref"], name="log_subject_idx")]
        verbose_name = _("verwerkingenlogregel")
        verbose_name_plural = _("verwerkingenlog")

    def __str__(self) -> str:
        return f"{self.sequence} {self.activity} {self.action}"


class AuditRecord(models.Model):
    """Who acted for a log entry. Kept apart so the log itself holds no staff identities, but covered by the
    entry's hash: changing who acted breaks the chain like changing what was done."""

    # No database constraint (migration 0010): a large step's thousands of audit records each paid a deferred
    # foreign-key check at COMMIT. Both tables are append-only, and verify-log names an entry without its audit
    # record and an audit record without its entry.
    entry = models.OneToOneField(
        ProcessingLogEntry, on_delete=models.PROTECT, primary_key=True, related_name="audit", db_constraint=False
    )
    actor_id = models.BigIntegerField(null=True)
    actor_username = models.CharField(max_length=150)
    actor_unit = models.CharField(max_length=100, blank=True)
    actor_roles = models.CharField(
        max_length=300, blank=True, help_text=_("Rolcodes van de handelende, gesorteerd, met komma's.")
    )
    channel = models.CharField(max_length=16, default="web")

    def __str__(self) -> str:
        return f"{self.entry_id} {self.actor_username}"


class LogHead(models.Model):
    """The single row that holds the chain's tip; locked while appending, so appends are serial."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.BigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("kop van het verwerkingenlog")

    def __str__(self) -> str:
        return f"head {self.sequence}"


def actor_label(user: Any) -> str:
    return getattr(user, "username", "") or "system"


class SensitiveMark(models.Model):
    """A person or case marked sensitive: opening it asks for a reason (break-the-glass), which is reviewed."""

    object_type = models.CharField(max_length=32)
    object_id = models.CharField(max_length=64)
    reason = models.TextField(_("waarom gevoelig"))
    marked_by = models.ForeignKey("identity.User", on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["object_type", "object_id"], name="sensitive_mark_unique")]
        verbose_name = _("gevoelig dossier")
        verbose_name_plural = _("gevoelige dossiers")

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id}"


class BreakGlassAccess(models.Model):
    """Someone opened a sensitive file and gave a reason: lands in their organisation's privacy officer's queue."""

    object_type = models.CharField(max_length=32)
    object_id = models.CharField(max_length=64)
    user = models.ForeignKey("identity.User", on_delete=models.PROTECT, related_name="+")
    organisation_code = models.CharField(max_length=64, help_text=_("Organisatie van wie inzag (voor de privacyfunctionaris)."))
    reason = models.TextField(_("reden van inzage"))
    at = models.DateTimeField(default=timezone.now)
    trace_id = models.CharField(max_length=32, blank=True)
    reviewed_by = models.ForeignKey("identity.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["organisation_code", "reviewed_at", "-at"], name="break_glass_queue_idx"),
            models.Index(fields=["object_type", "object_id", "user", "-at"], name="break_glass_object_idx"),
        ]
        verbose_name = _("inzage van een gevoelig dossier")
        verbose_name_plural = _("inzagen van gevoelige dossiers")

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} {self.at:%Y-%m-%d}"
