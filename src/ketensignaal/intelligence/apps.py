from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntelligenceConfig(AppConfig):
    name = "ketensignaal.intelligence"
    label = "intelligence"
    verbose_name = _("Inkomende inlichtingen en briefings")

    def ready(self) -> None:
        from ketensignaal.intelligence import scopes  # noqa: F401  (registers need-to-know scopes)
