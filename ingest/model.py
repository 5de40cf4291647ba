"""The data model shared by every layer: documents, sections, passages, citations.

It lives here, in the lowest layer, so retrieval, app and eval import it and never redefine it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DocumentKind = str
"""A document's role, free text from the manifest: regional, national, eu, municipal, other …"""
PassageId = str
"""A stable passage id: ``{doc_id}:{section}:{content hash}``; the same text re-ingested keeps it."""


@dataclass(frozen=True)
class DocumentInfo:
    """What the corpus manifest says about one document."""

    doc_id: str
    file: str
    title: str
    short_title: str
    publisher: str
    year: int
    kind: DocumentKind
    language: str = "sv"
    places: tuple[str, ...] = ()
    """The place or body the document is about, with its aliases in every language questions use:
    a question naming them is about this document's own ground, not another place."""
    names: tuple[str, ...] = ()
    """How questions name the document itself (its common name, in each language): they say where to look, not
    what to find, so they route the question and are left out of the text that is embedded."""
    cues: tuple[str, ...] = ()
    """Other words that point to this document (its publisher, its role): they route the question only."""


@dataclass
class Section:
    """A heading and the span of cleaned text it governs (its own body plus its children)."""

    id: str
    number: str | None
    title: str
    level: int
    start: int
    end: int
    body_start: int
    children: list[Section] = field(default_factory=list)
    path: tuple[str, ...] = ()

    def walk(self) -> list[Section]:
        """This section and all its descendants, in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def to_outline(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "level": self.level,
            "children": [c.to_outline() for c in self.children],
        }


@dataclass
class Document:
    """A cleaned document: its text, its section tree and a map from text offsets to pages."""

    info: DocumentInfo
    text: str
    sections: list[Section]
    page_starts: list[tuple[int, int]] = field(default_factory=list)
    """Sorted ``(offset in text, page number)`` pairs; empty when the source has no pages."""

    def page_at(self, offset: int) -> int | None:
        """The source page of the character at ``offset``, or None when pages are unknown."""
        page = None
        for start, number in self.page_starts:
            if start > offset:
                break
            page = number
        return page

    def all_sections(self) -> list[Section]:
        return [s for top in self.sections for s in top.walk()]


@dataclass(frozen=True)
class Passage:
    """A retrievable unit: whole sentences inside one section, with its exact span in the text."""

    passage_id: PassageId
    doc_id: str
    doc_title: str
    doc_kind: DocumentKind
    section_id: str
    section_number: str | None
    section_title: str
    section_path: tuple[str, ...]
    page: int | None
    text: str
    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]
    """Sentence spans, relative to ``start``."""
    label: str
    """Ready-to-paste citation label: publisher (year), title, section, page."""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["section_path"] = list(self.section_path)
        data["sentences"] = [list(s) for s in self.sentences]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passage:
        data = dict(data)
        data["section_path"] = tuple(data["section_path"])
        data["sentences"] = tuple(tuple(s) for s in data["sentences"])
        return cls(**data)

    def cite(self, n: int, start: int, end: int) -> Citation:
        """Citation ``n`` quoting ``text[start:end]`` of this passage verbatim, with its locator."""
        return Citation(
            n=n,
            passage_id=self.passage_id,
            quote=self.text[start:end],
            doc_title=self.doc_title,
            section_number=self.section_number,
            section_title=self.section_title,
            page=self.page,
            reference=self.label,
            quote_start=start,
            quote_end=end,
            section_path=self.section_path,
            doc_id=self.doc_id,
        )

    def sentence_texts(self) -> list[str]:
        return [self.text[a:b] for a, b in self.sentences]


@dataclass(frozen=True)
class Citation:
    """A verbatim quote from one passage, numbered as it is referred to in an answer."""

    n: int
    passage_id: PassageId
    quote: str
    doc_title: str
    section_number: str | None
    section_title: str
    page: int | None
    reference: str
    quote_start: int = 0
    """Where the quote starts in the passage text (for highlighting); for a heading, in the document text."""
    quote_end: int = 0
    section_path: tuple[str, ...] = ()
    kind: Literal["sentence", "heading"] = "sentence"
    """``sentence``: the quote is a span of the passage; ``heading``: it is the section's title, as its
    heading stands in the document (overview answers cite headings), and the passage is the
    section's first."""
    doc_id: str = ""
    """The document the quote comes from."""
