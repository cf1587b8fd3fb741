"""Reporting routes (meldstructuur) as data, and the history of every hop."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from ketensignaal.core.dates import long_date


class Route(models.Model):
    """One version of an organisation's reporting route. Only the current version routes new hops."""

    organisation = models.ForeignKey(
        "identity.Organisation", on_delete=models.PROTECT, related_name="routes", verbose_name=_("organisatie")
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    description = models.TextField(_("omschrijving"), blank=True)
    is_current = models.BooleanField(_("in gebruik"), default=True)
    created_at = models.DateTimeField(_("vastgesteld op"), default=timezone.now)
    created_by = models.CharField(_("vastgesteld door"), max_length=150, default="reference-data")

    class Meta:
        ordering = ["organisation__code", "-version"]
        constraints = [models.UniqueConstraint(fields=["organisation", "version"], name="route_org_version_unique")]
        verbose_name = _("meldroute")
        verbose_name_plural = _("meldroutes")

    def __str__(self) -> str:
        return str(_("%(organisation)s, versie %(version)s")) % {"organisation": self.organisation.name, "version": self.version}


class RouteEdge(models.Model):
    """A permitted next hop: from a unit (``coa.locatie.*`` matches every location) to a unit.

    The edge with the lowest position from the reporting unit is the first hop of a new signal.
    """

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="edges", verbose_name=_("meldroute"))
    from_pattern = models.CharField(
        _("van (eenheid of patroon)"),
        max_length=100,
        help_text=_("Een eenheidscode, of een begin met * (coa.locatie.* is elke COA-locatie)."),
    )
    to_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("naar eenheid"))
    position = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("De laagste volgorde vanaf de meldende eenheid is de eerste schakel.")
    )
    where_needed = models.BooleanField(
        _("alleen waar nodig"), default=False, help_text=_("Alleen waar nodig (bijv. naar IND TSZ).")
    )

    class Meta:
        ordering = ["route", "position"]
        verbose_name = _("schakel")
        verbose_name_plural = _("schakels")

    def __str__(self) -> str:
        return f"{self.from_pattern} → {self.to_unit.name}"

    def matches(self, unit_code: str) -> bool:
        if self.from_pattern.endswith("*"):
            return unit_code.startswith(self.from_pattern[:-1])
        return unit_code == self.from_pattern


class HopAction(models.TextChoices):
    REPORTED = "reported", _("Gemeld")
    ALARM = "alarm", _("Acuut alarm")
    TAKEN = "taken", _("In behandeling genomen")
    TAKEN_OVER = "taken-over", _("Acuut signaal overgenomen")
    NOTE = "note", _("Notitie")
    RETURNED = "returned", _("Informatie gevraagd")
    ANSWERED = "answered", _("Vraag beantwoord")
    FORWARDED = "forwarded", _("Doorgestuurd")
    FORWARDED_OFF_ROUTE = "forwarded-off-route", _("Buiten de route doorgestuurd")
    ASSIGNED = "assigned", _("Toegewezen")
    CLOSED = "closed", _("Afgesloten")
    ATTACHED = "attached", _("Bijlage toegevoegd")
    REFUSED = "refused", _("Geweigerd")
    DISCLOSED = "disclosed", _("Verstrekt")
    RECALLED = "recalled", _("Verstrekking ingetrokken")
    HANDLING_CODE_LOWERED = "handling-code-lowered", _("Verspreidingscode verlaagd")
    # Written by the coordination context through routing.milestones; says only *that* follow-up was agreed.
    FOLLOW_UP_AGREED = "follow-up-agreed", _("Besproken in het landelijk overleg; vervolg afgesproken")


# History lines the system writes itself. They are stored in Dutch (the record as it was written, also in the API and
# the processing log) and shown in the reader's language: a fixed line by its msgid, a line with a name by its pattern
# (``display_note``), so rows written before this existed read right too.
ALARM_NOTE = gettext_noop("Acuut gevaar gemeld: de melder is gevraagd direct 112 te bellen.")
ASSIGNED_PREFIX = "Toegewezen aan "
ASSIGNED_NOTE = gettext_noop("Toegewezen aan %(name)s")
SYSTEM_NOTES = frozenset({ALARM_NOTE})
# "Besproken in het landelijk overleg (LRO 3 december 2026); vervolg is afgesproken." (routing.milestones) and a public
# reporter's addition: the frame in the reader's language, the meeting's date in the reader's date format.
FOLLOW_UP_PATTERN = re.compile(r"^Besproken in het landelijk overleg \((?P<occasion>.*)\); vervolg is afgesproken\.$")
FOLLOW_UP_DISPLAY = gettext_noop("Besproken in het landelijk overleg (%(occasion)s); vervolg is afgesproken.")
# A recall of one person's copy (routing.disclosure): stored in Dutch, shown in the reader's language.
RECALLED_PREFIX = "Verstrekking ingetrokken ("
RECALLED_NOTE = gettext_noop("Verstrekking ingetrokken (%(person)s)")
ADDITION_PREFIX = "Aanvulling van de melder: "
ADDITION_DISPLAY = gettext_noop("Aanvulling van de melder: %(text)s")
# A signal disclosed because linking or merging shows the person whole to another unit (persons.reveal). ``what`` is
# the step's Dutch name; rows written before this was fixed may hold it in the writer's language ("Linking").
REVEALED_NOTE = gettext_noop("%(what)s: %(unit)s ziet de persoon volledig en krijgt dit signaal verstrekt.")
REVEALED_PATTERN = re.compile(r"^(?P<what>[^:]+): (?P<unit>.*) ziet de persoon volledig en krijgt dit signaal verstrekt\.$")
# The reason of a recall written when an LRO decision is withdrawn (coordination.services): the frame is the
# system's, the reason after it the member's own words.
LRO_WITHDRAWN_PREFIX = "LRO-besluit ingetrokken: "
LRO_WITHDRAWN_REASON = gettext_noop("LRO-besluit ingetrokken: %(reason)s")
_DUTCH_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                 "november", "december")  # fmt: skip
_DUTCH_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(_DUTCH_MONTHS) + r") (\d{4})\b")


def _dates_in_reader_format(text: str) -> str:
    """A Dutch long date written into a stored line ("3 december 2026"), in the active language's long format."""

    def render(match: re.Match[str]) -> str:
        day, month, year = int(match.group(1)), _DUTCH_MONTHS.index(match.group(2)) + 1, int(match.group(3))
        try:
            return long_date(datetime.date(year, month, day))
        except ValueError:
            return match.group(0)

    return _DUTCH_DATE.sub(render, text)


class SignalEvent(models.Model):
    """One entry of a signal's history: every hop and action."""

    signal = models.ForeignKey("intake.Signal", on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=32, choices=HopAction.choices)
    from_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    to_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    outcome = models.CharField(max_length=32, blank=True)
    legal_basis = models.CharField(max_length=120, blank=True)
    justification = models.TextField(blank=True, help_text=_("Afweging per geval bij verstrekking aan een andere organisatie."))

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["signal", "at"])]

    def __str__(self) -> str:
        return f"{self.signal_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @property
    def display_note(self) -> str:
        """The note in the reader's language where the system wrote it; a professional's own words as written."""
        if self.note in SYSTEM_NOTES:
            return gettext(self.note)
        if self.action == HopAction.ASSIGNED and self.note.startswith(ASSIGNED_PREFIX):
            return gettext(ASSIGNED_NOTE) % {"name": self.note[len(ASSIGNED_PREFIX) :]}
        follow_up = FOLLOW_UP_PATTERN.match(self.note) if self.action == HopAction.FOLLOW_UP_AGREED else None
        if follow_up:
            return gettext(FOLLOW_UP_DISPLAY) % {"occasion": _dates_in_reader_format(follow_up.group("occasion"))}
        if self.action == HopAction.RECALLED and self.note.startswith(RECALLED_PREFIX) and self.note.endswith(")"):
            return gettext(RECALLED_NOTE) % {"person": self.note[len(RECALLED_PREFIX) : -1]}
        if self.note.startswith(ADDITION_PREFIX):
            return gettext(ADDITION_DISPLAY) % {"text": self.note[len(ADDITION_PREFIX) :]}
        revealed = REVEALED_PATTERN.match(self.note) if self.action == HopAction.DISCLOSED else None
        if revealed:
            return gettext(REVEALED_NOTE) % {"what": gettext(revealed.group("what")), "unit": revealed.group("unit")}
        return self.note

    @property
    def display_reason(self) -> str:
        """The reason in the reader's language where the system framed it; a professional's own words as written."""
        if self.action == HopAction.RECALLED and self.reason.startswith(LRO_WITHDRAWN_PREFIX):
            return gettext(LRO_WITHDRAWN_REASON) % {"reason": self.reason[len(LRO_WITHDRAWN_PREFIX) :]}
        return self.reason


class NotificationKind(models.TextChoices):
    DUE_SOON = "due-soon", _("Termijn verstrijkt binnenkort")
    OVERDUE = "overdue", _("Termijn verstreken")
    ALARM = "alarm", _("Acuut alarm")
    INFORMATION_REQUESTED = "info-requested", _("Informatie gevraagd")
    INFORMATION_ANSWERED = "info-answered", _("Vraag beantwoord")


class Notification(models.Model):
    """A message to one professional about a signal at their unit; never carries personal data itself.

    ``hop_key`` identifies the hop (unit and arrival moment), so the deadline sweep sends
    at most one notification per kind per hop per recipient however often it runs.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    signal = models.ForeignKey("intake.Signal", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    hop_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "signal", "kind", "hop_key"], name="notification_once_per_hop"),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id} on {self.signal_id}"


class UnitSignalCount(models.Model):  # noqa: DJ008 (counter rows, never shown on their own)
    """How many signals are at a unit per status, kept by a PostgreSQL trigger on the signal table.

    The inbox's counts read these few rows instead of counting the inbox, so their cost does not grow with it.
    A unit has one row per status and *slot*: a writer adds to the slot of its database session, so concurrent
    intake does not queue on one counter row (a slot may go below zero; the sum per status is exact). Only on
    PostgreSQL (routing.migrations.0005); elsewhere the inbox counts the signals themselves.
    """

    unit = models.ForeignKey("identity.Unit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    status = models.CharField(max_length=32)
    slot = models.SmallIntegerField()
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "status", "slot"], name="unit_signal_count_unique")]


class UnitDueCount(models.Model):  # noqa: DJ008 (counter rows, never shown on their own)
    """Open, unpaused signals at a unit per hour of their deadline (UTC), kept by the same trigger.

    The inbox's overdue count adds the hours that have passed and counts only the signals due earlier in the current
    hour, so it does not grow with the inbox however many are overdue. Slots as in :class:`UnitSignalCount`.
    """

    unit = models.ForeignKey("identity.Unit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    due_hour = models.DateTimeField()
    slot = models.SmallIntegerField()
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "due_hour", "slot"], name="unit_due_count_unique")]
