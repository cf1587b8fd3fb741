from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "ketensignaal.reporting"
    label = "reporting"
    verbose_name = _("Rapportage")

    def ready(self) -> None:
        from ketensignaal.core.jobs import register_periodic_job
        from ketensignaal.reporting import scopes  # noqa: F401  (registers need-to-know scopes)
        from ketensignaal.reporting.hops import figures_refresh

        register_periodic_job("reporting.figures_refresh", figures_refresh)
