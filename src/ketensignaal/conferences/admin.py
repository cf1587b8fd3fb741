"""Functional administration: how each municipality runs its local approach, the measures catalogue and the
interference rules. Cases themselves are not editable here: they change only through the services, which log
every processing.
"""

from __future__ import annotations

from django.contrib import admin

from ketensignaal.conferences.models import InterferenceRule, MeasureType, MunicipalitySetup


@admin.register(MunicipalitySetup)
class MunicipalitySetupAdmin(admin.ModelAdmin):
    list_display = ("municipality", "has_triage_group", "has_review_meeting", "review_interval_days", "attention_days")
    filter_horizontal = ("triage_group_members",)


@admin.register(MeasureType)
class MeasureTypeAdmin(admin.ModelAdmin):
    list_display = ("label", "code", "municipality_competent", "touches_sentence", "position", "is_active")
    list_editable = ("position", "is_active")
    filter_horizontal = ("competent_organisations",)
    search_fields = ("label", "code")


@admin.register(InterferenceRule)
class InterferenceRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "first", "second", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "detail", "coordination")
