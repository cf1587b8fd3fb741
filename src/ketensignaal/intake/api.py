"""API: registering a signal, reading it, its attachments, and the caller's own signals.

Thin views: validation in intake.validation, writes in routing.services, reads in routing.selectors.
"""

from __future__ import annotations

from typing import Any, cast

from django.db import IntegrityError
from django.http import FileResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.api.pagination import Pagination
from ketensignaal.identity.models import User
from ketensignaal.intake.attachments import attachment_path
from ketensignaal.intake.models import Attachment, Signal
from ketensignaal.intake.validation import parse_signal_input
from ketensignaal.routing import selectors, services

_ANY = inline_serializer(
    "SignalBody",
    fields={
        "subject": serializers.DictField(),
        "observation": serializers.DictField(),
        "categories": serializers.ListField(child=serializers.CharField()),
        "touchpoint": serializers.CharField(),
        "own_judgement": serializers.BooleanField(
            required=False,
            help_text="Verplicht true voor melders van een organisatie die alleen op eigen afweging deelt (Nidos, VWN): "
            "delen is de eigen beslissing van de organisatie in haar rol als voogd of belangenbehartiger. "
            "Ontbreekt het: 400 met invalid_params own_judgement.",
        ),
    },
)
_SIGNAL = inline_serializer(
    "Signal",
    fields={
        "id": serializers.UUIDField(),
        "reference": serializers.CharField(),
        "status": serializers.CharField(),
        "current_unit": serializers.CharField(allow_null=True),
        "created_at": serializers.DateTimeField(),
    },
)


def _user(request: Request) -> User:
    """Every API view requires authentication, so the user is a professional."""
    return cast(User, request.user)


def attachment_representation(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": str(attachment.pk),
        "name": attachment.original_name,
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


class SignalCollectionApi(APIView):
    @extend_schema(
        operation_id="signal_create",
        tags=["signalen"],
        request=_ANY,
        responses={201: _SIGNAL, 200: _SIGNAL},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False)],
        summary="Registreer een signaal in de eenheid van de aanroeper",
    )
    def post(self, request: Request) -> Response:
        data = parse_signal_input(cast(dict[str, Any], request.data))
        key = request.headers.get("Idempotency-Key") or None
        if key is not None and (len(key) > 200 or not key.isprintable()):
            from ketensignaal.core.errors import ValidationFailed

            raise ValidationFailed(
                "Ongeldige Idempotency-Key.",
                invalid_params=[{"name": "Idempotency-Key", "code": "invalid", "reason": "Maximaal 200 afdrukbare tekens."}],
            )
        try:
            signal, created = services.signal_submit(actor=_user(request), data=data, idempotency_key=key, channel="api")
        except IntegrityError:
            if not key:
                raise
            signal, created = services.signal_submit(actor=_user(request), data=data, idempotency_key=key, channel="api")
        if not created:  # a replay: answer with the signal as it is now; a new one is answered from memory
            signal = selectors.signal_visible(user=_user(request), signal_id=signal.pk)
        response = Response(
            signal_representation(signal, user=_user(request)), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )
        response["Location"] = f"/api/v1/signals/{signal.pk}"
        return response


class SignalDetailApi(APIView):
    @extend_schema(operation_id="signal_read", tags=["signalen"], responses={200: _SIGNAL}, summary="Een signaal")
    def get(self, request: Request, signal_id: str) -> Response:
        signal = selectors.signal_get(user=_user(request), signal_id=signal_id, channel="api")
        return Response(signal_representation(signal, user=_user(request)))


class SignalAttachmentsApi(APIView):
    @extend_schema(
        operation_id="signal_attachment_create",
        tags=["signalen"],
        request={"multipart/form-data": inline_serializer("AttachmentUpload", fields={"file": serializers.FileField()})},
        responses={201: inline_serializer("AttachmentList", fields={"attachments": serializers.ListField()})},
        summary="Voeg een bijlage toe (PDF, JPEG, PNG, DOCX; max. 20 MB)",
    )
    def post(self, request: Request, signal_id: str) -> Response:
        uploads = request.FILES.getlist("file")
        rows = services.signal_attach(actor=_user(request), signal_id=signal_id, uploads=uploads, channel="api")
        return Response({"attachments": [attachment_representation(a) for a in rows]}, status=status.HTTP_201_CREATED)


class SignalAttachmentDownloadApi(APIView):
    @extend_schema(
        operation_id="signal_attachment_download",
        tags=["signalen"],
        responses={(200, "application/octet-stream"): bytes},
        summary="Download een bijlage",
    )
    def get(self, request: Request, signal_id: str, attachment_id: str) -> FileResponse:
        attachment = selectors.attachment_get(
            user=_user(request), signal_id=signal_id, attachment_id=attachment_id, channel="api"
        )
        response = FileResponse(
            attachment_path(attachment).open("rb"),
            content_type=attachment.content_type,
            as_attachment=True,
            filename=attachment.original_name,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response


class MySignalsApi(APIView):
    @extend_schema(
        operation_id="my_signals_list",
        responses={200: _SIGNAL},
        tags=["signalen"],
        summary="Signalen die ik heb gemeld, met terugkoppeling",
    )
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.my_signals(user=_user(request)), request, view=self)
        selectors.signals_read_log(user=_user(request), signals=page or [], channel="api")
        rows = []
        for signal in page or []:
            row = summary_representation(signal, user=_user(request))
            row["feedback"] = selectors.feedback_for(_user(request), signal)
            rows.append(row)
        return paginator.get_paginated_response(rows)
