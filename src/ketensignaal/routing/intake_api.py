"""API: registering a signal, reading it, its attachments, and the caller's own signals.

The signal's entry points belong to routing, which owns the signal from submit to close (ADR 0009); intake supplies
the record, the reference data and the validation.

Thin views: each declares what it accepts and returns as serializers (which also make the OpenAPI document);
values are checked in intake.validation, writes go through routing.services, reads through routing.selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any, cast
from uuid import UUID

from django.db import IntegrityError, transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.core.pagination import Pagination, paginated
from ketensignaal.core.problems import problem_params
from ketensignaal.core.serializers import InputSerializer, OutputSerializer, shared_fields, unknown_fields, validated
from ketensignaal.identity.models import User
from ketensignaal.intake.attachments import attachment_file_response
from ketensignaal.intake.models import (
    Attachment,
    HandlingCode,
    IdentityBasis,
    InformationCredibility,
    NameKind,
    ObservationType,
    Outcome,
    Signal,
    SignalStatus,
    SourceReliability,
)
from ketensignaal.intake.validation import (
    DATA_CARRIER_HANDLING,
    HEARING_MODES,
    MAX_NAME_CHARS,
    MAX_NAMES,
    MAX_OBSERVATION_CHARS,
    MAX_SHORT_TEXT,
    SCRIPTS,
    SignalInput,
    parse_signal_input,
)
from ketensignaal.routing import selectors, services


class AttachmentOut(OutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField(help_text="Bestandsnaam; de extensie volgt het vastgestelde type.")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_at = serializers.DateTimeField()


class SignalNameOut(OutputSerializer):
    name = serializers.CharField()
    script = serializers.CharField(allow_null=True)
    kind = serializers.ChoiceField(choices=NameKind.choices)


class SignalSubjectOut(OutputSerializer):
    v_number = serializers.CharField(allow_null=True)
    names = SignalNameOut(many=True)
    date_of_birth = serializers.CharField(allow_null=True, help_text="JJJJ, JJJJ-MM of JJJJ-MM-DD.")
    date_of_birth_uncertain = serializers.BooleanField()
    nationality = serializers.CharField(allow_null=True)
    minor = serializers.BooleanField(allow_null=True)
    identity_basis = serializers.ChoiceField(choices=IdentityBasis.choices)
    current_location = serializers.CharField(allow_null=True)


class SignalObservationOut(OutputSerializer):
    type = serializers.ChoiceField(choices=ObservationType.choices)
    text = serializers.CharField()
    observed_at = serializers.DateTimeField(allow_null=True)


class SignalGradingOut(OutputSerializer):
    source = serializers.ChoiceField(choices=SourceReliability.choices, allow_null=True)  # type: ignore[assignment]
    information = serializers.ChoiceField(choices=InformationCredibility.choices, allow_null=True)


STATUS_CHOICES = [*SignalStatus.values, "forwarded-to-partner"]
STATUS_HELP = "Status bij de eigen organisatie; 'forwarded-to-partner' zodra het signaal de organisatie heeft verlaten."


class SignalOut(OutputSerializer):
    """A signal as its reader may see it (status and location hidden once it has left their organisation)."""

    id = serializers.UUIDField()
    reference = serializers.CharField(help_text="Bijv. KS-2026-000123.")
    status = serializers.ChoiceField(choices=STATUS_CHOICES, help_text=STATUS_HELP)
    current_unit = serializers.CharField(allow_null=True)
    outcome = serializers.ChoiceField(choices=Outcome.choices, allow_null=True)
    reporting_unit = serializers.CharField()
    acute = serializers.BooleanField()
    own_judgement = serializers.BooleanField(
        help_text="De melder bevestigde dat delen de eigen afweging van de organisatie is (Nidos, VWN)."
    )
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    subject = SignalSubjectOut()
    observation = SignalObservationOut()
    categories = serializers.ListField(child=serializers.CharField())
    touchpoint = serializers.CharField()
    hearing_mode = serializers.ChoiceField(choices=HEARING_MODES, allow_null=True)
    data_carrier_handling = serializers.ChoiceField(choices=DATA_CARRIER_HANDLING, allow_null=True)
    grading = SignalGradingOut()
    handling_code = serializers.ChoiceField(choices=HandlingCode.choices)
    attachments = AttachmentOut(many=True)


class SignalSummaryOut(OutputSerializer):
    """One row of a list of signals (inbox, my signals)."""

    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=STATUS_CHOICES, help_text=STATUS_HELP)
    current_unit = serializers.CharField(allow_null=True)
    outcome = serializers.ChoiceField(choices=Outcome.choices, allow_null=True)
    acute = serializers.BooleanField()
    name = serializers.CharField(allow_null=True, help_text="De eerste naam van de betrokkene.")
    categories = serializers.ListField(child=serializers.CharField())
    touchpoint = serializers.CharField()
    assigned_to = serializers.CharField(allow_null=True)
    arrived_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField()


class SignalFeedbackOut(OutputSerializer):
    status = serializers.CharField()
    summary = serializers.CharField()


class MySignalOut(SignalSummaryOut):
    feedback = SignalFeedbackOut()


def _user(request: Request) -> User:
    """Every API view requires authentication, so the user is a professional."""
    return cast(User, request.user)


def attachment_representation(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": str(attachment.pk),
        "name": attachment.download_name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "uploaded_at": attachment.uploaded_at,
    }


def signal_representation(signal: Signal, *, user: Any) -> dict[str, Any]:
    """The signal as the API returns it; status and where it is are hidden once it has left the caller's organisation."""
    return {
        "id": str(signal.pk),
        "reference": signal.reference,
        **selectors.status_for(user, signal),
        "reporting_unit": signal.reporting_unit.code,
        "acute": signal.acute,
        "own_judgement": signal.own_judgement,
        "version": signal.version,
        "created_at": signal.created_at,
        "updated_at": signal.updated_at,
        "subject": {
            "v_number": signal.v_number or None,
            "names": [{"name": n.name, "script": n.script or None, "kind": n.kind} for n in signal.names.all()],
            "date_of_birth": signal.date_of_birth or None,
            "date_of_birth_uncertain": signal.date_of_birth_uncertain,
            "nationality": signal.nationality or None,
            "minor": signal.minor,
            "identity_basis": signal.identity_basis,
            "current_location": signal.current_location or None,
        },
        "observation": {"type": signal.observation_type, "text": signal.observation_text, "observed_at": signal.observed_at},
        "categories": [c.code for c in signal.categories.all()],
        "touchpoint": signal.touchpoint.code,
        "hearing_mode": signal.hearing_mode or None,
        "data_carrier_handling": signal.data_carrier_handling or None,
        "grading": {"source": signal.source_reliability or None, "information": signal.information_credibility or None},
        "handling_code": signal.handling_code,
        "attachments": [attachment_representation(a) for a in signal.attachments.all()],
    }


def summary_representation(signal: Signal, *, user: Any) -> dict[str, Any]:
    names = list(signal.names.all())
    return {
        "id": str(signal.pk),
        "reference": signal.reference,
        **selectors.status_for(user, signal),
        "acute": signal.acute,
        "name": names[0].name if names else None,
        "categories": [c.code for c in signal.categories.all()],
        "touchpoint": signal.touchpoint.code,
        "assigned_to": signal.assigned_to.username if signal.assigned_to else None,
        "arrived_at": signal.arrived_at,
        "due_at": signal.due_at,
        "created_at": signal.created_at,
        "version": signal.version,
    }


_DATETIME = serializers.DateTimeField()


def _datetime_text(tz: tzinfo) -> Callable[[datetime | None], str | None]:
    """DRF's ``DateTimeField`` output (ISO 8601 in the current time zone, ``Z`` for UTC) with the zone looked up once
    for a whole list instead of once per value."""

    def text(value: datetime | None) -> str | None:
        if not value:
            return None
        if value.tzinfo is None:
            return _DATETIME.to_representation(value)
        out = value.astimezone(tz).isoformat()
        return out[:-6] + "Z" if out.endswith("+00:00") else out

    return text


def inbox_rows_representation(rows: list[dict[str, Any]], *, user: Any) -> list[dict[str, Any]]:
    """The API inbox page from plain rows (``selectors.inbox_rows``): exactly what :class:`SignalSummaryOut` renders
    from :func:`summary_representation`, key for key, without a model instance or a serializer field per row. Names
    and categories come in two queries for the whole page."""
    first_names, categories = selectors.inbox_row_details([row["id"] for row in rows])
    when = _datetime_text(timezone.get_current_timezone())
    own_organisation = user.organisation_id
    out = []
    for row in rows:
        if row["current_unit__organisation_id"] == own_organisation:  # always, for an inbox: the signal is here
            status = {"status": row["status"], "current_unit": row["current_unit__code"], "outcome": row["outcome"] or None}
        else:
            status = selectors.status_for(user, Signal.objects.select_related("current_unit").get(pk=row["id"]))
        out.append(
            {
                "id": str(row["id"]),
                "reference": row["reference"],
                **status,
                "acute": bool(row["acute"]),
                "name": first_names.get(row["id"]),
                "categories": categories.get(row["id"], []),
                "touchpoint": row["touchpoint__code"],
                "assigned_to": row["assigned_to__username"],
                "arrived_at": when(row["arrived_at"]),
                "due_at": when(row["due_at"]),
                "created_at": when(row["created_at"]),
                "version": int(row["version"]),
            }
        )
    return out


class SignalNameIn(InputSerializer):
    name = serializers.CharField(max_length=MAX_NAME_CHARS, trim_whitespace=False, help_text="Zoals geschreven, in elk schrift.")
    script = serializers.ChoiceField(choices=sorted(SCRIPTS), required=False, allow_blank=True, help_text="ISO 15924.")
    kind = serializers.ChoiceField(choices=NameKind.choices, required=False)


class SignalSubjectIn(InputSerializer):
    v_number = serializers.RegexField(r"^[0-9]{10}$", required=False, allow_blank=True, allow_null=True)
    names = SignalNameIn(many=True, min_length=1, max_length=MAX_NAMES)  # type: ignore[call-arg]
    date_of_birth = serializers.RegexField(
        r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="JJJJ, JJJJ-MM of JJJJ-MM-DD.",
    )
    date_of_birth_uncertain = serializers.BooleanField(required=False)
    nationality = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, max_length=3, help_text="ISO 3166 alpha-3, of XXA/XXB/XXC/XXX."
    )
    minor = serializers.BooleanField(required=False, allow_null=True)
    identity_basis = serializers.ChoiceField(choices=IdentityBasis.choices, required=False)
    current_location = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=MAX_SHORT_TEXT)


class SignalObservationIn(InputSerializer):
    type = serializers.ChoiceField(choices=ObservationType.choices)
    text = serializers.CharField(max_length=MAX_OBSERVATION_CHARS, trim_whitespace=False)
    observed_at = serializers.DateTimeField(required=False, allow_null=True)


class SignalGradingIn(InputSerializer):
    source = serializers.ChoiceField(  # type: ignore[assignment]  # a declared field, not Field.source
        choices=SourceReliability.choices, required=False, allow_blank=True, allow_null=True
    )
    information = serializers.ChoiceField(
        choices=InformationCredibility.choices, required=False, allow_blank=True, allow_null=True
    )


class SignalCollectionApi(APIView):
    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """A create is one transaction: the token lookup, the signal and its routing, its log entries and the matching
        job commit together (one commit per signal instead of three). A request with an Idempotency-Key keeps the
        service's own transaction, so a concurrent duplicate can be answered from the first one's record."""
        self.request_transaction = request.method == "POST" and not request.headers.get("Idempotency-Key")
        if not self.request_transaction:
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)
            if response.status_code >= 400:
                transaction.set_rollback(True)  # a refused or failed create leaves nothing behind
            return response

    class InputSerializer(InputSerializer):
        """The signal as API.md publishes it. The values are checked by ``intake.validation.parse_signal_input`` (shared
        with the web form: Dutch reasons per field, codes looked up); these fields decide which keys exist and their types."""

        share_fields = True  # no context: one field tree per worker thread (core.serializers.shared_fields)

        subject = SignalSubjectIn()
        observation = SignalObservationIn()
        categories = serializers.ListField(child=serializers.CharField(max_length=64), min_length=1)
        touchpoint = serializers.CharField(max_length=64)
        grading = SignalGradingIn(required=False)
        handling_code = serializers.ChoiceField(choices=HandlingCode.choices, required=False)
        acute = serializers.BooleanField(required=False)
        own_judgement = serializers.BooleanField(
            required=False,
            help_text="Verplicht true voor melders van een organisatie die alleen op eigen afweging deelt (Nidos, VWN): "
            "delen is de eigen beslissing van de organisatie in haar rol als voogd of belangenbehartiger. "
            "Ontbreekt het: 400 met invalid_params own_judgement.",
        )
        hearing_mode = serializers.ChoiceField(choices=HEARING_MODES, required=False, allow_blank=True, allow_null=True)
        data_carrier_handling = serializers.ChoiceField(
            choices=DATA_CARRIER_HANDLING, required=False, allow_blank=True, allow_null=True
        )
        own_judgement = serializers.BooleanField(
            required=False,
            help_text="Voor melders van een organisatie die alleen op eigen oordeel deelt (Nidos, VWN): true bevestigt "
            "dat delen het eigen besluit van de organisatie is.",
        )

        def to_internal_value(self, data: Any) -> SignalInput:  # type: ignore[override]
            unknown = unknown_fields(self.fields, data)
            try:
                parsed = parse_signal_input(data)
            except ValidationFailed as exc:
                if unknown:
                    exc.invalid_params = exc.invalid_params + problem_params(unknown)
                raise
            if unknown:
                raise serializers.ValidationError(unknown)
            super().to_internal_value(data)  # the declared shape agrees with what was parsed
            return parsed

    @extend_schema(
        operation_id="signal_create",
        tags=["signalen"],
        request=InputSerializer,
        responses={201: SignalOut, 200: SignalOut},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False)],
        summary="Registreer een signaal in de eenheid van de aanroeper",
    )
    def post(self, request: Request) -> Response:
        data = cast(SignalInput, validated(self.InputSerializer, request.data))
        key = request.headers.get("Idempotency-Key") or None
        if key is not None and (len(key) > 200 or not key.isprintable()):
            raise ValidationFailed(
                gettext("Ongeldige Idempotency-Key."),
                invalid_params=[
                    {"name": "Idempotency-Key", "code": "invalid", "reason": gettext("Maximaal 200 afdrukbare tekens.")}
                ],
            )
        submit = services.signal_submit_in_transaction if getattr(self, "request_transaction", False) else services.signal_submit
        try:
            signal, created = submit(actor=_user(request), data=data, idempotency_key=key, channel="api")
        except IntegrityError:
            if not key:
                raise
            signal, created = services.signal_submit(actor=_user(request), data=data, idempotency_key=key, channel="api")
        if not created:  # a replay: answer with the signal as it is now; a new one is answered from memory
            signal = selectors.signal_get(user=_user(request), signal_id=signal.pk, channel="api")
        response = Response(
            shared_fields(SignalOut(signal_representation(signal, user=_user(request)))).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
        response["Location"] = f"/api/v1/signals/{signal.pk}"
        return response


class SignalDetailApi(APIView):
    @extend_schema(operation_id="signal_read", tags=["signalen"], responses={200: SignalOut}, summary="Een signaal")
    def get(self, request: Request, signal_id: UUID) -> Response:
        signal = selectors.signal_get(user=_user(request), signal_id=signal_id, channel="api")
        return Response(SignalOut(signal_representation(signal, user=_user(request))).data)


class SignalAttachmentsApi(APIView):
    class InputSerializer(InputSerializer):
        file = serializers.FileField(help_text="PDF, JPEG, PNG of DOCX (gecontroleerd op inhoud); meerdere keren toegestaan.")

    class OutputSerializer(OutputSerializer):
        attachments = AttachmentOut(many=True)

    @extend_schema(
        operation_id="signal_attachment_create",
        tags=["signalen"],
        request={"multipart/form-data": InputSerializer},
        responses={201: OutputSerializer},
        summary="Voeg een bijlage toe (PDF, JPEG, PNG, DOCX; max. 20 MB)",
    )
    def post(self, request: Request, signal_id: UUID) -> Response:
        validated(
            self.InputSerializer,
            request.data,
            unseen_check=lambda: selectors.signal_visible(user=_user(request), signal_id=signal_id),
        )
        uploads = request.FILES.getlist("file")
        rows = services.signal_attach(actor=_user(request), signal_id=signal_id, uploads=uploads, channel="api")
        return Response(
            self.OutputSerializer({"attachments": [attachment_representation(a) for a in rows]}).data,
            status=status.HTTP_201_CREATED,
        )


class SignalAttachmentDownloadApi(APIView):
    @extend_schema(
        operation_id="signal_attachment_download",
        tags=["signalen"],
        responses={(200, "application/octet-stream"): bytes},
        summary="Download een bijlage",
    )
    def get(self, request: Request, signal_id: UUID, attachment_id: UUID) -> FileResponse:
        attachment = selectors.attachment_get(
            user=_user(request), signal_id=signal_id, attachment_id=attachment_id, channel="api"
        )
        return attachment_file_response(attachment)


class MySignalsApi(APIView):
    @extend_schema(
        operation_id="my_signals_list",
        responses={200: paginated(MySignalOut)},
        tags=["signalen"],
        summary="Signalen die ik heb gemeld, met terugkoppeling",
    )
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.my_signals(user=_user(request)), request, view=self) or []
        rows = []
        for signal in page:
            row = summary_representation(signal, user=_user(request))
            row["feedback"] = selectors.feedback_for(_user(request), signal)
            rows.append(row)
        return paginator.get_paginated_response(MySignalOut(rows, many=True).data)
