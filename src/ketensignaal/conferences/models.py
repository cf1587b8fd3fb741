"""Local case conferences (*casusoverleg*), led by a municipality (DOMAIN.md §10, seed 004).

A case is about one person who (threatens to) radicalise. It starts from a
partner's report to the municipality or from a signal the municipality holds
(linked, never copied), is triaged (by a *weegploeg* where the municipality
has one), discussed in the conference with partners invited per case, given a
case director and a plan of action with measures owned by their competent
organisations, reviewed periodically, and scaled down with continued attention
before it closes. Nothing here scores or ranks a person (principle 2): the
models hold decisions people took and their reasons.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    TRIAGE = "triage", _("Weging")
    NOT_ADMITTED = "not-admitted", _("Niet toegelaten")
    CONFERENCE = "conference", _("Casusoverleg")
    MONITORING = "monitoring", _("Monitoring")
    SCALED_DOWN = "scaled-down", _("Afgeschaald")
    CLOSED = "closed", _("Afgesloten")


class MunicipalitySetup(models.Model):
    """How one municipality runs its local approach: triage group and review meeting (configurable, §10)."""

    municipality = models.OneToOneField(
        "identity.Unit", on_delete=models.CASCADE, related_name="conference_setup", verbose_name=_("gemeente")
    )
    has_triage_group = models.BooleanField(
        _("weegploeg"), default=False, help_text=_("Beslist een weegploeg van de lokale driehoek over toelating?")
    )
    triage_group_members = models.ManyToManyField(
        "identity.Unit", blank=True, related_name="+", verbose_name=_("leden van de weegploeg")
    )
    has_review_meeting = models.BooleanField(
        _("toetsingsoverleg"), default=False, help_text=_("Worden casussen periodiek getoetst in een toetsingsoverleg?")
    )
    review_interval_days = models.PositiveSmallIntegerField(_("termijn herbeoordeling (dagen)"), default=42)
    attention_days = models.PositiveSmallIntegerField(_("standaard nazorgperiode na afschalen (dagen)"), default=180)
    rsin = models.CharField(_("RSIN van de gemeente"), max_length=9, blank=True, help_text=_("Bronorganisatie in de ZGW-export."))

    class Meta:
        verbose_name = _("inrichting casusoverleg")
        verbose_name_plural = _("inrichting casusoverleg per gemeente")

    def __str__(self) -> str:
        return str(self.municipality)


class ConferenceCase(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    municipality = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="conference_cases")
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.TRIAGE)
    reason = models.TextField(_("aanleiding"))
    reporting_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signals = models.ManyToManyField("intake.Signal", blank=True, related_name="conference_cases")

    # Subject, as for signals (names in CaseSubjectName).
    v_number = models.CharField(max_length=10, blank=True)
    date_of_birth = models.CharField(max_length=10, blank=True)
    nationality = models.CharField(max_length=3, blank=True)
    minor = models.BooleanField(null=True)

    # Triage (weging): by the municipality or its weegploeg, with the reason.
    admitted = models.BooleanField(null=True)
    triage_reason = models.TextField(blank=True)
    triage_body = models.CharField(max_length=200, blank=True)
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    # Case director (casusregisseur) from the organisation whose problem leads.
    case_director = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="directed_conference_cases"
    )
    case_director_reason = models.TextField(blank=True)

    # Plan of action (goals; measures in Measure).
    plan_goals = models.TextField(_("doelen van het plan van aanpak"), blank=True)
    sentence_in_execution = models.BooleanField(
        _("vonnis in tenuitvoerlegging"), default=False, help_text=_("Dan heeft het OM het laatste woord over de aanpak.")
    )
    next_review = models.DateField(null=True, blank=True)
    attention_until = models.DateField(null=True, blank=True)

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["municipality", "-created_at"], name="conf_case_muni_idx")]
        verbose_name = _("casus (casusoverleg)")
        verbose_name_plural = _("casussen (casusoverleg)")

    def __str__(self) -> str:
        return self.reference


class CaseSubjectName(models.Model):
    case = models.ForeignKey(ConferenceCase, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    script = models.CharField(max_length=4, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"name {self.position} of case {self.case_id}"


class CaseSubjectKey(models.Model):
    """Keyed match keys for 'known elsewhere?' (V-number, or name skeleton with birth year); never shown."""

    case = models.ForeignKey(ConferenceCase, on_delete=models.CASCADE, related_name="subject_keys")
    key = models.CharField(max_length=64, db_index=True)

    def __str__(self) -> str:
        return f"key of {self.case_id}"


class PhaseChange(models.Model):
    """History of the transition table: every phase change with who, when and why."""

    case = models.ForeignKey(ConferenceCase, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=16, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=16, choices=Phase.choices)
    action = models.CharField(max_length=32)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_phase or '—'} → {self.to_phase}"


class InvitationEnd(models.TextChoices):
    WITHDRAWN = "withdrawn", _("Uitnodiging ingetrokken")
    SCALED_DOWN = "scaled-down", _("Casus afgeschaald")
    CLOSED = "closed", _("Casus afgesloten")


class Invitation(models.Model):
    """A unit of another organisation invited to one case, over a registered flow with a case-level justification."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(ConferenceCase, on_delete=models.CASCADE, related_name="invitations")
    unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="conference_invitations")
    purpose = models.TextField(_("doel"))
    justification = models.TextField(_("onderbouwing in deze casus"))
    flow = models.ForeignKey("governance.LegalBasisFlow", on_delete=models.PROTECT, related_name="+")
    flow_version_label = models.CharField(max_length=120)
    on_own_judgement = models.BooleanField(
        default=False, help_text=_("Organisatie deelt alleen op eigen afweging; er wordt nooit automatisch iets gevraagd.")
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=16, choices=InvitationEnd.choices, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    withdrawal_note = models.TextField(blank=True)

    class Meta:
        ordering = ["invited_at"]
        indexes = [models.Index(fields=["unit", "ended_at"], name="conf_invitation_unit_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "unit"], condition=models.Q(ended_at__isnull=True), name="conf_one_open_invitation_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} @ {self.case_id}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class MeasureType(models.Model):
    """An entry of the measures catalogue (API.md codes), with the organisations competent to own it."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    label = models.CharField(_("maatregel"), max_length=200)
    label_en = models.CharField(_("maatregel (Engels)"), max_length=200, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    competent_organisations = models.ManyToManyField(
        "identity.Organisation", blank=True, related_name="+", verbose_name=_("bevoegde organisaties")
    )
    municipality_competent = models.BooleanField(
        _("de gemeente van de casus is bevoegd"), default=False, help_text=_("Bijv. wijkteam, werk en inkomen.")
    )
    touches_sentence = models.BooleanField(
        _("raakt een vonnis"), default=False, help_text=_("Bij een vonnis in tenuitvoerlegging heeft het OM het laatste woord.")
    )
    source_note = models.TextField(_("bron"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("maatregel (catalogus)")
        verbose_name_plural = _("maatregelencatalogus")

    def __str__(self) -> str:
        return self.label


class InterferenceRule(models.Model):
    """Two measures that can work against each other (seed 004), with who to consult. Data, not code."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    first = models.ForeignKey(MeasureType, on_delete=models.CASCADE, related_name="+", verbose_name=_("maatregel"))
    second = models.ForeignKey(MeasureType, on_delete=models.CASCADE, related_name="+", verbose_name=_("andere maatregel"))
    detail = models.TextField(_("wat er kan gebeuren"))
    detail_en = models.TextField(_("wat er kan gebeuren (Engels)"), blank=True)
    coordination = models.TextField(_("afstemming: wie raadplegen"))
    coordination_en = models.TextField(_("afstemming: wie raadplegen (Engels)"), blank=True)
    source_note = models.TextField(_("bron"), blank=True)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("interferentieregel")
        verbose_name_plural = _("interferentieregels")

    def __str__(self) -> str:
        return f"{self.first} / {self.second}"


class MeasureStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    RUNNING = "running", _("Loopt")
    ENDED = "ended", _("Beëindigd")


class Measure(models.Model):
    """A line of the plan of action: a measure with its goal, owner (competent organisation) and review date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(ConferenceCase, on_delete=models.CASCADE, related_name="measures")
    measure_type = models.ForeignKey(MeasureType, on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    goal = models.TextField(_("doel"))
    review = models.DateField(_("evaluatiedatum"))
    status = models.CharField(max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["proposed_at"]

    def __str__(self) -> str:
        return f"{self.measure_type_id} ({self.owner_id})"


class WarningChoice(models.TextChoices):
    CONSULT = "consult", _("We stemmen af via de genoemde route")
    PROCEED = "proceed", _("Beide maatregelen doorzetten; afweging vastgelegd")
    RECONSIDER = "reconsider", _("Een van de maatregelen heroverwegen")


class MeasureWarning(models.Model):
    """An interference warning raised when a measure was proposed; acknowledged with a recorded choice, never blocking."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(ConferenceCase, on_delete=models.CASCADE, related_name="warnings")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="warnings")
    other = models.ForeignKey(Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    rule = models.ForeignKey(InterferenceRule, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    code = models.CharField(max_length=64)
    detail = models.TextField()
    detail_en = models.TextField(blank=True)
    coordination = models.TextField()
    coordination_en = models.TextField(blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    choice = models.CharField(max_length=16, choices=WarningChoice.choices, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.code


class Review(models.Model):
    """A periodic review: what changed since the last one, and when the next one is due."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(ConferenceCase, on_delete=models.CASCADE, related_name="reviews")
    summary = models.TextField(_("samenvatting"))
    changes_since_last = models.TextField(_("wat is er veranderd sinds de vorige herbeoordeling"))
    next_review = models.DateField(_("volgende herbeoordeling"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"review {self.recorded_at:%d-%m-%Y}"


class ProgressNote(models.Model):
    """Progress recorded by the case director, or a partner's contribution (marked when given on own judgement)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(ConferenceCase, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    on_own_judgement = models.BooleanField(default=False)
    flow_version_label = models.CharField(max_length=120, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"note {self.at:%d-%m-%Y}"


class ScaleDownRecord(models.Model):
    """Why and until when a case stays in attention; measures that continue outside the conference."""

    case = models.OneToOneField(ConferenceCase, on_delete=models.CASCADE, related_name="scale_down")
    reason = models.TextField()
    attention_until = models.DateField()
    continuing_measures = models.JSONField(default=list)
    ended_units = models.JSONField(default=list)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"scale-down of {self.case_id}"


class KnownElsewhereQuery(models.Model):
    """A municipality asked whether a person is a case elsewhere; the asker learns only hit or no hit."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    asking_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    hit = models.BooleanField()
    matched_cases = models.ManyToManyField(ConferenceCase, blank=True, related_name="known_elsewhere_queries")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"known-elsewhere {self.at:%d-%m-%Y}"


class CaseCounter(models.Model):
    """Per-year counter for human references (CO-2026-000012)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class ReviewMeetingOutcome(models.TextChoices):
    APPROVED = "approved", _("Akkoord: het plan kan worden uitgevoerd")
    RETURNED = "returned", _("Terug naar het casusoverleg: eerst aanpassen")


class ReviewMeetingDecision(models.Model):
    """The review meeting's (*toetsingsoverleg*) judgement on the plan of action, where the municipality has one.

    Records who, when and the outcome, and which measures the judgement covered: a measure proposed after the last
    approval needs a new review before the case moves on to monitoring.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(ConferenceCase, on_delete=models.CASCADE, related_name="review_meeting_decisions")
    outcome = models.CharField(_("uitkomst"), max_length=16, choices=ReviewMeetingOutcome.choices)
    note = models.TextField(_("toelichting"), blank=True)
    measures = models.JSONField(default=list, help_text=_("De maatregelen (ids) waarover het oordeel ging."))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at"]
        verbose_name = _("oordeel toetsingsoverleg")
        verbose_name_plural = _("oordelen toetsingsoverleg")

    def __str__(self) -> str:
        return f"{self.outcome} {self.decided_at:%d-%m-%Y}"


class ReviewReminder(models.Model):
    """A reminder to the case director that a case's review date has passed (one per case, director and date).

    Written by the periodic job ``conference-review-reminders``; the e-mail it sends carries no reference, name or
    content, only that a case needs a review, like the signal deadline notifications.
    """

    case = models.ForeignKey(ConferenceCase, on_delete=models.CASCADE, related_name="review_reminders")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "recipient", "due"], name="conf_review_reminder_once"),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="conf_reminder_unread_idx")]

    def __str__(self) -> str:
        return f"review reminder {self.case_id} {self.due}"


class ReportFeedback(models.Model):
    """Feedback to the partner who reported a person to the municipality: admitted or not, and nothing more.

    The reporting unit is not invited by reporting, so it cannot see the case; this row tells it the outcome of the
    weighing (seed 004: partners want to know what became of their report) without any of the case's content.
    """

    case = models.OneToOneField(ConferenceCase, on_delete=models.CASCADE, related_name="report_feedback")
    unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=20)
    reported_at = models.DateTimeField()
    admitted = models.BooleanField(null=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reported_at"]
        indexes = [models.Index(fields=["unit", "-reported_at"], name="conf_feedback_unit_idx")]

    def __str__(self) -> str:
        return f"feedback {self.reference}"
