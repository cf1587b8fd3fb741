"""One row per chain setting; its value is a set of units, one unit, or a number (``SETTING_SPECS``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketensignaal.core.dates import long_moment

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


class SettingKey(models.TextChoices):
    LRO_MEMBER_UNITS = "lro-member-units", _("Leden van het landelijk regieoverleg (LRO)")
    LRO_CYCLE_DAYS = "lro-cycle-days", _("Dagen tussen twee LRO-overleggen")
    LIV_UNIT = "liv-unit", _("Eenheid van het LIV")
    LIV_CLIENT_UNITS = "liv-client-units", _("Opdrachtgevers die het LIV aanvaardt")
    ACUTE_ALARM_UNITS = "acute-alarm-units", _("Eenheden die bij acuut gevaar direct gealarmeerd worden")
    SUBJECT_REQUEST_CONTACT_POINT = "subject-request-contact-point", _("Contactpunt voor verzoeken van betrokkenen")


class SettingKind(models.TextChoices):
    UNITS = "units", _("eenheden")
    UNIT = "unit", _("één eenheid")
    NUMBER = "number", _("getal")


@dataclass(frozen=True)
class SettingSpec:
    kind: str
    help_text: StrOrPromise
    minimum: int = 1
    maximum: int | None = None


SETTING_SPECS: dict[str, SettingSpec] = {
    SettingKey.LRO_MEMBER_UNITS: SettingSpec(
        SettingKind.UNITS,
        _("Alleen leden met de rol LRO-lid in deze eenheden nemen deel, zien de agenda en ontvangen de notulen."),
        minimum=2,
    ),
    SettingKey.LRO_CYCLE_DAYS: SettingSpec(
        SettingKind.NUMBER,
        _("Het volgende overleg wordt zoveel dagen na het laatste voorgesteld."),
        minimum=7,
        maximum=90,
    ),
    SettingKey.LIV_UNIT: SettingSpec(
        SettingKind.UNIT, _("Coördinatoren en experts van deze eenheid wegen aanmeldingen en stellen adviezen op.")
    ),
    SettingKey.LIV_CLIENT_UNITS: SettingSpec(
        SettingKind.UNITS, _("Het LIV levert zijn adviesrapport aan een van deze opdrachtgevers (COA of een gemeente).")
    ),
    SettingKey.ACUTE_ALARM_UNITS: SettingSpec(
        SettingKind.UNITS, _("Een melding van acuut gevaar gaat meteen naar deze eenheden, naast de route van de melder.")
    ),
    SettingKey.SUBJECT_REQUEST_CONTACT_POINT: SettingSpec(
        SettingKind.UNIT,
        _(
            "De privacyfunctionarissen van de organisatie van deze eenheid ontvangen en behandelen de verzoeken van "
            "betrokkenen voor de hele keten. Niet ingesteld: de IND, die de persoonsrecords van de keten bijhoudt."
        ),
    ),
}


class ChainSetting(models.Model):
    key = models.CharField(_("instelling"), max_length=40, unique=True, choices=SettingKey.choices)
    units = models.ManyToManyField("identity.Unit", blank=True, related_name="+", verbose_name=_("eenheden"))
    number = models.PositiveIntegerField(_("getal"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ("key",)
        verbose_name = _("ketenconfiguratie")

    def __str__(self) -> str:
        return str(SettingKey(self.key).label)

    @property
    def spec(self) -> SettingSpec:
        return SETTING_SPECS[self.key]


class ChainSettingChange(models.Model):
    """What a change made of a setting, who made it and why: the screen's history beside the processing log."""

    setting = models.ForeignKey(ChainSetting, on_delete=models.PROTECT, related_name="changes")
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    before = models.TextField(blank=True)
    after = models.TextField()
    reason = models.TextField()

    class Meta:
        ordering = ("-changed_at", "-pk")

    def __str__(self) -> str:
        return f"{self.setting} · {long_moment(self.changed_at)}"
