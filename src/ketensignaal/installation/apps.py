from django.apps import AppConfig


class InstallationConfig(AppConfig):
    name = "ketensignaal.installation"
    label = "installation"
