import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.utils import translation

# Paths a signed-in user may reach before completing the MFA step.
_OPEN_PREFIXES = ("/inloggen", "/uitloggen", "/mfa/", "/static/", "/api/", "/i18n/", "/oidc/")


class MfaRequiredMiddleware:
    """A password alone never opens the application: local accounts must pass TOTP first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and not user.is_verified()  # type: ignore[union-attr]
            and not request.session.get("sso_authenticated")
        ):
            return redirect("web:mfa")
        return self.get_response(request)


SIGNED_IN_AT = "ks_signed_in_at"
SEEN_AT = "ks_seen_at"
# The last-seen time is written at most this often, so an active user does not cause a session write per request.
_SEEN_RESOLUTION_SECONDS = 30


class SessionLifetimeMiddleware:
    """A signed-in session ends after ``SESSION_IDLE_SECONDS`` without a request, and ``SESSION_MAX_SECONDS`` after
    sign-in whatever the activity (a workstation left unlocked must not stay open for days). The request then
    continues signed out, so pages send the user to the sign-in page as for any anonymous visitor."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            signed_in_at = request.session.get(SIGNED_IN_AT)
            seen_at = request.session.get(SEEN_AT)
            if signed_in_at is None:
                request.session[SIGNED_IN_AT] = signed_in_at = now
            if seen_at is None:
                seen_at = now
            if now - seen_at > settings.SESSION_IDLE_SECONDS or now - signed_in_at > settings.SESSION_MAX_SECONDS:
                logout(request)
            elif now - seen_at >= _SEEN_RESOLUTION_SECONDS or SEEN_AT not in request.session:
                request.session[SEEN_AT] = now
        return self.get_response(request)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """The screens are in Dutch whatever the browser asks; English only by the user's choice (the language button,
    which sets the language cookie). A workstation with an English browser must not turn a Dutch colleague's
    screens English. API clients still choose with Accept-Language (an explicit choice of the client)."""

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            super().process_request(request)
            return
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
