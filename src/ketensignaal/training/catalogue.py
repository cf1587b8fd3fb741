"""The trainings the seeds name, loaded idempotently; the functional admin adds new ones in the admin."""

from __future__ import annotations

from typing import Any

from ketensignaal.training.models import Training

SEEDED: list[dict[str, object]] = [
    {
        "code": "ror-radicalisering",
        "name": "Training Radicalisering en extremisme (ROR)",
        "provider": "Rijksopleidingsinstituut tegengaan Radicalisering, met de NCTV",
        "description": "Signalen van radicalisering herkennen en via de meldstructuur doorzetten; voor COA, IND en DT&V.",
        "source": "Kamerbrief bij het rapport «Migration-related Terrorism»; systeemcheck (2023)",
        "valid_months": None,
    },
    {
        "code": "e-learning-nationale-veiligheid",
        "name": "E-learning Nationale Veiligheid",
        "provider": "COA",
        "description": "Kennis over signaleren en melden versterken en onderhouden.",
        "source": "Kamerbrief bij het rapport «Migration-related Terrorism»",
        "valid_months": 24,
    },
    {
        "code": "awarenessdag",
        "name": "Awarenessdag nationale veiligheid",
        "provider": "Ketenpartners",
        "description": "Jaarlijkse dag: medewerkers uit de keten bijeen, recente ontwikkelingen rond nationale veiligheid.",
        "source": "Kamerbrief bij het rapport «Migration-related Terrorism»; systeemcheck (2023)",
        "valid_months": 12,
    },
    {
        "code": "leerlijn-screening",
        "name": "Leerlijn screening",
        "provider": "IND",
        "description": "Screeningsinstructie toepassen, open-bronnenonderzoek; training en expertise van screeners.",
        "source": "Kamerbrief bij het rapport «Migration-related Terrorism»; systeemcheck (2023)",
        "valid_months": None,
    },
    {
        "code": "oefenen-hypothetische-casuistiek",
        "name": "Oefenen met hypothetische casuïstiek (oefenomgeving)",
        "provider": "LIV en ketenpartners",
        "description": "Signaleren en duiden oefenen met verzonnen zaken in de afgeschermde oefenomgeving.",
        "source": "Onderzoek «Vreemdeling in de keten» (2023)",
        "valid_months": 12,
        "counts_for_coverage": False,
    },
    {
        # A confirmed briefing on trends and indicators from the hub counts here (the intelligence context).
        "code": "briefing-trends-indicatoren",
        "name": "Briefing trends en indicatoren (IND TSZ)",
        "provider": "IND Team Speciale Zaken",
        "description": "Gelezen briefing over trends en indicatoren naar aanleiding van inkomende inlichtingen.",
        "source": "Systeemcheck signalering in de migratieketen (2023)",
        "valid_months": 12,
        "counts_for_coverage": False,
    },
]


def trainings_load(apps: Any = None) -> int:
    """Idempotent; ``apps`` is the migration state's registry when called from the data migration."""
    model: Any = apps.get_model("training", "Training") if apps is not None else Training
    created = 0
    for row in SEEDED:
        _obj, was_created = model.objects.update_or_create(
            code=row["code"], defaults={k: v for k, v in row.items() if k != "code"}
        )
        created += int(was_created)
    return created
