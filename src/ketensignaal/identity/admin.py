"""Django admin (/beheer/) for functional administrators: organisations, units, roles and users.

Only active staff users with the role ``functional-admin`` get in, whatever Django permissions or superuser flag
they have: the role is the one switch. Password hashes are never shown; changes are recorded in Django's LogEntry.
Sign-in goes through the product's own sign-in (password + TOTP), not the admin's login form.
"""

from __future__ import annotations

from types import MethodType
from typing import Any
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ketensignaal.identity.lockout import account_locked, account_unlock
from ketensignaal.identity.models import Organisation, Role, Unit, User
from ketensignaal.identity.scopes import may_administer


def is_functional_admin(request: HttpRequest) -> bool:
    return may_administer(getattr(request, "user", None))


def _site_has_permission(self: admin.AdminSite, request: HttpRequest) -> bool:
    return is_functional_admin(request)


def _site_login(self: admin.AdminSite, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    if request.user.is_authenticated:
        raise PermissionDenied  # signed in, but not a functional administrator
    target = request.GET.get("next") or reverse("admin:index")
    return HttpResponseRedirect(reverse("web:login") + "?" + urlencode({"next": target}))


admin.site.has_permission = MethodType(_site_has_permission, admin.site)  # type: ignore[method-assign]
admin.site.login = MethodType(_site_login, admin.site)  # type: ignore[method-assign]


class FunctionalAdminOnly(admin.ModelAdmin):
    """Permissions from the role, not from Django's per-model permission table."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_functional_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_functional_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Organisations, units and users are referenced by signals and the processing log: deactivate instead.
        return False


@admin.register(Organisation)
class OrganisationAdmin(FunctionalAdminOnly):
    list_display = ("code", "name", "kind", "shares_on_own_judgement")
    list_filter = ("kind",)
    search_fields = ("code", "name")


@admin.register(Unit)
class UnitAdmin(FunctionalAdminOnly):
    list_display = ("code", "name", "organisation", "is_active", "service_level_days")
    list_filter = ("is_active", "organisation")
    search_fields = ("code", "name")
    list_select_related = ("organisation",)


@admin.register(Role)
class RoleAdmin(FunctionalAdminOnly):
    list_display = ("code", "__str__")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the role codes are part of the API contract

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(FunctionalAdminOnly):
    list_display = ("username", "first_name", "last_name", "unit", "roles_display", "is_active", "locked", "last_login")
    actions = ("unlock_accounts",)
    list_filter = ("is_active", "roles", "unit__organisation")
    search_fields = ("username", "first_name", "last_name", "email", "unit__code")
    list_select_related = ("unit",)
    filter_horizontal = ("roles",)
    fieldsets = (
        (None, {"fields": ("username", "first_name", "last_name", "email", "preferred_language")}),
        (_("Eenheid en rollen"), {"fields": ("unit", "roles")}),
        (_("Toegang"), {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).prefetch_related("roles")

    @admin.display(description=_("geblokkeerd"), boolean=True)
    def locked(self, obj: User) -> bool:
        return account_locked(username=obj.username)

    @admin.action(description=_("Geselecteerde accounts ontgrendelen"))
    def unlock_accounts(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        """Lift a lockout (after repeated failed sign-ins); the account's API tokens work again. Logged per account."""
        unlocked = [user.username for user in queryset if account_locked(username=user.username)]
        for user in queryset.filter(username__in=unlocked):
            account_unlock(actor=request.user, user=user)
        if unlocked:
            self.message_user(request, _("Ontgrendeld: %(names)s.") % {"names": ", ".join(unlocked)}, messages.SUCCESS)
        else:
            self.message_user(request, _("Geen van de geselecteerde accounts was geblokkeerd."), messages.WARNING)

    @admin.display(description=_("rollen"))
    def roles_display(self, obj: User) -> str:
        return ", ".join(str(r) for r in obj.roles.all())

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if not change:
            # New accounts sign in through SSO or get a password from `ketensignaal create-user`; no hash here.
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
