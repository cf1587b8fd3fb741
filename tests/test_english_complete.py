"""Issue 10, point 9: English is complete. Every message marked for translation has an English translation (in
the shared catalogue or an app's own ``locale/``), and no template shows visible text that is not marked. Dutch
stays the default whatever the browser asks; English is the user's choice. PDFs follow the reader's language."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ketensignaal"

# --- every marked message is translated ------------------------------------------------------------------------


def _entries(po_text: str) -> list[str]:
    """The msgids of a .po text as printed by msgattrib (header excluded), joined over continuation lines."""
    ids, current, in_id = [], [], False
    for line in po_text.splitlines():
        if line.startswith("msgid "):
            current, in_id = [line[6:].strip()[1:-1]], True
        elif in_id and line.startswith('"'):
            current.append(line.strip()[1:-1])
        else:
            if in_id and "".join(current):
                ids.append("".join(current))
            in_id = False
    if in_id and "".join(current):
        ids.append("".join(current))
    return ids


@pytest.mark.skipif(shutil.which("msgattrib") is None, reason="gettext tools are not installed")
def test_every_marked_message_has_an_english_translation(tmp_path: Path) -> None:
    copy = tmp_path / "src" / "ketensignaal"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "tests"))
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src"), "DJANGO_SETTINGS_MODULE": "ketensignaal.settings"}
    # makemessages merges what the code marks into every catalogue (the shared one and each app's own locale/):
    # a message nobody translated comes out empty or fuzzy (a guess from a similar message is not a translation).
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete", "-v", "0"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    catalogues = sorted(copy.rglob("locale/en/LC_MESSAGES/django.po"))
    assert copy / "locale" / "en" / "LC_MESSAGES" / "django.po" in catalogues
    # Django merges every catalogue at run time: a message translated in one of the repository's catalogues is
    # translated (the catalogue makemessages would now put it in may be another app's own).
    translated: set[str] = set()
    for po in sorted(PACKAGE.rglob("locale/en/LC_MESSAGES/django.po")):
        out = subprocess.run(
            ["msgattrib", "--translated", "--no-fuzzy", "--no-wrap", str(po)], capture_output=True, text=True, check=True
        )
        translated.update(_entries(out.stdout))
    missing: list[str] = []
    for po in catalogues:
        for flag in ("--untranslated", "--only-fuzzy"):
            out = subprocess.run(["msgattrib", flag, "--no-wrap", str(po)], capture_output=True, text=True, check=True)
            missing += [f"{po.relative_to(copy)}: {msgid}" for msgid in _entries(out.stdout) if msgid not in translated]
    assert not missing, f"{len(missing)} message(s) without an English translation:\n" + "\n".join(missing[:60])


# --- every visible text in a template is marked ------------------------------------------------------------------

# Non-language content that may stand bare in a template: the product's name and the language choice (each
# language named in itself). Acronyms (all capitals: LRO, LIV, CSV, PDF, TLP) are names, not language.
ALLOWED_WORDS = {"Ketensignaal", "English", "Nederlands"}
VISIBLE_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "aria-roledescription", "label"}
_BUTTONS = ("submit", "button")
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_UNRENDERED_BLOCK = re.compile(r"\{%\s*(blocktranslate|blocktrans|comment|verbatim)\b.*?\{%\s*end\1\s*%\}", re.S)
_TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*")


def is_language(text: str) -> bool:
    return any(len(w) > 1 and not w.isupper() and w not in ALLOWED_WORDS for w in _WORD.findall(text))


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            shown = name in VISIBLE_ATTRIBUTES or (tag == "input" and name == "value" and dict(attrs).get("type") in _BUTTONS)
            if value and shown and is_language(value.replace("\x00", " ")):
                self.found.append((self.getpos()[0], f'{name}="{value}"'))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.replace("\x00", " ").split())
        if not self._hidden and is_language(text):
            self.found.append((self.getpos()[0], text))


def unmarked_text(source: str) -> list[tuple[int, str]]:
    """Visible text in a template that no translation tag covers: template tags and variables, translation blocks
    and comments are blanked (line numbers kept), then the HTML's text nodes and visible attributes are read."""

    def blank(match: re.Match[str]) -> str:
        return "\n" * match.group(0).count("\n") + " \x00 "

    masked = _TEMPLATE_TAG.sub(blank, _TEMPLATE_COMMENT.sub(blank, _UNRENDERED_BLOCK.sub(blank, source)))
    parser = _VisibleText()
    parser.feed(masked)
    parser.close()
    return parser.found


def test_no_template_shows_unmarked_text() -> None:
    problems = []
    for template in sorted(PACKAGE.rglob("templates/**/*.html")):
        for line, text in unmarked_text(template.read_text(encoding="utf-8")):
            problems.append(f"{template.relative_to(PACKAGE)}:{line}: {text[:100]}")
    assert not problems, f"{len(problems)} unmarked visible text(s) in templates:\n" + "\n".join(problems[:80])


def test_the_template_check_would_catch_bare_text() -> None:
    assert unmarked_text('<p>{% translate "Goed" %}</p>') == []
    assert unmarked_text("<p>{% blocktranslate %}Ook {{ goed }}{% endblocktranslate %}</p>") == []
    assert unmarked_text("<td>LRO</td><a>Ketensignaal</a> · {{ n }} (CSV)") == []
    assert [t for _, t in unmarked_text("<h1>Taken</h1>")] == ["Taken"]
    assert [t for _, t in unmarked_text('<button aria-label="Afronden: {{ t }}">x</button>')] == ['aria-label="Afronden:  \x00 "']
    assert [t for _, t in unmarked_text("{% if a %}Gewogen op {{ d }}{% endif %}")] == ["Gewogen op"]


# --- Dutch by default, English by choice, PDFs in the reader's language ------------------------------------------


@pytest.mark.django_db
def test_dutch_whatever_the_browser_asks_english_by_choice(client) -> None:
    page = client.get("/inloggen", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="nl"' in page.content.decode()
    assert "Inloggen" in page.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/inloggen"}, HTTP_ACCEPT_LANGUAGE="en")
    page = client.get("/inloggen", HTTP_ACCEPT_LANGUAGE="nl")
    assert '<html lang="en"' in page.content.decode()
    client.post("/i18n/setlang/", {"language": "nl", "next": "/inloggen"})
    assert '<html lang="nl"' in client.get("/inloggen", HTTP_ACCEPT_LANGUAGE="en").content.decode()


@pytest.mark.django_db
def test_pdf_templates_follow_the_readers_language() -> None:
    from django.template.loader import render_to_string
    from django.utils import translation

    for name in ("coordination/minutes_pdf.html", "trajectories/report_pdf.html", "conferences/plan_pdf.html"):
        source = (next(PACKAGE.rglob(f"templates/{name}"))).read_text(encoding="utf-8")
        assert '<html lang="nl">' not in source, f"{name} fixes the language of the PDF to Dutch"
    with translation.override("en"):
        html = render_to_string("coordination/minutes_pdf.html", {"meeting": _Meeting(), "lines": [], "decisions": []})
    assert '<html lang="en">' in html
    assert "There were no items on the agenda." in html and "Verslag" not in html


class _Meeting:
    import datetime as _dt

    date = _dt.date(2026, 12, 3)

    def get_status_display(self) -> str:
        return "Planned"


# --- messages shown to the user from Python are marked too ---------------------------------------------------------


def _bare_messages(source: str) -> list[int]:
    """Lines where ``messages.<level>(request, <literal or f-string>)`` shows text no translation covers."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "messages"
            and node.func.attr in ("success", "error", "info", "warning", "debug")
            and len(node.args) >= 2
            and isinstance(node.args[1], (ast.Constant, ast.JoinedStr))
        ):
            found.append(node.lineno)
    return found


def test_no_view_shows_an_unmarked_message() -> None:
    problems = []
    for module in sorted(PACKAGE.rglob("*.py")):
        if "tests" in module.parts:
            continue
        problems += [f"{module.relative_to(PACKAGE)}:{line}" for line in _bare_messages(module.read_text(encoding="utf-8"))]
    assert not problems, "messages shown without translation:\n" + "\n".join(problems)
    assert _bare_messages('messages.success(request, "Klaar.")') == [1]
    assert _bare_messages('messages.success(request, _("Klaar."))') == []
