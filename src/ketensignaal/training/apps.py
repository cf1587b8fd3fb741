from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "ketensignaal.training"
    label = "training"
    verbose_name = _("Opleiding")

    def ready(self) -> None:
        from ketensignaal.training import scopes  # noqa: F401  (registers need-to-know scopes)
