from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "ketensignaal.intake"
    label = "intake"
    verbose_name = _("Melden van signalen")

    def ready(self) -> None:
        from ketensignaal.intake import refcache, scopes  # noqa: F401  (registers need-to-know scopes)
        from ketensignaal.intake.models import Category, Touchpoint

        refcache.watch(Category, Touchpoint)
