"""Comparing two names and two person descriptions, with an explanation a person can check.

Every function here is symmetric: compare(a, b) == compare(b, a). The number
that comes out is only for putting candidates in order; the explanation says
why, and a person decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

from rapidfuzz.distance import JaroWinkler, Levenshtein

from ketensignaal.intake.labels import country_name
from ketensignaal.persons.matching.dates import BirthDate, birth_dates_compare
from ketensignaal.persons.matching.normalize import (
    ABJAD_SCRIPTS,
    AnalysedName,
    Token,
    token_loose,
    token_phonetic,
    token_skeleton,
)

METHOD_LABELS = {
    "exact": "exact gelijk",
    "transliteration": "gelijk na omzetting naar Latijns schrift",
    "skeleton": "zelfde medeklinkers (klinkers verschillen of ontbreken)",
    "phonetic": "klinkt hetzelfde",
    "fuzzy": "lijkt op elkaar",
    "compound": "samengesteld, aaneen of los geschreven",
}
FULL_COVERAGE_BONUS = 0.05
ORDER_BONUS = 0.01
MIN_TOKEN_SIMILARITY = 0.72
_VOWELS = re.compile("[aeiou]")
_FINAL_I = re.compile("(?:i|ee|ie|ey|iy)$")


def _abjad_form(text: str) -> str:
    """How a Latin spelling looks without short vowels; a final long i stays (ي: Ahmadi "hmdy", Ahmed "hmd")."""
    return _VOWELS.sub("", _FINAL_I.sub("y", text))


@lru_cache(maxsize=262144)
def _token_pair(a_text: str, a_skel: str, a_phon: str, b_text: str, b_skel: str, b_phon: str, abjad: bool) -> tuple[float, str]:
    if a_text == b_text:
        return 1.0, "transliteration"
    if a_skel and a_skel == b_skel and len(a_skel) >= 2:
        # Same skeleton: the closer spelling (letters before merging consonant classes; vowels only when
        # both are written with vowels) wins ties between e.g. Zahid and Shahid for زاهد.
        if abjad:
            detail = Levenshtein.normalized_similarity(_abjad_form(a_text), _abjad_form(b_text))
        else:
            detail = Levenshtein.normalized_similarity(a_text, b_text)
        return (0.94 if abjad else 0.91) + 0.03 * detail, "skeleton"
    if a_phon and a_phon == b_phon and len(a_phon) >= 2:
        return 0.9, "phonetic"
    loose = token_loose(a_text) if abjad else ""
    if len(loose) >= 2 and loose == token_loose(b_text):
        # Arabic script against its Latin spelling: same consonants apart from an h or d/t/z (Lakhal, لكحل) sound
        # alike. Between two Latin spellings such a difference is more often another name (Hamid, Hamit).
        return 0.89, "phonetic"
    text_sim = JaroWinkler.normalized_similarity(a_text, b_text)
    lev_sim = Levenshtein.normalized_similarity(a_text, b_text)
    skel_sim = JaroWinkler.normalized_similarity(a_skel, b_skel) if a_skel and b_skel else 0.0
    score = max(0.5 * (text_sim + lev_sim), (0.92 if abjad else 0.85) * skel_sim)
    return score, "fuzzy"


def token_similarity(a: Token, b: Token, *, abjad: bool = False) -> tuple[float, str]:
    """Similarity of two significant tokens and how they matched (symmetric)."""
    if (a.text, a.skeleton, a.phonetic) > (b.text, b.skeleton, b.phonetic):
        a, b = b, a
    return _token_pair(a.text, a.skeleton, a.phonetic, b.text, b.skeleton, b.phonetic, abjad)


@dataclass
class NameMatch:
    score: float
    pairs: list[dict[str, Any]] = field(default_factory=list)


@lru_cache(maxsize=65536)
def _units(tokens: tuple[Token, ...]) -> tuple[tuple[tuple[int, ...], Token], ...]:
    """Each significant token, plus each two adjacent tokens joined (a compound written as one word elsewhere)."""
    units: list[tuple[tuple[int, ...], Token]] = [((i,), t) for i, t in enumerate(tokens)]
    for i, (left, right) in enumerate(pairwise(tokens)):
        text = left.text + right.text
        units.append(((i, i + 1), Token(text, token_skeleton(text), token_phonetic(text), False)))
    return tuple(units)


def name_compare(a: AnalysedName, b: AnalysedName) -> NameMatch:
    """Align the significant tokens one to one (greedy, best pairs first, order-independent).

    A token may also align with two adjacent tokens of the other name joined ("Walijan" ~ "Wali Jan").
    The score is the mean of the two sides' coverage, so unmatched tokens on either side lower it, with a
    small bonus when every token of both names is matched.
    """
    sa, sb = a.significant, b.significant
    if not sa or not sb:
        return NameMatch(0.0)
    abjad = a.script in ABJAD_SCRIPTS or b.script in ABJAD_SCRIPTS
    units_a, units_b = _units(sa), _units(sb)
    candidates = []
    for ia, ta in units_a:
        for jb, tb in units_b:
            if len(ia) > 1 and len(jb) > 1:
                continue
            score, method = token_similarity(ta, tb, abjad=abjad)
            if len(ia) + len(jb) > 2:
                score -= 0.03  # a join is weaker evidence than two separate tokens
            if score >= MIN_TOKEN_SIMILARITY:
                candidates.append(
                    (score, min(ta.text, tb.text), max(ta.text, tb.text), len(ia) + len(jb), ia, jb, method, ta.text, tb.text)
                )
    candidates.sort(key=lambda c: (-c[0], c[1], c[2], c[3]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    covered_a = covered_b = 0.0
    positions: list[tuple[int, int]] = []
    pairs = []
    for score, _lo, _hi, _n, ia, jb, method, text_a, text_b in candidates:
        if used_a.intersection(ia) or used_b.intersection(jb):
            continue
        used_a.update(ia)
        used_b.update(jb)
        positions.append((ia[0], jb[0]))
        covered_a += score * len(ia)
        covered_b += score * len(jb)
        if method == "transliteration" and a.script == b.script and text_a == text_b:
            method = "exact"
        if len(ia) + len(jb) > 2:
            method = "compound"
        pairs.append(
            {"tokens": [text_a, text_b], "method": method, "label": METHOD_LABELS[method], "similarity": round(score, 3)}
        )
    coverage = 0.5 * (covered_a / len(sa) + covered_b / len(sb))
    # Same parts in the same order (given names first in both) weigh a little more: breaks ties between
    # "Qusay Saddam Hussein al-Tikriti" and "al-Tikriti Qusay Saddam Hussein" the way the query is written.
    if len(positions) >= 2:
        concordant = sum(1 for x, (pa, pb) in enumerate(positions) for qa, qb in positions[x + 1 :] if (pa - qa) * (pb - qb) > 0)
        coverage += ORDER_BONUS * concordant / (len(positions) * (len(positions) - 1) / 2)
    if len(used_a) == len(sa) and len(used_b) == len(sb):
        coverage += FULL_COVERAGE_BONUS
    return NameMatch(coverage, pairs)


@dataclass
class Description:
    """What is known of a person or a signal's subject, ready for comparison."""

    names: list[AnalysedName]
    birth_dates: list[BirthDate] = field(default_factory=list)
    nationalities: frozenset[str] = frozenset()
    v_numbers: frozenset[str] = frozenset()


def _nationality_compare(a: frozenset[str], b: frozenset[str]) -> tuple[str, str, list[str]]:
    """(outcome, Dutch explanation, the country codes it names): the codes let a page say it in the reader's language."""
    known_a = {c for c in a if c not in {"XXX", ""}}
    known_b = {c for c in b if c not in {"XXX", ""}}
    if not known_a or not known_b:
        return "unknown", "Nationaliteit onbekend bij een van beide.", []
    shared = sorted(known_a & known_b)
    if shared:
        return "agree", f"Nationaliteit gelijk ({_countries(shared)}).", shared
    named = sorted(known_a | known_b)
    return "conflict", f"Nationaliteit verschilt ({_countries(named)}).", named


def _countries(codes: list[str]) -> str:
    return ", ".join(country_name(code) for code in codes)


DOB_FACTORS = {"exact": 1.06, "compatible": 1.02, "unknown": 1.0, "conflict": 0.8}
NATIONALITY_FACTORS = {"agree": 1.03, "unknown": 1.0, "conflict": 0.93}


def description_compare(a: Description, b: Description) -> tuple[float, dict[str, Any]]:
    """Similarity for sorting plus the explanation (names, date of birth, nationality, V-number)."""
    best = NameMatch(0.0)
    best_names: tuple[str, str] = ("", "")
    for na in a.names:
        for nb in b.names:
            match = name_compare(na, nb)
            key = tuple(sorted([na.original, nb.original]))
            if match.score > best.score or (match.score == best.score and match.pairs and key < best_names):
                best, best_names = match, (na.original, nb.original)
    dob_outcome, dob_text, dob_dates = birth_dates_compare(a.birth_dates, b.birth_dates)
    nat_outcome, nat_text, nat_codes = _nationality_compare(a.nationalities, b.nationalities)
    shared_v = sorted(a.v_numbers & b.v_numbers)
    score = best.score * DOB_FACTORS[dob_outcome] * NATIONALITY_FACTORS[nat_outcome]
    if shared_v:
        score += 1.0
    explanation = {
        "names": {
            "query": best_names[0],
            "candidate": best_names[1],
            "tokens": best.pairs,
            "summary": _names_summary(best.pairs) if best.pairs else "Geen overeenkomende naamdelen.",
        },
        "date_of_birth": {"outcome": dob_outcome, "dates": dob_dates, "summary": dob_text},
        "nationality": {"outcome": nat_outcome, "countries": nat_codes, "summary": nat_text},
        "v_number": {
            "outcome": "exact" if shared_v else "none",
            "summary": "V-nummer exact gelijk." if shared_v else "Geen gelijk V-nummer.",
        },
    }
    return score, explanation


def _names_summary(pairs: list[dict[str, Any]]) -> str:
    # Plain words for the professional: the two name parts compared and how they are alike.
    return "; ".join(f"„{p['tokens'][0]}” en „{p['tokens'][1]}”: {p['label']}" for p in pairs)
