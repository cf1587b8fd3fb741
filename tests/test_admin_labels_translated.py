"""Issue 10, point 8 (ADR 0015, decision 4): /beheer/ speaks the user's language, every label of it.

For every model the admin site shows — its app, its names, its fields and help texts, the change list's columns and
filters, the fieldsets, the actions and the inlines — the label must be marked for translation and translated both
ways: a Dutch source string (ours) with an English translation in a catalogue, or a stock English string of Django's
with a Dutch translation in Django's catalogue. A plain string (never marked) or a marked string one of the two
languages lacks fails: a Dutch user would read English, or an English user Dutch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, label_for_field
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import trans_real


def _catalogue(language: str) -> Any:
    return trans_real.translation(language)._catalog


def _msgid(label: Any) -> str | None:
    """The source string of a lazily translated label (None for a plain string, which was never marked)."""
    if not isinstance(label, Promise):
        return None
    args = getattr(label, "_args", None) or getattr(label, "_proxy____args", None) or ()
    return str(args[0]) if args else None


def _problem(where: str, label: Any) -> str | None:
    if label is None or label == "":
        return None
    if isinstance(label, str) and not isinstance(label, Promise):
        return f"{where}: {label!r} is not marked for translation"
    msgid = _msgid(label)
    if msgid is None:  # a lazy label built another way (format_lazy, a lazy function): compare its two renderings
        with translation.override("nl"):
            dutch = str(label)
        with translation.override("en"):
            english = str(label)
        return None if dutch != english else f"{where}: {dutch!r} reads the same in Dutch and English"
    english_catalogue, dutch_catalogue = _catalogue("en"), _catalogue("nl")
    if english_catalogue.get(msgid):  # our Dutch source string, translated to English
        return None
    if dutch_catalogue.get(msgid) and dutch_catalogue.get(msgid) != msgid:  # Django's English, translated to Dutch
        return None
    return f"{where}: {msgid!r} has no translation (Dutch source without English, or English without Dutch)"


def _field_labels(model: type[models.Model], where: str) -> Iterator[tuple[str, Any]]:
    for field in model._meta.get_fields():
        if field.auto_created or getattr(field, "primary_key", False):
            continue  # the id is never a label on screen
        if not getattr(field, "concrete", False) and not field.many_to_many:
            continue  # reverse relations
        yield f"{where}.{field.name} verbose_name", field.verbose_name  # type: ignore[union-attr]
        yield f"{where}.{field.name} help_text", getattr(field, "help_text", "")


def _admin_labels() -> Iterator[tuple[str, Any]]:
    seen_apps: set[str] = set()
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        where = f"{meta.app_label}.{meta.object_name}"
        if meta.app_label not in seen_apps:
            seen_apps.add(meta.app_label)
            yield f"app {meta.app_label}", meta.app_config.verbose_name
        yield f"{where} verbose_name", meta.verbose_name
        yield f"{where} verbose_name_plural", meta.verbose_name_plural
        yield from _field_labels(model, where)
        for name in model_admin.list_display:
            if name == "action_checkbox":
                continue
            # "__str__" is headed by the model's name (label_for_field hands back its rendering, not the lazy text).
            label = meta.verbose_name if name == "__str__" else label_for_field(name, model, model_admin)
            yield f"{where} list_display {name}", label
        for entry in model_admin.list_filter:
            path = entry if isinstance(entry, str) else entry[0] if isinstance(entry, tuple) else None
            if path is not None:  # a field's filter is titled with the last field's verbose_name
                yield f"{where} list_filter {path}", get_fields_from_path(model, path)[-1].verbose_name
            else:
                yield f"{where} list_filter {entry.__name__}", entry.title
        for title, _options in model_admin.fieldsets or ():
            yield f"{where} fieldset", title
            yield f"{where} fieldset description", _options.get("description", "")
        for action in model_admin.actions or ():
            function = getattr(model_admin, action) if isinstance(action, str) else action
            yield f"{where} action {getattr(function, '__name__', action)}", getattr(function, "short_description", None)
        for inline_class in model_admin.inlines:
            inline = inline_class(model, admin.site)
            inline_where = f"{where} inline {inline.model._meta.object_name}"
            yield f"{inline_where} verbose_name", inline.verbose_name
            yield f"{inline_where} verbose_name_plural", inline.verbose_name_plural
            yield from _field_labels(inline.model, inline_where)


def test_the_admin_checks_every_registered_model() -> None:
    labels = dict(_admin_labels())
    assert any(where.startswith("routing.Route ") for where in labels)
    assert any(where.startswith("trajectories.WeighingCriterion ") for where in labels)


def test_no_unmarked_plain_string_passes() -> None:
    assert _problem("x", "is active") is not None  # a field's default verbose_name: never marked
    assert _problem("x", translation.gettext_lazy("een bericht dat niemand vertaalde")) is not None
    assert _problem("x", translation.gettext_lazy("meldroute")) is None
    assert _problem("x", translation.gettext_lazy("username")) is None  # Django's own, Dutch in Django's catalogue


def test_every_admin_label_is_translated_both_ways() -> None:
    problems = sorted({p for where, label in _admin_labels() if (p := _problem(where, label))})
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("language", "expected", "unexpected"), [("nl", "Meldroutes", "Reporting routes"), ("en", "Reporting routes", "Meldroutes")]
)
def test_a_change_list_speaks_the_users_language(
    language: str, expected: str, unexpected: str, make_user: Any, web_client_for: Any
) -> None:
    user = make_user("ind", "functional-admin", username="beheer")
    user.is_staff = True
    user.save()
    web = web_client_for(user)
    if language == "en":
        web.cookies["django_language"] = "en"
    html = web.get("/beheer/routing/route/").content.decode()
    assert expected in html
    assert f">{unexpected}<" not in html


@pytest.mark.parametrize(
    ("language", "add_title", "empty_choice", "stock"),
    [
        ("nl", "Eenheid toevoegen", "— kies —", ("eenheid toevoegen", "- Kies een optie -", "---------")),
        ("en", "Add unit", "— choose —", ("- Select an option -", "---------")),
    ],
)
def test_titles_start_with_a_capital_and_the_empty_choice_reads_as_the_products(
    language: str, add_title: str, empty_choice: str, stock: tuple[str, ...], make_user: Any, web_client_for: Any
) -> None:
    """Django's Dutch put the model's name first in lower case ("eenheid toevoegen") in the heading, the tab's title,
    the breadcrumb and the add button, and its empty choice read "- Kies een optie -" / "- Select an option -" where
    the product's own selects say "— kies —" / "— choose —"."""
    user = make_user("ind", "functional-admin", username="beheer")
    user.is_staff = True
    user.save()
    web = web_client_for(user)
    web.cookies["django_language"] = language
    form = web.get("/beheer/identity/unit/add/").content.decode()
    assert f"<h1>{add_title}</h1>" in form and f"<title>{add_title} |" in form
    assert f'<li aria-current="page">{add_title}</li>' in form
    assert f'<option value="" selected>{empty_choice}</option>' in form
    listing = web.get("/beheer/identity/unit/").content.decode()
    assert re.search(rf'class="addlink">\s*{re.escape(add_title)}\s*</a>', listing)
    for text in stock:
        assert text not in form and text not in listing
