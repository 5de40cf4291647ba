"""Which sections of the other document a numbered section is linked to: "Vilka nationella mål hänger ihop med
insatsområde 4?", "Which focus area matches national objective 7.2?", "… vad heter motsvarande område i den nationella
strategin?".

The documents do not state these links themselves: the crosswalk computes them from their texts (see ``alignment``;
the web app's crosswalk tab shows the evidence). Asked for them, the answer says where they come from, then lists the
linked sections — the clear links, or the possible ones when there is none — each cited to its heading, as an outline
answer is. Generic in the language: the link verbs below are Swedish and English; documents, roles and section
numbers come from the manifest and the index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from strategiqa.ingest.model import Citation, Document, Passage, Section
from strategiqa.retrieval.routing import DocumentRouter
from strategiqa.retrieval.text import STOP_WORDS

from .alignment import PAIRED_ROLES
from .followup import QUESTION_WORDS
from .outline import first_passage, heading_citation
from .sections import COUNT_WORDS, ORDINALS, without_section_references

ASKS_LINK = re.compile(
    r"\b(?:motsvar\w*|hänger\s+(?:\S+\s+){0,5}?ihop|hör\s+(?:\S+\s+){0,5}?ihop|kopplas|kopplad\w*|koppling\w*|kopplar|länkad\w*|länkas|svarar\s+mot|"
    r"matchar|överensstämmer|relaterar|correspond\w*|relates?\s+to|related\s+to|linked|links?\s+to|match(?:es)?|"
    r"maps?\s+(?:on)?to|aligns?\s+with|connected\s+to|ties?\s+in\s+with)\b",
    re.IGNORECASE,
)
"""Asking which section of another document a section goes with."""

_GOAL_WORDS = re.compile(r"\b(?:mål|målen|målet|målsättning\w*|delmål\w*|objectives?|goals?|targets?)\b", re.IGNORECASE)
_AREA_WORDS = re.compile(
    r"\b(?:\w*områden?\w*|(?:focus|priority|action|thematic|strategic)?\s*areas?)\b", re.IGNORECASE
)


REGIONAL, NATIONAL = PAIRED_ROLES
"""The crosswalk's two roles (manifest ``kind``): a region's areas, a nation's objectives."""
FOCUS_AREA = re.compile(r"\bfocus\s+areas?", re.IGNORECASE)
"""What English calls a regional agenda's areas (its own noun may be another language's: "insatsområde"); not
"priority area", which a national strategy's "prioriterade områden" are too."""


@dataclass(frozen=True)
class Links:
    """The sections a crosswalk links to the one asked about, best first, each with its level."""

    asked: tuple[Document, Section]
    other: Document
    """The other document of the crosswalk pair."""
    linked: tuple[tuple[Document, Section, str], ...]
    """Empty when the crosswalk links nothing to the section asked about."""


def find_links(
    crosswalk: dict[str, Any], documents: Sequence[Document], doc_id: str, section: Section, areas: bool
) -> Links | None:
    """The sections of the other document of ``doc_id``'s crosswalk pair linked to ``section``: for a regional area,
    the national objectives (or, with ``areas``, the national areas holding them); for a national objective or area,
    the regional areas. None when the section is in no crosswalk pair."""
    by_id = {d.info.doc_id: d for d in documents}
    for pair in crosswalk.get("pairs", []):
        regional, national = pair["regional"]["doc_id"], pair["national"]["doc_id"]
        if doc_id == regional:
            area = next((a for a in pair["areas"] if a["number"] == section.number), None)
            found = [] if area is None else [(o["number"], o.get("level"), o["score"]) for o in area["objectives"]]
            if areas:  # the national areas holding the linked objectives, each once, at its best objective's place
                found = _once([(n.partition(".")[0], level, score) for n, level, score in found])
            other = by_id.get(national)
        elif doc_id == national:
            number = section.number or ""
            found = _once(
                [
                    (a["number"], o.get("level"), o["score"])
                    for a in pair["areas"]
                    for o in a["objectives"]
                    if o["number"] == number or o["number"].partition(".")[0] == number
                ]
            )
            other = by_id.get(regional)
        else:
            continue
        if other is None:
            return None
        sections = {s.number: s for s in other.all_sections() if s.number}
        linked = tuple((other, sections[n], level) for n, level in _best(found) if n in sections)
        return Links((by_id[doc_id], section), other, linked)
    return None


def links_answer(links: Links, passages: list[Passage], language: str) -> tuple[str, list[Citation]]:
    """The answer's text and citations: where the links come from, the section asked about [1], then each linked
    section [2], [3] … ("… 7.2 <title> [2]; 7.3 <title> [3]."), a possible link marked as one."""
    citations: list[Citation] = []
    labels: list[str] = []
    for document, section, level in ((*links.asked, ""), *links.linked):
        passage = first_passage(section, passages, document.info.doc_id)
        if passage is None:
            continue
        n = len(citations) + 1
        citations.append(heading_citation(n, document, section, passage))
        note = f" ({POSSIBLE[language]})" if level == "possible" else ""
        labels.append(f"{section.number} {section.title}{note} [{n}]")
    if not labels:
        return "", []
    if len(labels) < 2:  # nothing linked: said so, of the section asked about
        return NONE_LINKED[language].format(asked=labels[0], other=links.other.info.short_title), citations
    return f"{LEADS[language].format(asked=labels[0])} {'; '.join(labels[1:])}.", citations


def asks_beyond_links(
    question: str, section: Section, router: DocumentRouter, area_nouns: re.Pattern[str] | None, by_title: bool
) -> bool:
    """Whether ``question`` asks more than which sections go with ``section``: a word beyond its frame, the link, the
    section's nouns (``area_nouns``: the documents' own) and number, the documents' names and, with ``by_title`` (asked
    in the documents' language), the section's title ("What are the goals of focus area 3 and how do they relate to
    investment?" asks about investment; "… kopplas det till forskningsområden?" about research areas). What comes
    before a colon is context ("Jämförelse till styrgruppen: …")."""
    text = question.split(":", 1)[1] if ":" in question.rstrip(":") else question
    text = without_section_references(router.strip_places(router.strip_names(text)))
    text = _SECTION_NOUNS.sub(" ", _GOAL_WORDS.sub(" ", ASKS_LINK.sub(" ", text)))
    if area_nouns is not None:
        text = area_nouns.sub(" ", text)
    title = {w.casefold()[:5] for w in re.findall(r"[^\W\d_]+", section.title)} if by_title else set()
    return any(
        len(w) >= 3
        and w not in STOP_WORDS
        and w not in QUESTION_WORDS
        and w not in _FRAME
        and w not in ORDINALS
        and w not in COUNT_WORDS
        and w[:5] not in title
        and router.named(w) is None
        for w in re.findall(r"[^\W\d_]+", text.casefold())
    )


_SECTION_NOUNS = re.compile(
    r"\b(?:område|området|områden|områdena|områdets|(?:focus|priority)\s+areas?|areas?)\b", re.I
)
"""The bare nouns for a section (a compound, "forskningsområden", is a topic)."""
_FRAME = frozenset(
    "vilka vilket vilken vad hur heter kallas motsvarande motsvarar nationella nationell nationellt regionala regional "
    "regionalt med till "
    "enligt dokumenten strategin agendan which what how called named corresponding national regional does do "
    "the documents strategy agenda according".split()
)
"""Words of a link question that ask nothing of their own."""


def asks_other_side(question: str, other: Document, named: set[str], area_nouns: re.Pattern[str] | None) -> bool:
    """Whether ``question`` asks about the ``other`` document's sections: it names it, or words for its sections
    ("nationella mål", "focus area", the document's own area noun)."""
    if other.info.doc_id in named:
        return True
    if other.info.kind == NATIONAL:  # a national document's sections are its objectives
        return bool(_GOAL_WORDS.search(question))
    return bool(_SECTION_NOUNS.search(question) or (area_nouns is not None and area_nouns.search(question)))


def wants_areas(question: str) -> bool:
    """Whether the question asks for the other document's areas, not its objectives ("vad heter motsvarande
    område …?")."""
    return bool(_AREA_WORDS.search(question)) and not _GOAL_WORDS.search(question)


def _once(found: list[tuple[str, str | None, float]]) -> list[tuple[str, str | None, float]]:
    """Each section once, with its best level and score (clear before possible)."""
    best: dict[str, tuple[str, str | None, float]] = {}
    for number, level, score in found:
        kept = best.get(number)
        if kept is None or (_RANK.get(level or "", 0), score) > (_RANK.get(kept[1] or "", 0), kept[2]):
            best[number] = (number, level, score)
    return list(best.values())


def _best(found: list[tuple[str, str | None, float]]) -> list[tuple[str, str]]:
    """The clear links, best first; the possible ones when there is none."""
    for level in ("clear", "possible"):
        chosen = sorted((f for f in found if f[1] == level), key=lambda f: -f[2])
        if chosen:
            return [(number, level) for number, _, _ in chosen]
    return []


_RANK = {"clear": 2, "possible": 1}

LEADS = {
    "sv": "Dokumenten anger inte själva hur de hänger ihop; korskopplingen, beräknad ur deras texter, länkar {asked} "
    "till:",
    "en": "The documents do not state how they connect; the crosswalk, computed from their texts, links {asked} to:",
}
POSSIBLE = {"sv": "möjlig koppling", "en": "possible link"}
NONE_LINKED = {
    "sv": "Dokumenten anger inte själva hur de hänger ihop; korskopplingen, beräknad ur deras texter, länkar inget "
    "avsnitt i {other} till {asked}.",
    "en": "The documents do not state how they connect; the crosswalk, computed from their texts, links no section "
    "of {other} to {asked}.",
}
