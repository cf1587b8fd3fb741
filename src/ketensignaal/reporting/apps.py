from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "ketensignaal.reporting"
    label = "reporting"
