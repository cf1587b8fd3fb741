from django.contrib import admin

from ketensignaal.reporting.models import ProgrammeMeasure


@admin.register(ProgrammeMeasure)
class ProgrammeMeasureAdmin(admin.ModelAdmin):
    """The action programme's measures: the functional admin corrects a responsible organisation that was assumed."""

    list_display = ("number", "title", "responsible", "responsible_named_in_source", "is_active")
    list_filter = ("theme", "responsible_named_in_source")
    search_fields = ("title", "responsible")
    readonly_fields = ("number",)
