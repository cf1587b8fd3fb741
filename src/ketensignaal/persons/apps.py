from django.apps import AppConfig


class PersonsConfig(AppConfig):
    name = "ketensignaal.persons"
    label = "persons"

    def ready(self) -> None:
        from ketensignaal.core.jobs import register_periodic_job
        from ketensignaal.persons import hooks, scopes  # noqa: F401  (need-to-know scopes; matching on new signals)
        from ketensignaal.persons.matching.engine import key_frequencies_refresh

        register_periodic_job("persons.key_frequencies_refresh", key_frequencies_refresh)
