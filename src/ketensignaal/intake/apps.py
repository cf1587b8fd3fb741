from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "ketensignaal.intake"
    label = "intake"

    def ready(self) -> None:
        from ketensignaal.intake import refcache, scopes  # noqa: F401  (registers need-to-know scopes)
        from ketensignaal.intake.models import Category, Touchpoint

        refcache.watch(Category, Touchpoint)
