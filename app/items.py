"""Numbered goals written as list items, not headings: "Delmål 5.2 En regional plattform för … är i drift senast 2028."

Many strategies number their sub-goals inside the text ("Delmål 2.1 …", "Action 3.2: …") rather than as headings, so
the outline has no section 5.2 to answer "Vad innebär delmål 5.2?". The sentence that opens with that label is the
item: a question naming it is read as about that sentence (``interpreted_as`` shows it), as a question naming a
section is read as about the section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from strategiqa.ingest.model import Citation, Document, Passage, Section

from .sections import find_section, section_numbers


def numbered_item(
    question: str, documents: Sequence[Document], passages: Sequence[Passage], named: str | None = None
) -> tuple[Passage, str, str] | None:
    """The passage and sentence that open with the item ``question`` names by number ("delmål 5.2"), and the item's
    label as the sentence writes it ("Delmål 5.2"), when no document in ``documents`` has a section of that number
    and exactly one sentence (in the ``named`` document, when one is named) opens with it; else None."""
    docs = {d.info.doc_id for d in documents if named in (None, d.info.doc_id)}
    for number in section_numbers(question):
        if "." not in number or any(find_section(d, number) for d in documents if d.info.doc_id in docs):
            continue
        noun = _noun_before(question, number)
        found = [
            (p, p.text[a:b])
            for p in passages
            if p.doc_id in docs
            for a, b in p.sentences
            if _opens_with(p.text[a:b], number, noun)
        ]
        if len(found) == 1:
            passage, sentence = found[0]
            label = sentence[: sentence.index(number) + len(number)].lstrip("-•* ")
            return passage, sentence, label
    return None


def _noun_before(question: str, number: str) -> str | None:
    """The word naming the item in the question ("delmål" in "Vad innebär delmål 5.2?"), if any."""
    m = re.search(rf"([^\W\d_]+)\s+{re.escape(number)}(?!\d)", question)
    return m.group(1).casefold() if m else None


def _label(number: str) -> re.Pattern[str]:
    """A sentence opening with an item label: an optional bullet, an optional word ("Delmål") and ``number`` (a
    regular expression), then the item's text. Group 1 is the word."""
    return re.compile(rf"^\W*(?:([^\W\d_]+)\s+)?{number}(?![\d.]\d)[\s:.–-]+\S")


def _opens_with(sentence: str, number: str, noun: str | None) -> bool:
    """Whether ``sentence`` opens with the item label: an optional bullet, a word (the question's own, compared by
    its first four letters, when it has one) and the number, then the item's text."""
    m = _label(re.escape(number)).match(sentence)
    if m is None:
        return False
    label = (m.group(1) or "").casefold()
    # The question's word for the item may be the label itself, its head ("mål" for "Delmål") or not a label at all
    # ("Vad betyder 3.2?"): only a word that names goals or sections must match.
    if noun is None or not _ITEM_NOUN.fullmatch(noun):
        return True
    return bool(label) and (label[:4] == noun[:4] or label.endswith(noun) or noun.endswith(label))


_ITEM_NOUN = re.compile(
    r"(?:del)?mål\w*|målsättning\w*|insats\w*|åtgärd\w*|aktivitet\w*|punkt\w*|"
    r"(?:sub-?)?goals?|objectives?|targets?|actions?|measures?|points?|items?",
    re.IGNORECASE,
)


def items_under(section: Section, passages: Sequence[Passage], doc_id: str) -> list[Citation]:
    """The numbered items written in the text of ``section`` (area 3's "Delmål 3.1 …", "Delmål 3.2 …"), each cited
    to its sentence, in number order: what "Vilka delmål finns under fokusområde 3?" asks for when the area has no
    numbered sub-sections. Empty when the area has none, or numbers them inconsistently (one number twice)."""
    ids = {s.id for s in section.walk()}
    sentences = [(p, a, b) for p in passages if p.doc_id == doc_id and p.section_id in ids for a, b in p.sentences]
    # "Delmål 3.1 …" under area 3; else goals listed "1. …", "2. …" in its text (under "Målsättningar").
    patterns = (_label(rf"{re.escape(section.number or '')}\.(\d{{1,2}})"), re.compile(r"^\s*()(\d{1,2})[.)]\s+\S"))
    found: list[tuple[int, Passage, int, int]] = []
    for pattern in patterns:
        found = [(int(m.group(2)), p, a, b) for p, a, b in sentences if (m := pattern.match(p.text[a:b]))]
        if found:
            break
    numbers = [n for n, *_ in found]
    if not section.number or len(set(numbers)) != len(numbers):
        return []
    return [p.cite(k, a, b) for k, (_, p, a, b) in enumerate(sorted(found, key=lambda f: f[0]), 1)]
