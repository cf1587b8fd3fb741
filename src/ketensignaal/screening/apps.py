from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "ketensignaal.screening"
    label = "screening"
    verbose_name = _("Screening en signaleringslijsten")

    def ready(self) -> None:
        from ketensignaal.screening import corroboration, scopes  # noqa: F401  (registers scopes and corroboration sources)
