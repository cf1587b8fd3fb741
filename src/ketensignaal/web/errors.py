"""Readable Dutch error pages; never a stack trace."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {"title": _("Niet gevonden"), "message": _("Deze pagina bestaat niet of u heeft er geen toegang toe.")},
        status=404,
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request, "web/error.html", {"title": _("Geen toegang"), "message": _("U heeft hiervoor geen toestemming.")}, status=403
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {"title": _("Ongeldig verzoek"), "message": _("Het verzoek kon niet worden verwerkt.")},
        status=400,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {
            "title": _("Er ging iets mis"),
            "message": _("Er ging iets mis aan onze kant. Uw invoer is niet opgeslagen; probeer het opnieuw."),
        },
        status=500,
    )
