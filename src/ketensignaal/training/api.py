"""HTTP API of the training registry (API.md "Figures and training")."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.training import selectors, services

TAGS = ["Training"]
CHANNEL = "api"


class _Strict(serializers.Serializer):
    def to_internal_value(self, data: Any) -> Any:
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        if unknown:
            raise serializers.ValidationError({name: ["Onbekend veld."] for name in unknown})
        return super().to_internal_value(data)


class TrainingsApi(APIView):
    class OutputSerializer(serializers.Serializer):
        code = serializers.CharField()
        name = serializers.CharField()
        provider = serializers.CharField()
        description = serializers.CharField()
        valid_months = serializers.IntegerField(allow_null=True)
        counts_for_coverage = serializers.BooleanField()

    @extend_schema(
        operation_id="trainings_list",
        tags=TAGS,
        summary="De catalogus van trainingen",
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(selectors.trainings_list(user=request.user), many=True).data)


class CompletionOut(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField(source="user.username")
    training = serializers.CharField(source="training.code")
    completed_on = serializers.DateField()
    registered_at = serializers.DateTimeField()


class TrainingCompletionsApi(APIView):
    class InputSerializer(_Strict):
        username = serializers.CharField(max_length=150)
        training = serializers.CharField(max_length=64, help_text="Code uit GET /api/v1/trainings")
        completed_on = serializers.DateField()

    class OutputSerializer(CompletionOut):
        pass

    @extend_schema(
        operation_id="training_completions_list",
        tags=TAGS,
        summary="Gevolgde trainingen die u mag zien",
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(selectors.completions_for(user=request.user, channel=CHANNEL), many=True).data)

    @extend_schema(
        operation_id="training_completions_create",
        tags=TAGS,
        summary="Een gevolgde training registreren",
        request=InputSerializer,
        responses={201: OutputSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        completion = services.completion_register(
            actor=request.user,
            username=data["username"],
            training_code=data["training"],
            completed_on=data["completed_on"],
            channel=CHANNEL,
        )
        return Response(self.OutputSerializer(completion).data, status=201)


class TrainingCoverageApi(APIView):
    class FilterSerializer(_Strict):
        organisation = serializers.CharField(required=False, help_text="Organisatiecode; standaard uw eigen organisatie")

    class RowOut(serializers.Serializer):
        unit = serializers.CharField()
        label = serializers.CharField()  # type: ignore[assignment]  # the JSON key is "label"
        staff = serializers.IntegerField()
        trained = serializers.IntegerField()
        share = serializers.FloatField(allow_null=True)
        key_figure_present = serializers.BooleanField()
        new_staff_untrained = serializers.IntegerField()

    class OutputSerializer(serializers.Serializer):
        organisation = serializers.CharField()
        label = serializers.CharField()  # type: ignore[assignment]  # the JSON key is "label"
        staff = serializers.IntegerField()
        trained = serializers.IntegerField()
        share = serializers.FloatField(allow_null=True)
        rows = serializers.ListField(child=serializers.DictField())

    @extend_schema(
        operation_id="training_coverage_read",
        tags=TAGS,
        summary="Dekking per locatie: aandeel getraind en of er een sleutelfiguur is",
        parameters=[OpenApiParameter("organisation", str)],
        responses={200: OutputSerializer},
    )
    def get(self, request: Request) -> Response:
        serializer = self.FilterSerializer(data=request.query_params.dict())
        serializer.is_valid(raise_exception=True)
        unit = getattr(request.user, "unit", None)
        code = serializer.validated_data.get("organisation") or getattr(getattr(unit, "organisation", None), "code", "")
        coverage = selectors.coverage_for(user=request.user, organisation_code=code)
        body = {
            "organisation": coverage.organisation,
            "label": coverage.label,
            "staff": coverage.staff,
            "trained": coverage.trained,
            "share": coverage.share,
            "rows": [self.RowOut(r.as_dict()).data for r in coverage.rows],
        }
        return Response(self.OutputSerializer(body).data)
