from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "ketensignaal.governance"
    label = "governance"
