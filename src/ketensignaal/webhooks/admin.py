"""Django admin (/beheer/): functional administrators keep their organisation's webhook subscriptions.

A new subscription goes through ``services.subscription_create`` (https, no inside address, a registered flow from
the unit's organisation to the partner) and its secret is shown once. Afterwards only "active" can change; the
delivery log is read-only.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ketensignaal.core.errors import DomainError
from ketensignaal.core.need_to_know import visible
from ketensignaal.identity.admin import FunctionalAdminOnly, is_functional_admin
from ketensignaal.identity.models import Organisation
from ketensignaal.webhooks import services
from ketensignaal.webhooks.models import Delivery, EventType, Subscription


class SubscriptionForm(forms.ModelForm):
    types = forms.MultipleChoiceField(
        label=_("soorten gebeurtenissen"), choices=EventType.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Subscription
        fields = ("organisation", "unit", "url", "types", "is_active")

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "unit_id", None) and "organisation" in self.fields:
            self.fields["organisation"].queryset = Organisation.objects.filter(pk=user.unit.organisation_id)  # type: ignore[attr-defined]
            self.fields["organisation"].initial = user.unit.organisation_id

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance._state.adding and self.request is not None and not self.errors:
            try:
                self.created = services.subscription_create(
                    actor=self.request.user,  # type: ignore[arg-type]
                    unit_code=data["unit"].code,
                    url=data["url"],
                    types=data["types"],
                    partner=data["organisation"],
                    channel="admin",
                )
            except DomainError as exc:
                raise ValidationError(exc.detail) from None
        return data


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    max_num = 0
    can_delete = False
    fields = ("created_at", "type", "status", "attempts", "delivered_at")  # not the object's id (issue 10)
    readonly_fields = fields
    ordering = ("-created_at",)
    verbose_name_plural = _("afleverlog")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Subscription)
class SubscriptionAdmin(FunctionalAdminOnly):
    form = SubscriptionForm
    list_display = ("unit", "url", "organisation", "is_active", "created_at")
    list_filter = ("is_active",)
    inlines = [DeliveryInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Subscription]:
        return visible(request.user, super().get_queryset(request))

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class WithRequest(form_class):  # type: ignore[valid-type,misc]
            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, request=request, **kw)

        return WithRequest

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("organisation", "unit", "url", "type_labels") if obj is not None else ()

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return (
            ("organisation", "unit", "url", "type_labels", "is_active")
            if obj is not None
            else ("organisation", "unit", "url", "types")
        )

    @admin.display(description=_("soorten gebeurtenissen"))
    def type_labels(self, obj: Subscription) -> str:
        labels = dict(EventType.choices)
        return ", ".join(str(labels.get(t, t)) for t in obj.types or [])

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        created = getattr(form, "created", None)
        if created is not None:
            obj.pk = created.pk
            obj._state.adding = False
            obj.__dict__.update({k: v for k, v in created.__dict__.items() if not k.startswith("_")})
            messages.warning(
                request, _("Geheim voor de handtekening (wordt maar één keer getoond): %(secret)s") % {"secret": created.secret}
            )
            return
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.subscription_deactivate(actor=request.user, subscription=obj, channel="admin")  # type: ignore[arg-type]
            return
        super().save_model(request, obj, form, change)
