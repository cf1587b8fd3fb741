from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicReportsConfig(AppConfig):
    name = "ketensignaal.publicreports"
    label = "publicreports"
    verbose_name = _("Publiek meldpunt")

    def ready(self) -> None:
        from ketensignaal.publicreports import scopes  # noqa: F401  (registers need-to-know scopes)
