"""Build, persist and load the search index: passage and sentence vectors, BM25, documents.

An index directory holds ``manifest.json`` (fingerprint of corpus, model and chunking; build
metadata; a checksum per file), ``passages.jsonl``, ``documents.json``, ``bm25.json`` and one
vector store per granularity. It is written to a temporary directory and renamed into place,
so a crash never leaves a half-written index behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from strategiqa.ingest.model import Document, DocumentInfo, Passage, Section
from strategiqa.ingest.sentences import refers_back

from .bm25 import BM25
from .cache import EmbeddingCache
from .compounds import CompoundSplitter
from .crosswalk import compute_crosswalk
from .embedders import Embedder
from .routing import DocumentRouter, corpus_topic_phrases
from .text import tokenize
from .vector_store import VectorStore, create_vector_store, load_vector_store

FORMAT_VERSION = 11
"""11: in a PDF, a line that ends because the next word did not fit is no heading, and a photo caption's wrapped lines
are left out with it; a manifest entry without places or names takes them from its title and publisher; 10: a
sentence that points back ("Dessa …") is embedded with the one before it; 9: BM25 stems each passage in its document's
language; 8: crosswalk in pairs of documents with document-qualified ids; 7: PDF pages by position and repetition,
printed page numbers, hyphenation per document."""
MANIFEST = "manifest.json"


def sibling_name(index_dir: Path, what: str) -> str:
    """The name of a working file or folder beside the index: ``.index.lock``, ``.index.tmp-…``,
    ``.index.old-…`` (hidden, one dot, named after the index; git-ignored)."""
    return f".{index_dir.name.lstrip('.')}.{what}"


class IndexProblem(Exception):
    """The index is missing, stale, damaged or built differently; the message says what to run."""


@dataclass
class IndexManifest:
    format_version: int
    model_id: str
    dim: int
    corpus_checksum: str
    chunking: dict[str, Any]
    fingerprint: str
    passage_count: int
    sentence_count: int
    documents: list[dict[str, Any]]
    created_at: str
    build_seconds: float
    vector_store: str
    files: dict[str, str] = field(default_factory=dict)


@dataclass
class LoadedIndex:
    manifest: IndexManifest
    passages: list[Passage]
    documents: list[Document]
    passage_store: VectorStore
    sentence_store: VectorStore
    sentence_owner: np.ndarray
    """For each sentence vector, the index of its passage."""
    bm25: BM25
    crosswalk: dict[str, Any] = field(default_factory=dict)
    by_id: dict[str, int] = field(default_factory=dict)
    doc_ids: np.ndarray = field(default_factory=lambda: np.zeros(0))
    passage_languages: np.ndarray = field(default_factory=lambda: np.zeros(0))
    """Each passage's language (its document's, from the manifest): BM25 stems it with that language's rules."""
    languages: tuple[str, ...] = ()
    """The languages the passages are written in (each question is stemmed once per language)."""
    """Each passage's document id (for questions scoped to some documents)."""

    sentence_vectors: np.ndarray = field(default_factory=lambda: np.zeros(0))
    sentence_first: np.ndarray = field(default_factory=lambda: np.zeros(0))
    """For each passage, the position of its first sentence vector."""
    topic_phrases: tuple[str, ...] = ()
    """What every document title shares ("life science"): words that do not tell passages apart."""
    router: DocumentRouter | None = None
    """Which document a question names, from the manifest's names, cues and places (see ``routing``)."""
    compounds: CompoundSplitter | None = None
    """Splits the question's compounds as the passages' were split for BM25 (from the same words)."""
    database_version: int | None = None
    """The database's version id when the index was loaded from PostgreSQL; None for a directory."""
    _words: dict[int, frozenset[str]] = field(default_factory=dict, init=False, repr=False)
    _word_counts: dict[int, dict[str, dict[str, int]]] = field(default_factory=dict, init=False, repr=False)

    @property
    def version(self) -> str:
        """Which index answered: the database version id, or the directory index's fingerprint."""
        return str(self.database_version) if self.database_version is not None else self.manifest.fingerprint

    def __post_init__(self) -> None:
        self.by_id = {p.passage_id: i for i, p in enumerate(self.passages)}
        self.doc_ids = np.asarray([p.doc_id for p in self.passages])
        language = {d.info.doc_id: d.info.language for d in self.documents}
        self.passage_languages = np.asarray([language.get(p.doc_id, "sv") for p in self.passages])
        self.languages = tuple(sorted(set(self.passage_languages.tolist()))) or ("sv",)
        self.sentence_vectors = self.sentence_store.vectors()
        self.sentence_first = first_positions(self.sentence_owner, len(self.passages))
        self.topic_phrases = corpus_topic_phrases([d.info.title for d in self.documents])
        self.router = DocumentRouter([d.info for d in self.documents], self.topic_phrases)
        self.compounds = CompoundSplitter.from_texts(p.text for p in self.passages)

    def word_counts(self, prefix: int) -> dict[str, dict[str, int]]:
        """Per document id, how many of its passages use each stemmed word (``passage_words``), words compared by
        their first ``prefix`` letters: computed on first use and kept. Per document, so that adding a document
        changes nothing about the others."""
        if prefix not in self._word_counts:
            counts: dict[str, dict[str, int]] = {}
            for i, passage in enumerate(self.passages):
                own = counts.setdefault(passage.doc_id, {})
                for key in {w[:prefix] for w in self.passage_words(i)}:
                    own[key] = own.get(key, 0) + 1
            self._word_counts[prefix] = counts
        return self._word_counts[prefix]

    def passage_words(self, passage_index: int) -> frozenset[str]:
        """The stemmed words of a passage and of its headings, in its own language (compounds split as
        for BM25): computed on first use and kept, since an index never changes."""
        words = self._words.get(passage_index)
        if words is None:
            p = self.passages[passage_index]
            language = str(self.passage_languages[passage_index])
            text = " ".join((*p.section_path, p.text))
            words = frozenset(tokenize(text, self.compounds if language == "sv" else None, language))
            self._words[passage_index] = words
        return words

    def passage_sentence_vectors(self, passage_index: int) -> np.ndarray:
        start = self.sentence_first[passage_index]
        return self.sentence_vectors[start : start + len(self.passages[passage_index].sentences)]


def first_positions(owners: np.ndarray, n_passages: int) -> np.ndarray:
    """For each passage, the position of its first sentence vector (sentences are stored in passage order)."""
    counts = np.bincount(owners, minlength=n_passages)
    return np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)


def fingerprint(corpus_checksum: str, model_id: str, chunking: dict[str, Any]) -> str:
    payload = json.dumps([FORMAT_VERSION, corpus_checksum, model_id, chunking], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def passage_embedding_text(p: Passage) -> str:
    """What the embedder reads for a passage: its section path gives the text its context."""
    return f"{' > '.join(p.section_path)}\n{p.text}"


def sentence_embedding_text(p: Passage, sentence: str, before: str | None = None) -> str:
    """A sentence alone is often ambiguous ("MÅLBILD"); its section path says what it is about. One that points back
    ("Dessa tas fram gemensamt och kan inkludera antalet anställda …") says it only with the sentence ``before`` it in
    its passage ("… ska mätas mot indikatorer …"): what a question asks for ("which indicators …?") is named there."""
    text = f"{before} {sentence}" if before and refers_back(sentence) else sentence
    return f"{' > '.join(p.section_path)}: {text}"


@dataclass
class PreparedIndex:
    """Everything an index holds, computed and not yet written: a directory or a database version is
    written from this, so both hold the same index."""

    manifest: IndexManifest
    documents: list[Document]
    passages: list[Passage]
    passage_vectors: np.ndarray
    sentence_vectors: np.ndarray
    sentence_owner: np.ndarray
    bm25_tokens: list[list[str]]
    crosswalk: dict[str, Any]


def prepare_index(
    documents: list[Document],
    passages: list[Passage],
    embedder: Embedder,
    cache: EmbeddingCache,
    corpus_checksum: str,
    chunking: dict[str, Any],
    vector_store: str,
    progress: Callable[[int, int], None] | None = None,
) -> PreparedIndex:
    """Embed passages and sentences (through the cache), tokenise for BM25 and compute the crosswalk."""
    started = time.perf_counter()
    sentence_texts, owners = [], []
    for i, p in enumerate(passages):
        texts = p.sentence_texts()
        for j, s in enumerate(texts):
            sentence_texts.append(sentence_embedding_text(p, s, texts[j - 1] if j else None))
            owners.append(i)
    passage_texts = [passage_embedding_text(p) for p in passages]
    total = cache.count_missing(embedder.model_id, "passage", passage_texts + sentence_texts)
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    p_vectors = cache.embed(embedder.model_id, "passage", passage_texts, embedder.embed_passages, progress=tick)
    s_vectors = cache.embed(embedder.model_id, "passage", sentence_texts, embedder.embed_passages, progress=tick)
    p_vectors, s_vectors = p_vectors.reshape(-1, embedder.dim), s_vectors.reshape(-1, embedder.dim)
    compounds = CompoundSplitter.from_texts(p.text for p in passages)
    language = {d.info.doc_id: d.info.language for d in documents}
    tokens = [
        tokenize(_bm25_text(p), compounds if language[p.doc_id] == "sv" else None, language[p.doc_id]) for p in passages
    ]
    owner_array = np.asarray(owners, dtype=np.int32)
    crosswalk = compute_crosswalk(
        documents,
        passages,
        s_vectors,
        first_positions(owner_array.astype(np.int64), len(passages)),
        lambda titles: cache.embed(embedder.model_id, "passage", titles, embedder.embed_passages),
    )
    manifest = IndexManifest(
        format_version=FORMAT_VERSION,
        model_id=embedder.model_id,
        dim=embedder.dim,
        corpus_checksum=corpus_checksum,
        chunking=chunking,
        fingerprint=fingerprint(corpus_checksum, embedder.model_id, chunking),
        passage_count=len(passages),
        sentence_count=len(sentence_texts),
        documents=[
            {
                "doc_id": d.info.doc_id,
                "title": d.info.title,
                "kind": d.info.kind,
                "passages": sum(p.doc_id == d.info.doc_id for p in passages),
            }
            for d in documents
        ],
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        build_seconds=round(time.perf_counter() - started, 2),
        vector_store=vector_store,
    )
    return PreparedIndex(manifest, documents, passages, p_vectors, s_vectors, owner_array, tokens, crosswalk)


def write_index_dir(prepared: PreparedIndex, index_dir: Path) -> IndexManifest:
    """Write ``prepared`` to a temporary directory beside ``index_dir`` and swap it into place."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=sibling_name(index_dir, "tmp-"), dir=index_dir.parent))
    try:
        _write_json(tmp / "documents.json", [document_to_dict(d) for d in prepared.documents])
        with open(tmp / "passages.jsonl", "w", encoding="utf-8") as fh:
            for p in prepared.passages:
                fh.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
        _write_json(tmp / "bm25.json", prepared.bm25_tokens)
        np.save(tmp / "sentence_owner.npy", prepared.sentence_owner)
        _write_json(tmp / "crosswalk.json", prepared.crosswalk)
        manifest = prepared.manifest
        for name, vectors in (("passages", prepared.passage_vectors), ("sentences", prepared.sentence_vectors)):
            store = create_vector_store(manifest.vector_store, manifest.dim, len(vectors))
            store.add(vectors)
            store.save(tmp / f"{name}.vectors")
        manifest.files = {f.name: _sha256(f) for f in sorted(tmp.iterdir()) if f.is_file()}
        _write_json(tmp / MANIFEST, asdict(manifest))
        tmp.chmod(0o755)  # mkdtemp makes it private; the index is meant to be readable like its files
        _replace_dir(tmp, index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def read_manifest(index_dir: Path) -> IndexManifest | None:
    """The manifest of the index at ``index_dir``, or None when there is no index there."""
    path = index_dir / MANIFEST
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return IndexManifest(**data)
    except (json.JSONDecodeError, TypeError, UnicodeDecodeError) as exc:
        raise IndexProblem(f"The index manifest {path} is damaged; run `strategiqa ingest` to rebuild it.") from exc


def load_index(index_dir: Path, verify: bool = True) -> LoadedIndex:
    """Load a complete index; with ``verify``, check every file against the manifest's checksums."""
    manifest = read_manifest(index_dir)
    if manifest is None:
        raise IndexProblem(f"No index at {index_dir}; run `strategiqa ingest` first.")
    if manifest.format_version != FORMAT_VERSION:
        raise IndexProblem(
            f"The index at {index_dir} has format {manifest.format_version}, this version reads "
            f"{FORMAT_VERSION}; run `strategiqa ingest` to rebuild it."
        )
    if verify:
        for name, checksum in manifest.files.items():
            path = index_dir / name
            if not path.is_file() or _sha256(path) != checksum:
                raise IndexProblem(f"Index file {name} is missing or damaged; run `strategiqa ingest` to rebuild.")
    try:
        passages = [
            Passage.from_dict(json.loads(line))
            for line in (index_dir / "passages.jsonl").read_text(encoding="utf-8").splitlines()
            if line
        ]
        documents = [document_from_dict(d) for d in json.loads((index_dir / "documents.json").read_text("utf-8"))]
        tokens = json.loads((index_dir / "bm25.json").read_text(encoding="utf-8"))
        owners = np.load(index_dir / "sentence_owner.npy")
        crosswalk = json.loads((index_dir / "crosswalk.json").read_text(encoding="utf-8"))
        passage_store = load_vector_store(manifest.vector_store, index_dir / "passages.vectors")
        sentence_store = load_vector_store(manifest.vector_store, index_dir / "sentences.vectors")
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexProblem(
            f"The index at {index_dir} could not be read ({type(exc).__name__}); run `strategiqa ingest` to rebuild it."
        ) from exc
    return LoadedIndex(manifest, passages, documents, passage_store, sentence_store, owners, BM25(tokens), crosswalk)


def _bm25_text(p: Passage) -> str:
    return f"{p.section_title}\n{p.text}"


def _replace_dir(new: Path, target: Path) -> None:
    """Swap ``new`` into ``target``; the old index is removed only after the new one is in place."""
    old = None
    if target.exists():
        old = target.with_name(sibling_name(target, f"old-{os.getpid()}-{time.time_ns()}"))
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def document_to_dict(d: Document) -> dict[str, Any]:
    return {
        "info": asdict(d.info),
        "text": d.text,
        "page_starts": d.page_starts,
        "sections": [_section_to_dict(s) for s in d.sections],
    }


def _section_to_dict(s: Section) -> dict[str, Any]:
    data = {k: v for k, v in asdict(s).items() if k != "children"}
    data["path"] = list(s.path)
    data["children"] = [_section_to_dict(c) for c in s.children]
    return data


def document_from_dict(data: dict[str, Any]) -> Document:
    info = dict(data["info"])
    info["places"] = tuple(info.get("places", ()))
    return Document(
        info=DocumentInfo(**info),
        text=data["text"],
        sections=[_section_from_dict(s) for s in data["sections"]],
        page_starts=[(int(a), int(b)) for a, b in data["page_starts"]],
    )


def _section_from_dict(data: dict[str, Any]) -> Section:
    children = [_section_from_dict(c) for c in data.pop("children")]
    data["path"] = tuple(data["path"])
    return Section(**data, children=children)
