"""The sentence every unknown-choice refusal uses (core.errors.choose_one_of), shown with the LRO decisions."""

from __future__ import annotations

from django.utils import translation


def test_every_labelled_choice_refusal_says_choose_one_of_by_label() -> None:
    """The same sentence for every unknown choice the services refuse (core.errors.choose_one_of)."""
    from ketensignaal.coordination.models import DecisionKind
    from ketensignaal.core.errors import choose_one_of

    with translation.override("nl"):
        assert choose_one_of(DecisionKind.labels) == (
            "Kies een van: Politie CTER, Politie TIM, LIV, Monitoren, Geen verdere actie."
        )
