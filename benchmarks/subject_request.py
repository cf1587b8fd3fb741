""" "Everything about one person" for a data-subject request, at 10,000 and at 1,000,000 person records, PostgreSQL.

    .venv/bin/python benchmarks/subject_request.py [--persons 1000000] [--subjects 30] [--signals 100000] [--keep]

Creates ``ks_bench_subject_rights``, migrates, loads reference data, and builds the person records with the matching
benchmark's loader (``benchmarks/matching.py``: names recombined from the UN and OFAC lists' tokens, keys and dates of
birth, bulk-loaded with COPY, indexes rebuilt and vacuumed afterwards). Background volume: ``--signals`` signals (the
inbox benchmark's bulk writer, a year at the design target) each linked to a random person record.
The subjects (``--subjects``) are written through the real services: two signals each, linked to one new person by
the hub, and an AIVD ambtsbericht about the person.

For each subject a request is registered (access, the subject's name and date of birth as the requester gives them)
and the contact point's privacy officer does what the screen does, timed step by step:
candidates (the matcher, every current person record a possible candidate), the match (everything about the
person collected across contexts, the items stored, every item a logged read) and the request page through Django's
complete request stack (in-process test client). The same is measured twice in one run: with 10,000 person records
(the same-run baseline) and with ``--persons``; printed: p50/p95 per step and of the whole, the ratio to the baseline,
SQL statements per step, the load average. Target: p95 of the whole ≤ 2 s at 1,000,000 persons.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _support import (
    DEFAULT_SERVER,
    QueryCounter,
    database_drop,
    database_recreate,
    django_setup,
    percentile,
    production_env,
    table,
)

DATABASE = "ks_bench_subject_rights"
BASELINE_PERSONS = 10_000
# Distinct distractors written by the matching benchmark's loader (names analysed in Python); the rest of the person
# records are copies of these made in SQL (set-based), so a million takes minutes.
POOL_PERSONS = 50_000
LOADER_CREATED_AT = "2026-01-01T00:00:00Z"
TARGET_P95_S = 2.0


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f}"


def prepare() -> dict[str, Any]:
    from django.core.management import call_command

    from ketensignaal.identity.services import user_create
    from ketensignaal.reference import reference_load

    call_command("migrate", verbosity=0)
    reference_load()
    return {
        "analyst": user_create(username="bench-analyst", unit_code="ind.tsz", roles=["hub-analyst", "reporter"], validate=False),
        "officer": user_create(username="bench-officer", unit_code="ind", roles=["privacy-officer"], validate=False),
        "reporter": user_create(username="bench-reporter", unit_code="coa.locatie.ter-apel", roles=["reporter"], validate=False),
    }


def subjects_create(analyst: Any, names: list[str], rng: random.Random) -> list[dict[str, Any]]:
    """Each subject through the real services: two signals linked to one person, and an ambtsbericht."""
    from datetime import date

    from ketensignaal.disclosures.services import ambtsbericht_register
    from ketensignaal.persons.services import signal_link_person
    from ketensignaal.routing.tests.factories import submit

    subjects = []
    for name in names:
        dob = f"{rng.randint(1960, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        subject = {"names": [{"name": name, "script": "Latn"}], "date_of_birth": dob, "nationality": "SYR", "v_number": ""}
        first = submit(analyst, subject=subject)
        person = signal_link_person(actor=analyst, signal_id=first.pk, new=True).person
        second = submit(analyst, subject=subject, touchpoint="na-besluit")
        signal_link_person(actor=analyst, signal_id=second.pk, person_id=person.pk)
        ambtsbericht_register(
            actor=analyst,
            service="aivd",
            dated=date(2026, 11, 1),
            subject="Bench",
            content="Inhoud van de dienst.",
            person=person,
        )
        subjects.append({"name": name, "dob": dob, "person": person.pk})
    return subjects


def background_links(reporter: Any, analyst: Any, count: int, start: int) -> None:
    """``count`` signals (the inbox benchmark's writer) each linked to a random existing person record."""
    from django.db import connection

    from inbox import signals_add
    from ketensignaal.intake.models import Signal
    from ketensignaal.persons.models import PersonSignalLink

    signals_add(reporter=reporter, count=count, start=start)
    ids = list(Signal.objects.filter(reference__gte=f"KS-2026-{start:06d}").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM persons_person TABLESAMPLE SYSTEM (5) LIMIT %s", [len(ids)])
        persons = [row[0] for row in cursor.fetchall()]
    PersonSignalLink.objects.bulk_create(
        [PersonSignalLink(signal_id=s, person_id=persons[i % len(persons)], linked_by=analyst) for i, s in enumerate(ids)],
        batch_size=5000,
    )


def replicate(target: int) -> int:
    """Grow the person records to ``target`` with ``INSERT … SELECT`` over ``generate_series``: each copy of a pool
    person (those the loader wrote, never a subject) gets a new id and new name ids, with the same names, name keys and
    dates of birth, so every name key occurs as often as it would among ``target`` persons drawn from the same
    pool. Run with the name indexes dropped (the loader's ``drop_indexes``); returns the number of persons."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM persons_person")
        present = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM persons_person WHERE created_at = %s", [LOADER_CREATED_AT])
        pool = cur.fetchone()[0]
        rounds = (target - present + pool - 1) // pool
        if rounds <= 0:
            return present
        cur.execute("SET work_mem = '256MB'")
        # The copies point at rows of the same statement's sources: no foreign-key check per row (14 million key
        # rows at a million persons would queue as many trigger events); the data is consistent by construction.
        cur.execute("SET session_replication_role = replica")
        cur.execute("DROP TABLE IF EXISTS bench_pmap, bench_nmap")
        cur.execute(
            "CREATE UNLOGGED TABLE bench_pmap AS SELECT p.id AS old_id, gen_random_uuid() AS new_id "
            "FROM persons_person p CROSS JOIN generate_series(1, %s) g WHERE p.created_at = %s LIMIT %s",
            [rounds, LOADER_CREATED_AT, target - present],
        )
        cur.execute(
            "INSERT INTO persons_person (id, display_name, v_number, date_of_birth, nationality, created_at, "
            "restriction_reason) SELECT m.new_id, p.display_name, p.v_number, p.date_of_birth, p.nationality, "
            "p.created_at + interval '1 second', p.restriction_reason FROM bench_pmap m JOIN persons_person p ON p.id = m.old_id"
        )
        cur.execute("SELECT coalesce(max(id), 0) FROM persons_personname")
        top = cur.fetchone()[0]
        cur.execute(
            "CREATE UNLOGGED TABLE bench_nmap AS SELECT n.id AS old_id, m.new_id AS person_id, "
            "%s + row_number() OVER () AS new_id FROM bench_pmap m JOIN persons_personname n ON n.person_id = m.old_id",
            [top],
        )
        cur.execute(
            "INSERT INTO persons_personname (id, person_id, original, script, kind, cleaned, latin, significant, "
            "created_at) SELECT nm.new_id, nm.person_id, n.original, n.script, n.kind, n.cleaned, n.latin, "
            "n.significant, n.created_at FROM bench_nmap nm JOIN persons_personname n ON n.id = nm.old_id"
        )
        cur.execute(
            "INSERT INTO persons_personnamekey (name_id, person_id, kind, value) "
            "SELECT nm.new_id, nm.person_id, k.kind, k.value FROM bench_nmap nm "
            "JOIN persons_personnamekey k ON k.name_id = nm.old_id"
        )
        cur.execute(
            "INSERT INTO persons_personbirthdate (person_id, text, earliest, latest, uncertain) "
            "SELECT m.new_id, b.text, b.earliest, b.latest, b.uncertain FROM bench_pmap m "
            "JOIN persons_personbirthdate b ON b.person_id = m.old_id"
        )
        cur.execute("SELECT setval(pg_get_serial_sequence('persons_personname', 'id'), (SELECT max(id) FROM persons_personname))")
        cur.execute("DROP TABLE bench_pmap, bench_nmap")
        cur.execute("SET session_replication_role = DEFAULT")
        cur.execute("SELECT count(*) FROM persons_person")
        return int(cur.fetchone()[0])


def subjects_found() -> list[dict[str, Any]]:
    """The subjects of a kept database (``--reuse``): the persons an ambtsbericht is about."""
    from ketensignaal.disclosures.models import Ambtsbericht
    from ketensignaal.persons.models import Person

    subjects = []
    for person_id in Ambtsbericht.objects.exclude(person=None).order_by("received_at").values_list("person_id", flat=True):
        person = Person.objects.get(pk=person_id)
        subjects.append({"name": person.display_name, "dob": person.date_of_birth, "person": person.pk})
    return subjects


def measure(officer: Any, subjects: list[dict[str, Any]]) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ketensignaal.privacy import selectors, services

    device = TOTPDevice.objects.filter(user=officer, confirmed=True).first() or TOTPDevice.objects.create(
        user=officer, name="bench", confirmed=True
    )
    web = Client()
    web.force_login(officer, backend="django.contrib.auth.backends.ModelBackend")
    session = web.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    # Untimed warm-up (templates compiled, connections and caches warm), as a server would be.
    warm, _ = services.subject_request_register(
        actor=officer, kind="access", subject={"names": [{"name": subjects[0]["name"]}], "date_of_birth": subjects[0]["dob"]}
    )
    selectors.subject_request_candidates(user=officer, request=warm)
    services.subject_request_match(actor=officer, request_id=warm.pk, person_id=subjects[0]["person"], reason="Opwarmen")
    web.get(f"/privacy/verzoeken/{warm.pk}")

    steps: dict[str, list[float]] = {"candidates": [], "match and collect": [], "request page": [], "whole": []}
    statements: dict[str, int] = {}
    found_first = 0
    items = []
    for subject in subjects:
        request, _ = services.subject_request_register(
            actor=officer, kind="access", subject={"names": [{"name": subject["name"]}], "date_of_birth": subject["dob"]}
        )
        counters = {}
        t0 = time.perf_counter()
        counters["candidates"] = QueryCounter(connection)
        with connection.execute_wrapper(counters["candidates"]):
            candidates = selectors.subject_request_candidates(user=officer, request=request)
        t1 = time.perf_counter()
        chosen = subject["person"]
        found_first += bool(candidates) and candidates[0].person.pk == chosen
        counters["match and collect"] = QueryCounter(connection)
        with connection.execute_wrapper(counters["match and collect"]):
            services.subject_request_match(actor=officer, request_id=request.pk, person_id=chosen, reason="Paspoort gezien")
        t2 = time.perf_counter()
        counters["request page"] = QueryCounter(connection)
        with connection.execute_wrapper(counters["request page"]):
            response = web.get(f"/privacy/verzoeken/{request.pk}")
        t3 = time.perf_counter()
        assert response.status_code == 200, response.status_code
        items.append(request.items.count())
        steps["candidates"].append(t1 - t0)
        steps["match and collect"].append(t2 - t1)
        steps["request page"].append(t3 - t2)
        steps["whole"].append(t3 - t0)
        statements = {name: counter.statements for name, counter in counters.items()}
    return {"steps": steps, "statements": statements, "found_first": found_first, "items": items, "load": load_average()}


def rows_for(label: str, result: dict[str, Any], baseline: dict[str, Any] | None) -> list[list[Any]]:
    rows = []
    for step, values in result["steps"].items():
        p95 = percentile(values, 95)
        ratio = f"{p95 / percentile(baseline['steps'][step], 95):.2f}" if baseline else "1.00"
        rows.append(
            [
                label,
                step,
                f"{percentile(values, 50) * 1000:.0f}",
                f"{p95 * 1000:.0f}",
                ratio,
                result["statements"].get(step, "—"),
                result["load"],
            ]
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--subjects", type=int, default=30)
    parser.add_argument("--signals", type=int, default=100_000, help="background signals, each linked to a person")
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="measure again on a database kept with --keep")
    parser.add_argument("--profile", action="store_true", help="with --reuse: cProfile of the measurement")
    args = parser.parse_args()

    if args.reuse:
        reuse(args)
        return
    url = database_recreate(args.server, DATABASE)
    django_setup(production_env(url))
    import matching  # the matching benchmark's person generator (after Django is set up for our database)

    print(f"{load_average()} at start")
    users = prepare()
    rng = random.Random(20261203)
    targets, queries = matching.load_targets()
    firsts, lasts = matching.token_pools(targets, queries)
    picked = rng.sample([t["name"] for t in targets if t["name"].isascii() and len(t["name"].split()) >= 2], args.subjects)
    subjects = subjects_create(users["analyst"], picked, rng)

    loader = matching.Loader()
    loader.count = len(subjects)
    from django.db.models import Max

    from ketensignaal.persons.models import PersonName

    loader.next_name_id = (PersonName.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    definitions = loader.drop_indexes()
    t0 = time.perf_counter()
    loader.load(matching.distractor_names(BASELINE_PERSONS - loader.count, firsts, lasts, rng))
    loader.create_indexes(definitions)
    background_links(users["reporter"], users["analyst"], min(args.signals, 1000), start=100_000)
    print(f"{loader.count:,} persons in {time.perf_counter() - t0:.0f}s; {load_average()}")
    baseline = measure(users["officer"], subjects)
    headers = ["persons", "step", "p50 ms", "p95 ms", "p95 ÷ baseline", "SQL statements", "load"]
    print(table(rows_for(f"{BASELINE_PERSONS:,}", baseline, None), headers), flush=True)

    definitions = loader.drop_indexes() or definitions
    t0 = time.perf_counter()
    pool = min(POOL_PERSONS, args.persons)
    while loader.count < pool:
        loader.load(matching.distractor_names(min(20_000, pool - loader.count), firsts, lasts, rng))
        print(f"  {loader.count:,} persons through the loader ({time.perf_counter() - t0:.0f}s)", flush=True)
    loader.count = replicate(args.persons)
    print(f"  {loader.count:,} persons after the set-based copies ({time.perf_counter() - t0:.0f}s)", flush=True)
    loader.create_indexes(definitions)
    background_links(users["reporter"], users["analyst"], max(args.signals - 1000, 0), start=101_000)
    print(
        f"{loader.count:,} persons and {args.signals:,} background signals in {time.perf_counter() - t0:.0f}s; {load_average()}"
    )
    large = measure(users["officer"], subjects)

    print(table(rows_for(f"{BASELINE_PERSONS:,}", baseline, None) + rows_for(f"{loader.count:,}", large, baseline), headers))
    whole = percentile(large["steps"]["whole"], 95)
    verdict = "met" if whole <= TARGET_P95_S else "missed"
    print(f"whole request at {loader.count:,} persons: p95 {whole:.2f} s (target ≤ {TARGET_P95_S:.0f} s: {verdict})")
    print(
        f"requester ranked first among the candidates: {large['found_first']}/{len(subjects)}; "
        f"items per request: {min(large['items'])}–{max(large['items'])}"
    )
    if not args.keep:
        from django.db import connections

        connections.close_all()
        database_drop(args.server, DATABASE)


def reuse(args: argparse.Namespace) -> None:
    django_setup(production_env(f"{args.server}/{DATABASE}"))
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    officer = get_user_model().objects.get(username="bench-officer")
    subjects = subjects_found()[: args.subjects]
    from ketensignaal.persons.models import Person

    count = Person.objects.count()
    print(f"{count:,} persons, {len(subjects)} subjects; {load_average()}")
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        result = measure(officer, subjects)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    else:
        result = measure(officer, subjects)
    headers = ["persons", "step", "p50 ms", "p95 ms", "p95 ÷ baseline", "SQL statements", "load"]
    print(table(rows_for(f"{count:,}", result, None), headers))


if __name__ == "__main__":
    main()
