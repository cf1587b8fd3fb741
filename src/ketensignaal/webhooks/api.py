"""HTTP API of webhook subscriptions (API.md "notifications"): functional administrators of the partner.

The secret is returned once, in the answer to the create; the partner uses it to check each notification's
signature (see ``delivery``).
"""

from __future__ import annotations

from typing import cast

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core import serializers as kit
from ketensignaal.core.pagination import Pagination, paginated
from ketensignaal.identity.models import User
from ketensignaal.webhooks import selectors, services
from ketensignaal.webhooks.models import EventType

TAGS = ["Notificaties"]
CHANNEL = "api"


class SubscriptionOut(kit.OutputSerializer):
    id = serializers.UUIDField()
    unit = serializers.CharField(source="unit.code")
    url = serializers.URLField()
    types = serializers.ListField(child=serializers.ChoiceField(choices=EventType.choices))
    is_active = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class WebhookSubscriptionsApi(APIView):
    class InputSerializer(kit.InputSerializer):
        unit = serializers.CharField(max_length=100, help_text="Code van de eenheid, bijv. coa.bureau-veiligheid.")
        url = serializers.URLField(max_length=500, help_text="https-adres van het partnersysteem (geen intern adres).")
        types = serializers.ListField(
            child=serializers.ChoiceField(choices=EventType.choices), min_length=1, max_length=len(EventType.values)
        )

    class OutputSerializer(SubscriptionOut):
        secret = serializers.CharField(help_text="Geheim voor de HMAC-handtekening; alleen nu getoond.")

    @extend_schema(
        operation_id="webhook_subscriptions_list",
        tags=TAGS,
        summary="De webhook-abonnementen van uw organisatie",
        responses={200: paginated(SubscriptionOut)},
    )
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.subscription_list(user=request.user), request, view=self)
        return paginator.get_paginated_response(SubscriptionOut(page, many=True).data)

    @extend_schema(
        operation_id="webhook_subscriptions_create",
        tags=TAGS,
        summary="Een abonnement op gebeurtenissen bij één eenheid (CloudEvents, alleen ids en soorten)",
        request=InputSerializer,
        responses={201: OutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = kit.validated(self.InputSerializer, request.data)
        subscription = services.subscription_create(
            actor=cast(User, request.user), unit_code=data["unit"], url=data["url"], types=data["types"], channel=CHANNEL
        )
        return Response(self.OutputSerializer(subscription).data, status=201)
