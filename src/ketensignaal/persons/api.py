"""API: person records, candidates for a signal, linking, rejecting, merging. Thin views over services/selectors."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core.need_to_know import get_visible_or_404
from ketensignaal.core.serializers import READER_LANGUAGE, InputSerializer, OutputSerializer, validated
from ketensignaal.governance.sensitive import break_glass_require
from ketensignaal.persons import selectors, services
from ketensignaal.persons.matching.engine import Candidate
from ketensignaal.persons.matching.explain import explanation_for_reader
from ketensignaal.persons.models import Person


class PersonNameOut(OutputSerializer):
    name = serializers.CharField()
    script = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    transliteration = serializers.CharField(allow_blank=True)


class PersonIdentifierOut(OutputSerializer):
    kind = serializers.CharField()
    value = serializers.CharField()


class PersonBirthDateOut(OutputSerializer):
    text = serializers.CharField()
    earliest = serializers.DateField(allow_null=True)
    latest = serializers.DateField(allow_null=True)
    uncertain = serializers.BooleanField()


class PersonSignalOut(OutputSerializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    reporting_unit = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField())


class PersonOut(OutputSerializer):
    """A person as the caller may see it: only what derives from signals they may see (complete for the hub)."""

    id = serializers.UUIDField()
    display_name = serializers.CharField()
    merged_into = serializers.UUIDField(allow_null=True)
    names = PersonNameOut(many=True)
    identifiers = PersonIdentifierOut(many=True)
    dates_of_birth = PersonBirthDateOut(many=True)
    nationalities = serializers.ListField(child=serializers.CharField())
    signals = PersonSignalOut(many=True)


class MatchExplanation(serializers.DictField):
    """A match explanation as matching stored it, with its sentences (``summary``, a name part's ``label``) said in
    the reader's language (Accept-Language; Dutch by default), as the pages show it (persons.matching.explain)."""

    def to_representation(self, value: Any) -> dict[str, Any]:
        return explanation_for_reader(value)


EXPLANATION_HELP = (
    "Per kenmerk (names, date_of_birth, nationality, v_number) wat overeenkwam en hoe: `outcome` als code, "
    "`summary` (en bij namen per naamdeel `label`) in woorden, in de taal van de lezer (Accept-Language: Nederlands "
    "standaard, Engels met `en`); landen bij naam in die taal, hun codes in `countries`."
)


class PersonCandidateOut(OutputSerializer):
    person = serializers.UUIDField()
    display_name = serializers.CharField()
    rank = serializers.IntegerField()
    similarity = serializers.FloatField(help_text="Alleen voor de volgorde; nooit los te gebruiken.")
    proposed_reason = serializers.CharField()
    explanation = MatchExplanation(help_text=EXPLANATION_HELP)


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
        responses={200: PersonOut},
        summary="Persoon met de gekoppelde signalen die de aanroeper mag zien",
        description="Namen, identificatienummers, geboortedata en nationaliteiten alleen voor zover ze afkomstig zijn "
        "uit signalen die de aanroeper mag zien; volledig alleen voor analisten van IND TSZ en privacyfunctionarissen. "
        "Onbekend of zonder noodzaak tot kennisname: 404.",
    )
    def get(self, request: Request, person_id: UUID) -> Response:
        person = selectors.person_get(user=request.user, person_id=person_id, channel="api")
        break_glass_require(request.user, "person", person.pk)
        return Response(PersonOut(person_representation(person, user=request.user)).data)


class PersonMergeApi(APIView):
    class InputSerializer(InputSerializer):
        other = serializers.UUIDField(help_text="De persoon die in deze persoon opgaat.")
        justification = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            help_text="Afweging per geval; verplicht wanneer de stap een signaal zou tonen aan een eenheid die het nog niet "
            "ziet (het IND-knooppunt ziet een persoon volledig): het signaal wordt dan eerst verstrekt, of de stap "
            "wordt geweigerd.",
        )

    @extend_schema(
        operation_id="person_merge",
        tags=["personen"],
        request=InputSerializer,
        responses={200: PersonOut},
        summary="Voeg een andere persoon samen met deze persoon",
    )
    def post(self, request: Request, person_id: UUID) -> Response:
        data = validated(
            self.InputSerializer,
            request.data,
            unseen_check=lambda: get_visible_or_404(request.user, Person.objects.all(), pk=person_id),
        )
        person = services.person_merge(
            actor=request.user,
            person_id=person_id,
            other_id=data["other"],
            justification=data["justification"],
            channel="api",
        )
        return Response(PersonOut(person_representation(person, user=request.user)).data)


class PersonUnmergeApi(APIView):
    @extend_schema(
        operation_id="person_unmerge",
        tags=["personen"],
        request=None,
        responses={200: PersonOut},
        summary="Maak de samenvoeging van deze persoon ongedaan",
    )
    def post(self, request: Request, person_id: UUID) -> Response:
        person = services.person_unmerge(actor=request.user, person_id=person_id, channel="api")
        return Response(PersonOut(person_representation(person, user=request.user)).data)


class SignalPersonCandidatesApi(APIView):
    @extend_schema(
        operation_id="signal_person_candidates",
        tags=["personen"],
        responses={200: PersonCandidateOut(many=True)},
        summary="Kandidaat-personen voor een signaal, met uitleg",
        parameters=[READER_LANGUAGE],
    )
    def get(self, request: Request, signal_id: UUID) -> Response:
        _signal, views = selectors.signal_person_candidates(user=request.user, signal_id=signal_id, channel="api")
        rows = [candidate_representation(rank, v.person, v.candidate) for rank, v in enumerate(views, 1)]
        return Response(PersonCandidateOut(rows, many=True).data)


class SignalLinkPersonApi(APIView):
    class InputSerializer(InputSerializer):
        person = serializers.UUIDField(required=False, allow_null=True, default=None, help_text="Een bestaande persoon.")
        new = serializers.BooleanField(required=False, default=False, help_text="true: een nieuwe persoon aanmaken.")
        justification = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            help_text="Afweging per geval; verplicht wanneer de stap een signaal zou tonen aan een eenheid die het nog niet "
            "ziet (het IND-knooppunt ziet een persoon volledig): het signaal wordt dan eerst verstrekt, of de stap "
            "wordt geweigerd.",
        )

    @extend_schema(
        operation_id="signal_link_person",
        tags=["personen"],
        request=InputSerializer,
        responses={201: PersonOut},
        summary="Koppel het signaal aan een persoon (bevestiging door een mens)",
    )
    def post(self, request: Request, signal_id: UUID) -> Response:
        data = validated(
            self.InputSerializer,
            request.data,
            unseen_check=lambda: selectors.signal_for_matching(request.user, signal_id),
        )
        link = services.signal_link_person(
            actor=request.user,
            signal_id=signal_id,
            person_id=data["person"],
            new=data["new"],
            justification=data["justification"],
            channel="api",
        )
        return Response(PersonOut(person_representation(link.person, user=request.user)).data, status=201)


class SignalCandidateRejectApi(APIView):
    class OutputSerializer(OutputSerializer):
        decision = serializers.CharField()
        person = serializers.UUIDField()

    @extend_schema(
        operation_id="signal_person_candidate_reject",
        tags=["personen"],
        request=None,
        responses={201: OutputSerializer},
        summary="Wijs een kandidaat af (wordt vastgelegd als evaluatiegegeven)",
    )
    def post(self, request: Request, signal_id: UUID, person_id: UUID) -> Response:
        decision = services.signal_candidate_reject(actor=request.user, signal_id=signal_id, person_id=person_id, channel="api")
        return Response(self.OutputSerializer({"decision": decision.decision, "person": decision.person_id}).data, status=201)
