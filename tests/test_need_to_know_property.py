"""Property: nothing of another organisation is reachable through any list, detail or scope.

Grows by itself: it checks every model registered in ``core.need_to_know`` and every GET route under ``/api/v1``
it finds in the URL resolver, so a helper who adds a scope or an endpoint is covered without touching this file.

Each example also builds, through the services, the records that hang off signals — a person linked to signals of
two organisations, a disclosure, a naslag request and an ambtsbericht — so that the scopes of those models are tested
on rows that exist, and checks that the reporter of one of the two signals reaches neither the other signal nor the
ambtsbericht about its own. Likewise the rest of the chain (issue 17): an inbound message with its follow-up linked to
the signals and an inspection request, a briefing with a reading, a witness's public report with an addition, a
webhook subscription with its deliveries, and an information need.

The information-needs inventory is the one deliberate exception: it is kept jointly by the privacy officers and
functional administrators of all partners and holds no personal data, so an outsider with one of those roles sees it
(and only then); the test asserts exactly that. The training registry's rule likewise lets a functional
administrator see every completion (staff data, no case), so a briefing reading's completion is exempt for them.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models, transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketensignaal.core.need_to_know import registered_models, visible
from ketensignaal.disclosures import services as disclosures
from ketensignaal.disclosures.models import Ambtsbericht, Disclosure, NaslagRequest
from ketensignaal.identity.models import Organisation, RoleCode, Unit
from ketensignaal.informationneeds import services as informationneeds
from ketensignaal.informationneeds.models import InformationNeed
from ketensignaal.informationneeds.scopes import may_keep_inventory
from ketensignaal.intake.models import Signal
from ketensignaal.intelligence import services as intelligence
from ketensignaal.intelligence.models import Briefing, BriefingReading, FollowUp, InboundMessage, InspectionRequest
from ketensignaal.persons.models import Person, PersonEvent, PersonName, PersonSignalLink
from ketensignaal.persons.services import signal_link_person
from ketensignaal.publicreports import services as publicreports
from ketensignaal.publicreports.challenge import challenge_issue, challenge_solve
from ketensignaal.publicreports.models import PublicAddition, PublicReport
from ketensignaal.routing.services import signal_forward
from ketensignaal.training.models import TrainingCompletion
from ketensignaal.training.scopes import may_manage_trainings
from ketensignaal.webhooks.models import Delivery, EventType, Subscription
from ketensignaal.webhooks.services import subscription_create

pytestmark = pytest.mark.django_db

REPORTING_UNITS = [
    "coa.locatie.ter-apel",
    "coa.locatie.budel",
    "ind.aanmeldcentrum",
    "ind.behandeling",
    "kmar.ir",
    "politie.avim",
]
# Organisations that never appear on a reporting line of the units above without an explicit disclosure.
OUTSIDER_UNITS = ["gemeente.utrecht", "gemeente.amsterdam", "vwn", "nidos", "rvdk", "lse.liv"]
ALL_ROLES = [r.value for r in RoleCode]

signal_specs = st.lists(
    st.fixed_dictionaries(
        {
            "unit": st.sampled_from(REPORTING_UNITS),
            "category": st.sampled_from(["terrorisme", "radicalisering", "extremisme", "ronselen", "mensenhandel-smokkel"]),
            "touchpoint": st.sampled_from(["intake-poort", "id-registratie", "aanvraag"]),
            "name": st.sampled_from(["Mohammed al-Hassan", "Amina Yusuf", "Dawit Tesfaye", "محمد الحسن", "Олег Петров"]),
            "acute": st.booleans(),
        }
    ),
    min_size=1,
    max_size=3,
)


# How a signal of each organisation reaches the IND hub (ind.tsz), where the person, disclosure, naslag request and
# ambtsbericht are made: the reporting unit, then the hops after submission (each forwarded by a handler there).
CHAIN_ROUTES = {
    "ind": ("ind.aanmeldcentrum", ["ind.tsz"]),  # submitted to ind.handhaving
    "dtv": ("dtv", []),  # submitted straight to ind.tsz
    "coa": ("coa.locatie.ter-apel", ["coa.adviseur-nv", "ind.tsz"]),  # submitted to coa.bureau-veiligheid
}
chain_pairs = st.permutations(sorted(CHAIN_ROUTES)).map(lambda orgs: (orgs[0], orgs[1]))
chain_names = {"first": "Samir Benali", "second": "Yusuf Karimi"}


def _pattern_text(pattern: Any) -> str:
    return str(pattern.pattern)


def api_get_routes() -> Iterator[tuple[str, list[str]]]:
    """(route template, parameter names) for every route under api/v1/, discovered from the resolver."""

    def walk(patterns: list[Any], prefix: str) -> Iterator[tuple[str, list[str]]]:
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + _pattern_text(p))
            elif isinstance(p, URLPattern):
                yield prefix + _pattern_text(p), list(p.pattern.converters) if hasattr(p.pattern, "converters") else []

    for route, params in walk(get_resolver().url_patterns, "/"):
        if route.startswith("/api/v1/") and "openapi" not in route:
            if not params:
                params = re.findall(r"<(?:\w+:)?(\w+)>", route)
            yield route, params


def _fill(route: str, value: str) -> str:
    return re.sub(r"<(?:\w+:)?\w+>", value, route)


def _new_pks(before: dict[type[models.Model], set[Any]]) -> dict[type[models.Model], set[Any]]:
    return {m: set(m.objects.values_list("pk", flat=True)) - before[m] for m in before}


def _snapshot() -> dict[type[models.Model], set[Any]]:
    return {m: set(m.objects.values_list("pk", flat=True)) for m in registered_models()}


def _submit(api: Any, spec: dict[str, Any]) -> dict[str, Any]:
    body = {
        "subject": {"names": [{"name": spec["name"]}]},
        "observation": {"type": "statement", "text": "Uitspraak tijdens gesprek."},
        "categories": [spec["category"]],
        "touchpoint": spec["touchpoint"],
        "acute": spec["acute"],
    }
    response = api.post("/api/v1/signals", body, format="json")
    assert response.status_code in (200, 201), response.content[:500]
    return response.json()


@dataclass
class ChainRecords:
    """What the hub built on two signals of different organisations, and who reported the first."""

    first_reporter: Any
    first: Signal
    second: Signal
    person: Person
    disclosure: Disclosure
    naslag: NaslagRequest
    ambtsbericht: Ambtsbericht


def _chain_signal(make_user: Any, api_client_for: Any, org: str, name: str) -> tuple[Any, Signal]:
    """A signal reported in ``org`` and forwarded along its route until it lies at the IND hub."""
    unit, hops = CHAIN_ROUTES[org]
    reporter = make_user(unit, "reporter")
    spec = {"name": name, "category": "terrorisme", "touchpoint": "aanvraag", "acute": False}
    signal = Signal.objects.get(pk=_submit(api_client_for(reporter), spec)["id"])
    for to_unit in hops:
        handler = make_user(signal.current_unit.code, "handler")
        signal = signal_forward(
            actor=handler,
            signal_id=signal.pk,
            to_unit=to_unit,
            justification="Signaal van mogelijke betrokkenheid bij terrorisme; het knooppunt beoordeelt het.",
            channel="api",
        )
    assert signal.current_unit.code == "ind.tsz"
    return reporter, signal


def _chain_records(make_user: Any, api_client_for: Any, orgs: tuple[str, str]) -> ChainRecords:
    """Through the services: a person linked to both signals, a disclosure, a naslag request and an ambtsbericht."""
    first_reporter, first = _chain_signal(make_user, api_client_for, orgs[0], chain_names["first"])
    _second_reporter, second = _chain_signal(make_user, api_client_for, orgs[1], chain_names["second"])
    hub = make_user("ind.tsz", "hub-analyst", "handler")
    person = signal_link_person(actor=hub, signal_id=first.pk, new=True).person
    signal_link_person(actor=hub, signal_id=second.pk, person_id=person.pk)
    disclosure = disclosures.disclosure_create(
        actor=hub, signal=second, recipient="politie", justification="Nodig voor de beoordeling door CTER."
    )
    naslag = disclosures.naslag_request_create(
        actor=hub,
        signal=second,
        service="aivd",
        own_means_exhausted=True,
        other_means_insufficient=True,
        justification="Dossier en open bronnen uitgeput.",
    )
    ambtsbericht = disclosures.ambtsbericht_register(
        actor=hub,
        service="aivd",
        dated=datetime.date(2026, 11, 20),
        subject="Betrokkenheid bij een netwerk",
        content="De dienst meldt dat betrokkene deel uitmaakt van een netwerk.",
        signal=first,
        person=person,
    )
    return ChainRecords(first_reporter, first, second, person, disclosure, naslag, ambtsbericht)


CHAIN_REST_MODELS = (
    InboundMessage,
    FollowUp,
    InspectionRequest,
    Briefing,
    BriefingReading,
    PublicReport,
    PublicAddition,
    Subscription,
    Delivery,
    InformationNeed,
)


def _solved() -> dict[str, str]:
    token = challenge_issue().token
    return {"challenge": token, "nonce": challenge_solve(token)}


@override_settings(PUBLIC_REPORT_CHALLENGE_BITS=1, WEBHOOKS_ALLOW_LOCAL=True)
def _chain_rest_records(make_user: Any, records: ChainRecords) -> set[str]:
    """Through the services, the records of the rest of the chain on the example's signals; returns their texts that
    may concern a person (none may reach an outsider)."""
    hub = make_user("ind.tsz", "hub-analyst", "handler")
    admin = make_user("ind", "functional-admin")
    subscription_create(  # the public report below arrives at the hub: a delivery for the IND's system
        actor=admin,
        unit_code="ind.tsz",
        url="http://127.0.0.1:9/hook",
        types=[EventType.SIGNAL_ARRIVED, EventType.TASK_ASSIGNED],
        channel="api",
    )
    message = intelligence.inbound_register(
        actor=hub,
        kind="inlichtingenbericht",
        service="aivd",
        dated=datetime.date(2026, 11, 21),
        subject="Ronselen in besloten chatgroepen",
        content="Betrokkene benadert jongeren in de opvang.",
        channel="api",
    )
    intelligence.follow_up_record(
        actor=hub,
        message=message,
        decision="link-signals",
        owner_code="ind.tsz",
        signal_ids=[records.first.pk, records.second.pk],
        channel="api",
    )
    intelligence.inspection_request_record(
        actor=hub, message=message, prosecutor="Landelijk officier CTER", requested_on=datetime.date(2026, 11, 22), channel="api"
    )
    briefing = intelligence.briefing_write(
        actor=hub,
        title="Trends in online ronselen",
        body="Let op jongeren met nieuwe telefoons die over besloten groepen praten.",
        unit_codes=["ind.tsz", "coa.bureau-veiligheid"],
        channel="api",
    )
    intelligence.briefing_confirm_read(actor=hub, briefing=briefing, channel="api")
    data = publicreports.PublicReportInput(
        reporter_kind="witness",
        observation="Hij toonde filmpjes van een gewapende groep.",
        person="Rami, kamer 7",
        topics=("radicalisering",),
        language="nl",
    )
    receipt = publicreports.public_report_submit(data=data, address="192.0.2.7", size=100, channel="api", **_solved())
    publicreports.public_addition_add(
        receipt=receipt, text="Hij is vertrokken.", address="192.0.2.7", size=50, channel="api", **_solved()
    )
    informationneeds.need_create(
        actor=make_user("ind", "privacy-officer"),
        provider=Organisation.objects.get(code="coa"),
        receiver=Organisation.objects.get(code="ind"),
        need="Signalen over zorgelijke uitlatingen van bewoners.",
        purpose="Beoordelen van risico's voor de nationale veiligheid.",
        flow_code="coa-ind-nationale-veiligheid",
        channel="api",
    )
    return {"Rami, kamer 7", "Hij toonde filmpjes", "Betrokkene benadert jongeren", "Hij is vertrokken", message.subject}


def _assert_reporter_sees_only_own_part(api_client_for: Any, records: ChainRecords) -> None:
    """The reporter of the first signal reaches its own signal and person, nothing of the other signal or the report."""
    reporter, first, second = records.first_reporter, records.first, records.second
    api = api_client_for(reporter)
    assert api.get(f"/api/v1/signals/{first.pk}").status_code == 200  # control: the checks below are exercised
    person = api.get(f"/api/v1/persons/{records.person.pk}")
    assert person.status_code == 200, "control: the reporter reaches the person through its own signal"
    assert [s["id"] for s in person.json()["signals"]] == [str(first.pk)]
    text = person.content.decode()
    assert str(second.pk) not in text and second.reference not in text and chain_names["second"] not in text
    for url in (
        f"/api/v1/signals/{second.pk}",
        f"/api/v1/signals/{second.pk}/history",
        f"/api/v1/signals/{second.pk}/disclosures",
        f"/api/v1/signals/{second.pk}/naslag-requests",
        f"/api/v1/naslag-requests/{records.naslag.pk}",
        f"/api/v1/ambtsberichten/{records.ambtsbericht.pk}",
        "/api/v1/ambtsberichten",
    ):
        assert api.get(url).status_code == 404, f"{url} is reachable for the reporter of the other signal"
    assert not visible(reporter, Signal.objects.filter(pk=second.pk)).exists()
    assert not visible(reporter, PersonSignalLink.objects.filter(signal=second)).exists()
    assert not visible(reporter, PersonEvent.objects.filter(signal=second)).exists()
    assert not visible(reporter, PersonName.objects.filter(original=chain_names["second"])).exists()
    made_by_hub = [(Disclosure, records.disclosure.pk), (NaslagRequest, records.naslag.pk)]
    made_by_hub.append((Ambtsbericht, records.ambtsbericht.pk))
    for model, pk in made_by_hub:
        assert not visible(reporter, model.objects.filter(pk=pk)).exists(), f"{model.__name__} reaches the reporter"
    for path in ("disclosures", "naslag-requests"):
        listed = api.get(f"/api/v1/signals/{first.pk}/{path}")
        assert listed.status_code == 200 and str(records.disclosure.pk) not in listed.content.decode()
        assert str(records.naslag.pk) not in listed.content.decode()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    specs=signal_specs,
    chain=chain_pairs,
    outsider_unit=st.sampled_from(OUTSIDER_UNITS),
    outsider_roles=st.sets(st.sampled_from(ALL_ROLES), min_size=1),
)
def test_another_organisation_reaches_nothing(make_user, api_client_for, specs, chain, outsider_unit, outsider_roles) -> None:
    with transaction.atomic():
        before = _snapshot()
        created = []
        for spec in specs:
            reporter = make_user(spec["unit"], "reporter")
            created.append(_submit(api_client_for(reporter), spec))
        records = _chain_records(make_user, api_client_for, chain)
        rest_texts = _chain_rest_records(make_user, records)
        new = _new_pks(before)
        # Control: the records exist, so the scopes below are not checked on empty sets.
        for model in (Person, PersonSignalLink, PersonName, PersonEvent, Disclosure, NaslagRequest, Ambtsbericht):
            assert new[model], f"no {model.__name__} was made in this example"
        for model in CHAIN_REST_MODELS:
            assert new[model], f"no {model.__name__} was made in this example"
        _assert_reporter_sees_only_own_part(api_client_for, records)
        # Control: the reporter does see its own signal, so the routes below are really exercised.
        own = api_client_for(reporter).get(f"/api/v1/signals/{created[-1]['id']}")
        assert own.status_code == 200
        outsider = make_user(outsider_unit, *sorted(outsider_roles))
        reporter_orgs = {Unit.objects.get(code=s["unit"]).organisation_id for s in specs}
        reporter_orgs |= {Unit.objects.get(code=CHAIN_ROUTES[org][0]).organisation_id for org in chain}
        assert outsider.unit.organisation_id not in reporter_orgs

        shared: set[type[models.Model]] = {InformationNeed} if may_keep_inventory(outsider) else set()
        if may_manage_trainings(outsider):  # the training registry's own rule: functional admins see all completions
            shared.add(TrainingCompletion)
        for model, pks in new.items():
            leaked = list(visible(outsider, model.objects.filter(pk__in=pks)).values_list("pk", flat=True))
            if model in shared:  # see the module docstring: seen whole by design, no case data in it
                assert sorted(leaked, key=str) == sorted(pks, key=str)
                continue
            assert leaked == [], f"{model.__name__} rows {leaked} of another organisation are visible to {outsider_unit}"
        shared_ids = {str(pk) for model in shared for pk in new[model]}

        api = api_client_for(outsider)
        secrets = {str(s["id"]) for s in created} | {s.get("reference", "") for s in created} - {""}
        secrets |= {str(records.first.pk), str(records.second.pk), records.first.reference, records.second.reference}
        secrets |= {str(records.person.pk), str(records.disclosure.pk), str(records.naslag.pk), str(records.ambtsbericht.pk)}
        secrets |= rest_texts
        secrets |= {
            str(pk) for model in CHAIN_REST_MODELS if model not in shared for pk in new[model] if isinstance(pk, uuid.UUID)
        }
        ids = {str(pk) for pks in new.values() for pk in pks} - shared_ids
        for route, params in api_get_routes():
            if not params:
                response = api.get(route.rstrip("$"))
                if response.status_code == 200:
                    text = response.content.decode()
                    assert not any(s in text for s in secrets), f"list {route} shows a signal of another organisation"
                continue
            if len(params) != 1:
                continue
            unseen = api.get(_fill(route, str(uuid.uuid4()) if "uuid" in route or "<" in route else "0"))
            for value in ids:
                url = _fill(route, value)
                response = api.get(url)
                assert response.status_code not in range(200, 300), f"{url} answers {response.status_code} to an outsider"
                if response.status_code != 404:
                    assert response.status_code == unseen.status_code, f"{url} answers differently for an existing object"
        transaction.set_rollback(True)


def test_every_scope_returns_nothing_for_a_user_without_unit(make_user) -> None:
    user = make_user("ind.tsz", *ALL_ROLES)
    user.unit = None
    user.unit_id = None
    for model in registered_models():
        assert not visible(user, model.objects.all()).exists(), f"{model.__name__} is visible to a user without a unit"


def test_scopes_exist_for_the_core_models() -> None:
    names = {m.__name__ for m in registered_models()}
    assert {"Signal", "SubjectName"} <= names
