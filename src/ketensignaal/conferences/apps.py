from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "ketensignaal.conferences"
    label = "conferences"
    verbose_name = _("Casusoverleggen (gemeente)")

    def ready(self) -> None:
        from ketensignaal.conferences import scopes  # noqa: F401  (registers need-to-know scopes)
        from ketensignaal.conferences.reminders import review_reminders_sweep
        from ketensignaal.conferences.services import cases_close_after_attention
        from ketensignaal.core.jobs import register_periodic_job

        register_periodic_job("conference-attention-close", cases_close_after_attention)
        register_periodic_job("conference-review-reminders", review_reminders_sweep)
