from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ketensignaal.web"
    label = "web"

    def ready(self) -> None:
        from django.db.models import fields
        from django.utils.translation import gettext_lazy as _

        from ketensignaal.web import signals  # noqa: F401  (connects the receivers)

        # The empty choice of a select Django builds from a model field (the admin's forms, a ModelForm that sets
        # none of its own) reads as the product's own selects do, in both languages: "— kies —" / "— choose —",
        # instead of Django's "- Select an option -" (Django 6.1 lets an app's ready() set it).
        fields.BLANK_CHOICE_LABEL = _("— kies —")
