"""The sentences an answer is made of: the candidates drawn from the top passages, and how chosen ones are quoted.

A candidate is a sentence of one of the top passages that may answer: content, or a label the question asks for (a
signature line for "who signed", a dateline for "when was it dated"). Chosen sentences bring along what they need to
be read alone (the sentence a "Dessa …" points back at, the list after a colon) and are cited one quote per run of
adjacent sentences, verbatim, with the passage's locator (see ``Passage.cite``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from strategiqa.ingest.model import Citation
from strategiqa.ingest.sentences import is_answer_material, refers_back, sentence_role
from strategiqa.retrieval.index import LoadedIndex
from strategiqa.retrieval.question_bank import is_quoted
from strategiqa.retrieval.search import SearchResult
from strategiqa.retrieval.text import tokenize

from .followup import QUESTION_WORDS
from .questions import QuestionAnalysis
from .topic import names_no_topic


@dataclass(frozen=True)
class CandidateSentence:
    passage_index: int
    sentence_index: int
    vector: np.ndarray
    similarity: float
    """Cosine similarity to the question."""
    score: float
    """Similarity plus the passage's share of the retrieval score."""
    rank: int
    text: str


def candidate_sentences(
    result: SearchResult,
    index: LoadedIndex,
    analysis: QuestionAnalysis,
    passages: int,
    passage_weight: float,
    asked: str | None = None,
) -> list[CandidateSentence]:
    """Sentences of the top ``passages`` passages that can answer: content, or the labels the question asks for;
    each scored by its similarity to the question plus ``passage_weight`` times its passage's share of the best
    retrieval score. ``asked``: the question as read (a follow-up with the question before it), which says whether
    signatures or a dateline may answer ("Och agendan?" after "Vem skrev under förordet?")."""
    question = asked or result.question
    if result.query_vector is None:
        return []
    allowed = {"content"}
    if analysis.expects in ("person", "agent"):
        allowed.add("name_line")
    if _ASKS_REFERENCE.search(question):  # "Vilket diarienummer har strategin?": the reference line is the answer
        allowed.add("reference")
    # A dateline dates its document: it answers when the document (or its foreword) was dated, signed or written, not
    # when something it plans will happen ("When will the council be set up?").
    if analysis.expects in ("date", "day") and (
        asks_when_dated(question, analysis, index) or _AUTHORSHIP.search(question)
    ):
        allowed.add("dateline")
    hits = result.hits[:passages]
    top = max((h.score for h in hits), default=1.0) or 1.0
    out = []
    for rank, hit in enumerate(hits):
        passage = index.passages[hit.index]
        vectors = index.passage_sentence_vectors(hit.index)
        similarities = vectors @ result.query_vector
        bonus = passage_weight * (hit.score / top)
        for j, (vector, similarity) in enumerate(zip(vectors, similarities, strict=True)):
            a, b = passage.sentences[j]
            text = passage.text[a:b]
            role = sentence_role(text)
            if role == "name_line" and not _asks_for_line(question, text, passage.section_path):
                continue
            if role in allowed:
                out.append(
                    CandidateSentence(hit.index, j, vector, float(similarity), float(similarity) + bonus, rank, text)
                )
    # "Who signed the foreword?": the signatures are the answer, though a name's vector is far from any question;
    # "När är förordet daterat?": so is its dateline.
    line = (
        "name_line"
        if asks_who_signed(question, analysis)
        else "dateline"
        if asks_when_dated(question, analysis, index)
        else None
    )
    if line and out:
        best = max(c.score for c in out)
        if line == "dateline":
            out += _datelines(hits[0].passage.doc_id, out, index, result.query_vector, len(hits))
        out = [
            replace(c, score=best + 0.001 * (len(hits) - c.rank)) if sentence_role(c.text) == line else c for c in out
        ]
    return out


def _datelines(
    doc_id: str, found: list[CandidateSentence], index: LoadedIndex, query: np.ndarray, rank: int
) -> list[CandidateSentence]:
    """The datelines of the document the top passage is from, wherever they stand ("<City>, March 2025" on the
    title page, far from any passage the question's words find), that ``found`` does not hold yet."""
    held = {(c.passage_index, c.sentence_index) for c in found}
    out = []
    for i, passage in enumerate(index.passages):
        if passage.doc_id != doc_id:
            continue
        for j, text in enumerate(passage.sentence_texts()):
            if (i, j) not in held and sentence_role(text) == "dateline":
                vector = index.passage_sentence_vectors(i)[j]
                similarity = float(vector @ query)
                out.append(CandidateSentence(i, j, vector, similarity, similarity, rank, text))
    return out


def asks_when_dated(question: str, analysis: QuestionAnalysis, index: LoadedIndex | None = None) -> bool:
    """Whether the question asks when a document or its part is dated: its dateline answers. When it was adopted or
    published ("När antogs agendan?") too, but only a question about the document itself (``index`` tells its
    topic words): "When will innovations be adopted?", "When was the needs mapping published?" ask about something
    in it."""
    if analysis.expects not in ("date", "day"):
        return False
    if _DATED.search(question):
        return True
    return index is not None and bool(_ISSUED.search(question)) and names_no_topic(question, index)


_ASKS_REFERENCE = re.compile(
    r"\b(?:diarienummer\w*|diarienr|dnr|ärendenummer\w*|reference number|registration number|file number|case number)",
    re.IGNORECASE,
)
_DATED = re.compile(r"\b(?:daterad\w*|daterat|datering\w*|dated)\b", re.IGNORECASE)


_ISSUED = re.compile(
    r"\b(?:antogs|antagen|antaget|beslutades|publicerades|utkom|kom\s+ut|gavs\s+ut|published|adopted|issued|"
    r"released)\b",
    re.IGNORECASE,
)
"""When a document was adopted or published: what its dateline or title page says."""


# A question about who signed or wrote a document: any signature line of it may answer.
_AUTHORSHIP = re.compile(
    r"\b(?:sign\w*|underteckn\w*|skr[ei]v\w*|wr[io]t\w*|authors?|författare\w*|bakom|behind|"
    r"förord\w*|foreword|preface|(?:sitt|sina|deras)\s+namn\s+under|(?:their|his|her)\s+names?\s+(?:to|on|under))\b",
    re.IGNORECASE,
)


def asks_who_signed(question: str, analysis: QuestionAnalysis) -> bool:
    """Whether the question asks who signed or wrote (a document, its foreword): its signature lines answer."""
    return analysis.expects in ("person", "agent") and bool(_AUTHORSHIP.search(question))


def _asks_for_line(question: str, line: str, headings: tuple[str, ...]) -> bool:
    """Whether a name line ("<name> <role>") can answer a person question: the question asks who signed or
    wrote the document, or names the line's role, name or heading ("Vem är socialminister?", "Who is the
    regional director?" — a word start of six letters inside a word of the line). "Who won <a contest>?"
    is not answered by a minister's signature, however close its vector."""
    if _AUTHORSHIP.search(question):
        return True
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", " ".join((line, *headings)))]
    starts = {w.lower()[:6] for w in re.findall(r"[^\W\d_]{4,}", question) if w.lower() not in QUESTION_WORDS}
    return any(start in word for start in starts for word in words)


def quoted_for_the_same(
    candidates: list[CandidateSentence], answered_like: Mapping[int, tuple[str, ...]]
) -> frozenset[tuple[int, int]]:
    """Positions of the candidate sentences that hold (or lie within) a quote of a labelled question asking the same
    thing, in a passage that answered it."""
    return frozenset(
        (c.passage_index, c.sentence_index)
        for c in candidates
        if (quotes := answered_like.get(c.passage_index)) and is_quoted(c.text, quotes)
    )


def sentence_terms(sentence: CandidateSentence, index: LoadedIndex) -> set[str]:
    """Whole stems of the sentence, the ones beside it and its headings (not six-letter keys or compound parts:
    "regiondirektör" is not "regionala")."""
    passage = index.passages[sentence.passage_index]
    text = " ".join((*passage.section_path, with_neighbours(sentence, index)))
    return set(tokenize(text, None, str(index.passage_languages[sentence.passage_index])))


def quoted_sentences(positions: Sequence[tuple[int, int]], index: LoadedIndex) -> tuple[list[Citation], list[str]]:
    """Citations and quoted parts ("<quote> [n]") for sentences chosen by position ((passage, sentence), best first),
    as an answer quotes them."""
    chosen = [
        CandidateSentence(
            p, s, index.passage_sentence_vectors(p)[s], 0.0, float(-rank), 0, index.passages[p].sentence_texts()[s]
        )
        for rank, (p, s) in enumerate(positions)
    ]
    return cite(chosen, index)


def with_neighbours(sentence: CandidateSentence, index: LoadedIndex) -> str:
    """The sentence with the one before and after it in its passage (a year is often stated once); a table row also
    with its table's header row ("| Indicator | Baseline | Target 2030 |")."""
    passage = index.passages[sentence.passage_index]
    texts = passage.sentence_texts()
    lo = max(0, sentence.sentence_index - 1)
    hi = min(len(passage.sentences) - 1, sentence.sentence_index + 1)
    around = passage.text[passage.sentences[lo][0] : passage.sentences[hi][1]]
    first = sentence.sentence_index
    while first > 0 and texts[first].lstrip().startswith("|") and texts[first - 1].lstrip().startswith("|"):
        first -= 1
    return f"{texts[first]} {around}" if first < lo else around


_CONTINUES = re.compile(r"^(Dessa|Detta|Denna|Det|De|Där|Här|These|This|They|It|There)\b")


_LIST_ITEM = re.compile(r"^\s*(?:[-–•*▪]|\d{1,2}[.)]|[a-z][.)])\s")
"""A list item as the cleaned text keeps it ("- …", "• …", "1) …")."""


_MAX_LIST_ITEMS = 12


def with_continuations(chosen: list[CandidateSentence], index: LoadedIndex) -> list[CandidateSentence]:
    """A sentence ending in a colon, or followed by one that refers back to it ("Dessa …"), brings the next
    sentence along, also when a passage boundary falls between them; a colon before a list brings the list
    ("Följande indikatorer används: - …, - …") as far as the passage goes, up to ``_MAX_LIST_ITEMS`` items, so the
    list is one quote."""
    chosen = _with_antecedents(chosen, index)
    known = {(c.passage_index, c.sentence_index) for c in chosen}
    out = list(chosen)
    for s in chosen:
        passage = index.passages[s.passage_index]
        colon = passage.text[passage.sentences[s.sentence_index][1] - 1] == ":"
        at: tuple[int, int] = (s.passage_index, s.sentence_index)
        for taken in range(_MAX_LIST_ITEMS):
            nxt = _next_sentence(index, *at)
            if nxt is None or nxt in known:
                break
            n_passage = index.passages[nxt[0]]
            na, nb = n_passage.sentences[nxt[1]]
            text = n_passage.text[na:nb]
            item = colon and _LIST_ITEM.match(text) is not None
            if not (item or (taken == 0 and (colon or _CONTINUES.match(text)))):
                break
            if taken and nxt[0] != at[0]:
                break  # the list goes on in the next passage: shown there, not cited item by item
            vector = index.passage_sentence_vectors(nxt[0])[nxt[1]]
            out.append(CandidateSentence(nxt[0], nxt[1], vector, s.similarity, s.score, s.rank, text))
            known.add(nxt)
            at = nxt
            if not item:
                break
    return out


def _with_antecedents(chosen: list[CandidateSentence], index: LoadedIndex) -> list[CandidateSentence]:
    """A sentence that points back (*Regeringen främjar dessa förutsättningar.*) brings the sentence before it in its
    section (also across a passage boundary), which says what it points at; alone it would be a quote that means
    nothing."""
    known = {(c.passage_index, c.sentence_index) for c in chosen}
    out = []
    for s in chosen:
        earlier: list[CandidateSentence] = []
        text, before = s.text, _previous_sentence(index, s.passage_index, s.sentence_index)
        # Two steps at most: "… Det är därför avgörande att … Regeringen främjar dessa förutsättningar."
        while len(earlier) < _MAX_ANTECEDENTS and before is not None and before not in known and refers_back(text):
            passage_index, at = before
            a, b = index.passages[passage_index].sentences[at]
            text = index.passages[passage_index].text[a:b]
            if not is_answer_material(text):
                break
            vector = index.passage_sentence_vectors(passage_index)[at]
            earlier.insert(0, CandidateSentence(passage_index, at, vector, s.similarity, s.score, s.rank, text))
            known.add(before)
            before = _previous_sentence(index, passage_index, at)
        out += [*earlier, s]
    return out


_MAX_ANTECEDENTS = 2


def _previous_sentence(index: LoadedIndex, passage_index: int, sentence_index: int) -> tuple[int, int] | None:
    """The sentence before this one in the same section, or None."""
    if sentence_index > 0:
        return passage_index, sentence_index - 1
    passage, preceding = index.passages[passage_index], passage_index - 1
    if (
        preceding >= 0
        and index.passages[preceding].section_id == passage.section_id
        and index.passages[preceding].doc_id == passage.doc_id
        and index.passages[preceding].sentences
    ):
        return preceding, len(index.passages[preceding].sentences) - 1
    return None


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


def cite(chosen: list[CandidateSentence], index: LoadedIndex) -> tuple[list[Citation], list[str]]:
    """One citation per chosen sentence, best first; adjacent sentences of one passage share a quote."""
    groups: list[list[CandidateSentence]] = []
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
        citation = passage.cite(n, start, end)
        citations.append(citation)
        parts.append(f"{' '.join(citation.quote.split())} [{n}]")
    return citations, parts


def section_list(
    chosen: list[CandidateSentence], candidates: list[CandidateSentence], index: LoadedIndex
) -> list[CandidateSentence]:
    """Every list item of the section the first chosen list item stands in, in document order (at most
    ``_MAX_LIST_ITEMS``); empty when the answer opens with no list item."""
    first = chosen[0]
    if not _LIST_ITEM.match(first.text):
        return []
    section = index.passages[first.passage_index].section_id
    items = sorted(
        (c for c in candidates if index.passages[c.passage_index].section_id == section and _LIST_ITEM.match(c.text)),
        key=lambda c: (c.passage_index, c.sentence_index),
    )
    return items[:_MAX_LIST_ITEMS] if len(items) > len(chosen) else []
