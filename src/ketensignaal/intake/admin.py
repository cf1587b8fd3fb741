"""Django admin (/beheer/) for the intake's reference tables: signal categories and touchpoints.

Functional administrators only (identity.admin). Codes are part of the published API and are named in
legal-basis flows, so a code is fixed once saved and nothing is deleted (signals refer to these rows).
Every save is written to the processing log in the same transaction; the per-process reference cache
(intake.refcache) drops its copy on save, so the form and API know the change at once.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record
from ketensignaal.identity.admin import FunctionalAdminOnly
from ketensignaal.intake.models import Category, Touchpoint


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ("code", "name", "name_en", "is_marker")


class TouchpointForm(forms.ModelForm):
    class Meta:
        model = Touchpoint
        fields = ("code", "name", "name_en", "procedure", "position")


class AuditedReferenceAdmin(FunctionalAdminOnly):
    """Codes fixed after the first save; each save is logged together with the change."""

    object_type = ""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("code",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change and not form.has_changed():
                return
            processing_log_record(
                actor=request.user,
                channel="admin",
                items=[
                    LogItem(
                        activity=Activity.ADMINISTRATION,
                        action="update" if change else "create",
                        object_type=self.object_type,
                        object_id=obj.code,
                    )
                ],
            )


@admin.register(Category)
class CategoryAdmin(AuditedReferenceAdmin):
    form = CategoryForm
    object_type = "category"
    list_display = ("name", "name_en", "is_marker")
    list_filter = ("is_marker",)
    search_fields = ("code", "name", "name_en")


@admin.register(Touchpoint)
class TouchpointAdmin(AuditedReferenceAdmin):
    form = TouchpointForm
    object_type = "touchpoint"
    list_display = ("position", "name", "name_en", "procedure")
    list_display_links = ("name",)
    list_filter = ("procedure",)
    search_fields = ("code", "name", "name_en")
