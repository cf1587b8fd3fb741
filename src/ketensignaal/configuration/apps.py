from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfigurationConfig(AppConfig):
    name = "ketensignaal.configuration"
    label = "configuration"
    verbose_name = _("Ketenconfiguratie")

    def ready(self) -> None:
        from ketensignaal.configuration import selectors

        selectors.watch_changes()
