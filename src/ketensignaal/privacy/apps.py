from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "ketensignaal.privacy"
    label = "privacy"
    verbose_name = _("Rechten van betrokkenen")

    def ready(self) -> None:
        from ketensignaal.privacy import scopes  # noqa: F401  (need-to-know scopes)
