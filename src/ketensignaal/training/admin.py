"""Functional administration (/beheer/): the training catalogue and the key figures per location.

Kept by the functional administrator (the role, as for every /beheer/ model). A key figure is chosen by name and
unit, never by an account id.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import ForeignKey
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ketensignaal.identity.admin import FunctionalAdminOnly
from ketensignaal.identity.models import User
from ketensignaal.training.models import KeyFigure, Training


class _ColleagueChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name if obj.get_full_name() else f"{obj.display_name} ({obj.unit.name if obj.unit else ''})"


@admin.register(Training)
class TrainingAdmin(FunctionalAdminOnly):
    list_display = ("name", "provider", "valid_months", "counts_for_coverage", "is_active")
    search_fields = ("code", "name")


@admin.register(KeyFigure)
class KeyFigureAdmin(FunctionalAdminOnly):
    list_display = ("colleague", "unit", "since", "until")
    list_filter = ("unit__organisation",)
    list_select_related = ("user", "unit")

    @admin.display(description=_("medewerker"), ordering="user__last_name")
    def colleague(self, obj: KeyFigure) -> str:
        return obj.user.display_name

    def formfield_for_foreignkey(self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "user":
            users = User.objects.filter(is_active=True).select_related("unit").order_by("last_name", "first_name")
            return _ColleagueChoice(queryset=users, label=db_field.verbose_name, required=not db_field.blank)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
