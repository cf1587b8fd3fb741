"""From a name as written to comparable forms: clean, transliterate, tokenise, skeleton, phonetic code.

The original string and its script are always kept by the caller; everything
here is derived and can be recomputed. Each step is deliberately simple and
deterministic so that an analyst can follow the explanation it produces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import pairwise

import icu
from anyascii import anyascii
from rigour.text.phonetics import metaphone

# --- script detection (ISO 15924) ------------------------------------------------

_SCRIPT_PREFIXES = (
    ("ARABIC", "Arab"),
    ("CYRILLIC", "Cyrl"),
    ("ETHIOPIC", "Ethi"),
    ("GREEK", "Grek"),
    ("HEBREW", "Hebr"),
    ("CJK", "Hani"),
    ("ARMENIAN", "Armn"),
    ("GEORGIAN", "Geor"),
    ("DEVANAGARI", "Deva"),
    ("THAI", "Thai"),
    ("SYRIAC", "Syrc"),
    ("HANGUL", "Hang"),
    ("LATIN", "Latn"),
)

_TRANSLITERATORS = {
    "Arab": "Arabic-Latin",
    # Cyrillic: anyascii (BGN/PCGN-like: х→kh, ч→ch, й→y) is closer to how these names are spelt in Latin
    # documents than ICU's scholarly Cyrillic-Latin (h, c, j).
    "Ethi": "Ethiopic-Latin",
    "Grek": "Greek-Latin",
    "Hebr": "Hebrew-Latin",
    "Hani": "Han-Latin",
    "Armn": "Armenian-Latin",
    "Geor": "Georgian-Latin",
    "Deva": "Devanagari-Latin",
    "Thai": "Thai-Latin",
    "Syrc": "Syriac-Latin",
    "Hang": "Hangul-Latin",
}

#: Scripts that normally leave short vowels unwritten: compare them on consonant skeletons.
ABJAD_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc"})


def script_detect(text: str) -> str:
    """The dominant ISO 15924 script of the letters in ``text`` ("Zyyy" when there are none)."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        for prefix, code in _SCRIPT_PREFIXES:
            if name.startswith(prefix):
                counts[code] = counts.get(code, 0) + 1
                break
    if not counts:
        return "Zyyy"
    return max(sorted(counts), key=lambda code: counts[code])


# --- cleaning ----------------------------------------------------------------------

_ARABIC_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # incl. tatweel U+0640
_ARABIC_VARIANTS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",  # alef forms
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",  # alef maqsura, Persian/Pashto ye
        "ة": "ه",  # ta marbuta
        "ک": "ك",
        "گ": "ك",  # Persian kaf/gaf
        "ؤ": "و",
        "ئ": "ي",
        "ء": "",  # hamza carriers
    }
)
# Ge'ez letters that sound alike in modern Amharic/Tigrinya: map each syllable row to one base row.
_GEEZ_ROWS = {0x1210: 0x1200, 0x1280: 0x1200, 0x1220: 0x1230, 0x12D0: 0x12A0, 0x1340: 0x1338}


def _geez_unify(text: str) -> str:
    out = []
    for ch in text:
        cp = ord(ch)
        base = cp & ~0x7
        if base in _GEEZ_ROWS and cp - base < 7:
            ch = chr(_GEEZ_ROWS[base] + (cp - base))
        out.append(ch)
    return "".join(out)


def name_clean(text: str, script: str) -> str:
    """Unicode NFKC plus script-specific unification of letters that writers use interchangeably."""
    text = unicodedata.normalize("NFKC", text).strip()
    if script == "Arab":
        text = _ARABIC_HARAKAT.sub("", text).translate(_ARABIC_VARIANTS)
        # The article is written joined to the noun: separate it so it is treated as a particle.
        text = re.sub(r"(^|\s)(عبد|ابو)(?=\S{3,})", r"\1\2 ", text)
        text = re.sub(r"(^|\s)ال(?=\S{2,})", r"\1ال ", text)
    elif script == "Ethi":
        text = _geez_unify(text)
    return re.sub(r"\s+", " ", text)


# --- transliteration ------------------------------------------------------------------


@lru_cache(maxsize=32)
def _transliterator(script: str) -> icu.Transliterator:
    rule = _TRANSLITERATORS.get(script)
    chain = f"{rule}; Latin-ASCII" if rule else "Latin-ASCII"
    return icu.Transliterator.createInstance(chain)


#: In ICU's Arabic-Latin a digraph is marked (tẖ ث, sẖ ش, kẖ خ): a plain h after one of these letters is ه or ح
#: on its own (طه "ṭh" is Taha, not "th"). A vowel between keeps them apart in the skeleton.
_FALSE_DIGRAPH = re.compile("(?<=[tsckgdpzṭṣḍẓ])([hḥ])")


@lru_cache(maxsize=4)
def _icu(rule: str) -> icu.Transliterator:
    return icu.Transliterator.createInstance(rule)


def name_transliterate(cleaned: str, script: str) -> str:
    """Lower-case ASCII Latin form: script-specific ICU rule, then anyascii for anything left over."""
    if script == "Arab":
        text = _FALSE_DIGRAPH.sub(r"e\1", _icu("Arabic-Latin").transliterate(cleaned))
        text = _icu("Latin-ASCII").transliterate(text)
    else:
        text = _transliterator(script).transliterate(cleaned)
    text = anyascii(text.replace("ǝ", "e")).lower()
    text = re.sub(r"['`ʿʾ’‘\"]", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


# --- tokens, particles, skeletons ----------------------------------------------------------

#: Particles and honorifics: kept in the display, never used as evidence on their own.
PARTICLES = frozenset(
    """al el ul ad ed ar as at az an ash ath bin ben ibn ibnu bint binti bte bt abu abou abo abi umm um abd abdel abdul
    abdal abdol abdu van von der den de la le du da di dos das del y mr mrs ms dr sheikh shaikh sheik haji hajji mullah
    mawlawi maulvi sayed sayyid syed ould wuld uld wld ur ud ag agh bou""".split()  # noqa: SIM905 (a readable word list)
)
#: How the particles come out of an unvocalised Arabic-script transliteration (ibn, abd, abu, bint).
ABJAD_PARTICLES = frozenset({"bn", "abn", "bd", "abd", "abw", "bw", "abu", "bnt", "al", "l", "wld", "ald", "agh"})
_ABD_PREFIX = re.compile(r"^(abd(?:ul|al|el|ol|ur|ar|u|i)?|abu|abou|al|el)([a-z]{3,})$")
#: Second parts of compounds that Latin writes as one word and Arabic script as two ("Hidayatullah" = هداية الله,
#: "Nasiruddin" = نصير الدين): split off so both sides have the same parts. Longest first.
_COMPOUND_SUFFIXES = re.compile(
    r"^([a-z]{3,}?)(ullah|ulla|allah|alla|ollah|illah|elah|ullah|uddin|uddeen|udin|eddine|eddin|iddin|addin|"
    r"uldin|urrahman|urrehman|rahman|rehman)$"
)
_SUFFIX_BASE = {
    "ullah": "allah",
    "ulla": "allah",
    "allah": "allah",
    "alla": "allah",
    "ollah": "allah",
    "illah": "allah",
    "elah": "allah",
    "uddin": "din",
    "uddeen": "din",
    "udin": "din",
    "eddine": "din",
    "eddin": "din",
    "iddin": "din",
    "addin": "din",
    "uldin": "din",
    "urrahman": "rahman",
    "urrehman": "rahman",
    "rahman": "rahman",
    "rehman": "rahman",
}

# Consonant classes: spellings that differ only by these letters compare equal on the skeleton.
# Velars (q/k/g/j/dj/c, ق as "g" in the Maghreb, ج as "g" in Egypt) share one class; ث is written th or s.
_SKELETON_DIGRAPHS = (
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "s"),
    ("th", "s"),
    ("dh", "d"),
    ("ph", "f"),
    ("ck", "k"),
    ("dj", "j"),
    ("zh", "j"),
    ("dz", "z"),
    ("ou", "u"),
    ("ee", "i"),
    ("oo", "u"),
)
_CONSONANT_CLASSES = str.maketrans({"q": "k", "c": "k", "z": "s", "j": "k", "g": "k", "v": "f", "p": "b", "x": "k"})
_VOWELS_AND_GLIDES = re.compile(r"[aeiouyw]")


@lru_cache(maxsize=262144)
def token_skeleton(token: str) -> str:
    """Consonant skeleton: drop vowels (and glides after the first letter), merge consonant classes,
    doubled letters and a final h.

    Abjad scripts (Arabic) write few vowels, so this is the form on which an Arabic-script name
    and its Latin spelling meet.
    """
    text = token
    for digraph, single in _SKELETON_DIGRAPHS:
        text = text.replace(digraph, single)
    text = text.translate(_CONSONANT_CLASSES)
    head, rest = text[:1], text[1:]
    if head in "aeiouwy":  # initial vowels and glides: "Ould"/"wld", "Iyad"/"ayad", "Yusuf"/"ywsf"
        head = ""
    text = head + _VOWELS_AND_GLIDES.sub("", rest)
    text = re.sub(r"(.)\1+", r"\1", text)
    if len(text) > 2 and text.endswith("h"):
        text = text[:-1]
    return text


_LOOSE_Z = re.compile(r"z(?!h)")


@lru_cache(maxsize=262144)
def token_loose(token: str) -> str:
    """A looser consonant key than the skeleton: also without any h, and d, t and z one class.

    ح, ه and خ are written h, kh or not at all, and ICU writes a plain h apart from the letter before it, so one
    spelling keeps an h that the other drops (محمد لكحل "lkehl" and "Lakhal" have the skeletons lkhl and lkl;
    both have the looser key lkl). ض, ظ and ذ are d or z depending on the language (فضل "fdl", Fazal), ط and د
    t or d (Mahmoud, Mahmut). Used for retrieval and as a weaker kind of agreement than the skeleton.
    """
    # Letters that meet only once the h between them is gone stay two (mhmd: mmt, not mt).
    return token_skeleton(_LOOSE_Z.sub("d", token)).replace("h", "").replace("d", "t")


@lru_cache(maxsize=262144)
def token_phonetic(token: str) -> str:
    return metaphone(token) or ""


@dataclass(frozen=True)
class Token:
    text: str
    skeleton: str
    phonetic: str
    particle: bool


@dataclass(frozen=True)
class AnalysedName:
    original: str
    script: str
    cleaned: str
    latin: str
    tokens: tuple[Token, ...]

    @cached_property
    def significant(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if not t.particle)


def _split_token(raw: str, script: str) -> list[tuple[str, bool]]:
    # An unvocalised Arabic transliteration has its own particles; "mr" there is Omar/Amr, not a title.
    if (raw in ABJAD_PARTICLES) if script in ABJAD_SCRIPTS else (raw in PARTICLES):
        return [(raw, True)]
    found = _ABD_PREFIX.match(raw)
    # A Latin word starting with al/el is nearly always a name of its own (Alexander, Alvarez, Elena, Alireza);
    # the Arabic article written joined is separated in the Arabic script itself (name_clean).
    if found and found.group(1) in ("al", "el") and script not in ABJAD_SCRIPTS:
        found = None
    if found and found.group(2) not in PARTICLES:
        return [(found.group(1), True), *_split_token(found.group(2), script)]
    if script not in ABJAD_SCRIPTS:
        compound = _COMPOUND_SUFFIXES.match(raw)
        if compound:
            return [(compound.group(1), False), (_SUFFIX_BASE[compound.group(2)], False)]
    return [(raw, False)]


@lru_cache(maxsize=65536)
def name_analyse(original: str, script: str = "") -> AnalysedName:
    script = script or script_detect(original)
    cleaned = name_clean(original, script)
    latin = name_transliterate(cleaned, script)
    tokens: list[Token] = []
    for raw in latin.split():
        for text, particle in _split_token(raw, script):
            if text.isdigit():
                continue
            tokens.append(Token(text, token_skeleton(text), token_phonetic(text), particle))
    return AnalysedName(
        original=original, script=script, cleaned=cleaned, latin=" ".join(t.text for t in tokens), tokens=tuple(tokens)
    )


def name_keys(name: AnalysedName) -> set[tuple[str, str]]:
    """Index keys for retrieval: per significant token its latin form, skeleton and phonetic code,
    plus unordered pairs of skeletons (selective even when both names are very common)."""
    keys: set[tuple[str, str]] = set()
    skeletons = sorted({t.skeleton for t in name.significant if len(t.skeleton) >= 2})
    for token in name.significant:
        if len(token.text) >= 2:
            keys.add(("t", token.text))
        if len(token.skeleton) >= 2:
            keys.add(("s", token.skeleton))
        if len(token.phonetic) >= 2:
            keys.add(("p", token.phonetic))
    for i, first in enumerate(skeletons):
        for second in skeletons[i + 1 :]:
            keys.add(("sp", f"{first}|{second}"))
    # Compounds written as one word on one side and two on the other ("Walijan" / "wly jan"): the skeleton of
    # two adjacent tokens joined meets the skeleton of the single word.
    significant = name.significant
    for left, right in pairwise(significant):
        joined = token_skeleton(left.text + right.text)
        if len(joined) >= 3:
            keys.add(("s", joined))
    return keys


def dated_keys(name: AnalysedName, years: list[int]) -> set[tuple[str, str]]:
    """Keys that combine each significant token's skeleton with a possible year of birth ("y", "mhmd|1975").

    With a date of birth in the query these stay selective however common the name: at a million persons a
    skeleton and a year share a few hundred records at most, where the skeleton alone has tens of thousands."""
    skeletons = {t.skeleton for t in name.significant if len(t.skeleton) >= 2}
    return {("y", f"{skeleton}|{year}") for skeleton in skeletons for year in years}


def loose_pairs(name: AnalysedName) -> set[str]:
    looses = sorted({token_loose(t.text) for t in name.significant} - {""})
    looses = [value for value in looses if len(value) >= 2]
    return {f"{first}|{second}" for i, first in enumerate(looses) for second in looses[i + 1 :]}


def loose_keys(name: AnalysedName, years: list[int]) -> set[tuple[str, str]]:
    """Stored keys on the looser consonant key (``token_loose``), only where it differs from the skeleton key: per
    token ("l"), per unordered pair of tokens ("lp") and per token and possible year of birth ("ly").

    A query looks its looser keys up both here and among the skeleton keys ("s", "sp", "y"), so two spellings
    meet when either side's skeleton equals the other's looser key or both looser keys are equal. Two adjacent
    tokens joined count as one token here."""
    keys: set[tuple[str, str]] = set()
    for token in name.significant:
        loose = token_loose(token.text)
        if len(loose) >= 2 and loose != token.skeleton:
            keys.add(("l", loose))
            keys.update(("ly", f"{loose}|{year}") for year in years)
    # A compound written as one word on one side and two on the other ("Akhunzada" / آخوند زاده): the joined
    # tokens' looser key, and with each year (the joined skeleton itself is a name key already).
    for left, right in pairwise(name.significant):
        joined = left.text + right.text
        loose = token_loose(joined)
        if len(loose) >= 3:
            if loose != token_skeleton(joined):
                keys.add(("l", loose))
            keys.update(("ly", f"{loose}|{year}") for year in years)
    strict_pairs = {value for kind, value in name_keys(name) if kind == "sp"}
    keys.update(("lp", pair) for pair in loose_pairs(name) - strict_pairs)
    return keys


_ENDS_IN_I = re.compile(r"(?:i|y|ee|ie|ey|iy)$")


def token_ends_in_i(token: str) -> bool:
    """A name ending in a long i (ي, ی: Ahmadi, Hashemi, Madani), which the skeleton drops."""
    return len(token) >= 4 and bool(_ENDS_IN_I.search(token))


def ending_keys(name: AnalysedName) -> set[tuple[str, str]]:
    """Per token ending in a long i its skeleton with that ending ("f", "hmdy"): احمدی and Ahmadi share it, Ahmed
    does not, so among the many persons with the skeleton hmd the one with the same ending is retrieved first."""
    return {("f", f"{t.skeleton}y") for t in name.significant if len(t.skeleton) >= 2 and token_ends_in_i(t.text)}
