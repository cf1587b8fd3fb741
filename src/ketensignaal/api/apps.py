from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The API layer is also the composition root that wires ports between contexts (ADR 0004)."""

    name = "ketensignaal.api"
    label = "api"

    def ready(self) -> None:
        from ketensignaal.api import schema, wiring  # noqa: F401  (registers the schema extension)

        wiring.wire_subject_resolvers()
        wiring.wire_lockout_audit()
