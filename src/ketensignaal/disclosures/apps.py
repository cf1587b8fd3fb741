from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "ketensignaal.disclosures"
    label = "disclosures"

    def ready(self) -> None:
        from ketensignaal.disclosures import scopes  # noqa: F401  (registers need-to-know scopes)
