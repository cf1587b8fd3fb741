"""Functional administration (/beheer/): the action programme's measures, kept by the functional administrator."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ketensignaal.identity.admin import FunctionalAdminOnly
from ketensignaal.reporting.models import ProgrammeMeasure
from ketensignaal.reporting.programme_data import THEMES


class ThemeFilter(admin.SimpleListFilter):
    """The programme's themes by their names, not their codes."""

    title = _("thema")
    parameter_name = "theme"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(code, str(name)) for code, name in THEMES.items()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[ProgrammeMeasure]) -> QuerySet[ProgrammeMeasure]:
        return queryset.filter(theme=self.value()) if self.value() else queryset


@admin.register(ProgrammeMeasure)
class ProgrammeMeasureAdmin(FunctionalAdminOnly):
    """The action programme's measures: the functional admin corrects a responsible organisation that was assumed."""

    list_display = ("number", "title", "responsible", "responsible_named_in_source", "is_active")
    list_filter = (ThemeFilter, "responsible_named_in_source")
    search_fields = ("title", "responsible")
    readonly_fields = ("number",)
