from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "ketensignaal.screening"
    label = "screening"
    verbose_name = "Screening en signaleringslijsten"

    def ready(self) -> None:
        from ketensignaal.screening import corroboration, scopes  # noqa: F401  (registers scopes and corroboration sources)
