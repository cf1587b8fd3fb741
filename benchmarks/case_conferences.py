"""Case conferences: a municipality's case list and one case page, HTML and API, at 50 and at 5,000 cases.

    .venv/bin/python benchmarks/case_conferences.py [--requests 30] [--large 5000] [--keep]

Creates a fresh PostgreSQL database (ks_bench_conferences), migrates it, loads reference data and bulk-creates
cases of ``gemeente.utrecht`` consistent with what the services write (names, a phase history, triage). One case
— the one whose page is measured — has 50 invited units (police units created for the run, over the registered
flow), a plan with measures and an interference warning, reviews and progress notes. It measures, through
Django's full request stack in-process (test client: middleware, authentication, need to know, templates,
serialisation, the processing-log write of every read; no network), the case list (``/casusoverleg/`` and
``GET /api/v1/conference-cases``) and the case page (``/casusoverleg/<id>`` and ``GET /api/v1/conference-cases/<id>``)
first with 50 cases and then with --large, and prints p50/p95 server time and SQL statements per request side by
side. Targets (BENCHMARKS.md): p95 ≤ 150 ms and identical query counts. The database is dropped unless --keep.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _support import (
    DEFAULT_SERVER,
    ROOT,
    QueryCounter,
    database_drop,
    database_recreate,
    django_setup,
    percentile,
    production_env,
    table,
)

SMALL = 50
INVITED_UNITS = 50
TARGET_P95_MS = 150.0
MUNICIPALITY = "gemeente.utrecht"


def prepare() -> dict[str, Any]:
    from django.core.management import call_command

    from ketensignaal.identity.services import user_create
    from ketensignaal.identity.tokens import api_token_issue
    from ketensignaal.reference import reference_load

    call_command("migrate", verbosity=0)
    reference_load()
    director = user_create(username="bench-regie", unit_code=MUNICIPALITY, roles=["case-director"], validate=False)
    _token, raw = api_token_issue(user=director)
    return {"director": director, "token": raw}


def cases_add(*, director: Any, count: int, start: int) -> list[Any]:
    """Bulk-create ``count`` admitted cases (names, phase history, triage) as the services would leave them."""
    from django.db import transaction
    from django.utils import timezone

    from ketensignaal.conferences.models import CaseSubjectName, ConferenceCase, Phase, PhaseChange

    now = timezone.now()
    year = timezone.localdate().year
    with transaction.atomic():
        cases = ConferenceCase.objects.bulk_create(
            [
                ConferenceCase(
                    reference=f"CO-{year}-{start + i + 1:06d}",
                    municipality=director.unit,
                    phase=Phase.MONITORING if i % 3 else Phase.CONFERENCE,
                    reason="Zorgen over werving en uitspraken online.",
                    reporting_unit=director.unit,
                    reported_by=director,
                    date_of_birth="1996",
                    admitted=True,
                    triage_reason="Weegploeg: toegelaten.",
                    triage_body="Weegploeg",
                    triaged_at=now,
                    triaged_by=director,
                    case_director=director,
                    case_director_reason="Gemeente leidt.",
                    next_review=timezone.localdate() + dt.timedelta(days=(i % 60) - 10),
                    created_at=now - dt.timedelta(minutes=start + i),
                )
                for i in range(count)
            ],
            batch_size=1000,
        )
        CaseSubjectName.objects.bulk_create(
            [CaseSubjectName(case=c, name=f"Persoon {start + i}", position=0) for i, c in enumerate(cases)], batch_size=2000
        )
        PhaseChange.objects.bulk_create(
            [
                change
                for c in cases
                for change in (
                    PhaseChange(case=c, from_phase="", to_phase=Phase.TRIAGE, action="register", by=director, at=now),
                    PhaseChange(case=c, from_phase=Phase.TRIAGE, to_phase=Phase.CONFERENCE, action="admit", by=director, at=now),
                )
            ],
            batch_size=2000,
        )
    return cases


def case_grow(*, director: Any, case: Any) -> None:
    """The measured case: 50 invited units over the flow, a plan with a warning, reviews and notes (through services)."""
    from django.db import transaction
    from django.utils import timezone

    from ketensignaal.conferences import plan, services
    from ketensignaal.conferences.models import Invitation
    from ketensignaal.governance.legal_basis import flow_for_disclosure
    from ketensignaal.identity.models import Organisation, Unit

    police = Organisation.objects.get(code="politie")
    units = Unit.objects.bulk_create(
        [Unit(code=f"politie.bench-{i:02d}", name=f"Politie-eenheid {i:02d}", organisation=police) for i in range(INVITED_UNITS)]
    )
    flow = flow_for_disclosure(from_org=director.unit.organisation, to_org=police, categories=["radicalisering"])
    with transaction.atomic():
        Invitation.objects.bulk_create(
            [
                Invitation(
                    case=case,
                    unit=u,
                    purpose="Deelnemen aan het casusoverleg",
                    justification="Nodig voor de persoonsgerichte aanpak.",
                    flow=flow,
                    flow_version_label=flow.version_label,
                    invited_by=director,
                )
                for u in units
            ]
        )
    review = timezone.localdate() + dt.timedelta(days=60)
    for code, owner in (("prosecution", "om"), ("undesirable-alien", "ind"), ("care", "ggz"), ("district-team", MUNICIPALITY)):
        plan.measure_propose(
            actor=director, case=case, measure_code=code, owner=owner, goal="Doel van de maatregel", review=review
        )
    for i in range(3):
        plan.review_record(
            actor=director,
            case=case,
            summary=f"Herbeoordeling {i + 1}",
            changes_since_last="Werk gevonden; minder contact met het netwerk.",
            next_review=review,
        )
        services.note_add(actor=director, case=case, text=f"Voortgang {i + 1}")


def profile(client: Any, path: str, runs: int = 5, top: int = 12) -> str:
    """Where a request's time goes: cProfile over a few requests, the top functions by own time."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def measure(
    *, director: Any, token: str, case_id: Any, requests: int, profile_into: dict[str, str] | None = None
) -> dict[str, dict[str, Any]]:
    from django.db import connection
    from django.test import Client

    web = Client()
    web.force_login(director)
    session = web.session
    session["sso_authenticated"] = True  # the TOTP step is not what is measured
    session.save()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    targets = {
        "case list (HTML)": (web, "/casusoverleg/"),
        "GET /api/v1/conference-cases": (api, "/api/v1/conference-cases"),
        "case page (HTML)": (web, f"/casusoverleg/{case_id}"),
        "GET /api/v1/conference-cases/{id}": (api, f"/api/v1/conference-cases/{case_id}"),
    }
    results: dict[str, dict[str, Any]] = {}
    for label, (client, path) in targets.items():
        for _ in range(3):
            warm = client.get(path)
            assert warm.status_code == 200, (path, warm.status_code, warm.content[:300])
        with QueryCounter(connection) as counter:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        times.sort()
        if profile_into is not None:
            profile_into[label] = profile(client, path)
        results[label] = {
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "queries": counter.statements,
            "sql": list(counter.sql),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per measurement")
    parser.add_argument("--large", type=int, default=5_000)
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--database", default="ks_bench_conferences")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary of each request at --large")
    args = parser.parse_args()

    url = database_recreate(args.server, args.database)
    django_setup(production_env(url))
    try:
        from django.db import connection

        people = prepare()
        director = people["director"]
        first = cases_add(director=director, count=SMALL, start=0)
        measured = first[0]
        case_grow(director=director, case=measured)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        small = measure(director=director, token=people["token"], case_id=measured.pk, requests=args.requests)
        started = time.monotonic()
        cases_add(director=director, count=args.large - SMALL, start=SMALL)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        load_s = time.monotonic() - started
        profiles: dict[str, str] = {}
        large = measure(
            director=director,
            token=people["token"],
            case_id=measured.pk,
            requests=args.requests,
            profile_into=profiles if args.profile else None,
        )
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            database_drop(args.server, args.database)

    rows = []
    for label in small:
        s, big = small[label], large[label]
        rows.append(
            (
                label,
                f"{s['p50']:.1f}",
                f"{s['p95']:.1f}",
                f"{big['p50']:.1f}",
                f"{big['p95']:.1f}",
                "ok" if big["p95"] <= TARGET_P95_MS else "MISSED",
                int(s["queries"]),
                int(big["queries"]),
                "yes" if s["queries"] == big["queries"] else "NO",
            )
        )
    for label in small:
        if small[label]["queries"] != large[label]["queries"]:
            print(f"\nStatements that differ for {label}:")
            for line in sorted(set(large[label]["sql"]) ^ set(small[label]["sql"])):
                print("  ", line[:300])
    for label, text in profiles.items():
        print(f"\nProfile at {args.large} cases, {label} (5 requests, by own time):\n{text}")
    load_avg = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nCase conferences at {MUNICIPALITY}: {SMALL} vs {args.large} cases, the measured case with {INVITED_UNITS} "
        f"invited units; {args.requests} timed requests each, PostgreSQL, in-process test client"
    )
    machine = f"machine: {os.cpu_count()} CPUs, load average {load_avg}"
    print(f"(bulk load of {args.large - SMALL} cases took {load_s:.1f} s; {machine})\n")
    headers = [
        "request",
        f"p50 ms ({SMALL})",
        f"p95 ms ({SMALL})",
        f"p50 ms ({args.large})",
        f"p95 ms ({args.large})",
        f"p95 <= {TARGET_P95_MS:.0f}",
        f"queries ({SMALL})",
        f"queries ({args.large})",
        "identical",
    ]
    print(table(rows, headers))


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
