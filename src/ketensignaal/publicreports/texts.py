"""The public form's texts in the visitor's language.

Dutch and English come with the product (gettext, the app's own catalogue); a language the functional admin adds
(``FormLanguage``) supplies its own texts, and what it leaves empty is shown in English.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from ketensignaal.publicreports.models import FormLanguage

BUILT_IN = {"nl": "Nederlands", "en": "English"}


@dataclass(frozen=True)
class FormTexts:
    code: str
    gettext_language: str  # what Django translates the rest of the page into
    right_to_left: bool
    title: str
    intro: str
    observation_label: str
    person_label: str
    place_label: str
    date_label: str
    topics_label: str
    submit_label: str


def _built_in(code: str) -> FormTexts:
    with translation.override(code):
        return FormTexts(
            code=code,
            gettext_language=code,
            right_to_left=False,
            title=_("Melden zonder account"),
            intro=_(
                "Heeft u iets gezien of gehoord dat te maken kan hebben met terrorisme, radicalisering of een ander "
                "veiligheidsrisico bij iemand in de migratieketen? Meld het hier bij de IND. U hoeft uw naam niet te "
                "geven. Is er direct gevaar? Bel dan 112."
            ),
            observation_label=_("Wat heeft u gezien of gehoord?"),
            person_label=_("Over wie gaat het?"),
            place_label=_("Waar was dat?"),
            date_label=_("Wanneer was dat?"),
            topics_label=_("Waar gaat het over?"),
            submit_label=_("Melding versturen"),
        )


def languages() -> list[tuple[str, str]]:
    """Every language the form is offered in: (code, name in that language)."""
    added = FormLanguage.objects.filter(is_active=True).exclude(code__in=BUILT_IN).values_list("code", "name")
    return [*BUILT_IN.items(), *added]


def form_texts(code: str | None) -> FormTexts:
    code = (code or "").lower()
    if code in BUILT_IN:
        return _built_in(code)
    row = FormLanguage.objects.filter(code=code, is_active=True).first() if code else None
    if row is None:
        return _built_in(translation.get_language() if translation.get_language() in BUILT_IN else "nl")
    english = _built_in("en")
    return FormTexts(
        code=row.code,
        gettext_language="en",
        right_to_left=row.right_to_left,
        title=row.title or english.title,
        intro=row.intro or english.intro,
        observation_label=row.observation_label or english.observation_label,
        person_label=row.person_label or english.person_label,
        place_label=row.place_label or english.place_label,
        date_label=row.date_label or english.date_label,
        topics_label=row.topics_label or english.topics_label,
        submit_label=row.submit_label or english.submit_label,
    )
