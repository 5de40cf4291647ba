"""How an outline answer reads: the sections ``overview.answer_overview`` found, listed with their numbers and titles,
each cited to its heading ("<document>: 7 numrerade områden: 1 … [1]; 2 … [2]; …"), objectives inside their area, one
section with the sentence its text opens with."""

from __future__ import annotations

import re
from dataclasses import dataclass

from strategiqa.ingest.model import Citation, Document, Passage, Section

from .items import items_under
from .outline import area_of, first_passage, heading_citation, introduction_passage, numbered_section, opening_citation
from .outline_topics import WHICH_AREA


@dataclass(frozen=True)
class Overview:
    text: str
    citations: list[Citation]
    passages: list[Passage]
    """The listed sections' first passages, in the order named."""
    introduction: Passage | None = None
    """The text that introduces the list: the own first passage of the section all listed ones sit under ("Sju
    insatsområden har identifierats …" above the areas, an area's own text above its objectives), if it has one."""


def list_sections(
    sections: list[tuple[Document, Section]],
    inner: set[str],
    question: str,
    language: str,
    passages: list[Passage],
    candidates: list[Document],
    absent: str | None,
) -> Overview | None:
    """The answer listing ``sections`` (found by ``overview.answer_overview``): a lead counting them per document, each
    title with its number, cited to its heading; sections whose ids are in ``inner`` inside the part above them; one
    section with the sentence its text opens with. ``absent``: a section number asked for that no document has, said
    first. None when no section has a passage to cite."""
    sections = _under_their_area(sections, inner, question)
    lead: str = ""
    doc_counts: dict[str, int] = {}
    for document, section in sections:
        if section.id not in inner:
            doc_counts[document.info.short_title] = doc_counts.get(document.info.short_title, 0) + 1
    if len(sections) > 1:
        noun = _noun(
            language, two_part="." in (sections[0][1].number or ""), parts=any(not s.number for _, s in sections)
        )
        lead = "; ".join(f"{title}: {n} {noun}" if n > 1 else f"{title}:" for title, n in doc_counts.items())
        lead = lead if lead.endswith(":") else lead + ":"
        area = _whole_area(sections)
        if area is not None:  # "… 8 Internationell attraktivitet och konkurrenskraft: 5 målsättningar: 8.1 …"
            lead = f"{sections[0][0].info.short_title}, {area.number} {area.title}: {len(sections)} {noun}:"
    citations: list[Citation] = []
    parts: list[str] = []
    first_passages: list[Passage] = []
    inside: dict[int, list[str]] = {}  # position in ``parts`` -> the labels of the sections listed inside it
    for n, (document, section) in enumerate(sections, 1):
        passage = first_passage(section, passages, document.info.doc_id)
        if passage is None:
            continue
        citations.append(heading_citation(n, document, section, passage))
        first_passages.append(passage)
        label = f"{section.number} {section.title} [{n}]" if section.number else f"{section.title} [{n}]"
        if section.id in inner and parts:  # "<A part> [3] (<its own section> [4])"
            inside.setdefault(len(parts) - 1, []).append(label)
        else:
            parts.append(label)
    parts = [f"{p} ({'; '.join(inside[i])})" if i in inside else p for i, p in enumerate(parts)]
    if not citations:
        return None
    if len(citations) == 1:  # one section: its title, then the sentence its text opens with
        opening = opening_citation(2, first_passages[0])
        text = parts[0]
        if opening is not None:
            citations.append(opening)
            text += f": {' '.join(opening.quote.split())} [2]"
    else:
        text = f"{lead} " + "; ".join(parts) + "."
    if absent is not None:
        where = candidates[0].info.short_title if len(candidates) == 1 else _THE_DOCUMENTS[language]
        text = f"{_NO_SUCH_SECTION[language].format(where=where, number=absent)} {text}"
    introduction = introduction_passage(sections, passages) if len(sections) > 1 else None
    return Overview(text.strip(), citations, first_passages, introduction)


def listed_items(document: Document, section: Section, passages: list[Passage], language: str) -> Overview | None:
    """The numbered goals written in ``section``'s text, quoted one by one (see ``items.items_under``)."""
    citations = items_under(section, passages, document.info.doc_id)
    if not citations:
        return None
    count = f"{len(citations)} {'numrerade mål' if language == 'sv' else 'numbered goals'}"
    listed = "; ".join(f"{' '.join(c.quote.split())} [{c.n}]" for c in citations)
    text = f"{document.info.short_title}, {section.number} {section.title}: {count}: {listed}"
    first = list(dict.fromkeys(c.passage_id for c in citations))
    return Overview(text, citations, [next(p for p in passages if p.passage_id == pid) for pid in first])


def _whole_area(sections: list[tuple[Document, Section]]) -> Section | None:
    """The area whose objectives ``sections`` are, all of them and nothing else, when it is not listed itself: the
    answer names it as it lists them (which area "the one on skills" or "area 4" is tells the reader where they are)."""
    if len(sections) < 2 or any("." not in (s.number or "") for _, s in sections):
        return None
    document = sections[0][0]
    if any(d is not document for d, _ in sections) or len({area_of(s) for _, s in sections}) != 1:
        return None
    area = numbered_section(document, area_of(sections[0][1]))
    if area is None or {c.id for c in area.children if c.number} != {s.id for _, s in sections}:
        return None
    return area


def _under_their_area(
    sections: list[tuple[Document, Section]], inner: set[str], question: str
) -> list[tuple[Document, Section]]:
    """Objectives listed with the area they belong to, the area first and they inside it: all of one area's objectives
    ("Which objectives fall under area 3?" names area 3 too), or the one objective a question asks the area of ("Till
    vilket område hör målsättningen om <a topic>?"). ``inner`` gets the objectives' ids."""
    if not sections or any(s.id in inner for _, s in sections):
        return sections
    document, first = sections[0]
    # (All of an area's objectives with the area only when asked for it too: "what's its title and which objectives
    # …?", "… and what area are they in?"; "Which objectives fall under area 3?" knows it.)
    area = _whole_area(sections)
    if area is None or not (WHICH_AREA_TOO.search(question) or _ITS_TITLE.search(question)):
        one = len(sections) == 1 and "." in (first.number or "") and WHICH_AREA.search(question)
        area = numbered_section(document, area_of(first)) if one else None
    if area is None:
        return sections
    inner.update(s.id for _, s in sections)
    return [(document, area), *sections]


_ITS_TITLE = re.compile(
    r"\b(?:its|the|dess|områdets)\s+(?:title|name|titel|namn|rubrik)\b|\bvad heter\b|"
    # What the area itself is about: "Vad handlar område 8 om, och vilka målsättningar …?", "What does area 3 cover".
    r"\bvad handlar\b|\bwhat is (?:area|focus area|it)\b|\bwhat does (?:area|focus area|it)\b",
    re.IGNORECASE,
)


# "… and which areas do they belong to?", "… och vilka områden hör de till?"
WHICH_AREA_TOO = re.compile(
    r"\b(?:which|what|vilka|vilket|vilken)\s+(?:[\w-]+\s+)?(?:areas?|områden\w*|område\w*)\b", re.IGNORECASE
)


_NO_SUCH_SECTION = {
    "sv": "{where} har inget avsnitt med nummer {number}. Det här finns:",
    "en": "{where} has no section numbered {number}. This is what there is:",
}


_THE_DOCUMENTS = {"sv": "Dokumenten", "en": "The documents"}


def _noun(language: str, two_part: bool, parts: bool = False) -> str:
    if parts:
        return "huvudavsnitt" if language == "sv" else "main sections"
    if language == "sv":
        return "målsättningar" if two_part else "numrerade områden"
    return "objectives" if two_part else "numbered areas"
