"""The names a question uses, told from the asker's context and from ordinary words (Swedish and English).

A question naming something ("Hur mycket har <ett bolag> fått?", "the <programme> call") asks about that name: the
documents must contain it, or they do not answer. Not every capitalised word is such a name: a sentence's first word,
a place the corpus is about, a list standing for a group, an example given in passing, a body's translated title and
what the asker says about themselves ("Jag skriver en PM …", "Doctoral student here:") are not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from strategiqa.retrieval.language import without_accents

__all__ = [
    "ACRONYM",
    "CAPITALISED",
    "EnglishWords",
    "known_in",
    "names_in",
    "without_asker_context",
    "without_self_introduction",
]

CAPITALISED = re.compile(r"(?<![\w-])[A-ZÅÄÖÉÜ][\w’'-]*[a-zåäöéü][\w’'-]*")
ACRONYM = re.compile(r"(?<![\w-])[A-ZÅÄÖ]{2,}(?:[:’']?s)?(?![\w])")
# Plural forms of an acronym: Swedish "KPI:er", "SME:erna", "NGO:ar"; English "KPIs" (not the genitive "KPI's").
_PLURAL_ACRONYM = re.compile(r"[A-ZÅÄÖ]{2,}(?::(?:er|ar|or)(?:na)?|s)(?![\w])")
# Words written with a capital in questions that are not names (English capitalises more).
_NOT_NAMES = frozenset(
    """
    i what which who whom whose how why when where does do did is are was were can could should would will
    and or but so the a an of in on for to according vad vilka vilken vilket vem hur varför när var finns
    och men eller enligt om i på för kan ska bör har är
    government government's parliament minister ministers ministry agency agencies council board
    strategy national regional region english
    """.split()
)


@dataclass(frozen=True)
class EnglishWords:
    """An English word list in the ``/usr/share/dict`` format, where proper names are capitalised."""

    common: frozenset[str]
    """Words listed in lower case: ordinary words."""
    proper: frozenset[str]
    """Words listed capitalised (lower-cased here): names of places, people, organisations."""

    @classmethod
    def load(cls, path: Path) -> EnglishWords | None:
        """The list at ``path``, or None when it is not there (names are then all checked)."""
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").split()
        except OSError:
            return None
        return cls(
            frozenset(w for w in lines if w.islower()),
            frozenset(w.lower() for w in lines if w[:1].isupper() and w[1:].islower()),
        )

    def is_translated_title(self, name: str) -> bool:
        """Every word of ``name`` is an ordinary English word and none a proper name: "Life Science
        Office", not a programme's or a hospital's proper name."""
        parts = name.split()
        return bool(parts) and all(self._ordinary(p) for p in parts)

    def _ordinary(self, word: str) -> bool:
        low = word.lower()
        low = low if low in self.common else low.rstrip("s’'")
        if word.isupper():  # an abbreviation: "IT" is ordinary although "It" is listed as a name too
            return low in self.common
        return low in self.common and low not in self.proper  # "China", "Bill": names win


def known_in(name: str, vocabulary: frozenset[str]) -> bool:
    """Whether a name occurs in the corpus: any of its words (of a hyphenated compound, the part before the hyphen:
    see ``_modifier``), as a word or as a word's start of at least four letters (so inflections, compounds and
    near-cognates count: *EHDS* in *EHDS-förordningen*, *Horizon* ~ *Horisont*, *European Health Data Space* ~
    *europeiska*)."""
    # A compound's head is a word like any other: "ANDT-strategin" is known only if "ANDT" is, not for "strategin".
    # A modifier of one or two letters says little alone ("NO-ämnen", "IT-stöd"): the whole compound counts.
    # An English genitive is the name's own ("<a country>'s"): its "s" alone would be a word of any text.
    name = _GENITIVE.sub("", name)
    for part in re.findall(r"[^\W_]+", " ".join(_modifier(token) for token in name.split())):
        key = part.lower()
        if key in vocabulary:
            return True
        # Four letters of "Horizon" ("Horisont") and "European" ("europeiska"); of a longer name at least half:
        # "<a city>sområdet" is known by "<the city>", a town's name not by a word sharing its first four letters.
        if len(key) >= 4 and any(
            word.startswith(key[:4]) and 2 * _shared_start(word, key) >= len(key) for word in vocabulary
        ):
            return True
        # Typed without the documents' accents ("Malmoomradet" for a word starting like "Malmö").
        if (
            len(key) >= 4
            and key == without_accents(key)
            and any(without_accents(word[:4]) == key[:4] for word in vocabulary)
        ):
            return True
    return False


def _shared_start(a: str, b: str) -> int:
    """How many letters ``a`` and ``b`` start with alike."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


_GENITIVE = re.compile(r"['’]s?(?![\w])")


def _modifier(token: str) -> str:
    """The part of a hyphenated compound before its first hyphen, when it has three letters or more; else the token."""
    first = token.split("-")[0]
    return first if len(first) >= 3 else token


def without_asker_context(text: str) -> str:
    """``text`` with the sentences or clauses in which the asker tells about themselves blanked out: "Jag skriver
    en PM – vilka mätetal …", "We are a hospital unit in Norway. Which …": what they write or where they work is
    context, not a name the answer must contain. A clause that is itself the question (ends in "?") stays."""
    # What the asker is writing, opening the question ("Till en PM om …:", "For a BN on …:"), is no name either;
    # what it is about may be.
    writing = _WRITING_FOR.match(text)
    out = text if writing is None else text[: writing.start(1)] + " " * len(writing.group(1)) + text[writing.end(1) :]
    # What the asker will do with the answer, said after it ("…, vill citera i PM:et", "…, need to quote it in our
    # memo"): no name the answer must contain either.
    purpose = _PURPOSE_AFTER.search(out)
    if purpose is not None:
        out = out[: purpose.start()] + " " * (len(out) - purpose.start())
    return _blank_clauses(text, out, lambda clause: not clause.rstrip().endswith("?") and bool(_ASKER.search(clause)))


def without_self_introduction(text: str) -> str:
    """``text`` without the clauses that only say who is asking ("Doctoral student here:", "pensionerad forskare här
    –"), unlike ``without_asker_context`` keeping what the asker says they work on."""
    return _blank_clauses(text, text, lambda clause: bool(_INTRODUCTION.search(clause)))


def _blank_clauses(text: str, out: str, blanked: Callable[[str], bool]) -> str:
    """``out`` (``text`` or a copy of it of the same length) with the clauses of ``text`` that ``blanked`` picks turned
    to spaces; never the last clause, which is the question whatever its punctuation."""
    for m in list(_CLAUSE.finditer(text))[:-1]:
        if blanked(m.group(0)):
            out = out[: m.start()] + " " * len(m.group(0)) + out[m.end() :]
    return out


# A full stop that ends an abbreviation ends no sentence ("t.ex. Pfizer", "e.g. Pfizer").
_ABBREVIATION = re.compile(r"\b(?:t\.ex|e\.g|i\.e|bl\.a|d\.v\.s|dvs|m\.m|s\.k|ca|etc|resp|jfr|cf|vs)\.$", re.IGNORECASE)
# A colon inside a word inflects it ("PM:et", "EU:s"): no clause ends there.
_CLAUSE = re.compile(r"(?:[^.!?–—:]|:(?=[^\W\d_]))+(?:[.!?]+|\s[–—-]\s|:|$)")
_PURPOSE_AFTER = re.compile(
    r",\s*(?:(?:jag|vi|I|we)\s+)?(?:vill|ska|tänker|behöver|want|need|would\s+like|am\s+going|are\s+going)\s+"
    r"(?:to\s+)?(?:citera|cite|quote|använda|use|återge|include|ha\s+med|lägga\s+in)\b[^,?]*\??\s*$",
    re.IGNORECASE,
)
_WRITING_FOR = re.compile(
    r"\s*(?:(?:till|för|inför)\s+(?:en|ett|min|mitt|mina|vår|vårt|våra)|(?:for|in)\s+(?:a|an|my|our))\s+([^\s:,]+)",
    re.IGNORECASE,
)
_ASKER = re.compile(
    r"\b(?:jag|vi|we|our|my|min|mitt|mina|vår|vårt|våra)\b|\bI(?:'m| am)\b|(?-i:\bI\b)"
    # Where the asker writes from, said without a pronoun ("Writing from <a city>:", "Hälsningar från <en stad> –").
    r"|\b(?:writing|greetings|hello|hi|skriver|hälsningar|hej)\s+(?:here\s+)?(?:from|från)\b"
    # Who is asking, said before the question ("Doctoral student here:", "pensionerad forskare här –").
    r"|\b(?:here|här)\W*$"
    # ... or opening a clause that goes on about them ("Medtech CTO here, struggling with …").
    r"|^\W*(?:[^\W\d_]+[\s-]+){0,4}(?:here|här)\s*,",
    re.IGNORECASE,
)
_INTRODUCTION = re.compile(r"^\W*(?:[^\W\d_]+[\s-]+){0,4}(?:here|här)\W*$", re.IGNORECASE)


def names_in(text: str, places: frozenset[str]) -> tuple[str, ...]:
    """Names the question uses: runs of capitalised words and acronyms, not a sentence's first word, question
    words or the corpus's own places. A run is one name ("European Health Data Space")."""
    # A sentence's first word is capitalised whatever it is ("… i vården. Stämmer det med …?").
    first = re.match(r"\s*[\w’'-]+", text)
    first_end = first.end() if first else 0
    openings = {
        m.start(1) for m in re.finditer(r"[.!?]\s+([\w’'-]+)", text) if not _ABBREVIATION.search(text[: m.start() + 1])
    }
    # A plural acronym ("KPI:er", "SMEs") is a kind of thing, not a name: a name is not counted.
    found = sorted(
        (m.start(), -m.end())
        for m in list(CAPITALISED.finditer(text)) + list(ACRONYM.finditer(text))
        if not ((plural := _PLURAL_ACRONYM.match(text, m.start())) and plural.end() >= m.end())
    )
    spans: list[tuple[int, int]] = []
    for start, neg_end in found:  # an acronym inside a capitalised word ("SM" in "SM-guld") is that word
        if not spans or start >= spans[-1][1]:
            spans.append((start, -neg_end))
    runs: list[tuple[int, int]] = []  # (start, end) of each run of name words
    own_places: list[tuple[int, int]] = []  # the corpus's places: no names to check, but they count in a list
    last_end = -2
    for start, end in spans:
        low = text[start:end].lower()
        if start < first_end or start in openings or low in _NOT_NAMES or low.rstrip("s’'") in _NOT_NAMES:
            last_end = -2
            continue
        if any(low.startswith(p) or (len(low) >= 3 and p.startswith(low)) for p in places if len(p) >= 3):
            own_places.append((start, end))
            last_end = -2
            continue
        if runs and start <= last_end + 1:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
        last_end = end
    kept = _without_groups(text, _without_examples(text, runs), own_places)
    # A name in the English genitive is the name ("<a country>'s strategy" names the country).
    return tuple(dict.fromkeys(_GENITIVE.sub("", text[start:end]) for start, end in kept))


def _without_groups(
    text: str, runs: list[tuple[int, int]], own_places: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """The runs that do not stand in a list of at least ``_GROUP_SIZE`` names ("Norge, Danmark, Finland och Island",
    "Norway, Denmark and Finland", "Sweden, Norway and Denmark" — the corpus's ``own_places`` count in the list): such
    a list names a group ("the Nordic countries"), which the documents may discuss by its own name; a name asked about
    on its own ("jämfört med Danmark") must still be there."""
    listed = sorted([(start, end, True) for start, end in runs] + [(start, end, False) for start, end in own_places])
    lists: list[list[tuple[int, int, bool]]] = []
    for start, end, is_name in listed:
        between = text[lists[-1][-1][1] : start] if lists else ""
        if between.strip() and _LISTED_WITH.fullmatch(between):  # ", ", " och ", " and " (not names run together)
            lists[-1].append((start, end, is_name))
        else:
            lists.append([(start, end, is_name)])
    return [(start, end) for group in lists if len(group) < _GROUP_SIZE for start, end, is_name in group if is_name]


_GROUP_SIZE = 3


def _without_examples(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs that are not given as examples: "an outbreak like Covid", "bolag som t.ex. X och Y" illustrate what is
    asked about, and the documents need not name them (a name asked about in its own right still must be there)."""
    if _MENTION_ASKED.search(text):  # "Nämner strategin bolag som t.ex. <name>?" asks whether the name is there
        return runs
    kept = []
    example_end: int | None = None
    for start, end in runs:
        after_example = example_end is not None and _LISTED_WITH.fullmatch(text[example_end:start])
        example = _EXAMPLE.search(text[:start])
        # ... after a noun ("ett utbrott som t.ex. Covid"): "samarbete med t.ex. <name>" asks about that name itself,
        # and "What would the region like <name> to do?" uses "like" as a verb.
        before = text[: example.start()] if example else ""
        verb = example is not None and example.group(0).strip().lower() == "like" and _LIKE_AS_VERB.search(before)
        if (example and not verb and not _PREPOSITION_BEFORE.search(before)) or after_example:
            example_end = end
        else:
            example_end = None
            kept.append((start, end))
    return kept


_EXAMPLE = re.compile(
    r"(?:\blike|\bsuch as|\be\.g\.|\bfor example|\bfor instance|\bincluding|\bt\.\s?ex\.|\btill exempel|"
    r"\bexempelvis|\bsåsom|\bbland annat|\bbl\.\s?a\.|\btyp)[\s,:]*$",
    re.IGNORECASE,
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:med|om|för|av|i|på|till|från|hos|mot|with|about|for|of|in|on|to|from|at|by|against)[\s,]*$", re.IGNORECASE
)
# "like" as a verb: after "would", "do" … a few words back, or right after a pronoun ("What would the region like …").
_LIKE_AS_VERB = re.compile(
    r"(?:\b(?:would|'d|do|does|did|don't|doesn't|didn't)\b(?:\s+[\w'-]+){0,3}|\b(?:i|we|you|they))\s*$", re.IGNORECASE
)
_MENTION_ASKED = re.compile(
    r"\b(?:nämner|nämns|nämnas|omnämns|tar\s+\w+\s+upp|mentions?|mentioned|names?|named|refers?\s+to)\b", re.IGNORECASE
)
_LISTED_WITH = re.compile(r"\s*(?:,|/|&)?\s*(?:(?:and|or|och|eller)\s+)?", re.IGNORECASE)
