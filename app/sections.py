"""A question that names a numbered section is answered from that section.

"Vad vill regeringen uppnå med målsättning 4.1?", "What are the needs under focus area 5?", "Vad handlar
det femte området om?": the outline says exactly which passages such a question is about, while
similarity would drift to whichever passage shares the most words (a heading repeated in every area). A
follow-up that names no section of its own ("Och behoven?", "Why does that matter?") keeps the section
its previous question named, so the conversation stays where the user put it.

Everything is read from the documents' own outline: a section number (``4.1``, ``3``), an ordinal
word ("the fourth area"), and a part of the section named by its heading ("behov" for a heading *BEHOV*, or the
heading's hand-written English translation from the corpus profile, "needs"). Nothing here knows a
corpus; the words below are ordinary Swedish and English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from strategiqa.ingest.clean import NOUN_NUMBERED_HEADING
from strategiqa.ingest.model import Document, Section
from strategiqa.retrieval.routing import DocumentRouter
from strategiqa.retrieval.text import STOP_WORDS

ORDINALS = {
    "första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6, "sjunde": 7, "åttonde": 8,
    "nionde": 9, "tionde": 10,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
# Nouns that name a numbered section of a strategy: an area (any Swedish compound: "insatsområde",
# "strategiområde"), an objective, a goal, a chapter.
_SECTION_NOUN = (
    r"(?:prioriterade\s+)?\w*områd\w*|(?:focus|priority|action|thematic|strategic)\s+areas?|"
    r"areas?|målsättning\w*|delmål\w*|mål(?:et)?|objectives?|goals?|targets?|kapit\w*|chapters?|avsnitt\w*|"
    r"sections?|punkt\w*|points?|actions?|åtgärd(?:en|er|erna)?|measures?|prioritering\w*|priorit(?:y|ies)"
)
# Not an amount: "målet 3 procent", "2.5 per cent", "1.5 grader".
_NOT_AMOUNT = (
    r"(?!\d|\.\d|\s*%|\s*(?:procent|per\s?cent|percent|miljon\w*|miljard\w*|million\w*|billion\w*|mkr|mdkr|kr|"
    r"kronor|sek|euro\w*|grader|degrees)\b)"
)
_BY_NUMBER = re.compile(
    rf"\b(?:{_SECTION_NOUN})\s+(?:nr\.?\s*|nummer\s+|number\s+|no\.?\s*)?(\d{{1,2}}(?:\.\d{{1,2}})?){_NOT_AMOUNT}",
    re.I,
)
# More numbers listed after the first ("insatsområde 5, 6 och 7", "objectives 2.1 and 2.3").
_AND_WORDS = r"\s*(?:,\s*(?:och|and|samt|&)?|\s(?:och|and|samt|&|or|eller))\s*"
_NUMBER = r"\d{1,2}(?:\.\d{1,2})?(?!\d|\.\d)"
_AND_NUMBER = re.compile(f"{_AND_WORDS}({_NUMBER}){_NOT_AMOUNT}", re.I)
_LISTED_NUMBERS = re.compile(f"{_BY_NUMBER.pattern}(?:{_AND_WORDS}{_NUMBER}{_NOT_AMOUNT})*", re.I)
# A section lettered after its noun ("prioritering B", "priority C"): a capital letter standing alone.
_BY_LETTER = re.compile(rf"\b(?i:{_SECTION_NOUN})\s+([A-Z])(?![\w-])")
COUNT_WORDS = {
    "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
"""Numbers in words that count ("de sju områdena"); "en", "ett" and "one" are articles as often."""
_CARDINALS = {"ett": 1, "en": 1, "one": 1, **COUNT_WORDS}
# A number in words after "nummer"/"number" ("insatsområde nummer två").
_BY_NUMBER_WORD = re.compile(
    rf"\b(?:{_SECTION_NOUN})\s+(?:nr\.?|nummer|number|no\.?)\s+({'|'.join(_CARDINALS)})\b", re.I
)
# Numbers spelled out: "målsättning tre punkt fyra" (3.4), "objective five point two" (5.2), "area eight" (8; not "en",
# "ett", "one": articles as often).
_SPELLED_DOTTED = re.compile(
    rf"\b({'|'.join(_CARDINALS)})\s+(?:punkt|point|dot)\s+({'|'.join(_CARDINALS)})\b", re.IGNORECASE
)
_BY_COUNT_WORD = re.compile(rf"\b(?:{_SECTION_NOUN})\s+({'|'.join(COUNT_WORDS)})\b", re.IGNORECASE)
_ORDINAL = "|".join(ORDINALS)
# "det femte området", "the fourth area", "third focus area", "det femte strategiska området": an ordinal before a
# singular section noun, an adjective between or not (not "andra områden", other areas).
_BY_ORDINAL = re.compile(
    rf"\b({_ORDINAL})\s+(?:[^\W\d_]+\s+)?(?:\w*området|\w*område|(?:focus\s+|priority\s+)?area"
    rf"|målsättningen|målsättning|objective|goal|kapitlet|chapter|prioriteringen|prioritering|priority)\b",
    re.I,
)
# A dotted number on its own ("Och 4.2?", "What does 6.3 say about data?"), unless it is an amount.
_DOTTED = re.compile(rf"(?<![\w.])(\d{{1,2}}\.\d{{1,2}})(?![\w.]){_NOT_AMOUNT}", re.I)
# Section numbers at both ends ("1.1 till 8.5"), not years ("2020-2030").
_GOAL_NOUN = re.compile(r"målsättning|objective|goal", re.I)
_RANGE = re.compile(r"(?<![\d.])\d{1,2}(?:\.\d{1,2})?\s*(?:till|to|through|–|-)\s*\d{1,2}(?:\.\d{1,2})?(?![\d.])", re.I)
_RANGE_END = re.compile(r"\s*(?:till|to|through|–|-)\s*", re.I)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

EnglishTitle = Callable[[str, str], "str | None"]
"""Given a document id and a section title, its hand-written English translation, or None."""


@dataclass(frozen=True)
class SectionScope:
    """The sections a question is about: each a (document id, section) pair, with its parts when named."""

    sections: tuple[tuple[str, Section], ...]
    by_heading: bool = False
    """Named by an unnumbered part's heading ("i förordet"): where to look, not yet a sign that the documents
    answer, so the confidence threshold still applies."""

    def section_ids(self) -> dict[str, set[str]]:
        """Per document id, the ids of every section in scope and below it (passages carry these)."""
        out: dict[str, set[str]] = {}
        for doc_id, section in self.sections:
            out.setdefault(doc_id, set()).update(s.id for s in section.walk())
        return out

    def labels(self) -> list[str]:
        """Each section as a reader finds it: its path of headings ("4. <area title> › <part heading>")."""
        return [" › ".join(s.path) if s.path else f"{s.number or ''} {s.title}".strip() for _, s in self.sections]


def section_numbers(question: str) -> list[str]:
    """The section numbers ``question`` names, in order: "målsättning 4.1" → ``4.1``, "the fourth area" → ``4``,
    "Och 4.2?" → ``4.2``. A range across areas ("1.1 till 8.5") names none: it asks about them all; one within an
    area ("area 8 – its objectives, 8.1 through 8.5?") names the area."""
    question = _with_digits(question)
    ranged = _RANGE.search(question)
    if ranged:
        first, last = _RANGE_END.split(ranged.group(0), maxsplit=1)
        area = first.partition(".")[0]
        if "." in first and "." in last and last.partition(".")[0] == area:
            return section_numbers(question[: ranged.start()] + question[ranged.end() :]) or [area]
        return []
    found: list[tuple[int, str]] = []
    for m in _BY_NUMBER.finditer(question):
        found += [(m.start(), m.group(1)), *_listed_after(question, m.end())]
    found += [(m.start(), m.group(1)) for m in _BY_LETTER.finditer(question)]
    # Case-insensitive matching may take letters whose lower case is no key ("ſecond"): such words are skipped.
    found += [
        (m.start(), str(_CARDINALS[m.group(1).lower()]))
        for m in _BY_NUMBER_WORD.finditer(question)
        if m.group(1).lower() in _CARDINALS
    ]
    ordinals = [
        (m.start(), m.group(1), m.group(0)) for m in _BY_ORDINAL.finditer(question) if m.group(1).lower() in ORDINALS
    ]
    areas = [n for _, n in found if "." not in n]
    for start, word, phrase in ordinals:
        number = str(ORDINALS[word.lower()])
        # "den andra målsättningen under område 4", "the second objective of area 4": objective 4.2.
        if _GOAL_NOUN.search(phrase) and len(areas) == 1:
            found = [(at, n) for at, n in found if n != areas[0]]
            number = f"{areas[0]}.{number}"
        found.append((start, number))
    found += [(m.start(), m.group(1)) for m in _DOTTED.finditer(question)]
    return list(dict.fromkeys(n for _, n in sorted(found)))


def listed_section_numbers(question: str) -> list[str]:
    """The section numbers ``question`` lists after one noun ("insatsområde 5, 6 och 7" → 5, 6, 7); the first it names
    when it lists none. Numbers named apart ("område 5 … (område 1)", a follow-up read with the question before it) are
    not one list."""
    numbers = section_numbers(question)
    question = _with_digits(question)
    first = _BY_NUMBER.search(question)
    if not numbers or first is None or first.group(1) != numbers[0]:
        return numbers[:1]
    return [first.group(1), *(number for _, number in _listed_after(question, first.end()))]


def _listed_after(question: str, at: int) -> list[tuple[int, str]]:
    """The numbers listed from ``at`` on (", 6 och 7"), with where each stands."""
    found = []
    more = _AND_NUMBER.match(question, at)
    while more:
        found.append((more.start(1), more.group(1)))
        more = _AND_NUMBER.match(question, more.end())
    return found


def _with_digits(question: str) -> str:
    """Section numbers in words written in digits: "tre punkt fyra" → "3.4", "area eight" → "area 8" (the "five" of
    "objective five point two" is part of 5.2)."""
    question = _SPELLED_DOTTED.sub(
        lambda m: (
            f"{_CARDINALS[m.group(1).lower()]}.{_CARDINALS[m.group(2).lower()]}"
            if m.group(1).lower() in _CARDINALS and m.group(2).lower() in _CARDINALS
            else m.group(0)
        ),
        question,
    )
    return _BY_COUNT_WORD.sub(
        lambda m: (
            m.group(0)[: m.start(1) - m.start()] + str(COUNT_WORDS[m.group(1).lower()])
            if m.group(1).lower() in COUNT_WORDS
            else m.group(0)
        ),
        question,
    )


def without_section_references(question: str) -> str:
    """``question`` without the sections it names ("Vad säger målsättning 4.1 om X?" → "Vad säger om X?")."""
    question = _with_digits(question)
    for pattern in (_LISTED_NUMBERS, _BY_LETTER, _BY_NUMBER_WORD, _BY_ORDINAL, _DOTTED):
        question = pattern.sub(" ", question)
    return " ".join(question.split())


def scope_of(
    question: str,
    documents: Sequence[Document],
    router: DocumentRouter,
    english_title: EnglishTitle | None = None,
    parts: bool = True,
    doc_ids: set[str] | None = None,
) -> SectionScope | None:
    """The numbered sections ``question`` names (with ``parts``, narrowed to the parts whose headings it
    names), or None.

    The number is looked up in the document the question names, else in every document; an area noun
    a document uses itself ("insatsområde") picks that document when several have the number.
    """
    numbers = section_numbers(question)
    documents = [d for d in documents if doc_ids is None or d.info.doc_id in doc_ids]
    named = router.named(question)
    pool = [d for d in documents if named is None or d.info.doc_id == named] or list(documents)
    if not numbers:
        return _headed_scope(question, pool, english_title)
    found: list[tuple[Document, Section]] = []
    for number in numbers:
        hits = [(d, s) for d in pool if (s := find_section(d, number)) is not None]
        if len(hits) > 1:
            own = [(d, s) for d, s in hits if _uses_own_noun(question, d)]
            hits = own or hits
        found.extend(hits)
    if not found:
        return None
    chosen = _parts(question, found, english_title) if parts else found
    return SectionScope(tuple((d.info.doc_id, s) for d, s in chosen))


def _headed_scope(
    question: str, documents: Sequence[Document], english_title: EnglishTitle | None
) -> SectionScope | None:
    """The unnumbered main parts with a one-word heading the question names ("i förordet", "in the foreword"), or
    None. Longer headings ("Prioriterade insatsområden") and section nouns are left to the outline and the search."""
    words = {w.lower() for w in _WORD.findall(question)}
    found = []
    for document in documents:
        for section in document.sections:
            content = [w for w in _WORD.findall(section.title) if w.lower() not in STOP_WORDS]
            if section.number or len(content) != 1 or re.fullmatch(_SECTION_NOUN, section.title, re.IGNORECASE):
                continue
            english = english_title(document.info.doc_id, section.title) if english_title else None
            if _names_heading(words, section.title, english):
                found.append((document.info.doc_id, section))
    return SectionScope(tuple(found), by_heading=True) if found else None


def find_section(document: Document, number: str) -> Section | None:
    """The section numbered ``number`` in ``document``; a document that letters its areas ("Prioritering A",
    "B" …) has its n-th area found by an ordinal or number too ("the second priority" = B)."""
    sections = document.all_sections()
    found = next((s for s in sections if s.number == number), None)
    if found is None and number.isdigit() and 1 <= int(number) <= 26:
        letter = chr(64 + int(number))
        found = next((s for s in sections if s.number == letter), None)
    return found


def listed_position(question: str) -> int | None:
    """The place in a list a follow-up points at ("den sista av dem", "the second one", "Och den tredje?"): 1-based,
    -1 for the last; None when it names none. An ordinal before a section noun ("det femte området") names the
    section itself (``scope_of``), not an item of the list before."""
    if _BY_ORDINAL.search(question):
        return None
    found = _LISTED.search(question)
    if found is None:
        return None
    word = found.group(1).lower()
    return -1 if word in ("sista", "last") else ORDINALS.get(word)


# The ordinal points at an item: "the second one", "den sista av dem", or it ends the clause ("Och den tredje?",
# "Vad handlar den första om?"); "the last decade", "det första året" name something else.
_LISTED = re.compile(
    rf"\b(?:den|det|the)\s+({_ORDINAL}|sista|last)"
    r"(?:\s+(?:one|of them|of those|av dem|av de)\b|(?:\s+(?:om|about))?\s*(?:[?.!,]|$))",
    re.IGNORECASE,
)


def followup_scope(
    question: str,
    previous: str,
    documents: Sequence[Document],
    router: DocumentRouter,
    english_title: EnglishTitle | None = None,
    names_part: bool = False,
    doc_ids: set[str] | None = None,
) -> SectionScope | None:
    """For a follow-up naming no section: the sections ``previous`` named, narrowed to the parts the
    follow-up names ("Och behoven?" after a question on area 5's vision), else to those ``previous`` named.
    With ``names_part``, only when the question names a part: "Hur ser målbilden ut?" reads as a question
    of its own, but which of the areas' visions it means, only the question before says."""
    earlier = scope_of(previous, documents, router, english_title, parts=False, doc_ids=doc_ids)
    if earlier is None:
        return None
    by_id = {d.info.doc_id: d for d in documents}
    pairs = [(by_id[doc_id], s) for doc_id, s in earlier.sections]
    narrowed = _parts(question, pairs, english_title)
    if narrowed == pairs:
        return None if names_part else scope_of(previous, documents, router, english_title, doc_ids=doc_ids)
    return SectionScope(tuple((d.info.doc_id, s) for d, s in narrowed))


def _parts(
    question: str, found: list[tuple[Document, Section]], english_title: EnglishTitle | None
) -> list[tuple[Document, Section]]:
    """Each section's unnumbered sub-sections whose heading the question names; the section itself if none."""
    words = {w.lower() for w in _WORD.findall(question)}
    words |= {_PART_WORDS[w] for w in words if w in _PART_WORDS}
    out: list[tuple[Document, Section]] = []
    for document, section in found:
        parts = [
            c
            for c in section.children
            if not c.number
            and _names_heading(words, c.title, english_title(document.info.doc_id, c.title) if english_title else None)
        ]
        out.extend((document, p) for p in parts) if parts else out.append((document, section))
    return out


# English words for the parts a Swedish strategy's sections commonly have, for documents whose headings have no
# translation in the corpus profile ("What are the goals under area 2?" for a part headed "Mål").
_PART_WORDS = {
    "goals": "mål", "goal": "mål", "objectives": "mål", "targets": "mål", "actions": "åtgärder",
    "measures": "åtgärder", "activities": "aktiviteter", "needs": "behov", "challenges": "utmaningar",
    "strengths": "styrkor", "background": "bakgrund", "introduction": "inledning", "budget": "budget",
    "monitoring": "uppföljning", "evaluation": "utvärdering", "organisation": "organisation",
}  # fmt: skip


def names_heading(words: set[str], title: str, english: str | None) -> bool:
    """Whether ``words`` (lower case) name the heading ``title`` (``english``: its translation)."""
    return _names_heading(words, title, english)


def _names_heading(words: set[str], title: str, english: str | None) -> bool:
    """The question uses a heading's own word (in any inflection: "behoven" for a heading *BEHOV*) or, for a short
    heading, a word of its English translation ("needs" for *Needs*, "vision" for *Target vision*)."""
    for heading in (title, english or ""):
        found = [w.lower() for w in _WORD.findall(heading) if w.lower() not in STOP_WORDS]
        # A one-word heading may be short ("Mål"); in longer ones short words are too common to name them.
        keys = found if len(found) == 1 and len(found[0]) >= 3 else [w for w in found if len(w) >= 4]
        if not keys or len(keys) > 2:
            continue  # only short headings (one or two words) are named by one word
        # A part every strategy may have is named in either language ("förordet" for *Foreword*).
        for name in [n for key in keys for n in (key, *_PART_NAMES.get(key, ()))]:
            stem = name[: max(4, len(name) - 1)]
            if any(w.startswith(stem) and len(w) <= len(name) + 3 for w in words):
                return True
    return False


# The parts of a strategy that questions name in the other language than the document's (language knowledge).
# Only words that name nothing but a part: "introduction", "background", "summary", "monitoring" are as often what a
# question is about ("the introduction of new services").
_PART_PAIRS = (
    ("förord", "foreword"), ("förord", "preface"), ("bilaga", "annex"), ("bilaga", "appendix"),
    ("ordlista", "glossary"),
)  # fmt: skip
_PART_NAMES: dict[str, tuple[str, ...]] = {}
for _sv, _en in _PART_PAIRS:
    _PART_NAMES[_sv] = (*_PART_NAMES.get(_sv, ()), _en)
    _PART_NAMES[_en] = (*_PART_NAMES.get(_en, ()), _sv)


# What Swedish strategies call the sections English questions name ("sub-goal 1.2" is "delmål 1.2").
_SWEDISH_NOUNS = {
    "sub-goal": "delmål", "sub-goals": "delmål", "subgoal": "delmål", "subgoals": "delmål", "goal": "mål",
    "goals": "mål", "priority": "prioritering", "priorities": "prioriteringar", "objective": "målsättning",
    "objectives": "målsättningar", "action": "åtgärd", "actions": "åtgärder", "measure": "åtgärd",
    "chapter": "kapitel", "chapters": "kapitel",
}  # fmt: skip
_ENGLISH_NOUN = re.compile(rf"\b({'|'.join(sorted(_SWEDISH_NOUNS, key=len, reverse=True))})\b", re.I)


def with_swedish_nouns(question: str) -> str:
    """``question`` with the Swedish names of its English section nouns appended ("What is sub-goal 1.2?" → "What
    is sub-goal 1.2? delmål"), to match a document's own heading nouns."""
    found = [_SWEDISH_NOUNS[m.group(1).lower()] for m in _ENGLISH_NOUN.finditer(question)]
    return f"{question} {' '.join(found)}" if found else question


def own_area_nouns(documents: Sequence[Document]) -> re.Pattern[str] | None:
    """The compounds of "område" the documents call their areas by, in their headings ("Prioriterade
    insatsområden", "Strategiområde 2: …"), and the nouns that head a numbered or lettered series of areas
    ("Prioritering B – …"), in any inflection; None when they use none. Only a document's own compound makes a
    question an outline question: "forskningsområden" in a question is a topic."""
    stems: set[str] = set()
    nouns: set[str] = set()
    for document in documents:
        for section in document.all_sections():
            heading = _heading(document, section)
            stems.update(m.group(1).casefold() for m in _AREA_COMPOUND.finditer(f"{heading} {section.title}"))
        nouns |= series_nouns(document)
    patterns = [rf"(?:{'|'.join(sorted(map(re.escape, stems)))})områd\w*"] if stems else []
    # The noun in its inflections only: "mål", "målen", not "målsättning".
    patterns += [rf"{re.escape(noun)}(?:{_INFLECTIONS})?\b" for noun in sorted(nouns)]
    if not patterns:
        return None
    return re.compile(rf"\b(?:{'|'.join(patterns)})", re.IGNORECASE)


def series_nouns(document: Document, top_only: bool = False) -> set[str]:
    """The nouns a numbered or lettered series of ``document``'s sections is headed with ("Prioritering B – …",
    "Mål 1: …"), lower-cased, without a closing "e"; compounds of "område" are read apart (see ``own_area_nouns``).
    ``top_only``: only the series of one-part numbers (the areas, not "Delmål 1.1 …" under them)."""
    nouns = set()
    for section in document.all_sections():
        numbered = NOUN_NUMBERED_HEADING.match(_heading(document, section).strip().lstrip("#").strip())
        if not section.number or numbered is None or "områd" in numbered.group(1).casefold():
            continue
        if not (top_only and "." in section.number):
            nouns.add(numbered.group(1).casefold().removesuffix("e"))
    return nouns


def _heading(document: Document, section: Section) -> str:
    """A section's heading as the document writes it (with its number and noun), or its title."""
    return document.text[section.start : section.body_start] if section.body_start else section.title


_INFLECTIONS = "e|en|et|er|ena|erna|ar|arna|or|orna|s|n|na|ns|ens|ets|ies"


_AREA_COMPOUND = re.compile(r"\b(\w+)områd(?:e|en|et|ena|ets|enas)\b", re.IGNORECASE)


def _uses_own_noun(question: str, document: Document) -> bool:
    """The question's section noun ("insatsområde 3", "strategiområde 3", "den fjärde prioriteringen") occurs in
    this document's text: of two documents with an area 3, the one that calls its areas so."""
    match = _NOUN_BEFORE_NUMBER.search(question) or _NOUN_AFTER_ORDINAL.search(question)
    if match is None:
        return False
    noun = match.group(1).lower()
    # A noun the document heads its sections with ("Delmål 1.2 …", "Mål 2: …"), in Swedish for an English one.
    series = own_area_nouns([document])
    if series is not None and series.fullmatch(_SWEDISH_NOUNS.get(noun, noun)):
        return True
    return noun not in _GENERIC_NOUNS and noun in document.text.lower()


_NOUN_BEFORE_NUMBER = re.compile(r"\b([^\W\d_]+(?:-[^\W\d_]+)?(?:\s+area)?)\s+(?:\d{1,2}|[A-Z])\b", re.I)
_NOUN_AFTER_ORDINAL = re.compile(rf"\b(?:{_ORDINAL})\s+([^\W\d_]+)", re.I)
_GENERIC_NOUNS = frozenset({"område", "området", "area", "mål", "målet", "avsnitt", "avsnittet", "section", "kapitel"})
