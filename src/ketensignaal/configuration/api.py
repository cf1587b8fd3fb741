"""API: ``GET /api/v1/chain-settings`` and ``PUT /api/v1/chain-settings/{key}`` for the functional administrator.

The settings hold no personal data; others get 403. A change goes through the same service as the screen
(validated, kept with its reason, logged); ``version`` makes a concurrent change answer 409 instead of overwriting.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.configuration import selectors, services
from ketensignaal.configuration.models import SETTING_SPECS, ChainSetting, SettingKey
from ketensignaal.configuration.scopes import may_configure
from ketensignaal.core import serializers as kit
from ketensignaal.core.errors import NotAllowed

TAGS = ["ketenconfiguratie"]


class ChainSettingOut(kit.OutputSerializer):
    key = serializers.ChoiceField(choices=SettingKey.choices)
    name = serializers.CharField(help_text="Nederlandse naam van de instelling.")
    kind = serializers.ChoiceField(
        choices=[("units", "units"), ("unit", "unit"), ("number", "number")],
        help_text="`units`: een verzameling eenheden; `unit`: precies één eenheid; `number`: een getal.",
    )
    units = serializers.ListField(child=serializers.CharField(), help_text="Codes van de eenheden (leeg bij `number`).")
    number = serializers.IntegerField(allow_null=True)
    version = serializers.IntegerField()
    updated_at = serializers.DateTimeField()


def _out(setting: ChainSetting) -> dict[str, Any]:
    return {
        "key": setting.key,
        "name": str(SettingKey(setting.key).label),
        "kind": SETTING_SPECS[setting.key].kind,
        "units": sorted(u.code for u in setting.units.all()),
        "number": setting.number,
        "version": setting.version,
        "updated_at": setting.updated_at,
    }


def _require_admin(request: Request) -> None:
    if not may_configure(request.user):
        raise NotAllowed(gettext("Alleen een functioneel beheerder kan de ketenconfiguratie inzien en wijzigen."))


class ChainSettingsApi(APIView):
    @extend_schema(
        operation_id="chain_settings_list",
        tags=TAGS,
        summary="Ketenconfiguratie: LRO-leden en -cyclus, LIV-eenheid en opdrachtgevers, eenheden bij acuut gevaar",
        responses={200: ChainSettingOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        _require_admin(request)
        return Response(ChainSettingOut([_out(s) for s in selectors.chain_settings()], many=True).data)


class ChainSettingApi(APIView):
    class InputSerializer(kit.InputSerializer):
        units = serializers.ListField(
            child=serializers.CharField(max_length=100),
            required=False,
            max_length=200,
            help_text="Codes van de eenheden, voor instellingen van het soort `units` en `unit`.",
        )
        number = serializers.IntegerField(required=False, help_text="Voor instellingen van het soort `number`.")
        reason = serializers.CharField(max_length=2000, help_text="Reden van de wijziging; wordt bewaard.")
        version = serializers.IntegerField(
            required=False, help_text="De versie waarop de wijziging berust; een andere huidige versie geeft 409."
        )

    @extend_schema(
        operation_id="chain_settings_update",
        tags=TAGS,
        summary="Een instelling van de ketenconfiguratie wijzigen",
        request=InputSerializer,
        responses={200: ChainSettingOut},
    )
    def put(self, request: Request, key: str) -> Response:
        _require_admin(request)
        if key not in SETTING_SPECS:
            raise Http404
        data = kit.validated(self.InputSerializer, request.data)
        services.chain_setting_update(
            actor=request.user,
            key=key,
            reason=data["reason"],
            unit_codes=data.get("units"),
            number=data.get("number"),
            expected_version=data.get("version"),
            channel="api",
        )
        setting = selectors.chain_setting_get(key)
        assert setting is not None
        return Response(ChainSettingOut(_out(setting)).data)
