"""The LIV care-oriented assessment trajectory (DOMAIN.md §9).

Deliberately no numeric field on any assessment model apart from ids and
format versions: factors are recorded as present / absent / unknown with an
explanation, never weighed into a figure about the person (principle 2 and 3).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketensignaal.core.dates import long_date


class Phase(models.TextChoices):
    WEIGHING = "weighing", _("Weging")
    NOT_ACCEPTED = "not-accepted", _("Niet aangenomen")
    INTAKE = "intake", _("Intake")
    INTERPRETATION = "interpretation", _("Duiding")
    ADVICE = "advice", _("Advies")
    CLOSED = "closed", _("Afgesloten")


class FormatPhase(models.TextChoices):
    """Phases that have a mandatory format. ``closure`` is filled during advice, before closing."""

    INTAKE = "intake", _("Intake")
    INTERPRETATION = "interpretation", _("Duiding")
    ADVICE = "advice", _("Advies")
    CLOSURE = "closure", _("Afsluiting")


class Source(models.TextChoices):
    PARTNER = "partner", _("Ketenpartner")
    LRO = "lro", _("Verwijzing door het LRO")
    DIRECT = "direct", _("Rechtstreeks bij het LIV")


class FactorKind(models.TextChoices):
    RISK = "risk", _("Risicofactor")
    PROTECTIVE = "protective", _("Beschermende factor")


class StoryPhase(models.TextChoices):
    ORIGIN = "origin", _("Land van herkomst en ervaringen daar")
    FLIGHT = "flight", _("De vlucht")
    NETHERLANDS = "netherlands", _("Aankomst en verblijf in Nederland")


class Presence(models.TextChoices):
    PRESENT = "present", _("Aanwezig")
    ABSENT = "absent", _("Afwezig")
    UNKNOWN = "unknown", _("Onbekend")


class Conclusion(models.TextChoices):
    NO_RADICALISATION = "no-radicalisation", _("Geen radicalisering / geen CTER")
    NORMATIVE_FRAME = "normative-frame-concerns", _("Zorgen over het normatieve referentiekader")
    PSYCHOLOGICAL = "psychological-problems", _("Psychische problematiek")
    CTER = "cter-concerns", _("CTER-zorgen (melden aan de veiligheidspartners)")


class ExpertiseKind(models.TextChoices):
    RADICALISATION = "interpreter-of-radicalisation", _("Duider radicalisering")
    THERAPIST = "therapist", _("Behandelaar / therapeut")
    PSYCHIATRIST = "psychiatrist", _("Psychiater")
    PSYCHOLOGIST = "psychologist", _("Psycholoog")
    CULTURAL = "cultural-expert", _("Cultureel deskundige")
    RELIGIOUS = "religious-expert", _("Religiedeskundige")
    LANGUAGE_INTERPRETER = "language-interpreter", _("Tolk")


class WeighingCriterion(models.Model):
    """A question answered at the weighing moment; maintained by the functional administrator."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    label = models.CharField(_("vraag"), max_length=300)
    label_en = models.CharField(_("vraag (Engels)"), max_length=300, blank=True)
    help_text = models.TextField(_("toelichting"), blank=True)
    help_text_en = models.TextField(_("toelichting (Engels)"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("wegingscriterium")
        verbose_name_plural = _("wegingscriteria (afwegingskader)")

    def __str__(self) -> str:
        return self.label


class PhaseFormat(models.Model):
    """One version of a phase's mandatory format: ``fields`` = [{key, label, required, help}], each with an optional
    ``label_en`` and ``help_en`` for English readers."""

    phase = models.CharField(_("fase"), max_length=32, choices=FormatPhase.choices)
    version = models.PositiveIntegerField(_("versie"), default=1)
    fields = models.JSONField(_("velden"), default=list, help_text=_('Lijst van {"key", "label", "required", "help"}.'))
    created_at = models.DateTimeField(_("vastgesteld op"), default=timezone.now)

    class Meta:
        ordering = ["phase", "-version"]
        constraints = [models.UniqueConstraint(fields=["phase", "version"], name="liv_phase_format_version_unique")]
        verbose_name = _("fase-format")
        verbose_name_plural = _("fase-formats (verplichte formats)")

    def __str__(self) -> str:
        return f"{self.get_phase_display()} v{self.version}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if not isinstance(self.fields, list):
            raise ValidationError({"fields": _("Een lijst van velden is vereist.")})
        keys = set()
        for item in self.fields:
            if not isinstance(item, dict) or not item.get("key") or not item.get("label"):
                raise ValidationError({"fields": _("Elk veld heeft minstens een 'key' en een 'label'.")})
            if item["key"] in keys:
                raise ValidationError({"fields": _("Veldsleutel '%(key)s' komt dubbel voor.") % {"key": item["key"]}})
            keys.add(item["key"])


class FactorDefinition(models.Model):
    """An entry of the maintainable catalogue of risk and protective factors."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    kind = models.CharField(_("soort"), max_length=16, choices=FactorKind.choices)
    story_phase = models.CharField(_("fase van het verhaal"), max_length=16, choices=StoryPhase.choices)
    label = models.CharField(_("factor"), max_length=200)
    label_en = models.CharField(_("factor (Engels)"), max_length=200, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    description_en = models.TextField(_("beschrijving (Engels)"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["story_phase", "kind", "position", "code"]
        verbose_name = _("factordefinitie")
        verbose_name_plural = _("factorencatalogus")

    def __str__(self) -> str:
        return f"{self.label} ({self.get_kind_display()})"


class Expert(models.Model):
    """A member of the (external) expert pool."""

    name = models.CharField(_("naam"), max_length=200)
    expertise = models.JSONField(
        _("expertise"), default=list, help_text=_("Codes, bijv. interpreter-of-radicalisation, psychiatrist.")
    )
    languages = models.JSONField(_("talen"), default=list, help_text=_("ISO 639-codes, bijv. ar, ti, fa."))
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="liv_expert",
        verbose_name=_("account"),
    )
    is_active = models.BooleanField(_("actief in de pool"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("expert")
        verbose_name_plural = _("expertpool")

    def __str__(self) -> str:
        return self.name

    def expertise_labels(self) -> list[str]:
        names = dict(ExpertiseKind.choices)
        return [str(names.get(code, code)) for code in self.expertise]

    def is_available_on(self, day: object) -> bool:
        return self.is_active and self.availability.filter(starts_on__lte=day, ends_on__gte=day).exists()


class ExpertAvailability(models.Model):
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="availability", verbose_name=_("expert"))
    starts_on = models.DateField(_("beschikbaar vanaf"))
    ends_on = models.DateField(_("beschikbaar tot en met"))
    note = models.CharField(_("opmerking"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("beschikbaarheidsperiode")
        verbose_name_plural = _("beschikbaarheidsperiodes")

    def __str__(self) -> str:
        return f"{long_date(self.starts_on)} t/m {long_date(self.ends_on)}"


class LivTrajectory(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    client = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="liv_trajectories_as_client")
    requesting_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="liv_trajectories_requested")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="liv_requests")
    source = models.CharField(max_length=16, choices=Source.choices)
    question = models.TextField(_("hulpvraag"))
    signals = models.ManyToManyField("intake.Signal", blank=True, related_name="liv_trajectories")
    person_language = models.CharField(_("taal van de persoon"), max_length=40, blank=True)
    interpreter_needed = models.BooleanField(_("tolk nodig"), null=True, blank=True)
    phase = models.CharField(max_length=32, choices=Phase.choices, default=Phase.WEIGHING)

    # Weighing
    accepted = models.BooleanField(null=True)
    weighed_at = models.DateTimeField(null=True, blank=True)
    weighed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    non_acceptance_reason = models.TextField(blank=True)
    underlying_problem = models.TextField(blank=True)

    # Deadline: a date, moved on resume and extension; never a day counter on the person's file.
    accepted_at = models.DateTimeField(null=True, blank=True)
    deadline = models.DateField(null=True, blank=True)
    paused_since = models.DateField(null=True, blank=True)
    warned_six_weeks_at = models.DateTimeField(null=True, blank=True)
    warned_two_weeks_at = models.DateTimeField(null=True, blank=True)

    # Conclusion and advice
    conclusions = models.JSONField(default=list, blank=True)
    advice = models.TextField(blank=True)
    cter_reported_by = models.CharField(max_length=200, blank=True)
    cter_reported_at = models.DateTimeField(null=True, blank=True)
    cter_reported_to = models.CharField(max_length=300, blank=True)

    # Delivery of the advisory report
    report_delivered_at = models.DateTimeField(null=True, blank=True)
    report_delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    report_delivered_to = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "created_at"]
        indexes = [models.Index(fields=["phase", "deadline"], name="liv_phase_deadline_idx")]
        verbose_name = _("LIV-traject")
        verbose_name_plural = _("LIV-trajecten")

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.phase in (Phase.INTAKE, Phase.INTERPRETATION, Phase.ADVICE)


class WeighingAnswer(models.Model):
    trajectory = models.ForeignKey(LivTrajectory, on_delete=models.CASCADE, related_name="weighing_answers")
    criterion = models.ForeignKey(WeighingCriterion, on_delete=models.PROTECT)
    answer = models.BooleanField()
    explanation = models.TextField()

    class Meta:
        ordering = ["criterion__position"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "criterion"], name="liv_weighing_answer_unique")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {'ja' if self.answer else 'nee'}"


class PhaseRecord(models.Model):
    """The answers to one phase's format, with the format version they were given against."""

    trajectory = models.ForeignKey(LivTrajectory, on_delete=models.CASCADE, related_name="phase_records")
    phase = models.CharField(max_length=32, choices=FormatPhase.choices)
    format = models.ForeignKey(PhaseFormat, on_delete=models.PROTECT)
    answers = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trajectory", "phase"], name="liv_phase_record_unique")]

    def __str__(self) -> str:
        return f"{self.phase} (format {self.format_id})"


class RecordedFactor(models.Model):
    trajectory = models.ForeignKey(LivTrajectory, on_delete=models.CASCADE, related_name="factors")
    definition = models.ForeignKey(FactorDefinition, on_delete=models.PROTECT)
    presence = models.CharField(max_length=16, choices=Presence.choices)
    explanation = models.TextField()
    source = models.CharField(max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["definition__story_phase", "definition__kind", "definition__position"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "definition"], name="liv_factor_unique")]

    def __str__(self) -> str:
        return f"{self.definition_id}: {self.presence}"


class Assignment(models.Model):
    """A team member on a trajectory: an LSE staff member or an expert from the pool."""

    trajectory = models.ForeignKey(LivTrajectory, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, null=True, blank=True, related_name="assignments")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="liv_assignments"
    )
    task = models.CharField(_("taak"), max_length=200, blank=True)
    assigned_at = models.DateTimeField(default=timezone.now)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["assigned_at"]

    def __str__(self) -> str:
        return str(self.expert or self.staff)


class DeadlineEventKind(models.TextChoices):
    STARTED = "started", _("Termijn gestart")
    PAUSED = "paused", _("Gepauzeerd")
    RESUMED = "resumed", _("Hervat")
    EXTENDED = "extended", _("Verlengd")
    WARNED_SIX = "warned-6w", _("Waarschuwing: zes weken")
    WARNED_TWO = "warned-2w", _("Waarschuwing: twee weken")


class DeadlineEvent(models.Model):
    trajectory = models.ForeignKey(LivTrajectory, on_delete=models.CASCADE, related_name="deadline_events")
    kind = models.CharField(max_length=16, choices=DeadlineEventKind.choices)
    reason = models.TextField(blank=True)
    deadline_after = models.DateField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%d-%m-%Y}"
