"""Property: no disclosure, naslag request, answer, enrichment or ambtsbericht reaches another organisation."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketensignaal.core.need_to_know import registered_models, visible
from ketensignaal.disclosures import services
from ketensignaal.disclosures.models import Ambtsbericht, Disclosure, EnrichmentFact, NaslagAnswer, NaslagRequest
from ketensignaal.disclosures.tests.factories import signal_at_hub
from ketensignaal.identity.models import RoleCode
from ketensignaal.intake.models import SignalInvolvement

# Units outside IND (the discloser) and outside the AIVD (the recipient of the disclosure below).
OTHER_UNITS = [
    "coa.locatie.ter-apel",
    "coa.bureau-veiligheid",
    "politie.cter",
    "politie.avim",
    "kmar.intelligence",
    "dtv",
    "nidos",
    "vwn",
    "mivd",
    "lse.liv",
    "gemeente.utrecht",
    "om",
    "nctv",
]
MODELS = [Disclosure, NaslagRequest, NaslagAnswer, EnrichmentFact, Ambtsbericht]


@pytest.fixture
def hub_records(make_user):
    hub = make_user("ind.tsz", "hub-analyst", "handler")
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    signal = signal_at_hub(reporter=reporter, categories=("terrorisme",))
    services.enrichment_record(actor=hub, signal=signal, kind="track", value="AA-spoor", source="INDiGO dossier")
    services.disclosure_create(actor=hub, signal=signal, recipient="aivd", justification="Concrete aanwijzingen.")
    naslag = services.naslag_request_create(
        actor=hub,
        signal=signal,
        service="aivd",
        own_means_exhausted=True,
        other_means_insufficient=True,
        justification="Uitgeput.",
    )
    services.naslag_answer_record(actor=hub, request=naslag, kind="ambtsbericht-follows")
    from datetime import date

    services.ambtsbericht_register(
        actor=hub, service="aivd", dated=date(2026, 11, 1), subject="Netwerk", content="...", signal=signal
    )
    # Every organisation below is also involved in the signal itself: seeing the signal must not be enough.
    for code in OTHER_UNITS:
        SignalInvolvement.objects.get_or_create(signal=signal, unit_id=make_user(code).unit_id, defaults={"reason": "lro"})
    return {"signal": signal, "naslag": naslag, "reporter": reporter, "make_user": make_user}


def test_all_models_are_scoped() -> None:
    assert set(MODELS) <= set(registered_models())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unit=st.sampled_from(OTHER_UNITS), roles=st.sets(st.sampled_from(RoleCode.values), min_size=1, max_size=4))
def test_other_organisations_see_none_of_it(hub_records, unit, roles) -> None:
    user = hub_records["make_user"](unit, *sorted(roles))
    for model in MODELS:
        assert not visible(user, model.objects.all()).exists(), (model.__name__, unit, roles)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    unit=st.sampled_from([*OTHER_UNITS, "ind.aanmeldcentrum", "ind.handhaving", "ind.unit-1f", "aivd"]),
    roles=st.sets(st.sampled_from([r for r in RoleCode.values if r != "privacy-officer"]), min_size=1, max_size=4),
)
def test_ambtsberichten_are_hidden_even_from_other_ind_units_and_the_service(hub_records, unit, roles) -> None:
    user = hub_records["make_user"](unit, *sorted(roles))
    assert not visible(user, Ambtsbericht.objects.all()).exists()


def test_reporter_gets_404_and_empty_lists_over_the_api(hub_records, api_client_for) -> None:
    client = api_client_for(hub_records["reporter"])
    signal = hub_records["signal"]
    for path in ("enrichments", "disclosures", "naslag-requests"):
        response = client.get(f"/api/v1/signals/{signal.pk}/{path}")
        assert response.status_code == 200 and response.json() == [], path
    assert client.get(f"/api/v1/naslag-requests/{hub_records['naslag'].pk}").status_code == 404
    assert client.get("/api/v1/ambtsberichten").status_code == 404


def test_recipient_unit_sees_only_its_disclosure(hub_records) -> None:
    aivd = hub_records["make_user"]("aivd", "handler")
    assert visible(aivd, Disclosure.objects.all()).count() == 1
    for model in (NaslagRequest, NaslagAnswer, EnrichmentFact, Ambtsbericht):
        assert not visible(aivd, model.objects.all()).exists()
