"""API of the legal-basis register: the registered flows and their versions.

The register holds no personal data; every signed-in professional may read it,
so partners can see which flows exist. Changes go through the register screens
(privacy officer, functional administrator) and :mod:`governance.legal_basis`.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core import serializers as kit
from ketensignaal.governance.legal_basis import flow_versions
from ketensignaal.governance.models import LegalBasisFlow

TAG = ["Grondslagenregister"]


class LegalBasisFlowsView(APIView):
    class OutputSerializer(kit.OutputSerializer):
        code = serializers.CharField()
        version = serializers.IntegerField()
        version_label = serializers.CharField()
        name = serializers.CharField()
        from_organisation = serializers.CharField(source="from_organisation.code")
        to_organisation = serializers.CharField(source="to_organisation.code")
        data_categories = serializers.ListField(child=serializers.CharField())
        signal_categories = serializers.ListField(child=serializers.CharField())
        purpose = serializers.CharField()
        statutory_basis = serializers.CharField()
        covenant = serializers.CharField(help_text="Het convenant dat de stroom regelt; nooit een grondslag op zich.")
        status = serializers.CharField()
        valid_from = serializers.DateField()
        valid_until = serializers.DateField(allow_null=True)
        is_current = serializers.BooleanField()

    @extend_schema(operation_id="legal_basis_flows_list", tags=TAG, responses=OutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        flows = (
            LegalBasisFlow.objects.filter(is_current=True).select_related("from_organisation", "to_organisation").order_by("code")
        )
        return Response(self.OutputSerializer(flows, many=True).data)


class LegalBasisFlowDetailView(APIView):
    class OutputSerializer(LegalBasisFlowsView.OutputSerializer):
        versions = serializers.SerializerMethodField()

        @extend_schema_field(LegalBasisFlowsView.OutputSerializer(many=True))
        def get_versions(self, obj: Any) -> Any:
            return LegalBasisFlowsView.OutputSerializer(self.context["history"], many=True).data

    @extend_schema(operation_id="legal_basis_flows_retrieve", tags=TAG, responses=OutputSerializer)
    def get(self, request: Request, code: str) -> Response:
        versions = flow_versions(code=code)
        shown = versions.current or (versions.history[0] if versions.history else None)
        if shown is None:
            raise Http404
        return Response(self.OutputSerializer(shown, context={"history": versions.history}).data)
