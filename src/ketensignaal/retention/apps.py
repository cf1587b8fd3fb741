from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "ketensignaal.retention"
    label = "retention"

    def ready(self) -> None:
        from ketensignaal.core.jobs import register_periodic_job
        from ketensignaal.retention import scopes  # noqa: F401  (registers need-to-know scopes)
        from ketensignaal.retention.services import retention_cycle

        register_periodic_job("retention-cycle", retention_cycle)
