from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ketensignaal.core"
    label = "core"
