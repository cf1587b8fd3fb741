"""The demo data loads, once."""

from __future__ import annotations

from ketensignaal.disclosures.models import Ambtsbericht, Disclosure, NaslagAnswer, NaslagRequest
from ketensignaal.installation.demo import demo_load


def test_demo_is_idempotent(reference) -> None:
    demo_load()
    demo_load()
    assert (
        NaslagRequest.objects.count(),
        NaslagAnswer.objects.count(),
        Ambtsbericht.objects.count(),
        Disclosure.objects.count(),
    ) == (1, 1, 1, 1)
