"""The joint inventory of information needs (seed 001: partners should inventory together what each needs and
whether it can be met, efficiently and lawfully): the register of flows should follow from it.

One ``InformationNeed`` row is one version of one need (``key`` ties the versions together, ``is_current`` marks the
one in force), per pair of organisations: what the receiving side needs, for which purpose, which registered flow
covers it (by flow code — none is a visible gap) and the open questions. Kept by privacy officers and functional
administrators; a change is a new version, never an overwrite.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InformationNeed(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.UUIDField(default=uuid.uuid4, db_index=True)
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    provider = models.ForeignKey(
        "identity.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("leverende organisatie")
    )
    receiver = models.ForeignKey(
        "identity.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("ontvangende organisatie")
    )
    need = models.TextField(_("wat de ontvanger nodig heeft"))
    purpose = models.TextField(_("doel"))
    flow_code = models.CharField(_("gegevensstroom die erin voorziet"), max_length=100, blank=True)
    open_questions = models.TextField(_("open vragen"), blank=True)
    change_note = models.CharField(_("wat is er veranderd"), max_length=300, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["provider__code", "receiver__code", "key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="information_need_version_unique"),
            models.UniqueConstraint(fields=["key"], condition=models.Q(is_current=True), name="information_need_one_current"),
        ]
        verbose_name = _("informatiebehoefte")
        verbose_name_plural = _("informatiebehoeften")

    def __str__(self) -> str:
        return f"{self.provider_id}→{self.receiver_id} v{self.version}"
