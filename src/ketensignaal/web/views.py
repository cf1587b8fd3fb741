"""Sign-in with mandatory TOTP (or SSO), sign-out, home page.

A password alone never opens the application: after the password the session is signed in but not verified,
and ``MfaRequiredMiddleware`` sends it to the TOTP step until a code is accepted. Failed passwords go through
``authenticate(request=...)`` so django-axes counts them and locks out after ``AXES_FAILURE_LIMIT``.
"""

from __future__ import annotations

import base64
import io
import math

import qrcode
import qrcode.image.svg
from axes.helpers import get_client_ip_address
from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketensignaal.identity.lockout import address_block_record, address_locked
from ketensignaal.routing.selectors import questions_to_my_unit
from ketensignaal.web.context_processors import navigation_entries, start_tasks

_NEXT_SESSION_KEY = "ks_next"


class LoginForm(forms.Form):
    # Autocomplete hints let password managers fill both fields; nothing blocks pasting.
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        help_text=_("Zes cijfers. Spaties mogen."),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit() or not 6 <= len(token) <= 8:
            raise forms.ValidationError(_("Vul de code van zes cijfers in die uw authenticator-app nu toont."))
        return token


def _safe_next(request: HttpRequest, candidate: str | None) -> str | None:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


def _sso_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:mfa")
    form = LoginForm(request.POST or None)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST" and form.is_valid():
        if address_locked(ip_address=get_client_ip_address(request)):
            address_block_record(ip_address=get_client_ip_address(request), username=form.cleaned_data["username"])
            return render(request, "web/locked_out.html", status=429)
        # request= is what lets django-axes see (and count) this attempt.
        user = authenticate(request=request, username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return render(request, "web/locked_out.html", status=429)
        if user is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if next_url:
                request.session[_NEXT_SESSION_KEY] = next_url
            return redirect("web:mfa")
        form.add_error(None, _("Gebruikersnaam of wachtwoord is onjuist."))
    context = {"form": form, "next": next_url or "", "sso_enabled": _sso_enabled()}
    return render(request, "web/login.html", context, status=400 if form.errors else 200)


def _qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@sensitive_post_parameters("token")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mfa_view(request: HttpRequest) -> HttpResponse:
    """Challenge with a confirmed TOTP device, or set one up on the first sign-in.

    A wrong code changes nothing but django-otp's throttle counter: the session stays unverified and a device
    being set up stays unconfirmed.
    """
    user = request.user
    if user.is_verified() or request.session.get("sso_authenticated"):  # type: ignore[union-attr]
        return redirect("web:home")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setup = device is None
    if device is None:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=False
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, info = device.verify_is_allowed()
        if not allowed:
            until = (info or {}).get("locked_until")
            seconds = max(1, math.ceil((until - timezone.now()).total_seconds())) if until else 60
            form.add_error(
                "token",
                _("Te veel onjuiste codes achter elkaar. Wacht %(seconds)s seconden en probeer het dan opnieuw.")
                % {"seconds": seconds},
            )
        elif device.verify_token(form.cleaned_data["token"]):
            if setup:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            target = _safe_next(request, request.session.pop(_NEXT_SESSION_KEY, None))
            return redirect(target or "web:home")
        else:
            form.add_error("token", _("Deze code klopt niet of is verlopen. Vul de code in die uw app nu toont."))
    context: dict[str, object] = {"form": form, "setup": setup}
    if setup:
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        context["qr"] = _qr_data_uri(device.config_url)
        context["secret"] = secret
        context["secret_grouped"] = _grouped(secret)
    return render(request, "web/mfa.html", context, status=400 if form.errors else 200)


@require_http_methods(["POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("web:login")


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    """Each role's start: open questions to the user's unit first (a reporter answers them too), then the inbox for
    a unit that handles signals, then what this role does, with working links."""
    user = request.user
    context = {
        "questions": questions_to_my_unit(user=user),  # type: ignore[arg-type]
        "start_tasks": start_tasks(navigation_entries(user)),
    }
    return render(request, "web/home.html", context)
