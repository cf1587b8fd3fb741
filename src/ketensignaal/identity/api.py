"""API: who am I, and my own API tokens (list, revoke)."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core import serializers as kit
from ketensignaal.core.pagination import Pagination, paginated
from ketensignaal.identity.models import ApiToken, User
from ketensignaal.identity.selectors import api_token_own_or_404, api_token_status, api_tokens_of
from ketensignaal.identity.tokens import api_token_revoke


class ApiTokenOut(kit.OutputSerializer):
    """One of the caller's own API tokens; never the token itself."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField(help_text="Het begin van het token, om het te herkennen.")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=["valid", "expired", "revoked"])


def token_representation(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
        "status": api_token_status(token),
    }


class MeView(APIView):
    class OutputSerializer(kit.OutputSerializer):
        username = serializers.CharField()
        name = serializers.CharField(allow_blank=True)
        unit = serializers.CharField(allow_null=True)
        organisation = serializers.CharField(allow_null=True)
        roles = serializers.ListField(child=serializers.CharField())

    @extend_schema(
        operation_id="me_retrieve", tags=["identiteit"], summary="De ingelogde gebruiker", responses={200: OutputSerializer}
    )
    def get(self, request: Request) -> Response:
        user = cast(User, request.user)  # every API view requires an authenticated professional
        unit = user.unit
        return Response(
            self.OutputSerializer(
                {
                    "username": user.username,
                    "name": user.get_full_name(),
                    "unit": unit.code if unit else None,
                    "organisation": unit.organisation.code if unit else None,
                    "roles": sorted(user.role_codes),
                }
            ).data
        )


class ApiTokenListView(APIView):
    @extend_schema(
        operation_id="api_tokens_list",
        tags=["identiteit"],
        summary="Eigen API-tokens (nooit het token zelf)",
        responses={200: paginated(ApiTokenOut)},
    )
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(api_tokens_of(user=cast(User, request.user)), request, view=self)
        return paginator.get_paginated_response(ApiTokenOut([token_representation(t) for t in page or []], many=True).data)


class ApiTokenDetailView(APIView):
    @extend_schema(
        operation_id="api_tokens_retrieve", tags=["identiteit"], summary="Eén eigen API-token", responses={200: ApiTokenOut}
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(ApiTokenOut(token_representation(api_token_own_or_404(user=cast(User, request.user), token_id=pk))).data)

    @extend_schema(
        operation_id="api_tokens_revoke", tags=["identiteit"], summary="Eigen API-token intrekken", responses={204: None}
    )
    def delete(self, request: Request, pk: int) -> Response:
        api_token_revoke(token=api_token_own_or_404(user=cast(User, request.user), token_id=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
