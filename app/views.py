"""How the index is shown to the API, the CLI and the web app: passages and citations with their locators, English
titles and page links, the documents' outlines, the crosswalk and proposal checks with their titles and links, and what
the index was built from. Views only; nothing here searches, answers or scores."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strategiqa.ingest.load import CorpusProfile
from strategiqa.ingest.model import Passage, Section
from strategiqa.retrieval.index import LoadedIndex
from strategiqa.retrieval.postgres import redact
from strategiqa.retrieval.search import Hit

from .alignment import PAIRED_ROLES, SIDES
from .quotes import passage_url
from .settings import Settings


class IndexViews:
    """A loaded index as its callers show it (see the module docstring)."""

    def __init__(self, index: LoadedIndex, profile: CorpusProfile, settings: Settings) -> None:
        self.index = index
        self.profile = profile
        self.settings = settings

    def outline(self) -> dict[str, Any]:
        return {
            "documents": [
                {
                    "doc_id": d.info.doc_id,
                    "title": d.info.title,
                    "kind": d.info.kind,
                    "sections": [s.to_outline() for s in d.sections],
                }
                for d in self.index.documents
            ]
        }

    def document_outline(self, doc_id: str) -> dict[str, Any] | None:
        """One document's section tree with the ids of each section's passages; None if unknown."""
        document = next((d for d in self.index.documents if d.info.doc_id == doc_id), None)
        if document is None:
            return None
        by_section: dict[str, list[str]] = {}
        for p in self.index.passages:
            if p.doc_id == doc_id:
                by_section.setdefault(p.section_id, []).append(p.passage_id)

        def node(section: Section) -> dict[str, Any]:
            return {
                **section.to_outline(),
                "title_en": self.profile.english_title(doc_id, section.title),
                "passages": by_section.get(section.id, []),
                "children": [node(c) for c in section.children],
            }

        return {
            "doc_id": doc_id,
            "title": document.info.title,
            "kind": document.info.kind,
            "sections": [node(s) for s in document.sections],
        }

    def passage(self, passage_id: str) -> dict[str, Any] | None:
        """A passage with its citation reference; None if the id is unknown."""
        i = self.index.by_id.get(passage_id)
        if i is None:
            return None
        p = self.index.passages[i]
        return self.passage_fields(p)

    def passage_fields(self, p: Passage) -> dict[str, Any]:
        """A passage as the API, the CLI and the web app show it: locator, English titles, its page's url."""
        return {
            "passage_id": p.passage_id,
            "doc_id": p.doc_id,
            "doc_title": p.doc_title,
            "doc_kind": p.doc_kind,
            "section_number": p.section_number,
            "section_title": p.section_title,
            "section_title_en": self.profile.english_title(p.doc_id, p.section_title),
            "section_path": list(p.section_path),
            "section_path_en": self.english_path(p.doc_id, p.section_path),
            "page": p.page,
            "text": p.text,
            "reference": p.label,
            "url": passage_url(p.passage_id),
        }

    def hit_fields(self, hit: Hit) -> dict[str, Any]:
        return {**self.passage_fields(hit.passage), "score": round(hit.score, 6)}

    def citation_fields(self, citation: dict[str, Any]) -> dict[str, Any]:
        """A citation with its English titles and the url of its passage's page, the quote highlighted
        there (a heading citation opens the section's first passage)."""
        doc_id = citation["doc_id"]
        quote = citation["quote"] if citation.get("kind") != "heading" else None
        return {
            **citation,
            "section_title_en": self.profile.english_title(doc_id, citation["section_title"]),
            "section_path_en": self.english_path(doc_id, citation["section_path"]),
            "url": passage_url(citation["passage_id"], quote),
        }

    def english_path(self, doc_id: str, path: Sequence[str]) -> list[str]:
        """A section path with each heading's English translation where the profile has one."""
        return [self.profile.english_heading(doc_id, h) or h for h in path]

    def reference(self, passage_id: str) -> str:
        i = self.index.by_id.get(passage_id)
        return self.index.passages[i].label if i is not None else passage_id

    def crosswalk(self, crosswalk: dict[str, Any]) -> dict[str, Any]:
        """A crosswalk with levels as callers show it: every title with its English translation, every evidence
        sentence with its reference line and link, and the documents of a role it does not pair named."""
        for pair in crosswalk.get("pairs", []):
            regional, national = pair["regional"]["doc_id"], pair["national"]["doc_id"]
            for area in pair["areas"]:
                area["title_en"] = self.profile.english_title(regional, area["title"])
                for objective in area["objectives"]:
                    objective["title_en"] = self.profile.english_title(national, objective["title"])
                    # New dicts: the index's own crosswalk (shared by every request) is never changed.
                    objective["evidence"] = [
                        {
                            **ev,
                            **{
                                f"{side}_{key}": value
                                for side in ("regional", "national")
                                for key, value in (
                                    ("reference", self.reference(ev[f"{side}_passage_id"])),
                                    ("url", passage_url(ev[f"{side}_passage_id"], ev[f"{side}_quote"])),
                                )
                            },
                        }
                        for ev in objective["evidence"]
                    ]
        # The crosswalk pairs regional and national documents; one of another role is named, not silently left out.
        return {
            **crosswalk,
            "not_linked": [
                {"doc_id": d.info.doc_id, "title": d.info.title, "year": d.info.year, "role": d.info.kind}
                for d in self.index.documents
                if d.info.kind not in PAIRED_ROLES
            ],
        }

    def alignment(self, result: dict[str, Any], scored: frozenset[str]) -> dict[str, Any]:
        """A proposal check's result as callers show it: titles with their English translation, evidence with the
        link to the strategy sentence's passage, and the documents the check does not score (``scored``: those it
        does) named, so no one reads their absence from the lists as "no link"."""
        result["not_checked"] = [
            {"doc_id": d.info.doc_id, "title": d.info.title, "year": d.info.year, "role": d.info.kind}
            for d in self.index.documents
            if d.info.doc_id not in scored
        ]
        for key in (*SIDES, *(f"uncovered_{side}" for side in SIDES)):
            for item in result[key]:
                item["title_en"] = self.profile.english_title(item["doc_id"], item["title"])
                for ev in item.get("evidence", []):
                    ev["url"] = passage_url(ev["passage_id"], ev["strategy_quote"])
        return result

    def info(self) -> dict[str, Any]:
        m = self.index.manifest
        where = (
            {"database": redact(self.settings.database_url or "")}
            if m.vector_store == "postgres"
            else {"index_dir": str(self.settings.index_dir)}
        )
        return {
            **where,
            "corpus_dir": str(self.settings.corpus_dir),
            "model": m.model_id,
            "dimension": m.dim,
            "vector_store": m.vector_store,
            "index_version": self.index.version,
            "documents": m.documents,
            "passages": m.passage_count,
            "sentences": m.sentence_count,
            "built_at": m.created_at,
            "fingerprint": m.fingerprint,
        }
