from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "ketensignaal.governance"
    label = "governance"

    def ready(self) -> None:
        from ketensignaal.core.jobs import register_periodic_job
        from ketensignaal.governance.checkpoints import log_checkpoint_job

        register_periodic_job("log-checkpoint", log_checkpoint_job)

        from ketensignaal.governance.scopes import _register_scopes

        _register_scopes()
