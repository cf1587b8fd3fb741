from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "ketensignaal.privacy"
    label = "privacy"

    def ready(self) -> None:
        from ketensignaal.privacy import scopes  # noqa: F401  (need-to-know scopes)
