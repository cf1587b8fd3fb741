from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationNeedsConfig(AppConfig):
    name = "ketensignaal.informationneeds"
    label = "informationneeds"
    verbose_name = _("Informatiebehoeften")

    def ready(self) -> None:
        from ketensignaal.informationneeds import scopes  # noqa: F401  (registers need-to-know scopes)
