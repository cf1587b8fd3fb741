from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "ketensignaal.training"
    label = "training"

    def ready(self) -> None:
        from ketensignaal.training import scopes  # noqa: F401  (registers need-to-know scopes)
