"""Add a document to the corpus, or remove one: the file in ``corpus/`` and its manifest entry, together.

Both check everything before they change anything, and write the manifest through a temporary file
beside it, so a failed call leaves the corpus as it was. ``undo`` puts back what ``add_document`` did
(the caller runs it when the ingest that follows fails).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .files import write_atomically
from .load import MANIFEST_NAME, SUPPORTED_SUFFIXES, IngestError, read_manifest, read_source

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")


@dataclass(frozen=True)
class NewDocument:
    """What ``strategiqa add`` is told about a document."""

    file: Path
    title: str
    publisher: str
    year: int
    role: str
    doc_id: str | None = None
    short_title: str | None = None
    language: str = "sv"
    places: Sequence[str] = ()
    names: Sequence[str] = ()
    cues: Sequence[str] = ()
    """Other words that point to it ("regionen", "kommunen"): they route a question, no more."""


def add_document(corpus_dir: Path, new: NewDocument) -> tuple[str, Callable[[], None]]:
    """Copy ``new.file`` into ``corpus_dir`` and append its manifest entry; returns the document id and an
    ``undo``. IngestError (nothing changed) for an unsupported, unreadable or scanned file, a duplicate id
    or file name, or a bad field."""
    source = new.file
    if not source.is_file():
        raise IngestError(f"There is no file {source}.")
    if source.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(f"{source.name}: unsupported format; add a .txt, .md, .pdf or .docx file.")
    doc_id = new.doc_id or _slug(source.stem)
    if not _ID.match(doc_id):
        raise IngestError(f"The id {doc_id!r} is not usable; use lower-case letters, digits, '-', '.' or '_'.")
    if not new.title.strip() or not new.publisher.strip() or not new.role.strip():
        raise IngestError("Title, publisher and role must not be empty.")
    if not 1900 <= new.year <= 2100:
        raise IngestError(f"The year {new.year} is not plausible; give the year the document was published.")
    existing = read_manifest(corpus_dir)
    if any(info.doc_id == doc_id for info in existing):
        raise IngestError(f"The corpus already has a document with id {doc_id!r}; choose another with --id.")
    text, _ = read_source(source)  # unreadable, encrypted or scanned: refused here, by name, before anything changes
    for info in existing:
        # The same text under another name would answer every question twice, under two titles.
        if (corpus_dir / info.file).is_file() and _same_text(text, corpus_dir / info.file):
            raise IngestError(f"{source.name} has the same text as {info.doc_id!r} ({info.file}); it was not added.")
    target = corpus_dir / source.name
    if target.exists() or any(info.file == source.name for info in existing):
        raise IngestError(f"The corpus already has a file named {source.name}; rename the file first.")
    manifest = corpus_dir / MANIFEST_NAME
    before = manifest.read_text(encoding="utf-8")
    shutil.copyfile(source, target)
    try:
        write_atomically(manifest, before.rstrip("\n") + "\n\n" + _entry(doc_id, source.name, new))
        read_manifest(corpus_dir)  # the new entry parses (e.g. no quote broke the TOML)
    except (OSError, IngestError):
        target.unlink(missing_ok=True)
        write_atomically(manifest, before)
        raise

    def undo() -> None:
        target.unlink(missing_ok=True)
        write_atomically(manifest, before)

    return doc_id, undo


def _same_text(text: str, path: Path) -> bool:
    try:
        other, _ = read_source(path)
    except IngestError:
        return False
    return " ".join(text.split()) == " ".join(other.split())


def remove_document(corpus_dir: Path, doc_id: str) -> tuple[str, Callable[[], None]]:
    """Take a document's entry out of the manifest and its file out of ``corpus_dir``; returns its title
    and an ``undo``. IngestError (nothing changed) for an unknown id or the last document."""
    infos = read_manifest(corpus_dir)
    info = next((i for i in infos if i.doc_id == doc_id), None)
    if info is None:
        known = ", ".join(i.doc_id for i in infos)
        raise IngestError(f"There is no document {doc_id!r} in the corpus; known: {known}.")
    if len(infos) == 1:
        raise IngestError(f"{doc_id!r} is the corpus's only document; add another before removing it.")
    manifest = corpus_dir / MANIFEST_NAME
    before = manifest.read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=\[\[documents\]\]\s*$)", before)
    kept = [b for b in blocks if not re.search(rf'(?m)^id\s*=\s*"{re.escape(doc_id)}"\s*$', b)]
    if len(kept) != len(blocks) - 1:
        raise IngestError(f"The manifest entry of {doc_id!r} could not be told apart; edit {manifest} by hand.")
    file = corpus_dir / info.file
    kept_bytes = file.read_bytes() if file.is_file() else None
    write_atomically(manifest, "".join(kept).rstrip("\n") + "\n")
    file.unlink(missing_ok=True)

    def undo() -> None:
        if kept_bytes is not None:
            file.write_bytes(kept_bytes)
        write_atomically(manifest, before)

    return info.title, undo


def _entry(doc_id: str, file: str, new: NewDocument) -> str:
    lines = [
        "[[documents]]",
        f"id = {_toml(doc_id)}",
        f"file = {_toml(file)}",
        f"title = {_toml(new.title.strip())}",
        f"short_title = {_toml((new.short_title or new.title).strip())}",
        f"publisher = {_toml(new.publisher.strip())}",
        f"year = {new.year}",
        f"role = {_toml(new.role.strip())}",
        f"language = {_toml(new.language)}",
        f"places = [{', '.join(_toml(p) for p in new.places)}]",
        f"names = [{', '.join(_toml(n) for n in new.names)}]",
        *([f"cues = [{', '.join(_toml(c) for c in new.cues)}]"] if new.cues else []),
    ]
    return "\n".join(lines) + "\n"


def _toml(text: str) -> str:
    """A TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped) + '"'


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower().translate(str.maketrans("åäöéü", "aaoeu"))).strip("-")
    return slug[:80] or "document"
