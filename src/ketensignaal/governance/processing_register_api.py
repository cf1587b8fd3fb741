"""``GET /api/v1/processing-activities``: the register of processing activities (AVG art. 30).

The register holds no personal data; every signed-in professional may read it, as the legal-basis register. A log
entry's ``activity`` is the ``code`` of one of these entries. Changes go through the register screens.

The texts follow the API's language rule (Dutch unless the client asks for English with Accept-Language; the Dutch
where nobody wrote the English yet), and the English as written in the register sits beside them in ``<field>_en``
(empty where it is still missing), so a client can keep both.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core.serializers import READER_LANGUAGE, InReaderLanguage, ListInReaderLanguage, OutputSerializer
from ketensignaal.governance.processing_register import processing_activities, processing_activities_by_code

_IN_LANGUAGE = "In de taal van de lezer (Accept-Language): Nederlands, of Engels waar die vertaling er is."
_ENGLISH = "De Engelse tekst zoals vastgelegd in het register; leeg zolang die ontbreekt."


class ProcessingActivityOut(OutputSerializer):
    code = serializers.CharField(help_text="De waarde van `activity` in het verwerkingenlog.")
    name = InReaderLanguage("name", help_text=_IN_LANGUAGE)
    purpose = InReaderLanguage("purpose", help_text=_IN_LANGUAGE)
    legal_basis = InReaderLanguage("legal_basis", help_text=_IN_LANGUAGE)
    controller = InReaderLanguage("controller", help_text=_IN_LANGUAGE)
    data_subjects = ListInReaderLanguage("data_subjects", help_text=_IN_LANGUAGE)
    data_categories = ListInReaderLanguage("data_categories", help_text=_IN_LANGUAGE)
    recipients = ListInReaderLanguage("recipients", help_text=_IN_LANGUAGE)
    retention = InReaderLanguage("retention", help_text=_IN_LANGUAGE)
    security_measures = InReaderLanguage("security_measures", help_text=_IN_LANGUAGE)
    name_en = serializers.CharField(help_text=_ENGLISH)
    purpose_en = serializers.CharField(help_text=_ENGLISH)
    legal_basis_en = serializers.CharField(help_text=_ENGLISH)
    controller_en = serializers.CharField(help_text=_ENGLISH)
    data_subjects_en = serializers.ListField(child=serializers.CharField(), help_text=_ENGLISH)
    data_categories_en = serializers.ListField(child=serializers.CharField(), help_text=_ENGLISH)
    recipients_en = serializers.ListField(child=serializers.CharField(), help_text=_ENGLISH)
    retention_en = serializers.CharField(help_text=_ENGLISH)
    security_measures_en = serializers.CharField(help_text=_ENGLISH)
    updated_at = serializers.DateTimeField()


class ProcessingActivitiesApi(APIView):
    @extend_schema(
        operation_id="processing_activities_list",
        tags=["verwerkingsregister"],
        summary="Register van verwerkingsactiviteiten (AVG art. 30)",
        parameters=[READER_LANGUAGE],
        responses={200: ProcessingActivityOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(ProcessingActivityOut(processing_activities(), many=True).data)


class ProcessingActivityApi(APIView):
    @extend_schema(
        operation_id="processing_activities_retrieve",
        tags=["verwerkingsregister"],
        summary="Eén verwerkingsactiviteit; de URI waarnaar een logregel verwijst",
        parameters=[READER_LANGUAGE],
        responses={200: ProcessingActivityOut},
    )
    def get(self, request: Request, code: str) -> Response:
        activity = processing_activities_by_code().get(code)
        if activity is None:
            raise Http404
        return Response(ProcessingActivityOut(activity).data)
