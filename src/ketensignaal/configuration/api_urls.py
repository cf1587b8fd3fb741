"""API routes of the chain configuration, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.configuration.api import ChainSettingApi, ChainSettingsApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("chain-settings", ChainSettingsApi.as_view(), name="api-chain-settings"),
    path("chain-settings/<slug:key>", ChainSettingApi.as_view(), name="api-chain-setting"),
]
