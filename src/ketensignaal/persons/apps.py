from django.apps import AppConfig


class PersonsConfig(AppConfig):
    name = "ketensignaal.persons"
    label = "persons"

    def ready(self) -> None:
        from ketensignaal.persons import hooks, scopes  # noqa: F401  (need-to-know scopes; matching on new signals)
