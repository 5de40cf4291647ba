"""Cut a parsed document into passages: whole sentences, never across a section boundary."""

from __future__ import annotations

import hashlib
import math

from .clean import Block
from .model import Document, Passage, Section
from .sentences import sentence_spans
from .structure import repeats_title

DEFAULT_PASSAGE_WORDS = 130


def chunk_document(document: Document, blocks: list[Block], target_words: int = DEFAULT_PASSAGE_WORDS) -> list[Passage]:
    """Passages of about ``target_words`` words for every section's own text, in document order."""
    passages: list[Passage] = []
    used_ids: set[str] = set()
    for section in document.all_sections():
        body_end = section.children[0].start if section.children else section.end
        sentences = [
            span
            for block in blocks
            if block.kind != "heading" and section.body_start <= block.start < body_end
            for span in sentence_spans(document.text, block.start, block.end)
        ]
        pages = [document.page_at(a) for a, _ in sentences]
        for group in _pack(document.text, sentences, pages, target_words):
            passages.append(_make_passage(document, section, group, used_ids))
    return passages


def passage_id(doc_id: str, section_id: str, text: str) -> str:
    """Stable id from document, section and content: re-ingesting the same text keeps it."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return f"{doc_id}:{section_id}:{digest}"


def citation_label(document: Document, section: Section, page: int | None) -> str:
    """``Publisher (2024), Short title, 4.1 Section title, s. 14``: publisher, year, short title, section, page."""
    labels = list(section.path)
    numbered = [i for i, s in enumerate(_lineage(document, section)) if s.number is not None]
    if numbered:
        labels = labels[numbered[-1] :]
    # A title page's heading is the title the reference already gives.
    labels = [label for label in labels if not repeats_title(label, document.info.title)]
    info = document.info
    parts = [f"{info.publisher} ({info.year})", info.short_title, *([" – ".join(labels)] if labels else [])]
    if page is not None:
        parts.append(page_label(info.language, page))
    return ", ".join(parts)


def page_label(language: str, page: int) -> str:
    """A page in a reference, abbreviated as the document's language does: "s. 14" (Scandinavian), "p. 14"."""
    return f"{'s.' if language in ('sv', 'da', 'no', 'nb', 'nn') else 'p.'} {page}"


def _pack(
    text: str, sentences: list[tuple[int, int]], pages: list[int | None], target_words: int
) -> list[list[tuple[int, int]]]:
    """Group consecutive sentences into balanced groups of about ``target_words`` words.

    A group never spans a page break (by where sentences start), so a passage's page is the page
    of every sentence it can be quoted for.
    """
    if not sentences:
        return []
    words = [len(text[a:b].split()) for a, b in sentences]
    n_groups = max(1, round(sum(words) / target_words))
    per_group = math.ceil(sum(words) / n_groups)
    groups: list[list[tuple[int, int]]] = [[]]
    count = 0
    group_page = pages[0]
    for span, n, page in zip(sentences, words, pages, strict=True):
        new_page = page != group_page
        if groups[-1] and (new_page or (count + n > per_group and count >= per_group * 0.5)):
            groups.append([])
            count = 0
        groups[-1].append(span)
        group_page = page
        count += n
    return groups


def _make_passage(document: Document, section: Section, group: list[tuple[int, int]], used_ids: set[str]) -> Passage:
    start, end = group[0][0], group[-1][1]
    text = document.text[start:end]
    pid = passage_id(document.info.doc_id, section.id, text)
    base, n = pid, 2
    while pid in used_ids:  # identical text twice in one section: keep ids unique and stable
        pid, n = f"{base}-{n}", n + 1
    used_ids.add(pid)
    page = document.page_at(start)
    return Passage(
        passage_id=pid,
        doc_id=document.info.doc_id,
        doc_title=document.info.title,
        doc_kind=document.info.kind,
        section_id=section.id,
        section_number=section.number,
        section_title=section.title,
        section_path=section.path,
        page=page,
        text=text,
        start=start,
        end=end,
        sentences=tuple((a - start, b - start) for a, b in group),
        label=citation_label(document, section, page),
    )


def _lineage(document: Document, section: Section) -> list[Section]:
    """The sections from the root down to ``section``."""

    def find(nodes: list[Section], trail: list[Section]) -> list[Section] | None:
        for node in nodes:
            if node is section:
                return [*trail, node]
            found = find(node.children, [*trail, node])
            if found:
                return found
        return None

    return find(document.sections, []) or [section]
