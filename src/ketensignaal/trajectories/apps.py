from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectoriesConfig(AppConfig):
    name = "ketensignaal.trajectories"
    label = "trajectories"
    verbose_name = _("LIV-trajecten")

    def ready(self) -> None:
        from ketensignaal.core.jobs import register_periodic_job
        from ketensignaal.trajectories import scopes  # noqa: F401  (registers need-to-know scopes)
        from ketensignaal.trajectories.deadlines import trajectory_deadline_sweep

        register_periodic_job("liv-deadline-sweep", trajectory_deadline_sweep)
