"""Django admin (/beheer/) for reporting routes: saving writes a new version; the version on screen stays as it was.

The form shows a route version with its edges. Saving never changes that version: it writes the next one
with the edges as entered (:func:`routing.route_versions.route_version_create`), puts it in use and keeps
the earlier versions, read-only, for the record; the processing-log entry is written in the same
transaction. Access as for the identity models: only the ``functional-admin`` role.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketensignaal.core.errors import DomainError
from ketensignaal.identity.admin import FunctionalAdminOnly, LabelledTabularInline, is_functional_admin
from ketensignaal.identity.models import User
from ketensignaal.routing.models import Route, RouteEdge
from ketensignaal.routing.route_versions import EdgeSpec, route_edges_problems, route_version_create

_NEW_VERSION = "_new_route_version"  # attribute on the form's instance: the version the save wrote (or None)
REFERENCE_DATA = "reference-data"  # Route.created_by of the versions the installation loaded


def _editable(route: Route | None) -> bool:
    """Only the version in use can be the starting point of a new one; earlier versions are the record."""
    return route is None or route.is_current


class RouteEdgeFormSet(BaseInlineFormSet):
    def specs(self) -> list[EdgeSpec]:
        """The edges as entered, without the rows marked for removal and the empty extra rows."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or (self.can_delete and data.get("DELETE")):
                continue
            rows.append(
                EdgeSpec(
                    from_pattern=data["from_pattern"],
                    to_unit=data["to_unit"],
                    position=data.get("position") or 0,
                    where_needed=bool(data.get("where_needed")),
                )
            )
        return rows

    def clean(self) -> None:
        super().clean()
        if any(self.errors) or self.instance.organisation_id is None:
            return
        problems = route_edges_problems(organisation=self.instance.organisation, edges=self.specs())
        if problems:
            raise forms.ValidationError([problem["reason"] for problem in problems])

    def save(self, commit: bool = True) -> list[Any]:
        # The edges are written with the new version by the service, never onto the version on screen.
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        return []


class RouteEdgeInline(LabelledTabularInline):
    model = RouteEdge
    formset = RouteEdgeFormSet
    fields = ("position", "from_pattern", "to_unit", "where_needed")
    ordering = ("position", "id")
    extra = 1

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "to_unit":
            kwargs["empty_label"] = _("Kies de eenheid")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[RouteEdge]:
        return super().get_queryset(request).select_related("to_unit")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request) and _editable(obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request) and _editable(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request) and _editable(obj)  # "delete" leaves the edge out of the next version


@admin.register(Route)
class RouteAdmin(FunctionalAdminOnly):
    # Names, not codes, and no column a 1280-pixel screen must scroll for (issue 10): who set a version is a name.
    list_display = ("organisation", "version", "is_current", "edge_count", "created_at", "established_by")
    list_filter = ("is_current", "organisation")
    list_select_related = ("organisation",)
    ordering = ("organisation__code", "-version")
    inlines = [RouteEdgeInline]
    _SAVING_WRITES_A_VERSION = _(
        "Opslaan maakt een nieuwe versie van de meldroute en neemt die direct in gebruik: het volgende "
        "signaal volgt de nieuwe schakels. Eerdere versies blijven ongewijzigd bewaard."
    )

    def get_fieldsets(self, request: HttpRequest, obj: Route | None = None) -> Any:
        fields: tuple[str, ...] = ("organisation", "description")
        if obj is not None:  # a new route has no version, date or author yet
            fields = (*fields, "version", "is_current", "created_at", "established_by")
        return ((None, {"fields": fields, "description": self._SAVING_WRITES_A_VERSION}),)

    def get_readonly_fields(self, request: HttpRequest, obj: Route | None = None) -> tuple[str, ...]:
        fixed = ("version", "is_current", "created_at", "established_by")
        return ("organisation", *fixed) if obj is not None else fixed

    def get_queryset(self, request: HttpRequest) -> QuerySet[Route]:
        accounts = User.objects.filter(username=OuterRef("created_by"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                edge_total=Count("edges"),
                created_by_first_name=Subquery(accounts.values("first_name")[:1]),
                created_by_last_name=Subquery(accounts.values("last_name")[:1]),
            )
        )

    @admin.display(description=_("vastgesteld door"), ordering="created_by")
    def established_by(self, obj: Route) -> str:
        """The colleague's name; a version from the installation's reference data says so in words."""
        if obj.created_by == REFERENCE_DATA:
            return gettext("Referentiegegevens (installatie)")
        name = " ".join(
            part for part in (getattr(obj, "created_by_first_name", ""), getattr(obj, "created_by_last_name", "")) if part
        )
        if name:
            return name
        account = User.objects.filter(username=obj.created_by).first()
        return account.display_name if account is not None else gettext("Systeem")

    @admin.display(description=_("schakels"), ordering="edge_total")
    def edge_count(self, obj: Route) -> int:
        return getattr(obj, "edge_total", 0)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request) and _editable(obj)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method == "POST" and is_functional_admin(request):
            shown = self.get_object(request, unquote(object_id))
            if shown is not None and not shown.is_current:
                # Someone put another version in use since this form was opened: say so instead of a bare 403.
                self.message_user(
                    request,
                    gettext(
                        "Versie %(version)s is niet meer in gebruik: er is intussen een andere versie opgeslagen. "
                        "Er is niets gewijzigd; begin opnieuw vanaf de actuele versie."
                    )
                    % {"version": shown.version},
                    messages.ERROR,
                )
                return self._redirect_to_current(shown)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: Route, form: Any, change: bool) -> None:
        """Nothing is written here: the new version is written with its edges in :meth:`save_related`."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        edges = next(fs for fs in formsets if isinstance(fs, RouteEdgeFormSet))
        edges.save()
        shown: Route = form.instance
        try:
            route: Route | None = route_version_create(
                actor=request.user,
                organisation=shown.organisation,
                edges=edges.specs(),
                description=shown.description,
                based_on=shown if change else None,
                channel="admin",
            )
        except DomainError as refusal:
            reasons = [refusal.detail, *(p.get("reason", "") for p in refusal.invalid_params)]
            self.message_user(request, " ".join(reasons), messages.ERROR)
            route = None
        setattr(shown, _NEW_VERSION, route)

    def log_addition(self, request: HttpRequest, obj: Route, message: Any) -> Any:
        return self._log_new_version(request, obj)

    def log_change(self, request: HttpRequest, obj: Route, message: Any) -> Any:
        return self._log_new_version(request, obj)

    def _log_new_version(self, request: HttpRequest, shown: Route) -> Any:
        """Django's admin history records the version that was written (an addition), not the one on screen."""
        route: Route | None = getattr(shown, _NEW_VERSION, None)
        if route is None:
            return None
        message = gettext("Versie %(version)s in gebruik genomen.") % {"version": route.version}
        return super().log_addition(request, route, message)

    def response_add(self, request: HttpRequest, obj: Route, post_url_continue: str | None = None) -> HttpResponse:
        return self._after_save(request, obj)

    def response_change(self, request: HttpRequest, obj: Route) -> HttpResponse:
        return self._after_save(request, obj)

    def _after_save(self, request: HttpRequest, shown: Route) -> HttpResponse:
        route: Route | None = getattr(shown, _NEW_VERSION, None)
        if route is None:  # refused; the message says why
            return self._redirect_to_current(shown) if shown.pk else HttpResponseRedirect(reverse("admin:routing_route_add"))
        self.message_user(
            request,
            gettext(
                "Versie %(version)s van de meldroute van %(organisation)s is in gebruik genomen; eerdere versies blijven bewaard."
            )
            % {"version": route.version, "organisation": route.organisation.name},
            messages.SUCCESS,
        )
        if "_continue" in request.POST:
            return HttpResponseRedirect(reverse("admin:routing_route_change", args=[route.pk]))
        if "_addanother" in request.POST:
            return HttpResponseRedirect(reverse("admin:routing_route_add"))
        return HttpResponseRedirect(reverse("admin:routing_route_changelist"))

    def _redirect_to_current(self, shown: Route) -> HttpResponse:
        current = Route.objects.filter(organisation_id=shown.organisation_id, is_current=True).first()
        if current is None:
            return HttpResponseRedirect(reverse("admin:routing_route_changelist"))
        return HttpResponseRedirect(reverse("admin:routing_route_change", args=[current.pk]))
