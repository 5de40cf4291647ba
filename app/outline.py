"""A document's outline as answers use it: its goal sections (numbered: one-part numbers areas, two-part numbers
objectives), the passage that opens a section, and citations of headings (the title, verbatim, located in the passage
that opens the section)."""

from __future__ import annotations

from strategiqa.ingest.chunk import page_label
from strategiqa.ingest.model import Citation, Document, Passage, Section
from strategiqa.ingest.sentences import is_answer_material
from strategiqa.ingest.structure import repeats_title

from .sections import find_section


def goal_sections(document: Document) -> list[Section]:
    """Every numbered section of ``document`` (areas and objectives), in document order."""
    return [s for s in document.all_sections() if s.number]


def goal_sections_at(document: Document, parts: int) -> list[Section]:
    """The goal sections of ``document`` whose number has ``parts`` parts: 1 for areas, 2 for objectives."""
    return [s for s in goal_sections(document) if len((s.number or "").split(".")) == parts]


def title_stem(word: str) -> str:
    """How heading words and question words are compared: their first five letters, lower-cased."""
    return word.casefold()[:5]


def area_of(section: Section) -> str:
    """The number of the area an objective belongs to ("4" for "4.1")."""
    return (section.number or "").partition(".")[0]


def numbered_section(document: Document, number: str) -> Section | None:
    """The section of ``document`` numbered ``number`` ("4", "4.1"), if it has one."""
    return find_section(document, number)


def first_passage(section: Section, passages: list[Passage], doc_id: str) -> Passage | None:
    """The first passage of ``section`` (or of a section below it) in document ``doc_id``."""
    ids = {s.id for s in section.walk()}
    return next((p for p in passages if p.doc_id == doc_id and p.section_id in ids), None)


def introduction_passage(sections: list[tuple[Document, Section]], passages: list[Passage]) -> Passage | None:
    """The own first passage of the one section that every listed section is a child of (see ``Overview``)."""
    documents = {id(d): d for d, _ in sections}
    if len(documents) != 1:
        return None
    document = next(iter(documents.values()))
    listed = {s.id for _, s in sections}
    parent = next((s for s in document.all_sections() if listed <= {c.id for c in s.children}), None)
    if parent is None:
        return None
    return next((p for p in passages if p.doc_id == document.info.doc_id and p.section_id == parent.id), None)


def heading_citation(n: int, document: Document, section: Section, passage: Passage) -> Citation:
    """Citation ``n`` of a section's heading (its title, verbatim), located in the passage that opens the section."""
    start = document.text.find(section.title, section.start)
    start = start if 0 <= start < section.body_start else section.start
    return Citation(
        n=n,
        passage_id=passage.passage_id,
        quote=section.title,
        doc_title=document.info.title,
        section_number=section.number,
        section_title=section.title,
        page=document.page_at(section.start),
        reference=_heading_reference(document, section),
        quote_start=start,
        quote_end=start + len(section.title),
        section_path=section.path,
        kind="heading",
        doc_id=document.info.doc_id,
    )


def _heading_reference(document: Document, section: Section) -> str:
    info = document.info
    page = document.page_at(section.start)
    label = f"{section.number} {section.title}" if section.number else section.title
    parts = [f"{info.publisher} ({info.year})", info.short_title, label]
    return ", ".join(parts) + (f", {page_label(info.language, page)}" if page else "")


def opening_citation(n: int, passage: Passage) -> Citation | None:
    for a, b in passage.sentences:
        if is_answer_material(passage.text[a:b]):
            return passage.cite(n, a, b)
    return None


def is_part(section: Section, document: Document) -> bool:
    """A top-level section that is a part of the document: not the text before the first heading, not the title."""
    return section.id != "preamble" and not repeats_title(section.title, document.info.title)
