"""Django admin (/beheer/) for functional administrators: organisations, units, roles and users.

Only active staff users with the role ``functional-admin`` get in, whatever Django permissions or superuser flag
they have: the role is the one switch. Password hashes are never shown; changes are recorded in Django's LogEntry.
Sign-in goes through the product's own sign-in (password + TOTP), not the admin's login form.
"""

from __future__ import annotations

from types import MethodType
from typing import Any
from urllib.parse import urlencode

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

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
# The side menu of every app took a quarter of a 1280-pixel screen and cut the change lists off (issue 10); the
# breadcrumbs and the index lead to every list.
admin.site.enable_nav_sidebar = False

# The libraries' own admin pages are not functional administration: groups are not how access is granted (roles
# are), second factors and sign-in attempts hold secrets and personal data outside the processing log, and their
# screens are English. A lockout is lifted with the users' action below.
for _model in (Group, TOTPDevice, AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
# procrastinate's job pages (PostgreSQL only) are operations, not functional administration: jobs are watched and
# retried with the procrastinate command (docs/operations.md), and their arguments are not for a functional admin.
if apps.is_installed("procrastinate.contrib.django"):
    for _model in apps.get_app_config("procrastinate").get_models():
        if admin.site.is_registered(_model):
            admin.site.unregister(_model)


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

    def get_changelist_formset(self, request: HttpRequest, **kwargs: Any) -> Any:
        """The inputs a change list edits in place (list_editable) are named after their column, as in a form."""
        formset = super().get_changelist_formset(request, **kwargs)

        class Labelled(formset):  # type: ignore[valid-type,misc]
            def add_fields(self, form: Any, index: Any) -> None:
                super().add_fields(form, index)
                for name, field in form.fields.items():
                    field.widget.attrs.setdefault("aria-label", field.label or name)

        return Labelled


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose inputs carry their column's name: the stock table labels them only by its header, so
    a screen reader hears an unnamed field (axe: label, select-name). Related objects are picked, not edited from
    here (no add/change/view pop-ups beside each select)."""

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is None:
            return None
        widget = formfield.widget
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget.can_add_related = widget.can_change_related = widget.can_view_related = False
            widget.can_delete_related = False
            widget = widget.widget
        widget.attrs["aria-label"] = db_field.verbose_name
        return formfield

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)

        class Labelled(formset):  # type: ignore[valid-type,misc]
            def add_fields(self, form: Any, index: Any) -> None:
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs["aria-label"] = _("Verwijderen")

        return Labelled


@admin.register(Organisation)
class OrganisationAdmin(FunctionalAdminOnly):
    list_display = ("name", "kind", "shares_on_own_judgement")
    list_filter = ("kind",)
    search_fields = ("code", "name")


@admin.register(Unit)
class UnitAdmin(FunctionalAdminOnly):
    list_display = ("name", "organisation", "is_active", "service_level_days")
    list_filter = ("is_active", "organisation")
    search_fields = ("code", "name")
    list_select_related = ("organisation",)


@admin.register(Role)
class RoleAdmin(FunctionalAdminOnly):
    list_display = ("__str__",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the role codes are part of the API contract

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(FunctionalAdminOnly):
    # The colleague by name, not by account name (issue 10): the account name is in the form, where it is edited.
    list_display = ("name_display", "unit", "roles_display", "is_active", "locked", "last_login")
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
        unlocked = [user for user in queryset if account_locked(username=user.username)]
        for user in unlocked:
            account_unlock(actor=request.user, user=user)
        if unlocked:
            names = ", ".join(user.display_name for user in unlocked)
            self.message_user(request, _("Ontgrendeld: %(names)s.") % {"names": names}, messages.SUCCESS)
        else:
            self.message_user(request, _("Geen van de geselecteerde accounts was geblokkeerd."), messages.WARNING)

    @admin.display(description=_("naam"), ordering="last_name")
    def name_display(self, obj: User) -> str:
        return obj.display_name

    @admin.display(description=_("rollen"))
    def roles_display(self, obj: User) -> str:
        return ", ".join(str(r) for r in obj.roles.all())

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if not change:
            # New accounts sign in through SSO or get a password from `ketensignaal create-user`; no hash here.
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
