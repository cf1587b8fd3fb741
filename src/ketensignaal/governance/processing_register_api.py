"""``GET /api/v1/processing-activities``: the register of processing activities (AVG art. 30).

The register holds no personal data; every signed-in professional may read it, as the legal-basis register. A log
entry's ``activity`` is the ``code`` of one of these entries. Changes go through the register screens.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core.serializers import OutputSerializer
from ketensignaal.governance.processing_register import processing_activities, processing_activities_by_code


class ProcessingActivityOut(OutputSerializer):
    code = serializers.CharField(help_text="De waarde van `activity` in het verwerkingenlog.")
    name = serializers.CharField()
    purpose = serializers.CharField()
    legal_basis = serializers.CharField()
    controller = serializers.CharField()
    data_subjects = serializers.ListField(child=serializers.CharField())
    data_categories = serializers.ListField(child=serializers.CharField())
    recipients = serializers.ListField(child=serializers.CharField())
    retention = serializers.CharField()
    security_measures = serializers.CharField()
    updated_at = serializers.DateTimeField()


class ProcessingActivitiesApi(APIView):
    @extend_schema(
        operation_id="processing_activities_list",
        tags=["verwerkingsregister"],
        summary="Register van verwerkingsactiviteiten (AVG art. 30)",
        responses={200: ProcessingActivityOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(ProcessingActivityOut(processing_activities(), many=True).data)


class ProcessingActivityApi(APIView):
    @extend_schema(
        operation_id="processing_activities_retrieve",
        tags=["verwerkingsregister"],
        summary="Eén verwerkingsactiviteit; de URI waarnaar een logregel verwijst",
        responses={200: ProcessingActivityOut},
    )
    def get(self, request: Request, code: str) -> Response:
        activity = processing_activities_by_code().get(code)
        if activity is None:
            raise Http404
        return Response(ProcessingActivityOut(activity).data)
