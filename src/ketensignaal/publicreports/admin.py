"""Django admin (/beheer/): the languages of the public form, kept by the functional administrator.

Dutch and English come with the product; each added language supplies its own texts. Every save is logged in the
same transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record
from ketensignaal.identity.admin import FunctionalAdminOnly
from ketensignaal.publicreports.models import FormLanguage


@admin.register(FormLanguage)
class FormLanguageAdmin(FunctionalAdminOnly):
    list_display = ("name", "is_active")
    search_fields = ("code", "name")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("code",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change and not form.has_changed():
                return
            item = LogItem(
                activity=Activity.ADMINISTRATION,
                action="update" if change else "create",
                object_type="public-form-language",
                object_id=obj.code,
            )
            processing_log_record(actor=request.user, channel="admin", items=[item])
