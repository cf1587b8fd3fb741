"""Functional administration (/beheer/) of the screening checklists: versioned, every change logged.

A new version is added for a procedure step (procedure, touchpoint, items) and becomes current at once; the
earlier version stays as it was, so a screening keeps pointing at the exact version it answered. A version that
has been answered is frozen; before that it may still be corrected. Each save is written to the processing log
in the admin's transaction.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Max
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record
from ketensignaal.identity.admin import FunctionalAdminOnly, LabelledTabularInline
from ketensignaal.screening.models import TOUCHPOINT_PROCEDURE, Checklist, ChecklistItem


def _answered(obj: Checklist | None) -> bool:
    return obj is not None and obj.pk is not None and obj.screenings.exists()


class ChecklistForm(forms.ModelForm):
    class Meta:
        model = Checklist
        fields = ("procedure", "touchpoint", "open_source_minimum", "note")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        procedure, touchpoint = data.get("procedure"), data.get("touchpoint")
        if procedure and touchpoint and touchpoint.procedure != TOUCHPOINT_PROCEDURE.get(procedure):
            self.add_error("touchpoint", _("Dit contactmoment hoort niet bij de gekozen procedure."))
        return data


class ChecklistItemInline(LabelledTabularInline):
    model = ChecklistItem
    extra = 3
    fields = ("position", "code", "label", "label_en")

    def _editable(self, request: HttpRequest, obj: Any) -> bool:
        return bool(getattr(request.user, "has_role", lambda _c: False)("functional-admin")) and not _answered(obj)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(getattr(request.user, "has_role", lambda _c: False)("functional-admin"))

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(request, obj)


@admin.register(Checklist)
class ChecklistAdmin(FunctionalAdminOnly):
    form = ChecklistForm
    inlines = [ChecklistItemInline]
    list_display = ("touchpoint", "procedure", "version", "is_current", "open_source_minimum")
    list_filter = ("procedure", "is_current")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ()
        return ("procedure", "touchpoint", "version", "is_current")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and not _answered(obj)

    def save_model(self, request: HttpRequest, obj: Checklist, form: Any, change: bool) -> None:
        # ModelAdmin.changeform_view runs in one transaction: the new version, the old one's retirement and the
        # log entry (save_related) commit together.
        if not change:
            latest = Checklist.objects.filter(procedure=obj.procedure, touchpoint=obj.touchpoint).aggregate(n=Max("version"))
            obj.version = (latest["n"] or 0) + 1
            obj.is_current = True
            Checklist.objects.filter(procedure=obj.procedure, touchpoint=obj.touchpoint, is_current=True).update(is_current=False)
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if change and not form.has_changed() and not any(fs.has_changed() for fs in formsets):
            return
        processing_log_record(
            actor=request.user,
            channel="admin",
            items=[
                LogItem(
                    activity=Activity.ADMINISTRATION,
                    action="update" if change else "create",
                    object_type="screening-checklist",
                    object_id=f"{obj.procedure}/{obj.touchpoint.code}/v{obj.version}",
                )
            ],
        )
