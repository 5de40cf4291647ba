"""The line that opens an answer and says where in the documents it comes from.

"Vad säger agendan om att behålla personal?" is best answered with the focus area that says it: a reader
who gets only the quotes has to open the citations to learn that they are the needs of focus area 4. The
line names each quoted section by its numbered heading and the part under it ("4. <area title> – BEHOV"),
or by its headings when no heading on its path is numbered; for an English question each heading also gets
its English translation from the corpus profile. The titles stay in the documents' language: they are the
locators a reader finds in the document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from strategiqa.ingest.model import Passage
from strategiqa.ingest.structure import repeats_title, split_number

_FROM = {"sv": "Ur", "en": "From"}
_AND = {"sv": "och", "en": "and"}
_TITLE_PAGE = {"sv": "före första rubriken", "en": "before the first heading"}
"""Where a quote under the document's title only stands (a title page, a preamble): before any section."""


def source_lead(passages: Sequence[Passage], language: str, english: Callable[[str, Sequence[str]], list[str]]) -> str:
    """ "Ur <document>, <section>; <section>:" for the passages an answer quotes, in the order quoted.
    ``english(doc_id, path)`` translates a heading path (unknown headings come back as they are). Empty when
    no passage is given; a passage standing under its document's title only is located by the title alone."""
    language = language if language in _FROM else "sv"
    before_headings = _TITLE_PAGE[language]
    by_document: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for passage in passages:
        path = _locator_path(passage)
        by_document.setdefault(passage.doc_id, [])
        titles[passage.doc_id] = passage.doc_title
        if not path:  # text under the document's title only (a title page, a preamble): the document is the
            # locator, or, beside quotes from its sections, "before the first heading" says where this one stands
            if before_headings not in by_document[passage.doc_id]:
                by_document[passage.doc_id].append(before_headings)
            continue
        label = " – ".join(path)
        if language == "en":
            translated = " – ".join(english(passage.doc_id, path))
            label = label if translated == label else f"{label} ({translated})"
        if label not in by_document[passage.doc_id]:
            by_document[passage.doc_id].append(label)
    if not by_document:
        return ""
    for doc_id, labels in by_document.items():  # the title page alone: the document's title says it
        if labels == [before_headings]:
            by_document[doc_id] = []
    parts = [
        ", ".join((titles[doc_id], "; ".join(labels))) if labels else titles[doc_id]
        for doc_id, labels in by_document.items()
    ]
    return f"{_FROM[language]} {f' {_AND[language]} '.join(parts)}:"


def _locator_path(passage: Passage) -> tuple[str, ...]:
    """The headings that locate ``passage``: from the first numbered one down, or all of them; none for text
    that stands under the document's title only."""
    path = tuple(h for h in passage.section_path if h.strip() and not repeats_title(h, passage.doc_title))
    for i, heading in enumerate(path):
        if split_number(heading)[0] is not None:  # "3. …", "4.1 …" as the path writes numbered headings
            return path[i:]
    return path
