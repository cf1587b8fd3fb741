"""Functional administration: how each municipality runs its local approach, the measures catalogue and the
interference rules. Kept by the functional administrator (the role, as for every /beheer/ model); nothing is deleted,
a row is set inactive. Cases themselves are not editable here: they change only through the services, which log
every processing.
"""

from __future__ import annotations

from django.contrib import admin

from ketensignaal.conferences.models import InterferenceRule, MeasureType, MunicipalitySetup
from ketensignaal.identity.admin import FunctionalAdminOnly


@admin.register(MunicipalitySetup)
class MunicipalitySetupAdmin(FunctionalAdminOnly):
    list_display = ("municipality", "has_triage_group", "has_review_meeting", "review_interval_days", "attention_days")
    filter_horizontal = ("triage_group_members",)


@admin.register(MeasureType)
class MeasureTypeAdmin(FunctionalAdminOnly):
    list_display = ("label", "municipality_competent", "touches_sentence", "position", "is_active")
    list_editable = ("position", "is_active")
    filter_horizontal = ("competent_organisations",)
    search_fields = ("label", "code")


@admin.register(InterferenceRule)
class InterferenceRuleAdmin(FunctionalAdminOnly):
    list_display = ("first", "second", "is_active")
    list_select_related = ("first", "second")
    list_filter = ("is_active",)
    search_fields = ("code", "detail", "coordination")
