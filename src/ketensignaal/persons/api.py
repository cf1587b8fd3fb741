"""API: person records, candidates for a signal, linking, rejecting, merging. Thin views over services/selectors."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.persons import selectors, services
from ketensignaal.persons.matching.engine import Candidate
from ketensignaal.persons.models import Person

_OBJECT = serializers.JSONField()
_PERSON = inline_serializer(
    "Person",
    fields={
        "id": serializers.UUIDField(),
        "display_name": serializers.CharField(),
        "names": _OBJECT,
        "identifiers": _OBJECT,
        "dates_of_birth": _OBJECT,
        "nationalities": _OBJECT,
        "merged_into": serializers.UUIDField(allow_null=True),
        "signals": _OBJECT,
    },
)
_CANDIDATES = inline_serializer(
    "PersonCandidate",
    many=True,
    fields={
        "person": serializers.UUIDField(),
        "display_name": serializers.CharField(),
        "rank": serializers.IntegerField(),
        "similarity": serializers.FloatField(help_text="Alleen voor de volgorde; nooit los te gebruiken."),
        "proposed_reason": serializers.CharField(),
        "explanation": _OBJECT,
    },
)


def _body(request: Request) -> dict[str, Any]:
    if not isinstance(request.data, dict):
        raise ValidationFailed(
            "De body moet een JSON-object zijn.", invalid_params=[{"name": "body", "reason": "Verwacht een JSON-object."}]
        )
    return request.data


def person_representation(person: Person, *, user: Any) -> dict[str, Any]:
    """The person as ``user`` may see it: the signals they may see and what the record took over from those."""
    details = selectors.person_details(user=user, person=person)
    return {
        "id": person.pk,
        "display_name": details.display_name,
        "merged_into": person.merged_into_id,
        "names": [{"name": n.original, "script": n.script, "kind": n.kind, "transliteration": n.latin} for n in details.names],
        "identifiers": [{"kind": i.kind, "value": i.value} for i in details.identifiers],
        "dates_of_birth": [
            {"text": d.text, "earliest": d.earliest, "latest": d.latest, "uncertain": d.uncertain} for d in details.birth_dates
        ],
        "nationalities": details.nationalities,
        "signals": [
            {
                "id": entry.signal.pk,
                "reference": entry.signal.reference,
                "status": entry.status,
                "created_at": entry.signal.created_at,
                "reporting_unit": entry.signal.reporting_unit.code,
                "categories": [c.code for c in entry.signal.categories.all()],
            }
            for entry in details.timeline
        ],
    }


def candidate_representation(rank: int, person: Person, candidate: Candidate) -> dict[str, Any]:
    return {
        "person": person.pk,
        "display_name": person.display_name,
        "rank": rank,
        "similarity": candidate.similarity,
        "proposed_reason": candidate.proposed_reason,
        "explanation": candidate.explanation,
    }


class PersonApi(APIView):
    @extend_schema(
        operation_id="person_retrieve",
        tags=["personen"],
        responses={200: _PERSON},
        summary="Persoon met de gekoppelde signalen die de aanroeper mag zien",
        description="Namen, identificatienummers, geboortedata en nationaliteiten alleen voor zover ze afkomstig zijn "
        "uit signalen die de aanroeper mag zien; volledig alleen voor analisten van IND TSZ en privacyfunctionarissen. "
        "Onbekend of zonder noodzaak tot kennisname: 404.",
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = selectors.person_get(user=request.user, person_id=person_id, channel="api")
        return Response(person_representation(person, user=request.user))


class PersonMergeApi(APIView):
    @extend_schema(
        operation_id="person_merge",
        tags=["personen"],
        request=inline_serializer(
            "PersonMergeBody",
            fields={
                "other": serializers.UUIDField(),
                "justification": serializers.CharField(
                    required=False,
                    help_text="Afweging per geval; verplicht wanneer samenvoegen een signaal zou tonen aan een eenheid "
                    "die het nog niet ziet (het wordt dan eerst verstrekt).",
                ),
            },
        ),
        responses={200: _PERSON},
        summary="Voeg een andere persoon samen met deze persoon",
    )
    def post(self, request: Request, person_id: str) -> Response:
        other = _body(request).get("other")
        if not other:
            raise ValidationFailed(
                "Geef de persoon op die moet worden samengevoegd.", invalid_params=[{"name": "other", "reason": "Verplicht."}]
            )
        person = services.person_merge(
            actor=request.user,
            person_id=person_id,
            other_id=other,
            justification=str(_body(request).get("justification") or ""),
            channel="api",
        )
        return Response(person_representation(person, user=request.user))


class PersonUnmergeApi(APIView):
    @extend_schema(
        operation_id="person_unmerge",
        tags=["personen"],
        request=None,
        responses={200: _PERSON},
        summary="Maak de samenvoeging van deze persoon ongedaan",
    )
    def post(self, request: Request, person_id: str) -> Response:
        person = services.person_unmerge(actor=request.user, person_id=person_id, channel="api")
        return Response(person_representation(person, user=request.user))


class SignalPersonCandidatesApi(APIView):
    @extend_schema(
        operation_id="signal_person_candidates",
        tags=["personen"],
        responses={200: _CANDIDATES},
        summary="Kandidaat-personen voor een signaal, met uitleg",
    )
    def get(self, request: Request, signal_id: str) -> Response:
        _signal, views = selectors.signal_person_candidates(user=request.user, signal_id=signal_id, channel="api")
        return Response([candidate_representation(rank, v.person, v.candidate) for rank, v in enumerate(views, 1)])


class SignalLinkPersonApi(APIView):
    @extend_schema(
        operation_id="signal_link_person",
        tags=["personen"],
        request=inline_serializer(
            "LinkPersonBody",
            fields={
                "person": serializers.UUIDField(required=False),
                "new": serializers.BooleanField(required=False),
                "justification": serializers.CharField(
                    required=False,
                    help_text="Afweging per geval; verplicht wanneer de koppeling het signaal zou tonen aan een eenheid "
                    "die het nog niet ziet (het wordt dan eerst verstrekt).",
                ),
            },
        ),
        responses={201: _PERSON},
        summary="Koppel het signaal aan een persoon (bevestiging door een mens)",
    )
    def post(self, request: Request, signal_id: str) -> Response:
        data = _body(request)
        new = data.get("new", False)
        if not isinstance(new, bool):
            raise ValidationFailed("'new' moet true of false zijn.", invalid_params=[{"name": "new", "reason": "Boolean."}])
        link = services.signal_link_person(
            actor=request.user,
            signal_id=signal_id,
            person_id=data.get("person"),
            new=new,
            justification=str(data.get("justification") or ""),
            channel="api",
        )
        return Response(person_representation(link.person, user=request.user), status=201)


class SignalCandidateRejectApi(APIView):
    @extend_schema(
        operation_id="signal_person_candidate_reject",
        tags=["personen"],
        request=None,
        responses={201: inline_serializer("MatchDecision", fields={"decision": serializers.CharField()})},
        summary="Wijs een kandidaat af (wordt vastgelegd als evaluatiegegeven)",
    )
    def post(self, request: Request, signal_id: str, person_id: str) -> Response:
        decision = services.signal_candidate_reject(actor=request.user, signal_id=signal_id, person_id=person_id, channel="api")
        return Response({"decision": decision.decision, "person": decision.person_id}, status=201)
