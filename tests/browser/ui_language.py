"""Does a page speak one language? Untranslated Dutch on an English page, English on a Dutch page.

The product's source strings are Dutch: every ``msgid`` of the English catalogues is Dutch text the user sees, and
its ``msgstr`` the English the user should see instead. Django's own catalogue for Dutch works the other way round
(English ``msgid``, Dutch ``msgstr``). From the loaded catalogues this module builds:

- ``DUTCH``: UI text that may not appear on an English page — the product's msgids whose English differs, the
  Dutch translations of Django's own messages, and the Dutch texts of reference data shown as UI text (categories,
  touchpoints, measures, checklist items, the LIV's criteria, factors and formats: where the English differs);
- ``ENGLISH``: UI text that may not appear on a Dutch page — the product's English translations and Django's own
  English messages, where they differ from the Dutch.

A string that is UI text in both languages (``Status``, ``Team``, an acronym) is in neither set. Person names, place
names and what a user typed are excluded by construction: the check only flags a visible text that *is* a catalogue
message (the whole text of a text node or of an element, placeholders filled with anything) or that *contains* a
message of three words or more. A page passes when no visible text, no visible attribute (placeholder, aria-label,
title, alt, button value) and not the document title is in the other language's set.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

# Placeholders in a message: %(name)s, %s, %d, {name}. They are filled with data, so they match anything.
_PLACEHOLDER = re.compile(r"%\([^)]+\)[sdfr]|%[sdfr]|\{[a-z_][a-z0-9_]*\}")
_TAG = re.compile(r"<[^>]+>")
_LETTERS = re.compile(r"[A-Za-zÀ-ÿ]{4,}")


def normalise(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


@dataclass
class Messages:
    """UI texts of one language: exact strings, patterns (messages with placeholders), phrases (3+ words)."""

    exact: set[str] = field(default_factory=set)
    patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        text = normalise(message)
        if len(text) < 3 or text.isupper() or not _LETTERS.search(text):
            return  # acronyms, punctuation, single letters: not language
        if _PLACEHOLDER.search(text):
            parts = _PLACEHOLDER.split(text)
            literal = " ".join(p.strip() for p in parts)
            if len(_LETTERS.findall(literal)) < 2:
                return  # "%(a)s (%(b)s)": nothing to recognise the language by
            self.patterns.append((re.compile(".+?".join(re.escape(p) for p in parts), re.S), text))
            return
        self.exact.add(text)
        if len(text.split()) >= 3:
            self.phrases.append(text)

    def discard(self, others: set[str]) -> None:
        self.exact -= others
        self.phrases = [p for p in self.phrases if p not in others]

    def find(self, text: str) -> str | None:
        """The message ``text`` is (or contains), or None."""
        if text in self.exact:
            return text
        for pattern, message in self.patterns:
            if pattern.fullmatch(text):
                return message
        if len(text.split()) >= 3:
            for phrase in self.phrases:
                if phrase in text:
                    return phrase
        return None


def _items(catalogue: Any) -> list[tuple[str, str]]:
    out = []
    for key, value in catalogue.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid and value and isinstance(value, str):
            out.append((msgid, value))
    return out


@cache
def catalogues() -> tuple[Messages, Messages]:
    """(DUTCH, ENGLISH) as described in the module docstring."""
    from django.utils.translation import trans_real

    english_catalogue = _items(trans_real.translation("en")._catalog)  # product: Dutch msgid -> English
    dutch_catalogue = _items(trans_real.translation("nl")._catalog)  # Django: English msgid -> Dutch
    dutch, english = Messages(), Messages()
    dutch_texts: set[str] = set()
    english_texts: set[str] = set()
    for msgid, msgstr in english_catalogue + reference_labels():
        if normalise(msgid) != normalise(msgstr):
            dutch.add(msgid)
            english.add(msgstr)
        dutch_texts.add(normalise(msgid))
        english_texts.add(normalise(msgstr))
    for msgid, msgstr in dutch_catalogue:
        if normalise(msgid) != normalise(msgstr):
            english.add(msgid)
            dutch.add(msgstr)
        english_texts.add(normalise(msgid))
        dutch_texts.add(normalise(msgstr))
    # A text that is UI text in both languages ("Status", "Team", "Dossier") proves nothing either way.
    dutch.discard(english_texts)
    english.discard(dutch_texts)
    return dutch, english


def reference_labels() -> list[tuple[str, str]]:
    """(Dutch, English) texts of the reference data shown as UI text: categories and touchpoints, the measures of a
    case conference, the items of the screening checklists, the LIV's weighing criteria, factors and phase formats
    (their starter catalogue), and the names and purposes in the register of processing activities."""
    from ketensignaal.reference import reference_data
    from ketensignaal.trajectories.catalogue import ENGLISH as LIV_ENGLISH

    data = reference_data()
    pairs = [(row["name"], row["name_en"]) for key in ("categories", "touchpoints") for row in data[key] if row.get("name_en")]
    pairs += [(row["label"], row["label_en"]) for row in data["conference_measures"] if row.get("label_en")]
    pairs += [
        (row[field], row[f"{field}_en"])
        for row in data["conference_interference_rules"]
        for field in ("detail", "coordination")
        if row.get(f"{field}_en")
    ]
    pairs += [
        (item["label"], item["label_en"])
        for checklist in data["screening_checklists"]
        for item in checklist["items"]
        if item.get("label_en")
    ]
    pairs += list(LIV_ENGLISH.items())
    pairs += [
        (row[field], row[f"{field}_en"])
        for row in data["processing_activities"]
        for field in ("name", "purpose")
        if row.get(f"{field}_en")
    ]
    return pairs


# Visible texts of the page: every text node, the whole text of elements that carry one piece of UI text, visible
# attributes, the document title. Content of a closed <details> counts (one click shows it); options count when
# their <select> is visible; text inside an element marked lang="…" in the other language (the language switch) not.
_COLLECT = """(lang) => {
  const norm = (s) => (s || "").replace(/\\s+/g, " ").trim();
  const shown = (el) => {
    if (!el) return false;
    const select = el.closest("select, datalist");
    if (select) return select.tagName === "SELECT" && select.checkVisibility();
    if (el.checkVisibility()) return true;
    const details = el.closest("details:not([open])");
    return !!details && details.checkVisibility() && !el.closest("[hidden], template");
  };
  const ownLang = (el) => { const tagged = el.closest("[lang]"); return !tagged || tagged.lang.split("-")[0] === lang; };
  const out = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = norm(node.textContent);
    if (text && el && !el.closest("script, style, noscript, template") && shown(el) && ownLang(el)) out.add(text);
  }
  const blocks = "h1,h2,h3,h4,h5,h6,p,li,td,th,dt,dd,label,legend,button,a,summary,caption,option,span,strong,em,div";
  for (const el of document.body.querySelectorAll(blocks)) {
    if (el.tagName === "DIV" && el.querySelector("div, p, ul, ol, table, form, section")) continue;
    const text = norm(el.tagName === "OPTION" ? el.textContent : el.innerText || el.textContent);
    if (text && text.length < 2000 && shown(el) && ownLang(el)) out.add(text);
  }
  const labelled = "[placeholder], [aria-label], [title], [alt], input[type=submit], input[type=button]";
  for (const el of document.body.querySelectorAll(labelled)) {
    if (!ownLang(el) || !(shown(el) || el.getAttribute("aria-label"))) continue;
    for (const name of ["placeholder", "aria-label", "title", "alt"]) {
      const v = norm(el.getAttribute(name));
      if (v) out.add(v);
    }
    if (el.tagName === "INPUT") out.add(norm(el.value));
  }
  out.add(norm(document.title));
  out.delete("");
  return [...out];
}"""


def visible_texts(page: Any, lang: str) -> list[str]:
    return list(page.evaluate(_COLLECT, lang))


def wrong_language(texts: list[str], lang: str) -> list[tuple[str, str]]:
    """(visible text, the other language's message it is or contains) for every text in the wrong language."""
    dutch, english = catalogues()
    other = dutch if lang == "en" else english
    found = []
    for text in texts:
        message = other.find(text)
        if message is not None:
            found.append((text, message))
    return found


def assert_one_language(page: Any, lang: str) -> None:
    declared = page.evaluate("() => document.documentElement.lang")
    assert declared.split("-")[0] == lang, f"{page.url}: <html lang={declared!r}>, expected {lang!r}"
    found = wrong_language(visible_texts(page, lang), lang)
    name = {"en": "untranslated Dutch", "nl": "English"}[lang]
    assert not found, f"{len(found)} {name} text(s) on {page.url}:\n" + "\n".join(
        f"- {text[:140]!r}" + (f"  (message: {message[:80]!r})" if message != text else "") for text, message in found[:40]
    )


def choose_language(page: Any, lang: str) -> None:
    """Switches the signed-in page to ``lang`` with the header's language button, as a user does (Dutch is the
    default whatever the browser asks)."""
    if lang == "nl":
        return
    page.locator("form.ks-lang button[name=language][value=en]").click()
    page.wait_for_load_state()
    assert page.evaluate("() => document.documentElement.lang") == "en"


# Codes, internal ids and jargon that a professional should never read on a screen (issue 10, points 6 and 7).
JARGON = [
    (re.compile(r"\b[a-z]+(?:_[a-z]+)+\b"), "a code in snake_case (invalid_params)"),
    (re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+@v\d+\b"), "a flow code (coa-ind-nationale-veiligheid@v1)"),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "an internal id (UUID)"),
    (re.compile(r"DOMAIN\.md|§\s*\d"), "a reference to the product documentation"),
    (re.compile(r"\bSeed \d{3}\b"), "a seed name"),
    (re.compile(r"\((?:Latn|Arab|Cyrl|Ethi|Zyyy)\)|\(\?\)"), "a script code or a bare question mark"),
    (re.compile(r"\S ~ \S"), "a matching formula (hasan ~ hsn)"),
]


def jargon(texts: list[str]) -> list[tuple[str, str]]:
    return [(text, why) for text in texts for pattern, why in JARGON if pattern.search(text)]


def duplicate_ids(page: Any) -> list[str]:
    """Ids used more than once in the page (a label or an error then points at the wrong field)."""
    return list(
        page.evaluate(
            "() => { const seen = new Map();"
            " for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);"
            " return [...seen].filter(([, n]) => n > 1).map(([id]) => id); }"
        )
    )


def assert_plain_page(page: Any, lang: str) -> None:
    """No codes or internal ids on screen, no id used twice."""
    found = jargon(visible_texts(page, lang))
    assert not found, f"{len(found)} code(s) or jargon on {page.url}:\n" + "\n".join(f"- {w}: {t[:140]!r}" for t, w in found[:20])
    twice = duplicate_ids(page)
    assert not twice, f"ids used more than once on {page.url}: {twice}"
