"""Property: need to know holds on every channel, and every answer with personal data leaves a read entry.

Grows by itself on both sides:

- **Routes**: every URL pattern in the resolver — HTML pages, htmx partials, the API, PDFs, CSV/XLSX exports and
  attachment downloads with two path parameters — is probed, except the small allow-list below (each entry says why it
  carries nothing of anyone's case). A helper who adds a route is covered without touching this file.
- **Objects**: the world is the demo installation (``installation.demo``: every context's ``demo.py``), and the ids
  probed are the rows of every model registered in ``core.need_to_know``; two-parameter routes get (parent, child)
  pairs from the foreign keys between registered models. A helper who adds a model with a scope and demo data is
  covered without touching this file.

For a user of an organisation that has no part in the demo cases (drawn by hypothesis, with any roles), a route
filled with a row that user's scopes do not show answers 404 — or exactly what it answers for an id that does not
exist — and no list, export or partial shows a name, V-number, reference or id of such a row. For users who do take
part, every 200 that shows a data subject's name or V-number wrote at least one read entry in that request's trace,
and none twice.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, SlugConverter, StringConverter, UUIDConverter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketensignaal.core.need_to_know import registered_models, visible
from ketensignaal.governance.models import LogAction, ProcessingLogEntry
from ketensignaal.identity.models import RoleCode, User
from ketensignaal.installation.demo import demo_load
from ketensignaal.intake.models import Signal, SubjectName

pytestmark = pytest.mark.django_db

# Routes not probed, each with the reason it carries no case or personal data of another organisation.
ALLOW_LIST = {
    "admin": "Django admin (/beheer/): staff-only configuration (reference data, accounts) for the functional "
    "administrator; it holds no signal, person or case data and is guarded by its own permission check",
    "set_language": "switches the interface language; answers a redirect",
    "web:login": "the sign-in form",
    "web:logout": "signs out (POST); no data",
    "web:mfa": "the second-factor step of the signed-in user themself",
    "openapi": "the OpenAPI document: the contract, no data",
}
# Organisations that take no part in any demo case: their users must reach none of it.
OUTSIDER_UNITS = ["gemeente.amsterdam", "rvdk", "om", "nctv", "bz", "ggz", "politie.emm", "fier.familiesteunpunt"]
INSIDERS = ["ind.tsz", "coa.bv", "liv.staf", "politie.cter", "gemeente.utrecht"]
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


@dataclass(frozen=True)
class Route:
    template: str
    name: str
    converters: tuple[type, ...]

    @property
    def is_api(self) -> bool:
        return self.template.startswith("/api/")

    def fill(self, *values: str) -> str:
        it = iter(values)
        return PARAM.sub(lambda _m: next(it), self.template)


def _allowed(name: str) -> bool:
    return name in ALLOW_LIST or name.split(":", 1)[0] in ALLOW_LIST


def discovered_routes() -> Iterator[Route]:
    def walk(patterns: list[Any], prefix: str, namespaces: list[str]) -> Iterator[Route]:
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern), [*namespaces, p.namespace or ""])
            elif isinstance(p, URLPattern):
                name = ":".join([n for n in namespaces if n] + [p.name or ""])
                converters = tuple(type(c) for c in getattr(p.pattern, "converters", {}).values())
                yield Route(prefix + str(p.pattern), name, converters)

    yield from walk(get_resolver().url_patterns, "/", [])


def probed_routes() -> list[Route]:
    return [r for r in discovered_routes() if not _allowed(r.name)]


def _id_text(pk: Any) -> str:
    return str(pk)


def _rows_by_model() -> dict[type[models.Model], list[Any]]:
    return {m: list(m.objects.values_list("pk", flat=True)[:500]) for m in registered_models()}


def _fk_pairs(model: type[models.Model], pks: set[Any]) -> list[tuple[Any, Any]]:
    """(parent id, child id) of rows of ``model`` for every foreign key to another registered model."""
    scoped = set(registered_models())
    pairs: list[tuple[Any, Any]] = []
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model in scoped:
            rows = model.objects.filter(pk__in=pks).exclude(**{f"{field.attname}__isnull": True})
            pairs += list(rows.values_list(field.attname, "pk")[:3])
    return pairs


def _candidates(route: Route, ids: dict[type[models.Model], list[Any]]) -> list[tuple[str, ...]]:
    """Values to fill the route's parameters with: one row per model, or (parent, child) pairs for two ids."""
    kinds = route.converters
    id_kinds = [k for k in kinds if k in (UUIDConverter, IntConverter, StringConverter)]

    def fits(kind: type, pk: Any) -> bool:
        if kind is IntConverter:
            return isinstance(pk, int)
        if kind is UUIDConverter:
            return isinstance(pk, uuid.UUID)
        return isinstance(pk, uuid.UUID | str)

    def other(kind: type) -> str:
        return "x" if kind is SlugConverter else "0"

    result: list[tuple[str, ...]] = []
    if len(id_kinds) == 1:
        position = next(i for i, k in enumerate(kinds) if k in id_kinds)
        for pks in ids.values():
            for pk in pks[:1]:
                if fits(kinds[position], pk):
                    result.append(tuple(_id_text(pk) if i == position else other(k) for i, k in enumerate(kinds)))
    elif len(id_kinds) >= 2:
        for model, pks in ids.items():
            for parent, child in _fk_pairs(model, set(pks)):
                values = iter([_id_text(parent), _id_text(child)])
                filled = [next(values, _id_text(child)) if k in id_kinds else other(k) for k in kinds]
                result.append(tuple(filled))
    return result


def _unseen(route: Route) -> tuple[str, ...]:
    return tuple(
        str(uuid.uuid4()) if k in (UUIDConverter, StringConverter) else ("999999" if k is IntConverter else "x")
        for k in route.converters
    )


class Channels:
    """A signed-in web client (pages, htmx, PDF, CSV) and an API client for one user."""

    def __init__(self, user: User, web_client_for: Any, api_client_for: Any) -> None:
        self.web = web_client_for(user)
        self.api = api_client_for(user)

    def get(self, route: Route, url: str, **headers: Any) -> Any:
        return (self.api if route.is_api else self.web).get(url, **headers)


def _secrets(hidden: dict[type[models.Model], list[Any]]) -> set[str]:
    texts = {str(pk) for pks in hidden.values() for pk in pks if isinstance(pk, uuid.UUID)}
    signal_ids = hidden.get(Signal, [])
    texts |= set(Signal.objects.filter(pk__in=signal_ids).values_list("reference", flat=True))
    texts |= {v for v in Signal.objects.filter(pk__in=signal_ids).values_list("v_number", flat=True) if v}
    texts |= {n for n in SubjectName.objects.filter(signal_id__in=signal_ids).values_list("name", flat=True) if len(n) > 3}
    return texts


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _probe_outsider(user: User, channels: Channels, routes: list[Route]) -> tuple[int, list[str]]:
    everything = _rows_by_model()
    shown = {m: set(visible(user, m.objects.filter(pk__in=pks)).values_list("pk", flat=True)) for m, pks in everything.items()}
    # An id the user may see in one model (their own API token 2) is not probed as another model's hidden row 2.
    own_ids = {str(pk) for pks in shown.values() for pk in pks}
    hidden = {m: [pk for pk in pks if pk not in shown[m] and str(pk) not in own_ids] for m, pks in everything.items()}
    assert hidden[Signal], "control: the demo world has signals this outsider may not see"
    secrets = _secrets(hidden)
    leaks: list[str] = []
    probes = 0
    for route in routes:
        if not route.converters:
            for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
                response = channels.get(route, route.template, **headers)
                probes += 1
                if response.status_code == 200:
                    text = _body(response)
                    shown = sorted(s for s in secrets if s in text)
                    if shown:
                        leaks.append(f"{route.template} {headers or ''} shows {shown[:3]}")
            continue
        unseen = channels.get(route, route.fill(*_unseen(route))).status_code
        probes += 1
        if unseen == 405:
            continue  # a step (POST only): refused before any lookup, whatever the id
        for values in _candidates(route, hidden):
            response = channels.get(route, route.fill(*values))
            probes += 1
            if response.status_code != 404 and response.status_code != unseen:
                leaks.append(f"{route.fill(*values)} answers {response.status_code} (an unknown id: {unseen})")
    return probes, leaks


ANY_ROLES = st.sets(st.sampled_from(sorted(RoleCode.values)), min_size=1)


def test_every_channel_hides_other_organisations_rows(make_user: Any, web_client_for: Any, api_client_for: Any) -> None:
    demo_load()
    routes = probed_routes()
    seen: dict[str, Any] = {"probes": 0}

    @settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
    @given(unit=st.sampled_from(OUTSIDER_UNITS), roles=ANY_ROLES)
    def probe(unit: str, roles: set[str]) -> None:
        outsider = make_user(unit, *sorted(roles))
        probes, leaks = _probe_outsider(outsider, Channels(outsider, web_client_for, api_client_for), routes)
        seen["probes"] += probes
        assert leaks == [], f"{unit} {sorted(roles)} reaches rows of another organisation:\n" + "\n".join(leaks)

    probe()
    print(f"need-to-know: {len(routes)} URL patterns probed, {seen['probes']} requests, 0 leaks")


def _markers(user: User) -> set[str]:
    signals = visible(user, Signal.objects.all())
    names = {n for n in SubjectName.objects.filter(signal__in=signals).values_list("name", flat=True) if len(n) > 3}
    return names | {v for v in signals.values_list("v_number", flat=True) if v}


def test_every_answer_with_personal_data_writes_one_read_entry(reference: None, web_client_for: Any, api_client_for: Any) -> None:
    demo_load()
    routes = probed_routes()
    missing: list[str] = []
    answered = 0
    for username in INSIDERS:
        user = User.objects.get(username=username)
        channels = Channels(user, web_client_for, api_client_for)
        markers = _markers(user)
        mine = {m: list(visible(user, m.objects.all()).values_list("pk", flat=True)[:200]) for m in registered_models()}
        for route in routes:
            if route.converters and channels.get(route, route.fill(*_unseen(route))).status_code == 405:
                continue
            for values in _candidates(route, mine) if route.converters else [()]:
                url = route.fill(*values) if values else route.template
                before = ProcessingLogEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
                response = channels.get(route, url)
                if response.status_code != 200:
                    continue
                text = _body(response)
                if not any(marker in text for marker in markers):
                    continue
                answered += 1
                trace = response["traceparent"].split("-")[1]
                reads = list(
                    ProcessingLogEntry.objects.filter(sequence__gt=before, trace_id=trace, action=LogAction.READ).values_list(
                        "object_type", "object_id"
                    )
                )
                if not reads:
                    missing.append(f"{username}: {url} shows personal data without a read entry")
                elif len(reads) != len(set(reads)):
                    missing.append(f"{username}: {url} logs a row twice: {sorted(reads)}")
                break  # one answer with personal data per route and user is enough
    assert answered > 10, f"control: only {answered} answers with personal data were checked"
    assert missing == [], "\n".join(missing)


# --- The two leaks the outside probe found (issue 16 items 2 and 3) -----------------------------------------------


def test_an_unassigned_liv_expert_reaches_no_signal_behind_a_liv_request(
    make_user: Any, web_client_for: Any, api_client_for: Any
) -> None:
    from ketensignaal.trajectories.models import LivTrajectory

    demo_load()
    signal_ids = list(LivTrajectory.objects.values_list("signals", flat=True).exclude(signals=None)[:3])
    assert signal_ids, "control: the demo has LIV requests about signals"
    expert = make_user("lse.liv", "liv-expert")  # in the pool, assigned to nothing
    channels = Channels(expert, web_client_for, api_client_for)
    for pk in signal_ids:
        assert channels.api.get(f"/api/v1/signals/{pk}").status_code == 404
        assert channels.web.get(f"/signalen/{pk}").status_code == 404


def test_linking_a_signal_to_a_person_record_shows_its_name_to_no_one_who_cannot_see_the_signal(
    make_user: Any, api_client_for: Any
) -> None:
    from ketensignaal.persons.models import PersonSignalLink
    from ketensignaal.routing.tests.factories import submit

    demo_load()
    hub = User.objects.get(username="ind.tsz")
    link = PersonSignalLink.objects.filter(linked_by=hub).select_related("person").first()
    assert link is not None, "control: the hub linked a person in the demo"
    internal = submit(make_user("coa.locatie.ter-apel", "reporter"), subject__names=[{"name": "Zaid Internal-Coa"}])
    coa = make_user("coa.bureau-veiligheid", "handler")
    from ketensignaal.intake.models import SignalInvolvement

    person_url = f"/api/v1/signals/{internal.pk}/link-person"
    refused = api_client_for(coa).post(person_url, {"person": str(link.person_id)}, format="json")
    assert refused.status_code == 400, "a link that would reveal the signal needs a case-level justification"
    assert "justification" in refused.content.decode()
    seen_by_hub = api_client_for(hub).get(f"/api/v1/persons/{link.person_id}").content.decode()
    assert "Zaid Internal-Coa" not in seen_by_hub

    # With a justification the link is either refused or made as a recorded disclosure to the hub: never a silent reveal.
    justified = api_client_for(coa).post(
        person_url, {"person": str(link.person_id), "justification": "Zelfde persoon als in het hubdossier."}, format="json"
    )
    seen_by_hub = api_client_for(hub).get(f"/api/v1/persons/{link.person_id}").content.decode()
    if justified.status_code in (200, 201):
        assert SignalInvolvement.objects.filter(signal=internal, unit=hub.unit).exists()
    else:
        assert justified.status_code in (400, 403)
        assert "Zaid Internal-Coa" not in seen_by_hub
