"""The restriction grounds are data the functional administrator maintains (requests themselves are not in the admin)."""

from django.contrib import admin

from ketensignaal.identity.admin import FunctionalAdminOnly
from ketensignaal.privacy.models import RestrictionGround


@admin.register(RestrictionGround)
class RestrictionGroundAdmin(FunctionalAdminOnly):
    list_display = ("label", "legal_source", "may_mention", "active")
    fields = ("code", "label", "legal_source", "may_mention", "answer_text", "active")
