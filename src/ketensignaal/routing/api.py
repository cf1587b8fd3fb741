"""API: a signal's history and feedback, the unit inbox, and the actions at a hop.

Thin views over routing.services and routing.selectors; domain errors become problem+json.
"""

from __future__ import annotations

from functools import partial
from typing import Any, cast

from django.core.paginator import Paginator as DjangoPaginator
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.api.pagination import Pagination
from ketensignaal.core.errors import ValidationFailed
from ketensignaal.identity.models import User
from ketensignaal.intake.api import signal_representation, summary_representation
from ketensignaal.routing import selectors, services

_ACTION_BODY = inline_serializer(
    "SignalActionBody",
    fields={
        "note": serializers.CharField(required=False),
        "to_unit": serializers.CharField(required=False),
        "reason": serializers.CharField(required=False),
        "justification": serializers.CharField(required=False),
        "outcome": serializers.CharField(required=False),
        "assignee": serializers.IntegerField(required=False),
        "expected_version": serializers.IntegerField(required=False),
    },
)
_SIGNAL_OUT = inline_serializer(
    "SignalState",
    fields={
        "id": serializers.UUIDField(),
        "reference": serializers.CharField(),
        "status": serializers.CharField(),
        "current_unit": serializers.CharField(allow_null=True),
        "version": serializers.IntegerField(),
    },
)
_INBOX_ROW = inline_serializer(
    "InboxRow",
    fields={
        "id": serializers.UUIDField(),
        "reference": serializers.CharField(),
        "status": serializers.CharField(),
        "acute": serializers.BooleanField(),
        "due_at": serializers.DateTimeField(allow_null=True),
    },
)
_OPTION = inline_serializer(
    "ForwardOption",
    fields={
        "unit": serializers.CharField(),
        "name": serializers.CharField(),
        "where_needed": serializers.BooleanField(),
        "crosses_organisation": serializers.BooleanField(),
        "flow": serializers.CharField(allow_null=True),
        "problem": serializers.CharField(allow_null=True),
    },
    many=True,
)
_HISTORY = inline_serializer(
    "SignalHistoryEntry",
    fields={
        "action": serializers.CharField(),
        "from_unit": serializers.CharField(allow_null=True),
        "to_unit": serializers.CharField(allow_null=True),
        "by": serializers.CharField(),
        "at": serializers.DateTimeField(),
        "note": serializers.CharField(),
    },
    many=True,
)


def _user(request: Request) -> User:
    """Every API view requires authentication, so the user is a professional."""
    return cast(User, request.user)


def _body(request: Request) -> dict[str, Any]:
    data = request.data
    if not isinstance(data, dict):
        raise ValidationFailed(
            "De body moet een JSON-object zijn.",
            invalid_params=[{"name": "body", "code": "invalid_type", "reason": "Verwacht een JSON-object."}],
        )
    return data


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationFailed(
            "Ongeldige invoer.", invalid_params=[{"name": key, "code": "invalid_type", "reason": "Verwacht een tekst."}]
        )
    return value


def _expected_version(request: Request, data: dict[str, Any]) -> int | None:
    raw = data.get("expected_version")
    if raw is None:
        raw = (request.headers.get("If-Match") or "").strip().strip('"').removeprefix("W/").strip('"') or None
    if raw is None:
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ValidationFailed(
            "Ongeldige versie.",
            invalid_params=[{"name": "expected_version", "code": "invalid_type", "reason": "Verwacht een geheel getal."}],
        ) from None


def _done(request: Request, signal: Any) -> Response:
    signal = selectors.signal_visible(user=_user(request), signal_id=signal.pk)
    return Response(signal_representation(signal, user=_user(request)))


class SignalHistoryApi(APIView):
    @extend_schema(
        operation_id="signal_history",
        tags=["signalen"],
        responses={200: _HISTORY},
        summary="Geschiedenis: één regel per schakel en actie",
    )
    def get(self, request: Request, signal_id: str) -> Response:
        events = selectors.signal_history(user=_user(request), signal_id=signal_id, channel="api")
        return Response(
            [
                {
                    "action": e.action,
                    "from_unit": e.from_unit.code if e.from_unit else None,
                    "to_unit": e.to_unit.code if e.to_unit else None,
                    "by": e.by.get_full_name() or e.by.username,
                    "at": e.at,
                    "note": e.note,
                    "reason": e.reason or None,
                    "justification": e.justification or None,
                    "outcome": e.outcome or None,
                    "legal_basis": e.legal_basis or None,
                }
                for e in events
            ]
        )


class SignalFeedbackApi(APIView):
    @extend_schema(
        operation_id="signal_feedback",
        tags=["signalen"],
        responses={
            200: inline_serializer(
                "SignalFeedback", fields={"status": serializers.CharField(), "summary": serializers.CharField()}
            )
        },
        summary="Terugkoppeling aan de melder",
    )
    def get(self, request: Request, signal_id: str) -> Response:
        return Response(selectors.signal_feedback(user=_user(request), signal_id=signal_id))


def _flag(value: str | None, name: str) -> bool | None:
    if value in (None, ""):
        return None
    if value.lower() in {"true", "1", "ja"}:
        return True
    if value.lower() in {"false", "0", "nee"}:
        return False
    raise ValidationFailed(
        "Ongeldige filter.", invalid_params=[{"name": name, "code": "invalid_choice", "reason": "Gebruik true of false."}]
    )


class InboxApi(APIView):
    @extend_schema(
        operation_id="inbox_list",
        responses={200: _INBOX_ROW},
        tags=["meldstructuur"],
        summary="Signalen bij mijn eenheid (acuut eerst, dan op termijn)",
        parameters=[
            OpenApiParameter(p, str, required=False) for p in ("category", "touchpoint", "status", "overdue", "assigned")
        ],
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        assigned: Any = params.get("assigned") or None
        if assigned not in (None, "me") and not str(assigned).isdigit():
            assigned = _flag(assigned, "assigned")
        filters = {
            "category": params.get("category") or None,
            "touchpoint": params.get("touchpoint") or None,
            "status": params.get("status") or None,
            "overdue": _flag(params.get("overdue"), "overdue"),
            "assigned": assigned,
        }
        qs = selectors.inbox_list(user=_user(request), **filters)
        counts = selectors.inbox_counts(user=_user(request))
        paginator = _InboxPagination(counts["open"] if selectors.inbox_is_default(**filters) else None)
        page = paginator.paginate_queryset(qs, request, view=self) or []
        selectors.signals_read_log(user=_user(request), signals=page, channel="api")
        response = paginator.get_paginated_response([summary_representation(s, user=_user(request)) for s in page])
        response.data["counts"] = counts
        return response


class _KnownCountPaginator(DjangoPaginator):
    def __init__(self, object_list: Any, per_page: int, *, known_count: int | None = None) -> None:
        super().__init__(object_list, per_page)
        if known_count is not None:
            self.__dict__["count"] = known_count  # the cached property, filled without a COUNT query


class _InboxPagination(Pagination):
    """The default inbox's size is already known from its counts: don't count the inbox a second time."""

    def __init__(self, known_count: int | None) -> None:
        self.django_paginator_class = partial(_KnownCountPaginator, known_count=known_count)  # type: ignore[assignment]


class _ActionApi(APIView):
    def act(self, request: Request, signal_id: str, data: dict[str, Any], version: int | None) -> Any:
        raise NotImplementedError

    @extend_schema(request=_ACTION_BODY, responses={200: _SIGNAL_OUT}, tags=["meldstructuur"])
    def post(self, request: Request, signal_id: str) -> Response:
        data = _body(request)
        return _done(request, self.act(request, signal_id, data, _expected_version(request, data)))


class SignalTakeApi(_ActionApi):
    @extend_schema(
        operation_id="signal_take",
        request=_ACTION_BODY,
        responses={200: _SIGNAL_OUT},
        tags=["meldstructuur"],
        summary="In behandeling nemen",
    )
    def post(self, request: Request, signal_id: str) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: str, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_take(actor=_user(request), signal_id=signal_id, expected_version=version, channel="api")


class SignalNoteApi(_ActionApi):
    @extend_schema(
        operation_id="signal_note_create",
        request=_ACTION_BODY,
        responses={200: _SIGNAL_OUT},
        tags=["meldstructuur"],
        summary="Notitie toevoegen",
    )
    def post(self, request: Request, signal_id: str) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: str, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_add_note(
            actor=_user(request), signal_id=signal_id, note=_text(data, "note"), expected_version=version, channel="api"
        )


class SignalReturnApi(_ActionApi):
    @extend_schema(
        operation_id="signal_return",
        request=_ACTION_BODY,
        responses={200: _SIGNAL_OUT},
        tags=["meldstructuur"],
        summary="Terugsturen naar de vorige eenheid met een vraag",
    )
    def post(self, request: Request, signal_id: str) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: str, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_return(
            actor=_user(request), signal_id=signal_id, note=_text(data, "note"), expected_version=version, channel="api"
        )


class SignalForwardApi(_ActionApi):
    @extend_schema(
        operation_id="signal_forward",
        request=_ACTION_BODY,
        responses={200: _SIGNAL_OUT},
        tags=["meldstructuur"],
        summary="Doorsturen (langs de route, of buiten de route met reden)",
    )
    def post(self, request: Request, signal_id: str) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: str, data: dict[str, Any], version: int | None) -> Any:
        if not _text(data, "to_unit"):
            raise ValidationFailed(
                "Kies een eenheid.", invalid_params=[{"name": "to_unit", "code": "required", "reason": "Dit veld is verplicht."}]
            )
        return services.signal_forward(
            actor=_user(request),
            signal_id=signal_id,
            to_unit=_text(data, "to_unit"),
            note=_text(data, "note"),
            reason=_text(data, "reason"),
            justification=_text(data, "justification"),
            expected_version=version,
            channel="api",
        )


class SignalCloseApi(_ActionApi):
    @extend_schema(
        operation_id="signal_close",
        request=_ACTION_BODY,
        responses={200: _SIGNAL_OUT},
        tags=["meldstructuur"],
        summary="Afsluiten met een uitkomst",
    )
    def post(self, request: Request, signal_id: str) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: str, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_close(
            actor=_user(request),
            signal_id=signal_id,
            outcome=_text(data, "outcome"),
            note=_text(data, "note"),
            expected_version=version,
            channel="api",
        )


class SignalAssignApi(_ActionApi):
    @extend_schema(
        operation_id="signal_assign",
        request=_ACTION_BODY,
        responses={200: _SIGNAL_OUT},
        tags=["meldstructuur"],
        summary="Toewijzen aan een collega in de eenheid",
    )
    def post(self, request: Request, signal_id: str) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: str, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_assign(
            actor=_user(request), signal_id=signal_id, assignee_id=data.get("assignee"), expected_version=version, channel="api"
        )


class SignalForwardOptionsApi(APIView):
    @extend_schema(
        operation_id="signal_forward_options",
        responses={200: _OPTION},
        tags=["meldstructuur"],
        summary="Volgende schakels op de route, met grondslag",
    )
    def get(self, request: Request, signal_id: str) -> Response:
        signal = selectors.signal_visible(user=_user(request), signal_id=signal_id)
        if not selectors.holds_signal(_user(request), signal) or signal.current_unit_id != _user(request).unit_id:
            return Response([])
        return Response(
            [
                {
                    "unit": o.unit_code,
                    "name": o.unit_name,
                    "where_needed": o.where_needed,
                    "crosses_organisation": o.crosses_organisation,
                    "flow": o.flow or None,
                    "problem": o.problem or None,
                }
                for o in selectors.forward_options(user=_user(request), signal=signal)
            ]
        )
