"""The one authorisation module: scoping querysets by need to know.

Every context registers, for each model holding personal or case data, a
scope function ``(user, queryset) -> queryset`` that keeps only the rows the
user has a need to know about, derived from their organisation, unit, roles
and the object's involvement. Selectors call :func:`visible` or
:func:`get_visible_or_404`; a model without a registered scope is refused
(fail closed), and there is no switch that turns scoping off.

A row the caller may not see raises ``Http404`` exactly as a missing row does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404

M = TypeVar("M", bound=models.Model)
ScopeFn = Callable[[Any, "models.QuerySet[Any]"], "models.QuerySet[Any]"]

_scopes: dict[type[models.Model], ScopeFn] = {}


class UnscopedModelError(LookupError):
    """Raised when a selector asks for a model nobody registered a scope for."""


def register_scope(model: type[models.Model]) -> Callable[[ScopeFn], ScopeFn]:
    def decorator(fn: ScopeFn) -> ScopeFn:
        _scopes[model] = fn
        return fn

    return decorator


def registered_models() -> list[type[models.Model]]:
    return list(_scopes)


def visible[M: models.Model](user: Any, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """Only the rows of ``queryset`` that ``user`` has a need to know about."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return queryset.none()
    try:
        scope = _scopes[queryset.model]
    except KeyError:
        raise UnscopedModelError(f"No need-to-know scope registered for {queryset.model.__name__}") from None
    return scope(user, queryset)


def get_visible_or_404[M: models.Model](user: Any, queryset: models.QuerySet[M], **lookup: Any) -> M:
    try:
        return visible(user, queryset).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None
    except Exception as exc:  # ValidationError on malformed ids behaves like "not found"
        from django.core.exceptions import ValidationError

        if isinstance(exc, ValidationError):
            raise Http404 from None
        raise
