"""Which sections of the documents a question is about, read against the index (see ``sections`` for the words).

The engine asks this before it searches: a question naming a numbered section ("Vad vill regeringen uppnå med
målsättning 4.1?"), pointing at an item of the list the previous answer gave ("Vad står det i den sista av dem?") or
following up on a section ("Och behoven?") is answered from that section's passages only. ``sections`` reads the
words; this module finds them in the loaded documents and turns them into passage positions and labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from strategiqa.ingest.load import CorpusProfile
from strategiqa.ingest.model import Document
from strategiqa.retrieval.index import LoadedIndex
from strategiqa.retrieval.language import detect_language
from strategiqa.retrieval.routing import DocumentRouter
from strategiqa.retrieval.text import STOP_WORDS

from .followup import QUESTION_WORDS
from .links import FOCUS_AREA, REGIONAL
from .overview_listing import Overview
from .sections import (
    SectionScope,
    find_section,
    followup_scope,
    listed_position,
    names_heading,
    own_area_nouns,
    scope_of,
    section_numbers,
    without_section_references,
)

OutlineReader = Callable[[str, str, list[Document], bool], Overview | None]
"""The outline's answer to a question over some documents (question, language, documents, topical)."""


class ScopeReader:
    """The sections a question names or keeps from the question before it, found in one loaded index."""

    def __init__(self, index: LoadedIndex, router: DocumentRouter, profile: CorpusProfile, outline: OutlineReader):
        self.index = index
        self.router = router
        self.profile = profile
        self.outline = outline

    def section_scope(
        self, question: str, previous: str | None, followup: bool, doc_ids: set[str] | None
    ) -> SectionScope | None:
        """The numbered sections the question names; when it names none, the previous question's, narrowed
        to the parts it names ("Och behoven?") — for a question that stands alone, only when it names one
        ("Hur ser målbilden ut?"), and never when it names a document of its own."""
        documents, english = self.index.documents, self.profile.english_title
        own = scope_of(question, documents, self.router, english, doc_ids=doc_ids)
        if own is not None and own.by_heading and self._only_names_the_part(question, own):
            # "Vad säger förordet i <document>?": the part itself is the topic, asked in any language.
            own = replace(own, by_heading=False)
        named = self.router.named(question)
        if own is not None or previous is None or (named is not None and named != self.router.named(previous)):
            return own  # a follow-up naming another document leaves the section behind
        return followup_scope(
            question, previous, documents, self.router, english, names_part=not followup, doc_ids=doc_ids
        )

    def listed_item(self, question: str, previous: str | None, doc_ids: set[str] | None) -> SectionScope | None:
        """The section a follow-up points at in the list the previous question got from the outline ("Vad står det i
        den sista av dem?" after "Vilka målsättningar finns under område 6?": 6.4), or None."""
        position = listed_position(question)
        if position is None or previous is None:
            return None
        documents = [d for d in self.index.documents if doc_ids is None or d.info.doc_id in doc_ids]
        listing = self.outline(previous, detect_language(previous), documents, True)
        items = [c for c in listing.citations if c.kind == "heading"] if listing else []
        at = position - 1 if position > 0 else position  # -1: the last
        if len(items) < 2 or not -len(items) <= at < len(items):
            return None
        item = items[at]
        document = next(d for d in documents if d.info.doc_id == item.doc_id)
        section = find_section(document, item.section_number or "")
        return SectionScope(((item.doc_id, section),)) if section is not None else None

    def section_named_here(self, question: str) -> SectionScope | None:
        """The section a question names by the noun its document alone calls its areas ("insatsområde 6", "det fjärde
        insatsområdet", "focus area 6" for a document whose areas are "insatsområden"), or by a document named right
        before it ("den nationella strategins område 4"), though the question names another document too ("Which
        national area corresponds to focus area 6?")."""
        for document in self.index.documents:
            nouns = [own_area_nouns([document]), FOCUS_AREA if document.info.kind == REGIONAL else None]
            for pattern in (p for p in nouns if p is not None):
                for m in pattern.finditer(question):
                    # The number right after the noun, or an ordinal right before it ("det fjärde insatsområdet").
                    window = question[max(0, m.start() - 20) : m.end() + 12]
                    numbers = [n for n in section_numbers(window) if "." not in n]
                    section = find_section(document, numbers[0]) if numbers else None
                    if section is not None:
                        return SectionScope(((document.info.doc_id, section),))
        for m in _AREA_NUMBER.finditer(question):
            before = " ".join(question[: m.start()].split()[-4:])
            named = self.router.named(before) if before else None
            owner = next((d for d in self.index.documents if d.info.doc_id == named), None)
            section = find_section(owner, m.group(1)) if owner is not None else None
            if owner is not None and section is not None:
                return SectionScope(((owner.info.doc_id, section),))
        return None

    def narrows_the_part(self, question: str, scope: SectionScope) -> bool:
        """Whether ``question`` has a word beyond its frame, the document's name and the headings of the parts in
        ``scope`` and of the sections above them (as the document writes them: "Strategiskt område B – …")."""
        headings: set[str] = set()
        documents = {d.info.doc_id: d for d in self.index.documents}
        for doc_id, part in scope.sections:
            document = documents[doc_id]
            for section in document.all_sections():
                if part in section.walk():
                    raw = document.text[section.start : section.body_start] if section.body_start else ""
                    headings.update(w.lower()[:5] for w in re.findall(r"[^\W\d_]+", f"{raw} {section.title}"))
        words = beyond_the_frame(without_section_references(self.router.strip_names(question)))
        return any(w[:5] not in headings for w in words if len(w) >= 3)

    def labels(self, scope: SectionScope | None, within: set[int]) -> list[str]:
        """The labels of the sections in ``scope`` that have passages among ``within``."""
        if scope is None:
            return []
        held = {(self.index.passages[i].doc_id, self.index.passages[i].section_id) for i in within}
        return [
            label
            for (doc_id, section), label in zip(scope.sections, scope.labels(), strict=True)
            if any((doc_id, s.id) in held for s in section.walk())
        ]

    def passages(self, scope: SectionScope | None, doc_ids: set[str] | None) -> set[int]:
        """Positions of the passages in ``scope``'s sections (within the user's documents)."""
        if scope is None:
            return set()
        ids = scope.section_ids()
        return {
            i
            for i, p in enumerate(self.index.passages)
            if p.section_id in ids.get(p.doc_id, ()) and (doc_ids is None or p.doc_id in doc_ids)
        }

    def _only_names_the_part(self, question: str, scope: SectionScope) -> bool:
        """Whether every word of ``question`` beyond its frame and the document's name names a heading in ``scope``."""
        words = [w for w in beyond_the_frame(self.router.strip_names(question)) if self.router.named(w) is None]
        english = self.profile.english_title
        return bool(words) and all(
            any(names_heading({w}, s.title, english(doc_id, s.title)) for doc_id, s in scope.sections) for w in words
        )


def beyond_the_frame(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without stop words and question words ("vad", "säger", "which")."""
    return [w for w in (m.lower() for m in re.findall(r"[^\W\d_]+", text)) if w not in _FRAME_WORDS]


_FRAME_WORDS = STOP_WORDS | QUESTION_WORDS
_AREA_NUMBER = re.compile(
    r"\b(?:områden?|område[ts]?|area|mål(?:et)?|målsättning(?:en)?|objective)\s+(\d{1,2}(?:\.\d{1,2})?)\b", re.I
)
"""A section noun and its number: the document named right before it is the section's ("strategins område 4")."""
