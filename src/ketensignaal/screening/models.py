"""Screening per procedure step (seed 003) and watch lists for human review.

A checklist is versioned data per procedure and touchpoint, maintained by the functional administrator; a
screening records, per person and step, how each item went (done, not done with a reason, not applicable) and
the circumstances seed 003 names as gaps. Watch-list hits are candidates for a person to decide on, never facts.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Procedure(models.TextChoices):
    ASYLUM = "asylum", _("Asielprocedure")
    FAMILY_REUNIFICATION = "family-reunification", _("Nareisprocedure")


# The touchpoints' own procedure codes (intake.Touchpoint.procedure) per screening procedure.
TOUCHPOINT_PROCEDURE: dict[str, str] = {Procedure.ASYLUM.value: "asiel", Procedure.FAMILY_REUNIFICATION.value: "nareis"}


class Checklist(models.Model):
    """One version of the checklist of a procedure step. Answered versions are frozen; edits make a new version."""

    procedure = models.CharField(_("procedure"), max_length=32, choices=Procedure.choices)
    touchpoint = models.ForeignKey("intake.Touchpoint", on_delete=models.PROTECT, verbose_name=_("contactmoment"))
    version = models.PositiveIntegerField(_("versie"), default=1)
    is_current = models.BooleanField(_("actueel"), default=True)
    open_source_minimum = models.PositiveSmallIntegerField(
        _("minimum aantal zoekslagen open bronnen"),
        default=0,
        help_text=_("Volgens de screeningsinstructie; 0 als open-bronnenonderzoek bij deze stap niet hoort."),
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("vastgesteld op"), default=timezone.now)

    class Meta:
        ordering = ["procedure", "touchpoint__position", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "touchpoint", "version"], name="checklist_version_unique"),
            models.UniqueConstraint(
                fields=["procedure", "touchpoint"], condition=models.Q(is_current=True), name="checklist_one_current"
            ),
        ]
        verbose_name = _("screeningschecklist")
        verbose_name_plural = _("screeningschecklists")

    def __str__(self) -> str:
        return f"{self.get_procedure_display()} · {self.touchpoint.code} · v{self.version}"


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items", verbose_name=_("checklist"))
    code = models.SlugField(_("code"), max_length=64)
    label = models.CharField(_("omschrijving"), max_length=300)
    label_en = models.CharField(_("omschrijving (Engels)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["checklist", "code"], name="checklist_item_code_unique")]
        verbose_name = _("checklistonderdeel")
        verbose_name_plural = _("checklistonderdelen")

    def __str__(self) -> str:
        return self.code


class AnswerStatus(models.TextChoices):
    DONE = "done", _("Gedaan")
    NOT_DONE = "not-done", _("Niet gedaan")
    NOT_APPLICABLE = "not-applicable", _("Niet van toepassing")


class HearingMode(models.TextChoices):
    IN_PERSON = "in-person", _("Gehoor in persoon")
    WRITTEN = "written", _("Schriftelijk gehoor")
    TELE = "tele", _("Telehoren")
    NONE = "none", _("Geen gehoor bij deze stap")


class DataCarrierHandling(models.TextChoices):
    READ_OUT = "read-out", _("Uitgelezen")
    QUICK_SCAN = "quick-scan", _("Alleen quick scan")
    NOT_EXAMINED = "not-examined", _("Niet onderzocht")
    NO_CARRIER = "no-carrier", _("Geen gegevensdrager")


class IdentityBasis(models.TextChoices):
    DOCUMENT = "document", _("Identiteitsdocument")
    LAISSEZ_PASSER = "laissez-passer", _("Laissez-passer")
    PLAUSIBLE = "plausible", _("Alleen aannemelijk gemaakt")
    UNKNOWN = "unknown", _("Onbekend")


class Gap(models.TextChoices):
    """What the 2023 system check found wanting (seed 003), counted rather than hidden."""

    QUICK_SCAN_ONLY = "quick-scan-only", _("Gegevensdrager alleen quick scan")
    WRITTEN_HEARING = "written-hearing", _("Schriftelijk gehoor")
    TELE_HEARING = "tele-hearing", _("Telehoren")
    UNDOCUMENTED = "undocumented", _("Ongedocumenteerd")
    THIN_SIS_ALERT = "thin-sis-alert", _("Summiere SIS-signalering")
    OPEN_SOURCE_MINIMUM = "open-source-minimum-not-reached", _("Minimum open-bronnenonderzoek niet gehaald")


class Screening(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey("persons.Person", on_delete=models.PROTECT, related_name="screenings")
    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="screenings")
    procedure = models.CharField(max_length=32, choices=Procedure.choices)
    touchpoint = models.ForeignKey("intake.Touchpoint", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    screener = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    screened_at = models.DateTimeField(default=timezone.now)
    hearing_mode = models.CharField(max_length=16, choices=HearingMode.choices, blank=True)
    data_carrier_handling = models.CharField(max_length=16, choices=DataCarrierHandling.choices, blank=True)
    identity_basis = models.CharField(max_length=16, choices=IdentityBasis.choices, default=IdentityBasis.UNKNOWN)
    open_source_minutes = models.PositiveIntegerField(null=True, blank=True)
    open_source_searches = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-screened_at"]
        indexes = [models.Index(fields=["person", "screened_at"]), models.Index(fields=["screened_at"])]

    def __str__(self) -> str:
        return f"screening {self.pk}"


class ScreeningAnswer(models.Model):  # noqa: DJ008 (rows, shown through their screening)
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="answers")
    item_code = models.SlugField(max_length=64)
    status = models.CharField(max_length=16, choices=AnswerStatus.choices)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]


class SisPurpose(models.TextChoices):
    REFUSAL_OF_ENTRY = "refusal-of-entry", _("Weigering van toegang")
    DISCREET_CHECK = "discreet-check", _("Onopvallende controle")
    SPECIFIC_CHECK = "specific-check", _("Gerichte controle")


class SisAlert(models.Model):  # noqa: DJ008 (rows, shown through their screening)
    """A Schengen alert as structure: what it says, what was asked of the issuing state and what came back."""

    screening = models.OneToOneField(Screening, on_delete=models.CASCADE, related_name="sis_alert")
    purpose = models.CharField(max_length=32, choices=SisPurpose.choices)
    issuing_state = models.CharField(max_length=3)
    content = models.TextField(blank=True)
    more_information_requested = models.BooleanField(default=False)
    answer = models.TextField(blank=True)
    thin = models.BooleanField(default=False)


class ScreeningGap(models.Model):  # noqa: DJ008 (rows, shown through their screening)
    """One gap of one screening, derived when it is recorded (screening.gaps), kept as rows for counting."""

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="gaps")
    code = models.CharField(max_length=40, choices=Gap.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["screening", "code"], name="screening_gap_unique")]


class WatchList(models.Model):
    """A list (e.g. a sanctions list) that a screener may check one person against, over a registered flow."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.ForeignKey("identity.Organisation", on_delete=models.PROTECT, related_name="+")
    flow = models.ForeignKey("governance.LegalBasisFlow", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    current_version = models.ForeignKey("WatchListVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ImportFormat(models.TextChoices):
    FTM = "ftm", _("FollowTheMoney JSON lines")
    CSV = "csv", _("CSV")


class ImportStatus(models.TextChoices):
    RUNNING = "running", _("Bezig")
    COMPLETE = "complete", _("Voltooid")
    REFUSED = "refused", _("Geweigerd (fouten)")
    FAILED = "failed", _("Mislukt")


class WatchListVersion(models.Model):
    """One import of a list. Only a complete import becomes current; a refused or failed one leaves no entries."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    watch_list = models.ForeignKey(WatchList, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    format = models.CharField(max_length=8, choices=ImportFormat.choices)
    filename = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=ImportStatus.choices, default=ImportStatus.RUNNING)
    total_lines = models.PositiveIntegerField(default=0)
    processed_lines = models.PositiveIntegerField(default=0)
    entries_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["watch_list", "version"], name="watch_list_version_unique")]

    def __str__(self) -> str:
        return f"{self.watch_list_id} v{self.version}"


class WatchListEntry(models.Model):  # noqa: DJ008 (rows, shown through their list)
    version = models.ForeignKey(WatchListVersion, on_delete=models.CASCADE, related_name="entries")
    external_id = models.CharField(max_length=200)
    caption = models.CharField(max_length=300)
    names = models.JSONField(default=list, help_text="[{name, script, kind}] as published")
    birth_dates = models.JSONField(default=list)
    nationalities = models.JSONField(default=list)
    topics = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [models.Index(fields=["version", "external_id"])]


class WatchListNameKey(models.Model):  # noqa: DJ008 (retrieval index)
    """Retrieval key of an entry's name (the same key kinds as person matching); ``version`` is denormalised."""

    entry = models.ForeignKey(WatchListEntry, on_delete=models.CASCADE, related_name="keys")
    version = models.ForeignKey(WatchListVersion, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=2)
    value = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["version", "kind", "value"], name="watch_list_key_idx")]


class WatchListCheck(models.Model):
    """One on-demand check of one person at a procedure step, with the case-level justification."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey("persons.Person", on_delete=models.PROTECT, related_name="watch_list_checks")
    watch_list = models.ForeignKey(WatchList, on_delete=models.PROTECT, related_name="checks")
    version = models.ForeignKey(WatchListVersion, on_delete=models.PROTECT, related_name="checks")
    touchpoint = models.ForeignKey("intake.Touchpoint", on_delete=models.PROTECT, related_name="+")
    justification = models.TextField()
    legal_basis = models.CharField(max_length=120)
    unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-checked_at"]

    def __str__(self) -> str:
        return f"check {self.pk}"


class HitDecision(models.TextChoices):
    SAME_PERSON = "same-person", _("Dezelfde persoon")
    NOT_SAME_PERSON = "not-same-person", _("Niet dezelfde persoon")
    UNSURE = "unsure", _("Onzeker")


class WatchListHit(models.Model):
    """A candidate entry for a person to decide on. The similarity only orders the candidates."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    watch_check = models.ForeignKey(WatchListCheck, on_delete=models.CASCADE, related_name="hits")
    entry = models.ForeignKey(WatchListEntry, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField()
    similarity = models.FloatField()
    explanation = models.JSONField(default=dict)
    decision = models.CharField(max_length=16, choices=HitDecision.choices, blank=True)
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["rank"]

    def __str__(self) -> str:
        return f"hit {self.pk}"
