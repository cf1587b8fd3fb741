"""API: a signal's history and feedback, the unit inbox, and the actions at a hop.

Thin views over routing.services and routing.selectors; domain errors become problem+json.
"""

from __future__ import annotations

from functools import partial
from typing import Any, cast
from uuid import UUID

from django.core.paginator import Paginator as DjangoPaginator
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.core.pagination import Pagination, paginated
from ketensignaal.core.serializers import InputSerializer, OutputSerializer, ReadableChoiceField, validated
from ketensignaal.identity.models import User
from ketensignaal.intake.models import HandlingCode, Outcome
from ketensignaal.routing import selectors, services
from ketensignaal.routing.intake_api import (
    SignalFeedbackOut,
    SignalOut,
    SignalSummaryOut,
    inbox_rows_representation,
    signal_representation,
    summary_representation,
)


class HistoryEntryOut(OutputSerializer):
    action = serializers.CharField()
    from_unit = serializers.CharField(allow_null=True)
    to_unit = serializers.CharField(allow_null=True)
    by = serializers.CharField()
    at = serializers.DateTimeField()
    note = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_null=True)
    justification = serializers.CharField(allow_null=True)
    outcome = serializers.CharField(allow_null=True)
    legal_basis = serializers.CharField(allow_null=True, help_text="Versie van de gegevensstroom, bijv. coa-ind@v1.")


class ForwardOptionOut(OutputSerializer):
    unit = serializers.CharField()
    name = serializers.CharField()
    where_needed = serializers.BooleanField()
    crosses_organisation = serializers.BooleanField()
    flow = serializers.CharField(allow_null=True)
    problem = serializers.CharField(allow_null=True)


class InboxRowOut(SignalSummaryOut):
    """One signal at the caller's unit."""


class _VersionedInput(InputSerializer):
    expected_version = serializers.IntegerField(
        required=False, allow_null=True, help_text="Optimistische vergrendeling; ook als If-Match-header."
    )


class _NoteInput(_VersionedInput):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)


def _user(request: Request) -> User:
    """Every API view requires authentication, so the user is a professional."""
    return cast(User, request.user)


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
            gettext("Ongeldige versie."),
            invalid_params=[
                {"name": "expected_version", "code": "invalid_type", "reason": gettext("Verwacht een geheel getal.")}
            ],
        ) from None


def _done(request: Request, signal: Any) -> Response:
    signal = selectors.signal_get(user=_user(request), signal_id=signal.pk, channel="api")
    return Response(SignalOut(signal_representation(signal, user=_user(request))).data)


class SignalHistoryApi(APIView):
    @extend_schema(
        operation_id="signal_history",
        tags=["signalen"],
        responses={200: HistoryEntryOut(many=True)},
        summary="Geschiedenis: één regel per schakel en actie",
    )
    def get(self, request: Request, signal_id: UUID) -> Response:
        events = selectors.signal_history(user=_user(request), signal_id=signal_id, channel="api")
        rows = [
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
        return Response(HistoryEntryOut(rows, many=True).data)


class SignalFeedbackApi(APIView):
    @extend_schema(
        operation_id="signal_feedback",
        tags=["signalen"],
        responses={200: SignalFeedbackOut},
        summary="Terugkoppeling aan de melder",
    )
    def get(self, request: Request, signal_id: UUID) -> Response:
        return Response(SignalFeedbackOut(selectors.signal_feedback(user=_user(request), signal_id=signal_id)).data)


def _flag(value: str | None, name: str) -> bool | None:
    if value in (None, ""):
        return None
    if value.lower() in {"true", "1", "ja"}:
        return True
    if value.lower() in {"false", "0", "nee"}:
        return False
    raise ValidationFailed(
        gettext("Ongeldige filter."),
        invalid_params=[{"name": name, "code": "invalid_choice", "reason": gettext("Gebruik true of false.")}],
    )


INBOX_PAGE = paginated(
    InboxRowOut,
    extra=(
        ("counts", serializers.DictField(child=serializers.IntegerField(), help_text="Aantallen per status, te laat, open.")),
    ),
)


class InboxApi(APIView):
    @extend_schema(
        operation_id="inbox_list",
        responses={200: INBOX_PAGE},
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
        # Plain rows, not model instances through the serializer: the page's 50 rows must cost little next to the
        # request itself (benchmarks/inbox.py). inbox_rows_representation renders exactly what InboxRowOut would.
        qs = selectors.inbox_rows(user=_user(request), **filters)
        counts = selectors.inbox_counts(user=_user(request))
        paginator = _InboxPagination(counts["open"] if selectors.inbox_is_default(**filters) else None)
        page = paginator.paginate_queryset(qs, request, view=self) or []
        response = paginator.get_paginated_response(inbox_rows_representation(page, user=_user(request)))
        response.data["counts"] = {key: int(value or 0) for key, value in counts.items()}  # whole numbers, as documented
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
    """A step at a hop: validate the body with the view's InputSerializer, act, answer with the signal as it now is."""

    InputSerializer: type[InputSerializer] = _VersionedInput

    def act(self, request: Request, signal_id: UUID, data: dict[str, Any], version: int | None) -> Any:
        raise NotImplementedError

    def post(self, request: Request, signal_id: UUID) -> Response:
        data = validated(
            self.InputSerializer,
            request.data,
            unseen_check=lambda: selectors.signal_visible(user=_user(request), signal_id=signal_id),
        )
        return _done(request, self.act(request, signal_id, data, _expected_version(request, data)))


def _action_schema(operation_id: str, summary: str, body: type[InputSerializer]) -> Any:
    return extend_schema(
        operation_id=operation_id, request=body, responses={200: SignalOut}, tags=["meldstructuur"], summary=summary
    )


class SignalTakeApi(_ActionApi):
    class InputSerializer(_VersionedInput):
        pass

    @_action_schema("signal_take", "In behandeling nemen", InputSerializer)
    def post(self, request: Request, signal_id: UUID) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: UUID, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_take(actor=_user(request), signal_id=signal_id, expected_version=version, channel="api")


class SignalNoteApi(_ActionApi):
    class InputSerializer(_NoteInput):
        pass

    @_action_schema("signal_note_create", "Notitie toevoegen", InputSerializer)
    def post(self, request: Request, signal_id: UUID) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: UUID, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_add_note(
            actor=_user(request), signal_id=signal_id, note=data["note"], expected_version=version, channel="api"
        )


class SignalReturnApi(_ActionApi):
    class InputSerializer(_NoteInput):
        pass

    @_action_schema("signal_return", "Terugsturen naar de vorige eenheid met een vraag", InputSerializer)
    def post(self, request: Request, signal_id: UUID) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: UUID, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_return(
            actor=_user(request), signal_id=signal_id, note=data["note"], expected_version=version, channel="api"
        )


class SignalForwardApi(_ActionApi):
    class InputSerializer(_NoteInput):
        to_unit = serializers.CharField(max_length=64, help_text="Eenheidscode, bijv. ind.tsz.")
        reason = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=2000, help_text="Verplicht buiten de route."
        )
        justification = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            max_length=4000,
            help_text="Waarom delen in deze zaak nodig en evenredig is; verplicht naar een andere organisatie.",
        )

    @_action_schema("signal_forward", "Doorsturen (langs de route, of buiten de route met reden)", InputSerializer)
    def post(self, request: Request, signal_id: UUID) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: UUID, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_forward(
            actor=_user(request),
            signal_id=signal_id,
            to_unit=data["to_unit"],
            note=data["note"],
            reason=data["reason"],
            justification=data["justification"],
            expected_version=version,
            channel="api",
        )


class SignalCloseApi(_ActionApi):
    class InputSerializer(_VersionedInput):
        outcome = ReadableChoiceField(choices=Outcome.choices, help_text="De uitkomst waarmee het signaal sluit.")
        note = serializers.CharField(
            max_length=10_000,
            help_text="Toelichting: waarom het signaal met deze uitkomst sluit. Verplicht en niet leeg (alleen spaties "
            "telt als leeg); afsluiten kan niet ongedaan worden gemaakt.",
            error_messages={"required": services.CLOSE_NOTE_REQUIRED, "blank": services.CLOSE_NOTE_REQUIRED},
        )

    @_action_schema("signal_close", "Afsluiten met een uitkomst", InputSerializer)
    def post(self, request: Request, signal_id: UUID) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: UUID, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_close(
            actor=_user(request),
            signal_id=signal_id,
            outcome=data["outcome"],
            note=data["note"],
            expected_version=version,
            channel="api",
        )


class SignalAssignApi(_ActionApi):
    class InputSerializer(_VersionedInput):
        assignee = serializers.IntegerField(
            required=False, allow_null=True, default=None, help_text="Id van een collega in de eenheid; null: niemand."
        )

    @_action_schema("signal_assign", "Toewijzen aan een collega in de eenheid", InputSerializer)
    def post(self, request: Request, signal_id: UUID) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: UUID, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_assign(
            actor=_user(request), signal_id=signal_id, assignee_id=data["assignee"], expected_version=version, channel="api"
        )


class SignalHandlingCodeApi(_ActionApi):
    class InputSerializer(_VersionedInput):
        handling_code = serializers.ChoiceField(choices=HandlingCode.choices, help_text="De nieuwe, lagere code.")
        reason = serializers.CharField(max_length=2000, help_text="Waarom de leverancier de code verlaagt.")

    @_action_schema("signal_handling_code_lower", "Verspreidingscode verlagen (alleen de leverancier)", InputSerializer)
    def post(self, request: Request, signal_id: UUID) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: UUID, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_handling_code_lower(
            actor=_user(request),
            signal_id=signal_id,
            handling_code=data["handling_code"],
            reason=data["reason"],
            expected_version=version,
            channel="api",
        )


class SignalForwardOptionsApi(APIView):
    @extend_schema(
        operation_id="signal_forward_options",
        responses={200: ForwardOptionOut(many=True)},
        tags=["meldstructuur"],
        summary="Volgende schakels op de route, met grondslag",
    )
    def get(self, request: Request, signal_id: UUID) -> Response:
        signal = selectors.signal_visible(user=_user(request), signal_id=signal_id)
        if not selectors.holds_signal(_user(request), signal) or signal.current_unit_id != _user(request).unit_id:
            return Response([])
        rows = [
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
        return Response(ForwardOptionOut(rows, many=True).data)


class SignalTakeOverApi(_ActionApi):
    class InputSerializer(_VersionedInput):
        pass

    @_action_schema("signal_take_over", "Acuut signaal overnemen (een eenheid die het acute alarm kreeg)", InputSerializer)
    def post(self, request: Request, signal_id: UUID) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: UUID, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_take_over(actor=_user(request), signal_id=signal_id, expected_version=version, channel="api")


class SignalAnswerApi(_ActionApi):
    class InputSerializer(_VersionedInput):
        answer = serializers.CharField(
            max_length=10_000, help_text="Het antwoord op de openstaande vraag; het signaal gaat terug naar wie vroeg."
        )

    @_action_schema("signal_answer", "De gevraagde informatie geven (beantwoorden)", InputSerializer)
    def post(self, request: Request, signal_id: UUID) -> Response:
        return super().post(request, signal_id)

    def act(self, request: Request, signal_id: UUID, data: dict[str, Any], version: int | None) -> Any:
        return services.signal_answer(
            actor=_user(request), signal_id=signal_id, answer=data["answer"], expected_version=version, channel="api"
        )


class WaitingRowOut(OutputSerializer):
    """A signal the caller's unit asked a question about, and that question."""

    signal = SignalSummaryOut()
    asked_unit = serializers.CharField(help_text="Eenheidscode van de eenheid die moet antwoorden.")
    question = serializers.CharField()
    asked_at = serializers.DateTimeField()


class WaitingOnOthersApi(APIView):
    @extend_schema(
        operation_id="signals_waiting_on_others",
        responses={200: WaitingRowOut(many=True)},
        tags=["meldstructuur"],
        summary="Wacht op anderen: signalen waarover mijn eenheid een vraag stelde",
    )
    def get(self, request: Request) -> Response:
        user = _user(request)
        rows = [
            {
                "signal": summary_representation(row.signal, user=user),
                "asked_unit": row.question.to_unit.code if row.question.to_unit else "",
                "question": row.question.note,
                "asked_at": row.question.at,
            }
            for row in selectors.waiting_on_others(user=user)
        ]
        return Response(WaitingRowOut(rows, many=True).data)


class AcuteElsewhereApi(APIView):
    @extend_schema(
        operation_id="inbox_acute_elsewhere",
        responses={200: InboxRowOut(many=True)},
        tags=["meldstructuur"],
        summary="Acute signalen waarvoor mijn eenheid het alarm kreeg maar die elders liggen (boven de inbox)",
    )
    def get(self, request: Request) -> Response:
        user = _user(request)
        rows = [summary_representation(s, user=user) for s in selectors.acute_elsewhere(user=user)[:50]]
        return Response(InboxRowOut(rows, many=True).data)
