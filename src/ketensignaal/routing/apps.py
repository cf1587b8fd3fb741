from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutingConfig(AppConfig):
    name = "ketensignaal.routing"
    label = "routing"
    verbose_name = _("Meldstructuur")

    def ready(self) -> None:
        from ketensignaal.core.jobs import register_periodic_job
        from ketensignaal.routing.notifications import deadline_sweep

        register_periodic_job("deadline-sweep", deadline_sweep)

        from ketensignaal.identity.models import Organisation, Unit
        from ketensignaal.intake import refcache
        from ketensignaal.routing.models import Route, RouteEdge

        refcache.watch(Route, RouteEdge, Unit, Organisation)  # cached current route edges carry units and organisations
