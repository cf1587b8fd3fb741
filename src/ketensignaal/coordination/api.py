"""HTTP API of the LRO (API.md "Coordination meeting (LRO)" and "Follow-up tasks"); services hold every rule."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.coordination import selectors, services
from ketensignaal.coordination.minutes import minutes_pdf
from ketensignaal.coordination.models import DecisionKind
from ketensignaal.core.serializers import InputSerializer, OutputSerializer, validated
from ketensignaal.identity.selectors import unit_names

TAGS = ["LRO"]
CHANNEL = "api"


class MeetingIn(InputSerializer):
    date = serializers.DateField(help_text="De datum van het overleg (JJJJ-MM-DD); vandaag of later.")


class ItemIn(InputSerializer):
    signal = serializers.UUIDField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    justification = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Afweging per geval: waarom de leden van andere organisaties dit signaal nodig hebben. Zonder "
        "afweging of reden geldt de vastgelegde standaardafweging van de voordracht (gezamenlijke duiding in het LRO, "
        "het doel van de geregistreerde stroom); die wordt als zodanig in de geschiedenis en het verwerkingenlog "
        "vastgelegd. Een stroom en de behandelcode blijven altijd vereist.",
    )


class RemoveIn(InputSerializer):
    reason = serializers.CharField(allow_blank=True)


class DecisionIn(InputSerializer):
    item = serializers.UUIDField(help_text="Id van een agendapunt van dit overleg.")
    interpretation = serializers.CharField(allow_blank=True, required=False, default="")
    decision = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.CharField(required=False, allow_blank=True, default="")
    due = serializers.CharField(required=False, allow_blank=True, default="")
    justification = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Afweging per geval voor het delen van de besproken signalen met een eigenaar van een andere "
        "organisatie; zonder afweging geldt de gezamenlijke duiding als afweging.",
    )
    expected_version = serializers.IntegerField(required=False, allow_null=True)


class TaskUpdateIn(InputSerializer):
    status = serializers.ChoiceField(choices=["done"])
    expected_version = serializers.IntegerField(required=False, allow_null=True)


def _valid(cls: type, request: Request) -> dict[str, Any]:
    return dict(validated(cls, request.data))


class MeetingOut(OutputSerializer):
    id = serializers.UUIDField()
    date = serializers.DateField()
    status = serializers.CharField()
    version = serializers.IntegerField()


class TaskOut(OutputSerializer):
    id = serializers.UUIDField()
    source = serializers.CharField()  # type: ignore[assignment]  # a declared field, not Field.source
    description = serializers.CharField()
    due = serializers.DateField()
    status = serializers.CharField()
    owner = serializers.CharField(help_text="Eenheidscode van de eigenaar.")
    overdue = serializers.BooleanField()
    version = serializers.IntegerField()
    decision = serializers.UUIDField(allow_null=True)


class DecisionOut(OutputSerializer):
    id = serializers.UUIDField()
    item = serializers.UUIDField()
    interpretation = serializers.CharField(allow_blank=True)
    decision = serializers.ChoiceField(choices=DecisionKind.choices)
    owner = serializers.CharField()
    due = serializers.DateField()
    task = TaskOut(allow_null=True)
    liv_trajectory = serializers.UUIDField(allow_null=True)
    withdrawn_at = serializers.DateTimeField(allow_null=True, help_text="Gezet als het besluit is ingetrokken of gewijzigd.")
    replaces = serializers.UUIDField(allow_null=True, help_text="Het besluit dat door deze wijziging is vervangen.")


class NotSharedOut(OutputSerializer):
    unit = serializers.CharField(help_text="Eenheidscode van het lid, bijv. politie.cter (voor koppelingen).")
    unit_name = serializers.CharField(help_text="De naam van het lid, zoals een mens die leest.")
    reason = serializers.CharField(
        help_text="Waarom het lid dit signaal niet ziet, met de naam van het lid, in de taal van de lezer."
    )


class AgendaSignalOut(OutputSerializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    acute = serializers.BooleanField()
    organisation = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField())
    put_forward = serializers.BooleanField()
    not_shared_with = NotSharedOut(many=True, help_text="Leden die dit signaal niet zien omdat een grondslag ontbreekt.")


class AgendaPersonOut(OutputSerializer):
    id = serializers.UUIDField()
    display_name = serializers.CharField(help_text="De naam zoals de lezer die mag zien.")


class AgendaItemOut(OutputSerializer):
    id = serializers.UUIDField()
    version = serializers.IntegerField()
    person = AgendaPersonOut(allow_null=True)
    acute = serializers.BooleanField()
    carried_over = serializers.BooleanField()
    added_reason = serializers.CharField(allow_blank=True)
    signals = AgendaSignalOut(many=True)
    earlier_decisions = DecisionOut(many=True)


def meeting_out(m: Any) -> dict[str, Any]:
    return {"id": str(m.id), "date": m.date.isoformat(), "status": m.status, "version": m.version}


def line_out(line: Any, names: Mapping[str, str]) -> dict[str, Any]:
    """One agenda line; ``names`` gives each withheld member's name by code (``identity.selectors.unit_names``)."""
    item = line.item
    return {
        "id": str(item.id),
        "version": item.version,
        "person": {"id": str(item.person_id), "display_name": line.display_name} if item.person_id else None,
        "acute": line.acute,
        "carried_over": item.carried_from_id is not None,
        "added_reason": item.added_reason,
        "signals": [
            {
                "id": s.id,
                "reference": s.reference,
                "acute": s.acute,
                "organisation": s.organisation_code,
                "categories": s.categories,
                "put_forward": s.put_forward,
                "not_shared_with": [
                    {"unit": u, "unit_name": names.get(u, u), "reason": selectors.not_shared_reason(names.get(u, u))}
                    for u in s.withheld_units
                ],
            }
            for s in line.signals
        ],
        "earlier_decisions": [decision_out(d) for d in line.earlier],
    }


def decision_out(d: Any) -> dict[str, Any]:
    task = getattr(d, "task", None)
    return {
        "id": str(d.id),
        "item": str(d.item_id),
        "interpretation": d.interpretation,
        "decision": d.kind,
        "owner": d.owner_unit.code,
        "due": d.due.isoformat(),
        "task": task_out(task) if task else None,
        "liv_trajectory": str(d.liv_trajectory_id) if d.liv_trajectory_id else None,
        "withdrawn_at": d.withdrawn_at,
        "replaces": str(d.replaces_id) if d.replaces_id else None,
    }


def task_out(t: Any) -> dict[str, Any]:
    return {
        "id": str(t.id),
        "source": t.source,
        "description": t.description,
        "due": t.due.isoformat(),
        "status": t.status,
        "owner": t.owner_unit.code,
        "overdue": t.overdue,
        "version": t.version,
        "decision": str(t.decision_id) if t.decision_id else None,
    }


class Meetings(APIView):
    class OutputSerializer(OutputSerializer):
        results = MeetingOut(many=True)
        next_date = serializers.DateField(help_text="Voorgestelde datum van het volgende overleg.")

    @extend_schema(operation_id="lro_meetings_list", tags=TAGS, responses={200: OutputSerializer})
    def get(self, request: Request) -> Response:
        rows = selectors.meeting_list(user=request.user)
        body = {"results": [meeting_out(m) for m in rows], "next_date": services.next_meeting_date()}
        return Response(self.OutputSerializer(body).data)

    @extend_schema(operation_id="lro_meetings_create", tags=TAGS, request=MeetingIn, responses={201: MeetingOut})
    def post(self, request: Request) -> Response:
        data = _valid(MeetingIn, request)
        m = services.meeting_create(actor=request.user, date=data["date"], channel=CHANNEL)
        return Response(MeetingOut(meeting_out(m)).data, status=201)


class MeetingDetail(APIView):
    @extend_schema(operation_id="lro_meetings_read", tags=TAGS, responses={200: MeetingOut})
    def get(self, request: Request, pk: Any) -> Response:
        return Response(MeetingOut(meeting_out(selectors.meeting_get(user=request.user, meeting_id=pk, channel=CHANNEL))).data)

    @extend_schema(operation_id="lro_meetings_move", tags=TAGS, request=MeetingIn, responses={200: MeetingOut})
    def patch(self, request: Request, pk: Any) -> Response:
        data = _valid(MeetingIn, request)
        moved = services.meeting_move(actor=request.user, meeting_id=pk, date=data["date"], channel=CHANNEL)
        return Response(MeetingOut(meeting_out(moved)).data)


class MeetingClose(APIView):
    @extend_schema(operation_id="lro_meetings_close", tags=TAGS, request=None, responses={200: MeetingOut})
    def post(self, request: Request, pk: Any) -> Response:
        return Response(MeetingOut(meeting_out(services.meeting_close(actor=request.user, meeting_id=pk, channel=CHANNEL))).data)


class Items(APIView):
    class OutputSerializer(OutputSerializer):
        id = serializers.UUIDField()
        version = serializers.IntegerField()

    @extend_schema(operation_id="lro_items_create", tags=TAGS, request=ItemIn, responses={201: OutputSerializer})
    def post(self, request: Request, pk: Any) -> Response:
        data = _valid(ItemIn, request)
        # API.md publishes {"signal": id} as the whole body: without a weighing of its own the hub's put-forward
        # records the standard one, visibly marked, so partner clients keep working and the log stays truthful.
        justification = data["justification"].strip() or data["reason"].strip() or services.STANDARD_PUT_FORWARD_WEIGHING
        item = services.item_put_forward(
            actor=request.user,
            meeting_id=pk,
            signal_id=data["signal"],
            reason=data["reason"],
            justification=justification,
            channel=CHANNEL,
        )
        return Response(self.OutputSerializer({"id": item.id, "version": item.version}).data, status=201)


class ItemRemove(APIView):
    class OutputSerializer(OutputSerializer):
        id = serializers.UUIDField()
        removed = serializers.BooleanField()
        reason = serializers.CharField(allow_blank=True)

    @extend_schema(operation_id="lro_items_remove", tags=TAGS, request=RemoveIn, responses={200: OutputSerializer})
    def post(self, request: Request, pk: Any, item: Any) -> Response:
        data = _valid(RemoveIn, request)
        removed = services.item_remove(actor=request.user, meeting_id=pk, item_id=item, reason=data["reason"], channel=CHANNEL)
        return Response(self.OutputSerializer({"id": removed.id, "removed": True, "reason": removed.removed_reason}).data)


class Agenda(APIView):
    class OutputSerializer(OutputSerializer):
        meeting = MeetingOut()
        items = AgendaItemOut(many=True, help_text="Per persoon de gebundelde signalen.")

    @extend_schema(operation_id="lro_agenda_read", tags=TAGS, responses={200: OutputSerializer})
    def get(self, request: Request, pk: Any) -> Response:
        meeting = selectors.meeting_get(user=request.user, meeting_id=pk, channel=CHANNEL)
        lines = selectors.agenda_compose(user=request.user, meeting=meeting, channel=CHANNEL)
        names = unit_names([code for x in lines for code in x.withheld_units])
        body = {"meeting": meeting_out(meeting), "items": [line_out(x, names) for x in lines]}
        return Response(self.OutputSerializer(body).data)


class Decisions(APIView):
    class OutputSerializer(OutputSerializer):
        results = DecisionOut(many=True)

    @extend_schema(operation_id="lro_decisions_list", tags=TAGS, responses={200: OutputSerializer})
    def get(self, request: Request, pk: Any) -> Response:
        meeting = selectors.meeting_get(user=request.user, meeting_id=pk, channel=CHANNEL)
        rows = [decision_out(d) for d in selectors.decisions_for(user=request.user, meeting=meeting)]
        return Response(self.OutputSerializer({"results": rows}).data)

    @extend_schema(
        operation_id="lro_decisions_create",
        tags=TAGS,
        request=DecisionIn,
        responses={201: DecisionOut},
        description="decision: " + ", ".join(DecisionKind.values),
    )
    def post(self, request: Request, pk: Any) -> Response:
        d = _valid(DecisionIn, request)
        key = request.headers.get("Idempotency-Key", "")
        already = False
        if key:  # one decision per key: a repeated call answers with the decision already recorded
            from ketensignaal.coordination.models import Decision

            already = Decision.objects.filter(item_id=d["item"], item__meeting_id=pk, idempotency_key=key[:64]).exists()
        rec = services.decision_record(
            actor=request.user,
            meeting_id=pk,
            item_id=d["item"],
            interpretation=d["interpretation"],
            decision=d["decision"],
            owner=d["owner"],
            due=d["due"],
            justification=d["justification"],
            expected_version=d.get("expected_version"),
            idempotency_key=key,
            channel=CHANNEL,
        )
        return Response(DecisionOut(decision_out(rec)).data, status=200 if key and already else 201)


class DecisionChangeIn(InputSerializer):
    interpretation = serializers.CharField(allow_blank=True, required=False, default="")
    decision = serializers.ChoiceField(choices=DecisionKind.choices, help_text="Het (nieuwe) vervolg; geen standaardwaarde.")
    owner = serializers.CharField(help_text="Eenheidscode van de (nieuwe) eigenaar.")
    due = serializers.CharField(help_text="JJJJ-MM-DD.")
    justification = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionWithdrawIn(InputSerializer):
    reason = serializers.CharField(allow_blank=True, help_text="Waarom het besluit wordt ingetrokken (verplicht).")


class DecisionChange(APIView):
    @extend_schema(
        operation_id="lro_decisions_change",
        tags=TAGS,
        request=DecisionChangeIn,
        responses={200: DecisionOut},
        summary="Besluit wijzigen zolang het overleg niet is afgesloten",
        description="Zelfde vervolg en eigenaar: duiding en termijn worden aangepast. Ander vervolg of andere eigenaar: "
        "het besluit wordt ingetrokken en vervangen door een nieuw besluit (het antwoord). Idempotency-Key-header "
        "maakt herhalen onschadelijk.",
    )
    def post(self, request: Request, pk: Any, decision: Any) -> Response:
        d = _valid(DecisionChangeIn, request)
        rec = services.decision_change(
            actor=request.user,
            decision_id=decision,
            interpretation=d["interpretation"],
            decision=d["decision"],
            owner=d["owner"],
            due=d["due"],
            justification=d["justification"],
            idempotency_key=request.headers.get("Idempotency-Key", ""),
            channel=CHANNEL,
        )
        return Response(DecisionOut(decision_out(rec)).data)


class DecisionWithdraw(APIView):
    @extend_schema(
        operation_id="lro_decisions_withdraw",
        tags=TAGS,
        request=DecisionWithdrawIn,
        responses={200: DecisionOut},
        summary="Besluit intrekken zolang het overleg niet is afgesloten (de taak vervalt)",
    )
    def post(self, request: Request, pk: Any, decision: Any) -> Response:
        d = _valid(DecisionWithdrawIn, request)
        rec = services.decision_withdraw(actor=request.user, decision_id=decision, reason=d["reason"], channel=CHANNEL)
        return Response(DecisionOut(decision_out(rec)).data)


class RecipientOut(OutputSerializer):
    unit = serializers.CharField()
    name = serializers.CharField()
    receives = serializers.BooleanField()
    crosses_organisation = serializers.BooleanField()
    flow = serializers.CharField(allow_null=True, help_text="Versie van de gegevensstroom waarover het lid het krijgt.")
    problem = serializers.CharField(allow_null=True, help_text="Waarom het lid het signaal niet krijgt.")


class PutForwardPreview(APIView):
    @extend_schema(
        operation_id="lro_items_preview",
        tags=TAGS,
        parameters=[OpenApiParameter("signal", str, required=True, description="Id van het signaal.")],
        responses={200: RecipientOut(many=True)},
        summary="Wie een voorgedragen signaal zou ontvangen, en over welke stroom (schrijft niets)",
    )
    def get(self, request: Request, pk: Any) -> Response:
        import uuid as _uuid

        from django.http import Http404

        from ketensignaal.core.need_to_know import visible
        from ketensignaal.intake.models import Signal

        selectors.meeting_get(user=request.user, meeting_id=pk, channel=CHANNEL)
        try:
            signal_id = _uuid.UUID(request.query_params.get("signal", ""))
        except ValueError:
            raise Http404 from None
        signal = visible(request.user, Signal.objects.select_related("current_unit__organisation")).filter(pk=signal_id).first()
        if signal is None:
            raise Http404
        rows = [
            {
                "unit": r.unit_code,
                "name": r.unit_name,
                "receives": r.receives,
                "crosses_organisation": r.crosses_organisation,
                "flow": r.flow or None,
                "problem": r.problem or None,
            }
            for r in selectors.put_forward_preview(user=request.user, signal=signal)
        ]
        return Response(RecipientOut(rows, many=True).data)


class Minutes(APIView):
    @extend_schema(operation_id="lro_minutes_pdf", tags=TAGS, responses={(200, "application/pdf"): bytes})
    def get(self, request: Request, pk: Any) -> HttpResponse:
        meeting = selectors.meeting_get(user=request.user, meeting_id=pk, channel=CHANNEL)
        lines = selectors.agenda_compose(user=request.user, meeting=meeting, channel=CHANNEL)
        pdf = minutes_pdf(
            meeting=meeting, lines=lines, decisions=list(selectors.decisions_for(user=request.user, meeting=meeting))
        )
        services.minutes_distribute(actor=request.user, meeting=meeting, channel=CHANNEL)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="verslag-lro-{meeting.date.isoformat()}.pdf"'
        return response


class Tasks(APIView):
    class OutputSerializer(OutputSerializer):
        count = serializers.IntegerField()
        results = TaskOut(many=True)

    @extend_schema(
        operation_id="tasks_list",
        tags=["Taken"],
        responses={200: OutputSerializer},
        parameters=[OpenApiParameter("status", str, required=False, description="open (standaard), done of all")],
    )
    def get(self, request: Request) -> Response:
        status = request.query_params.get("status", "open")
        rows = selectors.task_list(user=request.user, status=None if status == "all" else status, channel=CHANNEL)
        return Response(self.OutputSerializer({"count": len(rows), "results": [task_out(t) for t in rows]}).data)


class TaskDetail(APIView):
    @extend_schema(operation_id="tasks_update", tags=["Taken"], request=TaskUpdateIn, responses={200: TaskOut})
    def patch(self, request: Request, pk: Any) -> Response:
        data = _valid(TaskUpdateIn, request)
        task = services.task_complete(
            actor=request.user, task_id=pk, expected_version=data.get("expected_version"), channel=CHANNEL
        )
        return Response(TaskOut(task_out(task)).data)
