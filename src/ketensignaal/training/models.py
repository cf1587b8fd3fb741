"""The training registry: trainings, completions per person with date, key figures per location.

Seeds 000–003 name the chain's training: the ROR training for COA, IND and DT&V staff, the e-learning
Nationale Veiligheid, the annual awareness day, the IND's leerlijn screening, and key figures (*sleutelfiguren*)
spread over locations (*olievlek*). The registry counts coverage per location and organisation; it never scores
a person.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Training(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    provider = models.CharField(_("aanbieder"), max_length=200, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    source = models.CharField(_("bron"), max_length=200, blank=True, help_text=_("Waar deze training genoemd wordt."))
    valid_months = models.PositiveSmallIntegerField(
        _("geldig (maanden)"), null=True, blank=True, help_text=_("Leeg: blijft geldig. 12: jaarlijks opnieuw.")
    )
    counts_for_coverage = models.BooleanField(
        _("telt voor de dekking"), default=True, help_text=_("Een medewerker met deze training geldt als getraind.")
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("training")
        verbose_name_plural = _("trainingen")

    def __str__(self) -> str:
        return self.name


class TrainingCompletion(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_completions")
    training = models.ForeignKey(Training, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField(_("gevolgd op"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-completed_on"]
        constraints = [
            models.UniqueConstraint(fields=["user", "training", "completed_on"], name="training_completion_unique"),
        ]
        verbose_name = _("gevolgde training")
        verbose_name_plural = _("gevolgde trainingen")

    def __str__(self) -> str:
        return f"{self.user_id} {self.training_id} {self.completed_on}"


class KeyFigure(models.Model):
    """A trained colleague at a location who informs others about the theme (olievlek)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="key_figure_roles", verbose_name=_("medewerker")
    )
    unit = models.ForeignKey("identity.Unit", on_delete=models.CASCADE, related_name="key_figures", verbose_name=_("eenheid"))
    since = models.DateField(_("sinds"), default=timezone.localdate)
    until = models.DateField(_("tot"), null=True, blank=True)

    class Meta:
        ordering = ["unit__code", "since"]
        verbose_name = _("sleutelfiguur")
        verbose_name_plural = _("sleutelfiguren")

    def __str__(self) -> str:
        return f"{self.user.display_name}, {self.unit.name}"
