"""Ingest a corpus folder: load, clean, parse structure, chunk."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from .chunk import DEFAULT_PASSAGE_WORDS, chunk_document
from .clean import Block, SourceFormat, Vocabulary, clean_text
from .load import IngestError, read_manifest, read_source
from .model import Document, DocumentInfo, Passage
from .structure import parse_sections

log = logging.getLogger(__name__)


@dataclass
class ParsedCorpus:
    documents: list[Document]
    passages: list[Passage]
    skipped: dict[str, str] = field(default_factory=dict)
    """File name → why it was skipped."""


def parse_corpus(corpus_dir: Path, passage_words: int = DEFAULT_PASSAGE_WORDS) -> ParsedCorpus:
    """Parse every document in the manifest; one that fails is reported and skipped."""
    infos = read_manifest(corpus_dir)
    sources: list[tuple[DocumentInfo, str, SourceFormat]] = []
    skipped: dict[str, str] = {}
    for info in infos:
        try:
            raw, fmt = read_source(corpus_dir / info.file)
        except IngestError as exc:
            log.warning("skipping %s: %s", info.file, exc)
            skipped[info.file] = str(exc)
            continue
        sources.append((info, raw, fmt))
    if not sources:
        raise IngestError(f"No document in {corpus_dir} could be read; see the messages above.")
    documents, passages = [], []
    for info, raw, fmt in sources:
        # Hyphenation is repaired from the document's own words: adding a document never changes
        # another document's text (or its passages' ids).
        document, blocks = parse_document(info, raw, fmt, Vocabulary([raw]))
        documents.append(document)
        passages.extend(chunk_document(document, blocks, passage_words))
    return ParsedCorpus(documents, passages, skipped)


def parse_document(
    info: DocumentInfo, raw: str, fmt: SourceFormat, vocabulary: Vocabulary | None = None
) -> tuple[Document, list[Block]]:
    """Clean one document's raw text and parse its sections; returns the document and its blocks."""
    cleaned = clean_text(raw, fmt, info.title, vocabulary)
    sections = parse_sections(cleaned.blocks, len(cleaned.text), info.title, cleaned.contents)
    document = Document(info=info, text=cleaned.text, sections=sections, page_starts=cleaned.page_starts)
    return document, cleaned.blocks
