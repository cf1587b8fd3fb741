from django.contrib import admin

from ketensignaal.training.models import KeyFigure, Training


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "provider", "valid_months", "counts_for_coverage", "is_active")
    search_fields = ("code", "name")


@admin.register(KeyFigure)
class KeyFigureAdmin(admin.ModelAdmin):
    list_display = ("unit", "user", "since", "until")
    list_filter = ("unit__organisation",)
    raw_id_fields = ("user",)
