"""Read the corpus manifest and the raw text of each document (txt, md, pdf via pypdf, docx via python-docx)."""

from __future__ import annotations

import hashlib
import io
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .clean import PAGE_BREAK, SourceFormat
from .manifest_defaults import default_names, default_places, publisher_places
from .model import DocumentInfo

MANIFEST_NAME = "manifest.toml"
TRANSLATIONS_NAME = "translations.toml"
"""Hand-written English section titles, kept beside the manifest (see ``CorpusProfile.english_title``)."""
SUPPORTED_SUFFIXES = {".txt": "txt", ".md": "md", ".pdf": "pdf", ".docx": "md"}
"""A file's format by its suffix; a Word document is read as the Markdown of its styles (see ``word``)."""
_MAGIC = {".pdf": (b"%PDF-", "a PDF"), ".docx": (b"PK\x03\x04", "a Word document or another zip file")}
"""What a file's first bytes say it is, whatever its name, by the suffix that promises it."""


class IngestError(Exception):
    """A corpus or document problem, phrased for the person who can fix it."""


def read_manifest(corpus_dir: Path) -> list[DocumentInfo]:
    """The documents listed in ``corpus_dir/manifest.toml``."""
    path = corpus_dir / MANIFEST_NAME
    if not path.is_file():
        raise IngestError(f"No corpus manifest at {path}; add one listing the documents to ingest.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise IngestError(f"The corpus manifest {path} is not valid TOML ({exc}); fix it and retry.") from exc
    infos = []
    for i, entry in enumerate(data.get("documents", [])):
        try:
            infos.append(
                DocumentInfo(
                    doc_id=str(entry["id"]),
                    file=str(entry["file"]),
                    title=str(entry["title"]),
                    short_title=str(entry.get("short_title", entry["title"])),
                    publisher=str(entry["publisher"]),
                    year=int(entry["year"]),
                    kind=str(entry["role"] if "role" in entry else entry["kind"]),
                    language=str(entry.get("language", "sv")),
                    # Left out, the place is read off the title and publisher ("Region <Län>", "<Ort> kommun").
                    places=tuple(str(p) for p in entry.get("places", []))
                    or default_places(str(entry["title"]), str(entry["publisher"])),
                    names=tuple(str(n) for n in entry.get("names", [])),
                    cues=tuple(str(c) for c in entry.get("cues", [])),
                )
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise IngestError(
                f"Manifest entry {i + 1} in {path} lacks or mistypes {exc}; "
                "each needs id, file, title, publisher, year and role."
            ) from exc
        if not infos[-1].kind.strip():
            raise IngestError(f"Manifest entry {infos[-1].doc_id!r} has an empty role; say e.g. regional or eu.")
        if [i.doc_id for i in infos].count(infos[-1].doc_id) > 1:
            raise IngestError(f"Manifest entry {infos[-1].doc_id!r} repeats an id; every document needs its own.")
    if not infos:
        raise IngestError(f"The corpus manifest {path} lists no documents.")
    # Left out, a document's names are its title's head noun, unless another document goes by it.
    taken = {n.casefold() for info in infos for n in info.names}
    infos = [
        info if info.names else replace(info, names=default_names(info.title, info.language, taken)) for info in infos
    ]
    # Its publisher is a body questions name it by too ("the <council>'s strategy"), unless another document goes by it.
    listed = {w.casefold() for info in infos for w in (*info.names, *info.cues, *info.places)}
    return [replace(info, places=info.places + publisher_places(info.publisher, listed)) for info in infos]


@dataclass(frozen=True)
class CorpusProfile:
    """What the corpus says about itself beyond the document list (all optional): the manifest's
    ``[profile]`` table and the hand-written title translations in ``translations.toml``."""

    examples: tuple[str, ...] = ()
    """Example questions the web app offers (a new user's first clicks)."""
    titles_en: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """English section titles: document id (or ``all``) → title as printed → translation."""
    aliases: Mapping[str, str] = field(default_factory=dict)
    """Names questions use for what the documents call otherwise (a capital for the union or government it hosts): a
    question naming one is not refused for a name the documents lack, when they use the word it stands for (unless it
    uses the name for the place itself: a figure asked about it, "companies in <it>", "<it>s län", "Region <it>")."""

    def english_title(self, doc_id: str, title: str) -> str | None:
        """The hand-written English title of a section of ``doc_id``; None when there is none. A
        translation, never a quote: callers mark it as such."""
        own = self.titles_en.get(doc_id, {})
        return own.get(title) or self.titles_en.get("all", {}).get(title)

    def english_heading(self, doc_id: str, heading: str) -> str | None:
        """``english_title`` for a heading as a section path shows it, its number kept ("4.1 More …")."""
        numbered = _NUMBERED_HEADING.match(heading)
        number, title = (numbered.group(1) + " ", numbered.group(2)) if numbered else ("", heading)
        english = self.english_title(doc_id, title)
        return number + english if english else None


_NUMBERED_HEADING = re.compile(r"^(\d+(?:\.\d+)*\.?)\s+(.+)$")


def read_profile(corpus_dir: Path) -> CorpusProfile:
    """The corpus profile from ``manifest.toml`` and ``translations.toml``; empty parts when a file is
    missing or cannot be read (``read_manifest`` reports a broken manifest)."""
    profile = _read_toml(corpus_dir / MANIFEST_NAME).get("profile", {})
    titles = _read_toml(corpus_dir / TRANSLATIONS_NAME).get("titles", {})
    profile = profile if isinstance(profile, dict) else {}  # a malformed profile is no profile
    titles = titles if isinstance(titles, dict) else {}
    aliases = profile.get("aliases", {})
    return CorpusProfile(
        examples=tuple(str(e) for e in _as_list(profile.get("examples")) if str(e).strip()),
        aliases={str(k): str(v) for k, v in aliases.items() if str(k).strip() and str(v).strip()}
        if isinstance(aliases, dict)
        else {},
        titles_en={
            str(doc): {str(k): str(v) for k, v in table.items() if str(v).strip()}
            for doc, table in titles.items()
            if isinstance(table, dict)
        },
    )


def _as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}


def read_source(path: Path) -> tuple[str, SourceFormat]:
    """The raw text of a corpus file and its format; PDF pages are separated by form feeds."""
    suffix = path.suffix.lower()
    fmt = SUPPORTED_SUFFIXES.get(suffix)
    if fmt is None:
        raise IngestError(f"{path.name}: unsupported file type; use .txt, .md, .pdf or .docx.")
    if not path.is_file():
        raise IngestError(f"{path.name} is listed in the manifest but missing from {path.parent}.")
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(f"{path.name} is empty; add a file with the document's text.")
    _check_content(data, path.name, suffix)
    if fmt == "pdf":
        return pdf_text(data, path.name), "pdf"
    if suffix == ".docx":
        from .word import docx_markdown

        return docx_markdown(data, path.name), "md"
    try:
        return data.decode("utf-8-sig"), fmt  # type: ignore[return-value]
    except UnicodeDecodeError as exc:
        raise IngestError(f"{path.name} is not UTF-8 text; save it as UTF-8 and retry.") from exc


def _check_content(data: bytes, name: str, suffix: str) -> None:
    """A file whose content is not what its name says (a Word file named .pdf) is refused, saying what it is."""
    found = next((suffix for suffix, (magic, _) in _MAGIC.items() if data.startswith(magic)), None)
    if found != (suffix if suffix in _MAGIC else None):
        what = _MAGIC[found][1] if found else "text"
        raise IngestError(f"{name} is {what}, not what its name ({suffix}) says; rename it or save it again.")


def pdf_text(data: bytes, name: str = "PDF") -> str:
    """Text of every page of a PDF, pages joined by form feeds so page numbers survive."""
    import logging

    from pypdf import PdfReader

    # pypdf logs its repairs of odd files as warnings; the reader gets one sentence from us instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestError(f"{name} is encrypted; remove the password and retry.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many types for damaged or hostile files
        raise IngestError(f"{name} could not be read as a PDF ({type(exc).__name__}); it may be damaged.") from exc
    if not pages:
        raise IngestError(f"{name} has no pages.")
    if not any(p.strip() for p in pages):
        raise IngestError(f"{name} has no extractable text (a scanned PDF?); run OCR on it first.")
    return PAGE_BREAK.join(pages)


def corpus_checksum(corpus_dir: Path) -> str:
    """A fingerprint of the manifest and every file it lists."""
    digest = hashlib.sha256()
    manifest = corpus_dir / MANIFEST_NAME
    digest.update(manifest.read_bytes() if manifest.is_file() else b"")
    try:
        infos = read_manifest(corpus_dir)
    except IngestError:
        infos = []
    for info in sorted(infos, key=lambda i: i.file):
        path = corpus_dir / info.file
        digest.update(info.file.encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def corpus_stamp(corpus_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, modification time and size of every file in the corpus folder: cheap to take, and it changes
    whenever the checksum could (a health check hashes the corpus only when the stamp moved)."""
    try:
        entries = sorted(p for p in corpus_dir.iterdir() if p.is_file())
    except OSError:
        return ()
    stamp = []
    for path in entries:
        try:
            info = path.stat()
        except OSError:
            continue
        stamp.append((path.name, info.st_mtime_ns, info.st_size))
    return tuple(stamp)
