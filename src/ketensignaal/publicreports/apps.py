from django.apps import AppConfig


class PublicReportsConfig(AppConfig):
    name = "ketensignaal.publicreports"
    label = "publicreports"
    verbose_name = "Publiek meldpunt"

    def ready(self) -> None:
        from ketensignaal.publicreports import scopes  # noqa: F401  (registers need-to-know scopes)
