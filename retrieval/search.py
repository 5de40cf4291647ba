"""Dense, BM25 and hybrid search over a loaded index.

Dense scoring is multi-vector: a passage scores by its whole-text vector and by its best
matching sentence (max-sim), so a one-sentence answer inside a longer passage is not diluted.
Hybrid fusion weights BM25 by the question's language: Swedish words cannot match an English
question, so BM25 must not drag cross-lingual questions down. Hybrid search also scores the
*focused* question, without the words every passage shares (document names, the corpus topic and
its places): those pull a question's embedding towards generic overview passages.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

import numpy as np
from strategiqa.ingest.model import Passage

from .embedders import Embedder
from .index import LoadedIndex
from .language import detect_language
from .question_bank import QuestionBank
from .routing import DocumentRouter
from .text import tokenize
from .thesaurus import Thesaurus

MODES = ("hybrid", "dense", "bm25")


@dataclass(frozen=True)
class SearchParams:
    """Tunable weights; the README's Evaluation section shows how the defaults were measured."""

    passage_weight: float = 0.3
    """Share of the whole-passage similarity in the dense score (the rest is the best sentence)."""
    bm25_weight_sv: float = 0.5
    bm25_weight_en: float = 0.2
    """BM25's share for a passage in the question's own language (``_sv``) and for one in another language
    (``_en``): fitted on Swedish and English questions to the Swedish documents (development sets C, D, dev, extra,
    held-out), so the names say where they were measured; a Swedish question to an English document is asked across
    languages, an English one to it in its own. With ``bm25_scaling="query"`` a weak lexical match adds little, so
    BM25 can weigh more where the question's words do occur."""
    candidates: int = 50
    kind_boost: float = 0.15
    """Added (on the 0-1 fused scale) to passages of the document a question names."""
    focus_weight: float = 0.7
    """Share of the focused question (see ``DocumentRouter.focus``) in the hybrid dense score."""
    bm25_scaling: Literal["query", "minmax"] = "query"
    """``minmax``: BM25 scaled to 0-1 over the passages; ``query``: divided by the score a passage
    holding every question term once would get, so a weak lexical match stays weak."""
    synonym_weight: float = 0.0
    """Weight of the question's thesaurus synonyms in BM25 (Swedish questions; 0: off)."""
    question_weight: float = 1.0
    question_floor: float = 0.74
    question_neighbours: int = 10
    """The question bank (``question_bank``): the ``question_neighbours`` labelled questions nearest to a question
    and closer than ``question_floor`` lend the passages answering them ``question_weight`` × (similarity − floor)
    (hybrid search; 0: off). Chosen leaving one labelled set out, from weights 0.5-2, floors 0.85/0.88 and 3 or 10
    neighbours: a middle setting (2 ranks higher still, with Swedish fact questions' MRR down 0.003). The floor was
    then lowered, on 25 sets each without its own questions (docs/answerability-history.md, thirteenth round): 0.85 →
    0.82 / 0.80 / 0.77 / 0.74 / 0.70 gave Recall@600w +0.010 / +0.014 / +0.022 / +0.028 / +0.032 and cited-gold
    +0.009 / +0.018 / +0.023 / +0.027 / +0.027, near-miss refusals −0.007 to −0.009, false abstention +0.002 to
    +0.007: paraphrases of one fact rarely come closer than 0.85 to each other. 0.74 and 0.70 are equal within a
    question per set; the higher floor lends fewer passages a lift."""
    question_same: float = 0.95
    """A labelled question at least this close (cosine) asks the same thing in other words: an answer opens with a
    sentence holding one of its quotes, when one is among the sentences it may quote (``answer._select``; 1: off)."""
    question_cover: float = 2.0
    """A document counts as known to the question bank when it holds the answers of at least this many labelled
    questions per passage (the bundled bank: 17 and 8 per passage); only for questions whose best passage lies in
    such a document does the nearest labelled question's similarity join the off-topic gate (``known_question``)."""


@dataclass(frozen=True)
class Hit:
    passage: Passage
    index: int
    """Position of the passage in the index."""
    score: float
    dense: float | None
    bm25: float | None


@dataclass(frozen=True)
class SearchResult:
    question: str
    language: str
    mode: str
    hits: list[Hit]
    query_vector: np.ndarray | None = None
    """The embedded question (None in bm25 mode), reused to score sentences for answers."""
    focus_vector: np.ndarray | None = None
    """The embedded focused question (hybrid mode, when there is one: see ``DocumentRouter.focus``)."""


class Searcher:
    """Answers ``search(question)`` with ranked passages; safe to share between threads."""

    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder,
        params: SearchParams | None = None,
        thesaurus: Thesaurus | None = None,
        questions: QuestionBank | None = None,
    ) -> None:
        if embedder.model_id != index.manifest.model_id:
            raise ValueError("embedder and index disagree on the model")
        self.index = index
        self.embedder = embedder
        self.params = params or SearchParams()
        self.thesaurus = thesaurus
        self.use_questions(questions)

    def use_questions(self, questions: QuestionBank | None) -> None:
        """Search with this question bank (None: without one); its questions are tied to this index's passages."""
        self.questions = questions if questions is not None and questions.model_id == self.embedder.model_id else None
        self.question_passages = self.questions.gold_passages(self.index.passages) if self.questions else []
        self.question_answered = np.array([len(g) > 0 for g in self.question_passages], dtype=bool)
        self.question_documents = (
            self.questions.covered_documents(self.index.passages, self.question_passages, self.params.question_cover)
            if self.questions
            else frozenset()
        )

    def question_vector(self, question: str) -> np.ndarray:
        """The question embedded as the bank's questions are, and as hybrid search embeds it: without the documents'
        names."""
        return self.embedder.embed_query(self.router.strip_names(question))

    def answered_like(
        self, question: str, exclude_questions: str | None = None, vector: np.ndarray | None = None
    ) -> dict[int, tuple[str, ...]]:
        """Passages (positions) that answered labelled questions at cosine ≥ ``question_same`` to ``question``, with
        those questions' normalised quotes; empty without a bank (``QuestionBank.answered_like``). ``vector``: as for
        ``known_question``."""
        if self.questions is None or self.params.question_same >= 1.0:
            return {}
        if vector is None:
            vector = self.question_vector(question)
        return self.questions.answered_like(
            vector, self.question_passages, self.params.question_same, exclude_questions
        )

    def known_question(
        self,
        question: str,
        doc_id: str,
        exclude_questions: str | None = None,
        vector: np.ndarray | None = None,
    ) -> float | None:
        """Cosine of the labelled question (answered in this index) nearest to ``question`` when the bank knows
        ``doc_id`` (the document of the question's best passage); None when there is no bank or it does not know that
        document. ``vector``: the question as hybrid search embedded it, when it did; else it is embedded here the same
        way (without the documents' names, as the bank's questions are), so every mode compares like with like.
        ``exclude_questions``: a labelled set left out (evaluating that set)."""
        if self.questions is None or doc_id not in self.question_documents:
            return None
        if vector is None:
            vector = self.question_vector(question)
        return self.questions.nearest(vector, exclude_questions, self.question_answered)

    def search(
        self,
        question: str,
        mode: str = "hybrid",
        top_k: int = 5,
        language: str | None = None,
        named: str | None = None,
        only_named: bool = False,
        doc_ids: Collection[str] | None = None,
        within: Collection[int] | None = None,
        exclude_questions: str | None = None,
    ) -> SearchResult:
        """Ranked passages for ``question``; ``named`` overrides the document id the question names;
        with ``only_named``, other documents' passages rank below all of that one's; with ``within``
        (passage positions: the sections the question names), those rank above all others; with ``doc_ids``,
        only passages of those documents are returned (the user's choice of documents, not a preference);
        ``exclude_questions``: a labelled set the question bank leaves out (evaluating that set)."""
        if mode not in MODES:
            raise ValueError(f"Unknown mode {mode!r}; use one of {', '.join(MODES)}.")
        language = language or detect_language(question)
        n = len(self.index.passages)
        focused = None
        if mode == "hybrid" and self.params.focus_weight > 0:
            focused = self.router.focus(question)
        query = dense = bm25 = focus_vector = None
        scaled: np.ndarray | None = None
        if mode == "dense":
            query = self.embedder.embed_query(question)
            dense = self.dense_scores(query)
        elif mode == "hybrid":
            query, focus_vector, dense = self._hybrid_dense(question, focused)
        if mode in ("bm25", "hybrid"):
            bm25, scaled = self._lexical(question, language, focused)
        scores: np.ndarray
        if mode == "dense":
            assert dense is not None
            scores = dense
        elif mode == "bm25":
            assert bm25 is not None
            scores = bm25
        else:
            assert dense is not None and bm25 is not None
            # Lexical matches are rare across languages, so BM25 weighs less for a passage in another language than
            # the question's: passage by passage, as a corpus may hold documents in both.
            across = self.index.passage_languages != language
            weight = np.where(across, self.params.bm25_weight_en, self.params.bm25_weight_sv)
            assert scaled is not None
            scores = (1 - weight) * _minmax(dense) + weight * scaled
            named = named or self.router.named(question)
            if self.questions is not None and self.params.question_weight > 0 and self._bank_knows(scores, named):
                assert query is not None
                scores = scores + self.params.question_weight * self.questions.bonus(
                    query,
                    self.question_passages,
                    n,
                    self.params.question_floor,
                    self.params.question_neighbours,
                    exclude_questions,
                )
            if named is not None and self.params.kind_boost:
                scores = scores + self.params.kind_boost * (self.index.doc_ids == named)
        if named is not None and only_named:
            scores = _first(scores, self.index.doc_ids == named)
        if within:
            inside = np.zeros(n, dtype=bool)
            inside[list(within)] = True
            scores = _first(scores, inside)
        order = np.argsort(-scores, kind="stable")
        if doc_ids is not None:
            order = order[np.isin(self.index.doc_ids[order], list(doc_ids))]
        order = order[: min(top_k, n)]
        hits = [
            Hit(
                passage=self.index.passages[i],
                index=int(i),
                score=float(scores[i]),
                dense=None if dense is None else float(dense[i]),
                bm25=None if bm25 is None else float(bm25[i]),
            )
            for i in order
        ]
        return SearchResult(question, language, mode, hits, query, focus_vector)

    @property
    def router(self) -> DocumentRouter:
        assert self.index.router is not None, "LoadedIndex builds its router"
        return self.index.router

    def dense_scores(self, query: np.ndarray) -> np.ndarray:
        """Per passage: weighted whole-passage and best-sentence cosine similarity to the query vector."""
        n = len(self.index.passages)
        k = max(self.params.candidates * 4, 200)
        p_scores, p_ids = self.index.passage_store.search(query, k)
        s_scores, s_ids = self.index.sentence_store.search(query, k * 4)
        # Passages the stores did not return get the lowest score seen: a lower bound.
        whole = np.full(n, p_scores[-1] if len(p_scores) else 0.0, dtype=np.float32)
        whole[p_ids] = p_scores
        best = np.full(n, s_scores[-1] if len(s_scores) else 0.0, dtype=np.float32)
        np.maximum.at(best, self.index.sentence_owner[s_ids], s_scores)
        w = self.params.passage_weight
        return w * whole + (1 - w) * best

    def _bank_knows(self, scores: np.ndarray, named: str | None) -> bool:
        """Whether the question bank may lift passages: the question's document (the one it names, else that of its
        best passage before the lift) is one the bank knows. Its labelled questions are all about the documents it was
        built on; for a question about a document added since, their passages would outrank the one that answers."""
        doc_id = named if named is not None else str(self.index.doc_ids[int(np.argmax(scores))])
        return doc_id in self.question_documents

    def _lexical(
        self, question: str, question_language: str, focused: str | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Raw BM25 per passage and the same on the 0-1 scale fusion needs. The question is stemmed once per
        language the documents are written in, and each passage is scored with its own language's terms.
        ``focused``: the question without the words every passage shares, used for passages in another language:
        there the only words BM25 can match are mostly those shared ones ("life science"), which scaling would turn
        into a full-strength signal."""
        raw = np.zeros(len(self.index.passages), dtype=np.float32)
        scaled = np.zeros_like(raw)
        languages = self.index.languages
        for language in languages:
            text = focused if focused and language != question_language else question
            terms = tokenize(text, self.index.compounds if language == "sv" else None, language)
            scores = self.index.bm25.term_scores(terms)
            if self.thesaurus is not None and language == question_language == "sv" and self.params.synonym_weight:
                extra = self.thesaurus.expand(terms)
                if extra:
                    scores = scores + self.params.synonym_weight * self.index.bm25.term_scores(extra)
            mask = self.index.passage_languages == language if len(languages) > 1 else slice(None)
            raw[mask] = scores[mask]
            scaled[mask] = self._scaled_bm25(scores, terms)[mask]
        return raw, scaled

    def _scaled_bm25(self, bm25: np.ndarray, terms: list[str]) -> np.ndarray:
        """BM25 on the 0-1 scale fusion needs (see ``SearchParams.bm25_scaling``)."""
        if self.params.bm25_scaling == "minmax":
            return _minmax(bm25)
        return np.minimum(bm25 / max(self.index.bm25.best_possible(terms), 1e-9), 1.0)

    def _hybrid_dense(self, question: str, focused: str | None) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
        """The question's vector (what answers are scored against), the focused question's (None without one) and
        the dense score per passage.

        Embeds the question without document names and, when there is one, the focused question
        too, in one call, and blends their scores. Scores, not vectors: a passage's best sentence
        for either question should count (scoring against the blended vector loses dev09 again).
        """
        vectors = self.embedder.embed_queries([self.router.strip_names(question)] + ([focused] if focused else []))
        dense = self.dense_scores(vectors[0])
        if focused:
            w = self.params.focus_weight
            dense = (1 - w) * dense + w * self.dense_scores(vectors[1])
            return vectors[0], vectors[1], dense
        return vectors[0], None, dense


def _first(scores: np.ndarray, preferred: np.ndarray) -> np.ndarray:
    """``scores`` with every preferred passage above every other, each group in its own order."""
    return scores - (scores.max() - scores.min() + 1.0) * ~preferred


def _minmax(x: np.ndarray) -> np.ndarray:
    lo, hi = float(x.min()), float(x.max())
    return (x - lo) / (hi - lo) if hi > lo else np.zeros_like(x)
