"""Functional administration: the acceptance framework, phase formats, factor catalogue and expert pool.

Kept by the functional administrator (the role, as for every /beheer/ model); nothing is deleted, a row is set
inactive. Trajectories themselves are not editable here: they change only through the
services, which log every processing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ketensignaal.identity.admin import FunctionalAdminOnly, LabelledTabularInline, is_functional_admin
from ketensignaal.trajectories.models import Expert, ExpertAvailability, FactorDefinition, PhaseFormat, WeighingCriterion


@admin.register(WeighingCriterion)
class WeighingCriterionAdmin(FunctionalAdminOnly):
    list_display = ("label", "position", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("label", "code")


@admin.register(PhaseFormat)
class PhaseFormatAdmin(FunctionalAdminOnly):
    """A format is versioned: edit by saving a new version; trajectories keep the version they started on."""

    list_display = ("phase", "version", "created_at")
    list_filter = ("phase",)
    save_as = True

    def get_readonly_fields(self, request: Any, obj: PhaseFormat | None = None) -> tuple[str, ...]:
        if obj is not None and obj.phaserecord_set.exists():
            return ("phase", "version", "fields")  # answered formats are frozen; "Opslaan als nieuw" makes the next version
        return ()


@admin.register(FactorDefinition)
class FactorDefinitionAdmin(FunctionalAdminOnly):
    list_display = ("label", "kind", "story_phase", "position", "is_active")
    list_filter = ("kind", "story_phase", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("label", "code")


class AvailabilityInline(LabelledTabularInline):
    model = ExpertAvailability
    extra = 1

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)  # a period of availability, not a record others refer to


@admin.register(Expert)
class ExpertAdmin(FunctionalAdminOnly):
    list_display = ("name", "organisation", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "organisation")
    inlines = [AvailabilityInline]
