"""Shared pieces of the reporting API: strict query parameters and the nested shape of a published table."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.request import Request

TAGS = ["Cijfers"]


def query_valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """Validate query parameters strictly: an unknown parameter is an error, not silently ignored."""
    known = set(serializer_class().fields)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise serializers.ValidationError({name: ["Onbekende parameter."] for name in unknown})
    serializer = serializer_class(data=request.query_params.dict())
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class CellOut(serializers.Serializer):
    period = serializers.CharField(required=False, help_text="Sleutel van de periode (2026-03, 2026-T1 of 2026).")
    count = serializers.IntegerField(allow_null=True, help_text="Aantal; null als het is onderdrukt.")
    suppressed = serializers.BooleanField(help_text="true als het aantal niet wordt getoond (onthullingsbeheersing).")


class TotalOut(serializers.Serializer):
    count = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()


class RowOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the JSON key is "label"
    cells = CellOut(many=True)
    total = TotalOut()


class TotalsOut(serializers.Serializer):
    cells = CellOut(many=True)
    total = TotalOut()


class PeriodOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the JSON key is "label"


class DisclosureControlOut(serializers.Serializer):
    audience = serializers.ChoiceField(choices=["internal", "external"])
    applied = serializers.BooleanField()
    threshold = serializers.IntegerField(allow_null=True)
    suppressed_cells = serializers.IntegerField()
    rule = serializers.CharField(help_text="De toegepaste regel, zoals onder elke tabel vermeld.")


class TableOut(serializers.Serializer):
    title = serializers.CharField()
    periods = PeriodOut(many=True)
    rows = RowOut(many=True)
    totals = TotalsOut()
    disclosure = DisclosureControlOut()
    note = serializers.CharField(allow_blank=True)


class RangeIn(serializers.Serializer):
    """``from`` is a Python keyword, so the field is declared by name below."""

    to = serializers.DateField(required=False, help_text="Einddatum (inclusief), JJJJ-MM-DD; standaard vandaag.")
    period = serializers.ChoiceField(choices=["month", "four-month", "year"], required=False, default="month")

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = serializers.DateField(
            required=False, help_text="Begindatum, JJJJ-MM-DD; standaard twaalf maanden terug."
        )
        return fields
