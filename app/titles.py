"""Which goal section a few words name: "health data" → *Nyttiggörande av hälso- och vårddata …*.

Outline questions may name an area by its topic instead of its number ("Which objectives does the strategy set for
health data?"); ``overview`` asks a ``SectionTitles`` for the section those words name. A section is represented by
its title (and the profile's English translation), its numbered children's titles and its passages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property

import numpy as np
from strategiqa.ingest.load import CorpusProfile
from strategiqa.ingest.model import Section
from strategiqa.retrieval.embedders import Embedder
from strategiqa.retrieval.index import LoadedIndex
from strategiqa.retrieval.text import tokenize


class SectionTitles:
    """The goal sections of an index, matched against words by vector and by the words themselves."""

    def __init__(
        self,
        index: LoadedIndex,
        profile: CorpusProfile,
        embedder: Embedder,
        embed_titles: Callable[[list[str]], np.ndarray],
        margin: float,
    ) -> None:
        self.index = index
        self.profile = profile
        self.embedder = embedder
        self.embed_titles = embed_titles
        """Passage vectors of titles, through the engine's embedding cache."""
        self.margin = margin
        """How far (cosine) the best section must stand above the median of the candidates."""

    def __call__(self, words: str, sections: Sequence[Section]) -> Section | None:
        """The goal section ``words`` name ("health data" → *Nyttiggörande av hälso- och vårddata …*).

        A section is represented by its title, its numbered children's titles and its passages (a
        title alone is a few words: "clinical research" names area 4 through objective 4.1 *Fler
        kliniska prövningar*); it scores by the best of them. The best section is taken if it stands
        out from the others' median by ``margin`` (a margin: levels shift between questions)."""
        if len(sections) < 2:
            return None
        query = self.embedder.embed_query(words)
        vectors = self._section_vectors
        similarities = np.array([float((vectors[id(s)] @ query).max()) for s in sections])
        best = int(similarities.argmax())
        if similarities[best] - float(np.median(similarities)) < self.margin:
            return None
        # The words must also be the section's own, in its titles (or their English) or its passages: "targets for
        # new housing construction" comes closest to some area without being any area's topic.
        if not self._section_terms[id(sections[best])] & self._terms(words):
            return None
        return sections[best]

    def _terms(self, text: str) -> set[str]:
        """``text``'s content words as compared for a topic: stemmed as Swedish (with compound parts) and as
        English, by their first six letters (the stemmers leave some inflections)."""
        stems = tokenize(text, self.index.compounds, "sv") + tokenize(text, None, "en")
        return {s[:6] for s in stems if not s.isdigit()}

    @cached_property
    def _section_terms(self) -> dict[int, set[str]]:
        """Per numbered section, the terms of its title and its numbered children's titles (with their English
        translations) and of its passages."""
        out = {}
        for document in self.index.documents:
            doc_id = document.info.doc_id
            for section in (s for s in document.all_sections() if s.number):
                ids = {x.id for x in section.walk()}
                titled = [section] + [c for c in section.children if c.number]
                texts = [f"{s.title} {self.profile.english_title(doc_id, s.title) or ''}" for s in titled]
                texts += [p.text for p in self.index.passages if p.doc_id == doc_id and p.section_id in ids]
                out[id(section)] = self._terms(" ".join(texts))
        return out

    @cached_property
    def _section_vectors(self) -> dict[int, np.ndarray]:
        """Per numbered section (by object: sections live with the index), the vectors that stand for
        it: its title's, its numbered children's titles' and its passages'."""
        numbered = [(d, s) for d in self.index.documents for s in d.all_sections() if s.number]
        if not numbered:
            return {}
        # A title's English translation (the profile's) stands for it too: "technology for health,
        # participation and independence" finds its Swedish heading in the question's own language.
        english = {id(s): self.profile.english_title(d.info.doc_id, s.title) for d, s in numbered}
        texts = [s.title for _, s in numbered] + [t for t in english.values() if t]
        vectors = iter(self.embed_titles(texts))
        titles = {id(s): [next(vectors)] for _, s in numbered}
        for _, s in numbered:
            if english[id(s)]:
                titles[id(s)].append(next(vectors))
        passage_vectors = self.index.passage_store.vectors()
        out = {}
        for document, section in numbered:
            ids = {x.id for x in section.walk()}
            rows = titles[id(section)] + [v for c in section.children if c.number for v in titles[id(c)]]
            rows += [
                passage_vectors[i]
                for i, p in enumerate(self.index.passages)
                if p.doc_id == document.info.doc_id and p.section_id in ids
            ]
            out[id(section)] = np.vstack(rows)
        return out
