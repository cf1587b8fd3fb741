from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ketensignaal.web"
    label = "web"

    def ready(self) -> None:
        from ketensignaal.web import signals  # noqa: F401  (connects the receivers)
