from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "ketensignaal.identity"
    label = "identity"
