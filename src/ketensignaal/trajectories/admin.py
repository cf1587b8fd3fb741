"""Functional administration: the acceptance framework, phase formats, factor catalogue and expert pool.

Trajectories themselves are not editable here: they change only through the
services, which log every processing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from ketensignaal.trajectories.models import Expert, ExpertAvailability, FactorDefinition, PhaseFormat, WeighingCriterion


@admin.register(WeighingCriterion)
class WeighingCriterionAdmin(admin.ModelAdmin):
    list_display = ("label", "code", "position", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("label", "code")


@admin.register(PhaseFormat)
class PhaseFormatAdmin(admin.ModelAdmin):
    """A format is versioned: edit by saving a new version; trajectories keep the version they started on."""

    list_display = ("phase", "version", "created_at")
    list_filter = ("phase",)
    save_as = True

    def get_readonly_fields(self, request: Any, obj: PhaseFormat | None = None) -> tuple[str, ...]:
        if obj is not None and obj.phaserecord_set.exists():
            return ("phase", "version", "fields")  # answered formats are frozen; "Opslaan als nieuw" makes the next version
        return ()


@admin.register(FactorDefinition)
class FactorDefinitionAdmin(admin.ModelAdmin):
    list_display = ("label", "kind", "story_phase", "position", "is_active")
    list_filter = ("kind", "story_phase", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("label", "code")


class AvailabilityInline(admin.TabularInline):
    model = ExpertAvailability
    extra = 1


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "organisation")
    inlines = [AvailabilityInline]
