from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "ketensignaal.coordination"
    label = "coordination"

    def ready(self) -> None:
        from ketensignaal.coordination import scopes  # noqa: F401  (registers need-to-know scopes)
