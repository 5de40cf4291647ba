"""Extractive, cited answers: the documents' own sentences, each with a verbatim quote and locator.

No language model is involved, so nothing in an answer can be invented: every sentence is a
span of a cited passage. Sentences are scored by the embedder against the question (their vectors
are already in the index), picked with maximal marginal relevance so they do not repeat each
other, and numbered as citations. When even the best sentence is not relevant enough, the answer
is a fixed refusal sentence in the question's language, still listing the closest passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from strategiqa.ingest.model import Citation
from strategiqa.retrieval.index import LoadedIndex
from strategiqa.retrieval.search import SearchResult

REFUSAL = {
    "sv": "Dokumenten tar inte upp den frågan.",
    "en": "The documents do not address this question.",
}


@dataclass(frozen=True)
class AnswerParams:
    """How sentences are chosen and when to refuse (thresholds calibrated as the README describes)."""

    abstain_below_sv: float = 0.875
    abstain_below_en: float = 0.852
    """Refuse when the confidence (see ``confidence``) is below this; English questions match Swedish
    text less closely, so their threshold is lower. Calibrated on in- and out-of-corpus questions
    (``eval/data/extra.jsonl``); the README's Evaluation section has the figures."""
    max_sentences: int = 4
    cover: int = 3
    cover_margin: float = 0.03
    margin: float = 0.02
    """Keep further sentences only within this cosine distance of the best one."""
    mmr_lambda: float = 0.75
    redundancy: float = 0.96
    """Skip a sentence this similar (cosine) to one already chosen."""
    passages: int = 5
    """How many top passages sentences are drawn from."""
    passage_weight: float = 0.05
    """Weight of the passage's fused retrieval score (0-1) added to each of its sentences' similarity,
    so BM25, routing and the passage as a whole count too."""


@dataclass(frozen=True)
class Answer:
    text: str
    abstained: bool
    citations: list[Citation]
    confidence: float


def compose_answer(result: SearchResult, index: LoadedIndex, params: AnswerParams | None = None) -> Answer:
    """Pick the sentences that answer ``result.question`` from its top passages, with citations."""
    params = params or AnswerParams()
    language = "en" if result.language == "en" else "sv"
    candidates = _candidates(result, index, params)
    if not candidates or result.query_vector is None:
        return Answer(REFUSAL[language], True, [], 0.0)
    score = confidence(result.query_vector, index)
    threshold = params.abstain_below_en if language == "en" else params.abstain_below_sv
    if score < threshold:
        return Answer(REFUSAL[language], True, [], round(score, 4))
    chosen = _select(candidates, params, index)
    citations, parts = _cite(chosen, index)
    return Answer(" ".join(parts), False, citations, round(score, 4))


def confidence(query_vector: np.ndarray, index: LoadedIndex) -> float:
    """How well the corpus answers: the best sentence's similarity plus how far it stands out.

    Raw similarities of this model sit in a narrow band (0.75-0.95), so the best score alone
    separates answerable from unanswerable questions poorly; adding its distance from the median
    sentence (a per-question background) separates them much better.
    """
    scores = index.sentence_vectors @ query_vector
    best = float(scores.max())
    return best + (best - float(np.median(scores)))


@dataclass(frozen=True)
class _Sentence:
    passage_index: int
    sentence_index: int
    vector: np.ndarray
    score: float
    rank: int


def _candidates(result: SearchResult, index: LoadedIndex, params: AnswerParams) -> list[_Sentence]:
    if result.query_vector is None:
        return []
    hits = result.hits[: params.passages]
    top = max((h.score for h in hits), default=1.0) or 1.0
    out = []
    for rank, hit in enumerate(hits):
        vectors = index.passage_sentence_vectors(hit.index)
        scores = vectors @ result.query_vector + params.passage_weight * (hit.score / top)
        for j, (vector, score) in enumerate(zip(vectors, scores, strict=True)):
            out.append(_Sentence(hit.index, j, vector, float(score), rank))
    return out


def _select(candidates: list[_Sentence], params: AnswerParams, index: LoadedIndex) -> list[_Sentence]:
    """Cover the top passages first, then add close runners-up by maximal marginal relevance.

    The best sentence of each of the ``cover`` best passages is taken when it is within
    ``cover_margin`` of the best sentence overall (different passages often hold different parts
    of an answer); further sentences must be within ``margin`` and not repeat a chosen one.
    """
    best = max(c.score for c in candidates)
    chosen: list[_Sentence] = []
    for rank in range(params.cover):
        own = [c for c in candidates if c.rank == rank]
        if own:
            top = max(own, key=lambda c: c.score)
            if (not chosen or top.score >= best - params.cover_margin) and not _repeats(top, chosen, params):
                chosen.append(top)
    pool = [c for c in candidates if c.score >= best - params.margin and c not in chosen]
    while pool and len(chosen) < params.max_sentences:

        def mmr(c: _Sentence) -> float:
            overlap = max((float(c.vector @ s.vector) for s in chosen), default=0.0)
            return params.mmr_lambda * c.score - (1 - params.mmr_lambda) * overlap

        pick = max(pool, key=mmr)
        pool.remove(pick)
        if not _repeats(pick, chosen, params):
            chosen.append(pick)
    return _with_continuations(chosen[: params.max_sentences], candidates, index)


def _repeats(sentence: _Sentence, chosen: list[_Sentence], params: AnswerParams) -> bool:
    return any(float(sentence.vector @ s.vector) >= params.redundancy for s in chosen)


_CONTINUES = re.compile(r"^(Dessa|Detta|Denna|Det|De|Där|Här|These|This|They|It|There)\b")


def _with_continuations(chosen: list[_Sentence], candidates: list[_Sentence], index: LoadedIndex) -> list[_Sentence]:
    """A sentence ending in a colon, or followed by one that refers back to it ("Dessa …"), brings
    the next sentence along, also when a passage boundary falls between them."""
    known = {(c.passage_index, c.sentence_index) for c in chosen}
    out = list(chosen)
    for s in chosen:
        passage = index.passages[s.passage_index]
        nxt = _next_sentence(index, s.passage_index, s.sentence_index)
        if nxt is None or nxt in known:
            continue
        n_passage = index.passages[nxt[0]]
        na, nb = n_passage.sentences[nxt[1]]
        if passage.text[passage.sentences[s.sentence_index][1] - 1] == ":" or _CONTINUES.match(n_passage.text[na:nb]):
            vector = index.passage_sentence_vectors(nxt[0])[nxt[1]]
            out.append(_Sentence(nxt[0], nxt[1], vector, s.score, s.rank))
            known.add(nxt)
    return out


def _next_sentence(index: LoadedIndex, passage_index: int, sentence_index: int) -> tuple[int, int] | None:
    """The sentence after this one in the same section, or None."""
    passage = index.passages[passage_index]
    if sentence_index + 1 < len(passage.sentences):
        return passage_index, sentence_index + 1
    following = passage_index + 1
    if (
        following < len(index.passages)
        and index.passages[following].section_id == passage.section_id
        and index.passages[following].doc_id == passage.doc_id
    ):
        return following, 0
    return None


def _cite(chosen: list[_Sentence], index: LoadedIndex) -> tuple[list[Citation], list[str]]:
    """One citation per chosen sentence; adjacent sentences of one passage share a quote."""
    groups: list[list[_Sentence]] = []
    for s in sorted(
        chosen,
        key=lambda s: (
            -max(c.score for c in chosen if c.passage_index == s.passage_index),
            s.passage_index,
            s.sentence_index,
        ),
    ):
        last = groups[-1][-1] if groups else None
        if last and last.passage_index == s.passage_index and s.sentence_index == last.sentence_index + 1:
            groups[-1].append(s)
        else:
            groups.append([s])
    citations, parts = [], []
    for n, group in enumerate(groups, 1):
        passage = index.passages[group[0].passage_index]
        start = passage.sentences[group[0].sentence_index][0]
        end = passage.sentences[group[-1].sentence_index][1]
        quote = passage.text[start:end]
        citations.append(
            Citation(
                n=n,
                passage_id=passage.passage_id,
                quote=quote,
                doc_title=passage.doc_title,
                section_number=passage.section_number,
                section_title=passage.section_title,
                page=passage.page,
                reference=passage.label,
                quote_start=start,
                quote_end=end,
            )
        )
        parts.append(f"{' '.join(quote.split())} [{n}]")
    return citations, parts
