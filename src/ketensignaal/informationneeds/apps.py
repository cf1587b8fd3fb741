from django.apps import AppConfig


class InformationNeedsConfig(AppConfig):
    name = "ketensignaal.informationneeds"
    label = "informationneeds"
    verbose_name = "Informatiebehoeften"

    def ready(self) -> None:
        from ketensignaal.informationneeds import scopes  # noqa: F401  (registers need-to-know scopes)
