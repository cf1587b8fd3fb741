from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

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
