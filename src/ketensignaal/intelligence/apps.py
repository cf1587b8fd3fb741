from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "ketensignaal.intelligence"
    label = "intelligence"
    verbose_name = "Inkomende inlichtingen en briefings"

    def ready(self) -> None:
        from ketensignaal.intelligence import scopes  # noqa: F401  (registers need-to-know scopes)
