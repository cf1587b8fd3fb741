from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.utils.translation import gettext

from ketensignaal.core.problems import problem_response
from ketensignaal.web import errors as web_errors

admin.site.site_header = "Ketensignaal — functioneel beheer"
admin.site.site_title = "Ketensignaal beheer"

urlpatterns = [
    path("api/v1/", include("ketensignaal.api.urls")),
    path("beheer/", admin.site.urls),
    path("oidc/", include("mozilla_django_oidc.urls")) if settings.OIDC_RP_CLIENT_ID else path("oidc/", include([])),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("ketensignaal.identity.urls")),
    path("", include("ketensignaal.routing.intake_urls")),
    path("", include("ketensignaal.routing.urls")),
    path("", include("ketensignaal.routing.notification_urls")),
    path("", include("ketensignaal.persons.urls")),
    path("", include("ketensignaal.disclosures.urls")),
    path("", include("ketensignaal.coordination.urls")),
    path("", include("ketensignaal.trajectories.urls")),
    path("", include("ketensignaal.conferences.urls")),
    path("", include("ketensignaal.screening.urls")),
    path("", include("ketensignaal.reporting.urls")),
    path("", include("ketensignaal.training.urls")),
    path("", include("ketensignaal.privacy.urls")),
    path("", include("ketensignaal.publicreports.urls")),
    path("", include("ketensignaal.intelligence.urls")),
    path("", include("ketensignaal.informationneeds.urls")),
    path("", include("ketensignaal.governance.urls")),
    path("", include("ketensignaal.configuration.urls")),
    path("", include("ketensignaal.retention.urls")),
    path("", include(("ketensignaal.web.urls", "web"), namespace="web")),
]


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return problem_response(
            request, 404, gettext("Deze resource bestaat niet of u heeft er geen toegang toe."), code="not_found"
        )
    return web_errors.not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return problem_response(
            request, 500, gettext("Er ging iets mis aan onze kant. Probeer het later opnieuw."), code="server_error"
        )
    return web_errors.server_error(request)


def handler403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return problem_response(request, 403, gettext("U heeft hiervoor geen toestemming."), code="forbidden")
    return web_errors.forbidden(request, exception)


def handler400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        detail = str(exception) if exception is not None and str(exception) else "Het verzoek is ongeldig."
        return problem_response(request, 400, detail, code="bad_request")
    return web_errors.bad_request(request, exception)
