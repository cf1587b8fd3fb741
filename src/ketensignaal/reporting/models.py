"""Models of the reporting context: the hop table behind lead-time figures, narratives beside the figures,
the action programme's measures and progress, and the training registry."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HopRecord(models.Model):
    """One stay of a signal at a unit: arrival, departure, working time and whether the service level was met.

    Derived from routing's signal history by :func:`ketensignaal.reporting.hops.hop_records_refresh` (a job), so a
    dashboard aggregates a narrow indexed table instead of re-walking every signal's events on each request.
    """

    signal = models.ForeignKey("intake.Signal", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()
    unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    arrived_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField()
    working_days = models.FloatField(null=True, blank=True, help_text=_("Werkdagen tussen aankomst en vertrek."))
    within_deadline = models.BooleanField(
        null=True, help_text=_("Leeg zolang de schakel loopt en de termijn niet verstreken is.")
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["signal", "position"], name="hop_record_signal_position_unique")]
        # On PostgreSQL a covering index (migration 0002) makes a year's lead times an index-only scan.
        indexes = [models.Index(fields=["arrived_at", "unit"], name="hop_record_arrived_idx")]

    def __str__(self) -> str:
        return f"{self.signal_id} #{self.position} @ {self.unit_id}"


class HopWatermark(models.Model):
    """The last signal event the hop table has seen (a single row)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_event_id = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"hops up to event {self.last_event_id}"


class CaseType(models.TextChoices):
    """Case types a narrative is written for: the categories of signals plus the chain's own processes."""

    ALL = "all", _("Alle signalen")
    SIGNALS = "signals", _("Signalen in de meldstructuur")
    LRO = "lro", _("Landelijk Regie Overleg")
    LIV = "liv", _("LIV-trajecten")
    CONFERENCES = "conferences", _("Lokale casusoverleggen")
    OTHER_EXTREMISM = "other-extremism", _("Andere vormen van extremisme")


class Narrative(models.Model):
    """What went well, what stuck, and examples without personal data, per period and case type (seed 004)."""

    period = models.CharField(_("periode"), max_length=10, help_text=_("2026-T1 (vier maanden), 2026-03 of 2026"))
    case_type = models.CharField(_("soort zaak"), max_length=32, choices=CaseType.choices)
    went_well = models.TextField(_("wat ging goed"), blank=True)
    got_stuck = models.TextField(_("wat liep vast"), blank=True)
    examples = models.TextField(_("voorbeelden (zonder persoonsgegevens)"), blank=True)
    leaves_chain = models.BooleanField(_("gaat buiten de keten"), default=False)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-period", "case_type"]
        constraints = [models.UniqueConstraint(fields=["period", "case_type"], name="narrative_period_case_type_unique")]
        verbose_name = _("toelichting")
        verbose_name_plural = _("toelichtingen")

    def __str__(self) -> str:
        return f"{self.period} {self.case_type}"


class _SignalCounts(models.Model):
    """What a signal-count roll-up row holds besides its day or month: the unit (empty: the whole chain), the
    measure, the key and the count. Shared by :class:`SignalDay` and :class:`SignalMonth`."""

    unit = models.ForeignKey("identity.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    measure = models.CharField(max_length=16)
    key = models.CharField(max_length=64)
    n = models.PositiveIntegerField()

    class Meta:
        abstract = True


class _HopCounts(models.Model):
    """What a lead-time roll-up row holds besides its day or month: the viewing scope (empty: the whole chain), the
    unit of the hop, the hop counts and the stay histogram. Shared by :class:`HopDay` and :class:`HopMonth`."""

    scope = models.ForeignKey("identity.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("identity.Unit", on_delete=models.CASCADE, related_name="+")
    hops = models.PositiveIntegerField()
    finished = models.PositiveIntegerField()
    within = models.PositiveIntegerField()
    histogram = models.JSONField(default=dict)

    class Meta:
        abstract = True


class SignalDay(_SignalCounts):
    """Daily signal counts behind the chain figures: per local day, per measure (a dashboard dimension, or the
    outcome of signals closed that day) and per key (the dimension's id or the outcome code).

    ``unit`` empty: the whole chain; otherwise the signals that unit is involved in as a unit (need to know).
    Rebuilt by :func:`ketensignaal.reporting.rollup.signal_days_refresh` (the figures job) for the days before
    the watermark's cut-off; the dashboard adds the days since then from the signals themselves.
    """

    day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["measure", "unit", "day"], name="signal_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.measure} {self.key}: {self.n}"


class HopDay(_HopCounts):
    """Daily lead-time roll-up: per local day of arrival, per viewing scope and per unit of the hop, the hops that
    arrived, how many have left, how many left within the service level, and a histogram of the working days the
    finished ones stayed (``{bucket: count}``, bucket = working days × 100 rounded, see ``reporting.rollup``).

    ``scope`` empty: the whole chain (chain-wide roles); otherwise the hops of the signals that unit is involved in
    as a unit (need to know: a unit's rows never count a hop of a signal it may not see). Rebuilt with
    :class:`SignalDay` by the figures job for the days before the watermark's cut-off, and per touched day when the
    hop table changes; the dashboard adds the days since the cut-off from the hop table itself.
    """

    day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["scope", "day"], name="hop_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.scope_id}/{self.unit_id}: {self.hops}"


class SignalMonth(_SignalCounts):
    """The monthly level above :class:`SignalDay`: per first day of a month, the sum of that month's day rows (same
    unit, measure and key). A year's dashboard reads whole months from here and only the edge months' days from
    :class:`SignalDay`; the figures job writes it from the day rows in the same rebuild, so it always equals them."""

    month = models.DateField()  # the first day of the month

    class Meta:
        indexes = [models.Index(fields=["measure", "unit", "month"], name="signal_month_idx")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.measure} {self.key}: {self.n}"


class HopMonth(_HopCounts):
    """The monthly level above :class:`HopDay`: per first day of a month, scope and unit of the hop, the sums of
    that month's day rows and their histograms added bucket by bucket. Written from the day rows whenever they are
    (the daily rebuild, and the months of the days the hop-table job touches), so it always equals them: reading
    a whole month here instead of its days changes no count and no percentile."""

    month = models.DateField()  # the first day of the month

    class Meta:
        indexes = [models.Index(fields=["scope", "month"], name="hop_month_idx")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.scope_id}/{self.unit_id}: {self.hops}"


class SignalDayWatermark(models.Model):
    """Up to which local day (exclusive) :class:`SignalDay` holds the counts (a single row)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    covered_before = models.DateField(null=True, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"signal days before {self.covered_before}"


class ProgrammeMeasure(models.Model):
    """One of the 38 measures of the Actieprogramma Integrale Aanpak Jihadisme (seed 004, appendix I); reference data."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    theme = models.CharField(_("thema"), max_length=32)
    title = models.CharField(_("maatregel"), max_length=300)
    responsible = models.CharField(_("verantwoordelijke organisatie"), max_length=200)
    responsible_named_in_source = models.BooleanField(
        _("verantwoordelijke genoemd in de bron"), default=False, help_text=_("Anders is het een ontwerpaanname.")
    )
    examined_by_inspectorate = models.BooleanField(_("door de Inspectie zelf onderzocht"), default=False)
    source_note = models.CharField(_("bron"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("maatregel actieprogramma")
        verbose_name_plural = _("maatregelen actieprogramma")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def theme_label(self) -> str:
        from ketensignaal.reporting.programme_data import THEMES

        return str(THEMES.get(self.theme, self.theme))  # in the reader's language


class ProgressStatus(models.TextChoices):
    IMPLEMENTED = "implemented", _("Geïmplementeerd")
    APPLIED = "applied", _("Toegepast")
    NOT_IMPLEMENTED = "not-implemented", _("Niet geïmplementeerd of toegepast")


class ProgressReport(models.Model):
    """The progress report on the action programme for one four-month period (the minister's rhythm, seed 004)."""

    period = models.CharField(_("periode"), max_length=7, unique=True, help_text=_("2026-T1 (januari–april)"))
    summary = models.TextField(_("samenvatting"), blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-period"]
        verbose_name = _("voortgangsrapportage")
        verbose_name_plural = _("voortgangsrapportages")

    def __str__(self) -> str:
        return self.period


class MeasureProgress(models.Model):
    """Per period and measure: implemented, applied or not, with a narrative."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="entries")
    measure = models.ForeignKey(ProgrammeMeasure, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("stand van zaken"), max_length=16, choices=ProgressStatus.choices)
    narrative = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["measure__number"]
        constraints = [models.UniqueConstraint(fields=["report", "measure"], name="measure_progress_unique")]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.measure_id}"
