"""The gaps of a screening (derived in one place) and the overview per location and step, small counts suppressed."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from ketensignaal.screening.gaps import screening_gaps, sis_alert_thin_suggestion
from ketensignaal.screening.models import DataCarrierHandling, Gap, HearingMode, IdentityBasis, Screening
from ketensignaal.screening.selectors import SUPPRESS_BELOW, _cell
from ketensignaal.screening.tests.factories import ID_REGISTRATION_BODY, visible_person


@given(
    hearing=st.sampled_from(["", *HearingMode.values]),
    carrier=st.sampled_from(["", *DataCarrierHandling.values]),
    identity=st.sampled_from(IdentityBasis.values),
    thin=st.sampled_from([None, True, False]),
    searches=st.one_of(st.none(), st.integers(0, 20)),
    minimum=st.integers(0, 10),
)
def test_each_gap_is_there_exactly_when_its_circumstance_is(
    hearing: str, carrier: str, identity: str, thin: bool | None, searches: int | None, minimum: int
) -> None:
    gaps = screening_gaps(
        hearing_mode=hearing,
        data_carrier_handling=carrier,
        identity_basis=identity,
        sis_alert_thin=thin,
        open_source_searches=searches,
        open_source_minimum=minimum,
    )
    assert len(gaps) == len(set(gaps)) and set(gaps) <= set(Gap.values)
    assert (Gap.QUICK_SCAN_ONLY in gaps) == (carrier == "quick-scan")
    assert (Gap.WRITTEN_HEARING in gaps) == (hearing == "written")
    assert (Gap.TELE_HEARING in gaps) == (hearing == "tele")
    assert (Gap.UNDOCUMENTED in gaps) == (identity in ("laissez-passer", "plausible"))
    assert (Gap.THIN_SIS_ALERT in gaps) == bool(thin)
    assert (Gap.OPEN_SOURCE_MINIMUM in gaps) == (minimum > 0 and (searches or 0) < minimum)


@given(count=st.integers(0, 10_000))
def test_a_small_count_is_never_shown(count: int) -> None:
    cell = _cell(count)
    if 0 < count < SUPPRESS_BELOW:
        assert cell.count is None and cell.suppressed
    else:
        assert cell.count == count and not cell.suppressed


def test_thin_suggestion() -> None:
    assert sis_alert_thin_suggestion(content="Onopvallende controle.", more_information_requested=False, answer="")
    long = "Signalering wegens betrokkenheid bij een terroristische organisatie; " * 3
    assert not sis_alert_thin_suggestion(content=long, more_information_requested=False, answer="")
    assert sis_alert_thin_suggestion(content=long, more_information_requested=True, answer=" ")
    assert not sis_alert_thin_suggestion(content=long, more_information_requested=True, answer="Lid van een cel in 2019.")


@pytest.mark.django_db
def test_the_overview_counts_gaps_per_location_and_step_and_suppresses_small_cells(make_user: Any, api_client_for: Any) -> None:
    avim = make_user("politie.avim", "reporter", "handler")
    api = api_client_for(avim)
    for n in range(SUPPRESS_BELOW + 1):
        person = visible_person(avim)
        body = copy.deepcopy(ID_REGISTRATION_BODY)
        if n == 0:  # one written hearing: too few to show
            body["hearing_mode"] = "written"
        assert api.post(f"/api/v1/persons/{person.pk}/screenings", body, format="json").status_code == 201
    old = Screening.objects.first()
    old.screened_at = timezone.now() - timedelta(days=400)
    old.save()
    today = timezone.localdate()
    analyst = make_user("ind.tsz", "hub-analyst")
    response = api_client_for(analyst).get(f"/api/v1/screening-gaps?from={today - timedelta(days=30)}&to={today}")
    assert response.status_code == 200
    data = response.json()
    [row] = data["rows"]
    assert (row["location"], row["step"]) == ("politie.avim", "id-registratie")
    assert row["screenings"] == {"count": SUPPRESS_BELOW, "suppressed": False}
    assert row["gaps"]["quick-scan-only"] == {"count": SUPPRESS_BELOW, "suppressed": False}
    assert row["gaps"]["undocumented"]["count"] == SUPPRESS_BELOW
    assert row["gaps"]["thin-sis-alert"]["count"] == SUPPRESS_BELOW
    assert row["gaps"]["tele-hearing"] == {"count": 0, "suppressed": False}
    assert data["totals"]["quick-scan-only"]["count"] == SUPPRESS_BELOW
    assert data["from"] == str(today - timedelta(days=30)) and data["suppressed_below"] == SUPPRESS_BELOW
    everything = api_client_for(analyst).get(f"/api/v1/screening-gaps?from={today - timedelta(days=500)}&to={today}").json()
    assert everything["rows"][0]["screenings"]["count"] == SUPPRESS_BELOW + 1
    assert everything["rows"][0]["gaps"]["written-hearing"] == {"count": None, "suppressed": True}


@pytest.mark.django_db
def test_the_overview_refuses_a_bad_period_and_a_reporter(make_user: Any, api_client_for: Any) -> None:
    analyst = api_client_for(make_user("ind.tsz", "hub-analyst"))
    bad = analyst.get("/api/v1/screening-gaps?from=2026-13-01&to=2026-01-01")
    assert bad.status_code == 400 and [p["name"] for p in bad.json()["invalid_params"]] == ["from"]
    reversed_period = analyst.get("/api/v1/screening-gaps?from=2026-02-01&to=2026-01-01")
    assert reversed_period.status_code == 400
    reporter = api_client_for(make_user("coa.locatie.ter-apel", "reporter"))
    assert reporter.get("/api/v1/screening-gaps").status_code == 403
