from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "ketensignaal.webhooks"
    label = "webhooks"
    verbose_name = _("Notificaties aan partnersystemen")

    def ready(self) -> None:
        from ketensignaal.core.jobs import register_periodic_job
        from ketensignaal.webhooks import hooks, scopes  # noqa: F401  (save hooks, need-to-know scopes)
        from ketensignaal.webhooks.delivery import deliveries_due_send

        register_periodic_job("webhooks.deliveries_due", deliveries_due_send)
