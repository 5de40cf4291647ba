"""Extractive, cited answers: the documents' own sentences, each with a verbatim quote and locator.

No language model is involved, so nothing in an answer can be invented: every sentence is a
span of a cited passage. An answer is decided in three steps:

1. **On topic?** The confidence is the best candidate sentence's similarity plus how far it stands
   above the question's *background* — its median similarity to fixed, generic sentences bundled
   with the code —, for the question and for its focused form (without the documents' names and
   places) in equal shares. It depends on the question and its top passages only, never on which other
   documents are indexed. Below the calibrated threshold: the fixed refusal (``off_topic``). Where the question
   bank knows the document answering, the nearest labelled question's similarity joins the confidence in this gate
   (``AnswerParams.bank_below_sv``).
2. **Does it give what was asked?** The question's expected element (an amount, a year, a person
   …) and hard constraints (a year, a name) are checked on the sentences close to the best one
   (see ``questions``), and for a value (a count, a year …) on those a little further that name the
   question's subject (see ``subject``). When none gives it, the refusal says what is missing and quotes
   what the documents say nearby (``missing_fact``).
3. **Which sentences?** The best one first; further ones only when they are nearly as close and
   give the asked-for element too. Captions, signatures and name lines are never answer material,
   unless the question asks for exactly that (a person, a date).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from strategiqa.ingest.model import Citation
from strategiqa.ingest.sentences import is_answer_material, refers_back, sentence_role
from strategiqa.retrieval.index import LoadedIndex
from strategiqa.retrieval.question_bank import is_quoted
from strategiqa.retrieval.search import SearchResult
from strategiqa.retrieval.text import tokenize
from strategiqa.retrieval.thesaurus import Thesaurus

from .followup import QUESTION_WORDS
from .question_names import known_in
from .questions import VALUES, QuestionAnalysis, around_figures, mentions_year, satisfies
from .sentence_lift import Considered, SentenceLift
from .subject import SubjectCheck
from .topic import mentions_topic, names_no_topic, rare_topic_word, topic_words

REFUSAL = {
    "sv": "Dokumenten tar inte upp den frågan.",
    "en": "The documents do not address this question.",
}
_MISSING_ELEMENT = {
    "sv": {
        "amount": "inget belopp",
        "share": "ingen andel eller procentsats",
        "number": "inget antal eller annat tal",
        "quantity": "inget mått eller tal",
        "duration": "ingen tidslängd",
        "day": "inget datum",
        "date": "inget datum eller årtal",
        "person": "inget namn på en person",
        "agent": "ingen person eller organisation",
        "organisation": "ingen organisation",
        "place": "ingen plats",
        "called": "inget namn",
    },
    "en": {
        "amount": "no amount of money",
        "share": "no share or percentage",
        "number": "no number",
        "quantity": "no measure or figure",
        "duration": "no length of time",
        "day": "no date",
        "date": "no date or year",
        "person": "no person's name",
        "agent": "no person or body",
        "organisation": "no organisation",
        "place": "no place",
        "called": "no name",
    },
}
_NEAREST = {"sv": "Närmast:", "en": "The closest they say:"}


@dataclass(frozen=True)
class AnswerParams:
    """How sentences are chosen and when to refuse; thresholds come from the calibration file."""

    abstain_below_sv: float = 0.96
    abstain_below_en: float = 0.93
    """Refuse when the confidence (see ``confidence``) is below this; English questions match Swedish
    text less closely. Refitted by ``strategiqa calibrate``."""
    topic_below_sv: float = 0.88
    topic_below_en: float = 0.86
    """Between this and ``abstain_below`` the topic counts as the documents' own: a question asking for
    an element they do not give (an amount, a year …) gets the specific refusal (``missing_fact``)
    rather than the fixed one. Fitted on near-miss and off-topic questions."""
    bank_weight_sv: float = 0.0
    bank_weight_en: float = 0.0
    bank_below_sv: float | None = None
    bank_below_en: float | None = None
    """The off-topic gate where the question bank knows the document answering (see ``Searcher.known_question``):
    refuse when confidence + ``bank_weight`` × (cosine of the nearest labelled question) is below ``bank_below``
    (None: the confidence alone decides). A question asked like questions the documents answered is on their topic;
    one far from all of them, about a document they cover well, is likely not. Fitted by ``strategiqa calibrate``."""
    unmentioned_below: float | None = None
    """A question in the documents' own language none of whose topic words the top passages use is refused as off their
    topic, unless it is asked much like questions they answered: confidence + ``bank_weight_sv`` × (cosine of the
    nearest labelled question) at or above this (None: always refused). Fitted by ``strategiqa calibrate`` just above
    the highest such sum among the calibration sets' off-topic questions; a paraphrase shares no word with its answer
    by design ("skarpa hjärnor" for "talanger")."""
    fact_margin: float = 0.03
    """A sentence giving the asked-for element must be within this (cosine) of the best sentence."""
    subject_margin: float = 0.03
    """A value asked for (a count, a year …) may also come from a sentence this far below the best one (as ``margin``)
    that names a rare word of the question's subject and every name it uses (see ``subject``; 0: off)."""
    subject_rare: float = 0.1
    """A stem used by more than this share of a language's passages says nothing of a subject (the usual cut for
    stop words by document frequency)."""
    subject_word_match: float = 0.9
    """Across languages, a question's word and a sentence's word are the same when their vectors are this close."""
    max_sentences: int = 3
    margin: float = 0.03
    """Further sentences only within this of the best one (on the development sets C, D, P, Q, R, dev,
    extra and held-out, 0.03 against 0.015: cited-gold +0.01 to +0.05, citation precision -0.04 to -0.17)."""
    redundancy: float = 0.96
    """Skip a sentence this similar (cosine) to one already chosen."""
    passages: int = 5
    """How many top passages sentences are drawn from."""
    rare_passages: int = 2
    """A word of the question's topic that at most this many passages of its document use is rare: found in one of
    the top ``rare_among`` passages (with most of the topic's long words), it makes a same-language question
    answerable below the threshold (see ``topic.rare_topic_word``; 0 turns this off)."""
    rare_among: int = 3
    topic_synonyms: bool = True
    """A word of the question's topic also counts as found in the top passages when one of its synonyms is there (the
    language's thesaurus, where the system has one: Debian's ``mythes-sv``): "Med vilka andra näringar …" is about what
    the passage calls "branscher". Measured on all used sets: 15 answerable Swedish paraphrases no longer refused, one
    off-topic question answered (``topic.mentions_topic``)."""
    term_prefix: int = 6
    """A question's word sharing its first this many letters with a word of the documents is theirs, inflected or
    compounded; shorter words are never a term of their own (see ``CorpusWords.practical_matter_off_topic``)."""
    ordinary_frequency: float = 1e-5
    """A word this common in the language's general use (about its 20,000 commonest) is ordinary, not a specific term
    the documents lack ("praktiken", "egentligen")."""
    slip_similarity: float = 0.85
    """A word this close (difflib ratio) to a word of the documents is that word mistyped ("prövingar")."""
    title_margin: float = 0.01
    """An overview question naming an area by its topic takes the most similar goal section only when
    it stands this far (cosine) above the median of the candidates (see ``titles.SectionTitles``)."""
    focus_share: float = 0.5
    """Share of the focused question (the question without its documents' names, places and the corpus topic: see
    ``DocumentRouter.focus``) in the confidence. The frame a question shares with every passage ("What does the
    national strategy in <country> say about …") lifts its vector's similarity whatever it asks about."""
    lift_weight: float = 1.0
    """Weight of the learned sentence lift (``sentence_lift``) in ordering an answer's sentences (0: off). Measured at
    1: the weight it was fitted with."""
    passage_weight: float = 0.5
    """Weight of the passage's fused retrieval score (0-1) added to each of its sentences' similarity
    (0.5: the fused passage ranking beats a lone sentence's similarity on every development set),
    so BM25, routing and the passage as a whole count too."""


@dataclass(frozen=True)
class Answer:
    text: str
    abstained: bool
    citations: list[Citation]
    confidence: float
    abstain_reason: str | None = None
    """``off_topic`` (the documents do not address the topic) or ``missing_fact`` (they address it
    but do not give what was asked)."""
    missing: dict[str, Any] = field(default_factory=dict)
    """For ``missing_fact``: the element not given (``element``) and the year or name asked about."""


def compose_answer(
    result: SearchResult,
    index: LoadedIndex,
    analysis: QuestionAnalysis,
    background: np.ndarray,
    vocabulary: frozenset[str],
    params: AnswerParams | None = None,
    named_section: bool = False,
    asked: str | None = None,
    whole_list: bool = False,
    known_question: float | None = None,
    answered_like: Mapping[int, tuple[str, ...]] | None = None,
    subject: SubjectCheck | None = None,
    practical_matter: bool = False,
    lift: SentenceLift | None = None,
    considered: Considered | None = None,
    synonyms: Mapping[str, Thesaurus] | None = None,
) -> Answer:
    """Answer ``result.question`` from its top passages, or refuse and say why. With ``named_section``
    (the passages are those of a section the question names) the topic is the documents' own: only
    whether they give what was asked is checked. ``asked``: the question as read (a follow-up resolved
    against the one before it), when it differs from ``result.question``; ``whole_list``: a list question about the
    named part as a whole, answered with its whole list; ``known_question``: the cosine of the nearest labelled
    question, when the question bank knows the document answering (see ``AnswerParams.bank_below_sv``);
    ``answered_like``: passages (positions) that answered labelled questions asking the same thing, with their
    normalised quotes (see ``Searcher.answered_like``): a sentence holding one opens the answer; ``subject``: whether a
    sentence names what the question asks about (see ``subject``), for a value asked for; ``practical_matter``: the
    question asks how to go about something, or which rules apply, of a thing the documents do not name (see
    ``CorpusWords.practical_matter_off_topic``): off the documents' topic, however close its vector; ``lift``: learned
    from labelled questions, it orders the sentences an answer quotes (see ``sentence_lift``), not whether to answer;
    ``considered``: when given, the question's vector and its candidate sentences are appended (``calibrate`` learns the
    lift from them); ``synonyms``: a thesaurus per language of the documents, for the topic check (see
    ``AnswerParams.topic_synonyms``)."""
    params = params or AnswerParams()
    language = "en" if result.language == "en" else "sv"
    candidates = _candidates(result, index, params, analysis)
    if considered is not None and result.query_vector is not None:
        considered.append((result.query_vector, list(candidates)))
    signed = asks_who_signed(result.question, analysis)  # signatures answer, whatever the role words
    if not candidates or result.query_vector is None:
        return Answer(REFUSAL[language], True, [], 0.0, "off_topic")
    score = confidence(result.query_vector, max(c.similarity for c in candidates), background)
    if result.focus_vector is not None and params.focus_share:
        focused = confidence(
            result.focus_vector, max(float(c.vector @ result.focus_vector) for c in candidates), background
        )
        score = (1 - params.focus_share) * score + params.focus_share * focused
    mentions = mentions_topic(
        asked or result.question, result, index, params.passages, synonyms if params.topic_synonyms else None
    )
    # A question in the documents' own language that shares no word of its topic with the passages found
    # is about something else, however close its vector ("<an unrelated topic> i <the corpus's region>").
    same_language = result.language in {index.passage_languages[h.index] for h in result.hits[: params.passages]}
    checked = mentions or not same_language or _asked_like_answered(score, known_question, params)
    # Similarities across languages run lower: the thresholds fitted on English questions (the Swedish documents'
    # cross-language case) serve any question asked across languages, those fitted on Swedish ones any asked in
    # the passages' own language (a Swedish question to an English document is a cross-language one).
    across = not same_language
    # A section the question names is the documents' own topic; what else it asks about must still be there
    # ("Vad säger målsättning 4.1 om <an unrelated topic>?").
    passes = score >= (params.abstain_below_en if across else params.abstain_below_sv)
    bank_below = params.bank_below_en if across else params.bank_below_sv
    if known_question is not None and bank_below is not None:
        weight = params.bank_weight_en if across else params.bank_weight_sv
        passes = score + weight * known_question >= bank_below
    # A rare word of the topic that only a few passages use, found in the top passages ("rundabordssamtalet"): the
    # documents address the topic, though the question's vector stands out little from the background.
    rare = same_language and rare_topic_word(
        asked or result.question, result, index, params.rare_passages, params.rare_among
    )
    answerable = checked and (named_section or passes or rare)
    on_topic = answerable or mentions or score >= (params.topic_below_en if across else params.topic_below_sv)
    if not on_topic or (practical_matter and not named_section):
        return Answer(REFUSAL[language], True, [], round(score, 4), "off_topic")
    best = max(c.score for c in candidates)
    close = [c for c in candidates if c.score >= best - params.fact_margin]
    if subject is not None and analysis.expects in VALUES:
        # The passage's retrieval score ranks the sentences of the top passage first; the sentence closest to the
        # question on its own may stand in the next one ("By which year …?": the vision's "2035 ska …" below the
        # vision's list) and give the value, for what it is about. Values only: tried for who questions too, the
        # closest sentence named some body or other and answered them wrongly.
        closest = max(candidates, key=lambda c: c.similarity)
        close += _on_subject(candidates, close, analysis, best - params.subject_margin, subject, index, closest)
    # "Who leads <a body>?": a name in a sentence that says nothing of the body or the role is not the answer.
    topic = topic_words(asked or result.question, index) if same_language and not signed else None
    role = set(tokenize(topic or "", None, language))
    if analysis.expects in _WHO and role:
        close = _in_role(close, candidates, role, index)
    missing = _missing(close, analysis, vocabulary, index, role, result.language)
    if (
        not missing
        and subject is not None
        and analysis.expects in ("date", "day")
        and not named_section
        and asked is None
        and _date_of_something_else(close, candidates, analysis, subject, index, result.language)
    ):
        # "När ska det nya rådet … vara inrättat?": the documents speak of the council, without a date; the date found
        # is the round table's. (A follow-up's subject is read from the question before it, and a section the question
        # names is its own subject: neither is checked.)
        missing = {"element": analysis.expects}
    if not answerable and not missing:
        return Answer(REFUSAL[language], True, [], round(score, 4), "off_topic")
    if missing:
        nearest = max(candidates, key=lambda c: c.score)
        citations, parts = _cite(_with_continuations([nearest], index), index)
        return Answer(
            _refusal_text(missing, language, parts), True, citations, round(score, 4), "missing_fact", missing
        )
    # Whether to answer was decided above, without the labelled questions' quotes; which sentence answers first is
    # read from them too: a question asked like a labelled one is answered by the sentence quoted for it.
    if lift is not None and params.lift_weight and result.query_vector is not None:
        candidates, close = _lifted(candidates, close, lift, params.lift_weight, result.query_vector, index)
    chosen = _select(candidates, close, analysis, params, index, _quoted_for_the_same(candidates, answered_like or {}))
    if named_section and whole_list and analysis.expects == "list":
        # "Vilka prioriterade insatser finns inom område B?": the named part's list, whole and in order, not the
        # items closest to the question's words.
        chosen = _whole_list(chosen, candidates, index) or chosen
    citations, parts = _cite(chosen, index)
    return Answer(" ".join(parts), False, citations, round(score, 4))


def _lifted(
    candidates: list[_Sentence],
    close: list[_Sentence],
    lift: SentenceLift,
    weight: float,
    query: np.ndarray,
    index: LoadedIndex,
) -> tuple[list[_Sentence], list[_Sentence]]:
    """``candidates`` and ``close`` with the lift added to the scores of the sentences of documents it was fitted on."""
    known = [c for c in candidates if index.passages[c.passage_index].doc_id in lift.documents]
    if not known:
        return candidates, close
    added = lift.lifts(query, np.stack([c.vector for c in known]))
    by_position = {
        (c.passage_index, c.sentence_index): replace(c, score=c.score + weight * float(a))
        for c, a in zip(known, added, strict=True)
    }

    def lifted(sentences: list[_Sentence]) -> list[_Sentence]:
        return [by_position.get((c.passage_index, c.sentence_index), c) for c in sentences]

    return lifted(candidates), lifted(close)


def _on_subject(
    candidates: list[_Sentence],
    close: list[_Sentence],
    analysis: QuestionAnalysis,
    floor: float,
    subject: SubjectCheck,
    index: LoadedIndex,
    closest: _Sentence | None = None,
) -> list[_Sentence]:
    """Sentences scoring at least ``floor`` (or the ``closest`` to the question on its own), beyond ``close``, that
    give the value asked for and name the question's subject: the year of the vision asked about, a sentence below the
    best one about the same vision."""
    seen = {(c.passage_index, c.sentence_index) for c in close}
    return [
        c
        for c in candidates
        if (c.score >= floor or c is closest)
        and (c.passage_index, c.sentence_index) not in seen
        and satisfies(c.text, analysis)
        # A year is given for what its sentence says; a count or measure for the words around it.
        and subject(
            c.text if analysis.expects in ("date", "day") else around_figures(c.text),
            str(index.passage_languages[c.passage_index]),
        )
    ]


def _date_of_something_else(
    close: list[_Sentence],
    candidates: list[_Sentence],
    analysis: QuestionAnalysis,
    subject: SubjectCheck,
    index: LoadedIndex,
    language: str,
) -> bool:
    """Whether the dates ``close`` gives are of something else: no sentence giving one names the question's subject
    (see ``subject``), while a sentence of the top passages names it without a date — the documents speak of what was
    asked about and give no date for it. Only for passages in the question's ``language``: across languages the
    subject's words are not read reliably."""

    def named(c: _Sentence) -> bool:
        return subject(c.text, str(index.passage_languages[c.passage_index]))

    giving = [c for c in close if satisfies(c.text, analysis)]
    if not giving or any(str(index.passage_languages[c.passage_index]) != language for c in giving):
        return False
    if any(named(c) for c in giving):
        return False
    return any(named(c) and not satisfies(c.text, analysis) for c in candidates)


def _whole_list(chosen: list[_Sentence], candidates: list[_Sentence], index: LoadedIndex) -> list[_Sentence]:
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


def _asked_like_answered(score: float, known_question: float | None, params: AnswerParams) -> bool:
    """Whether a question sharing no topic word with the top passages is asked so much like questions they answered
    that it is theirs all the same (see ``AnswerParams.unmentioned_below``)."""
    if params.unmentioned_below is None or known_question is None:
        return False
    return score + params.bank_weight_sv * known_question >= params.unmentioned_below


def confidence(query_vector: np.ndarray, best_similarity: float, background: np.ndarray) -> float:
    """How well the documents answer: the best sentence's similarity plus how far it stands out.

    Raw similarities of this model sit in a narrow band (0.75-0.95) whose level shifts from question
    to question, so the best score alone separates answerable from unanswerable questions poorly.
    Subtracting the question's median similarity to generic background sentences (bundled, not
    indexed) removes that shift without depending on the indexed documents.
    """
    level = float(np.median(background @ query_vector)) if len(background) else 0.0
    return best_similarity + (best_similarity - level)


@dataclass(frozen=True)
class _Sentence:
    passage_index: int
    sentence_index: int
    vector: np.ndarray
    similarity: float
    """Cosine similarity to the question."""
    score: float
    """Similarity plus the passage's share of the retrieval score."""
    rank: int
    text: str


def _candidates(
    result: SearchResult, index: LoadedIndex, params: AnswerParams, analysis: QuestionAnalysis
) -> list[_Sentence]:
    """Sentences of the top passages that can answer: content, or the labels the question asks for."""
    question = result.question
    if result.query_vector is None:
        return []
    allowed = {"content"}
    if analysis.expects in ("person", "agent"):
        allowed.add("name_line")
    # A dateline dates its document: it answers when the document (or its foreword) was dated, signed or written, not
    # when something it plans will happen ("When will the council be set up?").
    if analysis.expects in ("date", "day") and (
        asks_when_dated(question, analysis, index) or _AUTHORSHIP.search(question)
    ):
        allowed.add("dateline")
    hits = result.hits[: params.passages]
    top = max((h.score for h in hits), default=1.0) or 1.0
    out = []
    for rank, hit in enumerate(hits):
        passage = index.passages[hit.index]
        vectors = index.passage_sentence_vectors(hit.index)
        similarities = vectors @ result.query_vector
        bonus = params.passage_weight * (hit.score / top)
        for j, (vector, similarity) in enumerate(zip(vectors, similarities, strict=True)):
            a, b = passage.sentences[j]
            text = passage.text[a:b]
            role = sentence_role(text)
            if role == "name_line" and not _asks_for_line(question, text, passage.section_path):
                continue
            if role in allowed:
                out.append(_Sentence(hit.index, j, vector, float(similarity), float(similarity) + bonus, rank, text))
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
    doc_id: str, found: list[_Sentence], index: LoadedIndex, query: np.ndarray, rank: int
) -> list[_Sentence]:
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
                out.append(_Sentence(i, j, vector, similarity, similarity, rank, text))
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


def _quoted_for_the_same(
    candidates: list[_Sentence], answered_like: Mapping[int, tuple[str, ...]]
) -> frozenset[tuple[int, int]]:
    """Positions of the candidate sentences that hold (or lie within) a quote of a labelled question asking the same
    thing, in a passage that answered it."""
    return frozenset(
        (c.passage_index, c.sentence_index)
        for c in candidates
        if (quotes := answered_like.get(c.passage_index)) and is_quoted(c.text, quotes)
    )


def _missing(
    close: list[_Sentence],
    analysis: QuestionAnalysis,
    vocabulary: frozenset[str],
    index: LoadedIndex,
    role: AbstractSet[str] = frozenset(),
    language: str | None = None,
) -> dict[str, Any]:
    """What the question asks for that none of the close sentences gives (empty when all is there). A value must be
    given in a passage naming what the question names, when asked in the passage's ``language`` (see
    ``_of_what_is_named``). A person, body or organisation must come with a word of the question's topic (``role``: the
    role or body asked about) in its sentence or the ones beside it."""
    unknown = [*analysis.absent_terms, *(name for name in analysis.names if not known_in(name, vocabulary))]
    if unknown:
        return {"element": "name", "name": unknown[0]}
    pool = close
    for year in analysis.years:
        pool = [c for c in pool if mentions_year(_with_neighbours(c, index), year)]
        if not pool:
            element = analysis.expects if analysis.checkable else "year"
            return {"element": element, "year": year}
    if analysis.checkable and not any(satisfies(c.text, analysis) for c in pool):
        return {"element": analysis.expects, **({"year": analysis.years[0]} if analysis.years else {})}
    if analysis.expects in VALUES and not _of_what_is_named(pool, analysis, index, language):
        # "När är deadline för <en myndighets> bidrag?": a date of something else ("under våren 2025") is no answer.
        return {"element": analysis.expects}
    if analysis.expects in _WHO and role:
        in_role = [c for c in pool if satisfies(c.text, analysis) and role & _sentence_terms(c, index)]
        if not in_role:
            return {"element": analysis.expects}
    return {}


_WHO = ("person", "agent", "organisation")


def _of_what_is_named(
    pool: list[_Sentence], analysis: QuestionAnalysis, index: LoadedIndex, language: str | None
) -> bool:
    """Whether a sentence of ``pool`` giving the value asked for stands in a passage writing every name the question
    asks it of, as the documents write them ("<Myndigheten>s" for "<Myndigheten>"). Only for a passage in the
    question's ``language`` and a name the documents write in the question's form: across languages a name is spelt
    otherwise ("Europe" for "Europa")."""
    patterns = [p for p in (_name_pattern(name) for name in analysis.names) if p is not None]
    giving = [c for c in pool if satisfies(c.text, analysis)]

    def named_in(c: _Sentence, names: list[re.Pattern[str]]) -> bool:
        if str(index.passage_languages[c.passage_index]) != language:
            return True
        return all(p.search(index.passages[c.passage_index].text) for p in names)

    if any(named_in(c, patterns) for c in giving):
        return True  # the usual case, without reading the other passages
    written = [p for p in patterns if any(p.search(passage.text) for passage in index.passages)]
    return not written or any(named_in(c, written) for c in giving)


def _name_pattern(name: str) -> re.Pattern[str] | None:
    """A name as written at the start of a word, without a genitive ending ("EU:s", "<Name>s", "<Name>'s"); a name
    of capitalised words also as its initials ("<Business Region Town>" as "BRT")."""
    bare = re.sub(r"(?::s|['’]s)$", "", name.strip())
    words = bare.split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].isupper():
        words[-1] = words[-1][:-1]  # "<Vetenskapsrådet>s": written "<Vetenskapsrådet>" (or with the s again)
    if not words or len(" ".join(words)) < 2:
        return None
    forms = [r"\s+".join(re.escape(w) for w in words)]
    if len(words) >= 2 and all(w[:1].isupper() for w in words):
        forms.append(re.escape("".join(w[0] for w in words)) + r"(?![^\W\d_])")
    return re.compile(r"(?<![\w-])(?:" + "|".join(forms) + ")")


def depends_on_margin(analysis: QuestionAnalysis) -> bool:
    """Whether ``fact_margin`` can change the refusal of a question with this analysis: ``_missing`` reads the close
    sentences only for an element, a year or a who (``calibrate`` asks the others at one margin)."""
    return analysis.checkable or bool(analysis.years) or analysis.expects in _WHO


def _in_role(
    close: list[_Sentence], candidates: list[_Sentence], role: set[str], index: LoadedIndex
) -> list[_Sentence]:
    """For a who question: the close sentences that name the role or body asked about, and any signature line that
    names all of it ("Anders Holm (C) Kommunstyrelsens ordförande" for "Vem är kommunstyrelsens ordförande?"; not
    for "Vem blir ordförande i det nya rådet?"), however far its vector; the close sentences as they are when none
    does."""
    seen = {(c.passage_index, c.sentence_index) for c in close}
    lines = [
        c
        for c in candidates
        if (c.passage_index, c.sentence_index) not in seen
        and sentence_role(c.text) == "name_line"
        and role <= set(tokenize(c.text, None, str(index.passage_languages[c.passage_index])))
    ]
    in_role = [c for c in [*close, *lines] if role & _sentence_terms(c, index)]
    return in_role or close


def _sentence_terms(sentence: _Sentence, index: LoadedIndex) -> set[str]:
    """Whole stems of the sentence, the ones beside it and its headings (not six-letter keys or compound parts:
    "regiondirektör" is not "regionala")."""
    passage = index.passages[sentence.passage_index]
    text = " ".join((*passage.section_path, _with_neighbours(sentence, index)))
    return set(tokenize(text, None, str(index.passage_languages[sentence.passage_index])))


def quoted_sentences(positions: Sequence[tuple[int, int]], index: LoadedIndex) -> tuple[list[Citation], list[str]]:
    """Citations and quoted parts ("<quote> [n]") for sentences chosen by position ((passage, sentence), best first),
    as an answer quotes them."""
    chosen = [
        _Sentence(
            p, s, index.passage_sentence_vectors(p)[s], 0.0, float(-rank), 0, index.passages[p].sentence_texts()[s]
        )
        for rank, (p, s) in enumerate(positions)
    ]
    return _cite(chosen, index)


def missing_answer(
    missing: dict[str, Any], language: str, nearest: Sequence[tuple[int, int]], index: LoadedIndex
) -> Answer:
    """The specific refusal for ``missing`` (see ``Answer.missing``), quoting the ``nearest`` sentences."""
    citations, parts = quoted_sentences(nearest, index)
    return Answer(_refusal_text(missing, language, parts), True, citations, 1.0, "missing_fact", missing)


def _refusal_text(missing: dict[str, Any], language: str, quoted: list[str]) -> str:
    """What the documents do not give, then what they say nearby ("… Närmast: <quote> [1]")."""
    return f"{_missing_sentence(missing, language)} {_NEAREST[language]} {' '.join(quoted)}"


def _missing_sentence(missing: dict[str, Any], language: str) -> str:
    element, year, name = missing["element"], missing.get("year"), missing.get("name")
    if element == "name":
        return f"Dokumenten nämner inte {name}." if language == "sv" else f"The documents do not mention {name}."
    if element == "expansion":
        return (
            f"Dokumenten skriver inte ut vad {name} står för."
            if language == "sv"
            else f"The documents do not spell out what {name} stands for."
        )
    if element == "year":
        return (
            f"Dokumenten säger inget om {year} i den frågan."
            if language == "sv"
            else f"The documents say nothing about {year} on this."
        )
    what = _MISSING_ELEMENT[language][element]
    if language == "sv":
        return f"Dokumenten anger {what}{f' för {year}' if year else ''} som svarar på frågan."
    return f"The documents give {what}{f' for {year}' if year else ''} in answer to this question."


def _with_neighbours(sentence: _Sentence, index: LoadedIndex) -> str:
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


def _select(
    candidates: list[_Sentence],
    close: list[_Sentence],
    analysis: QuestionAnalysis,
    params: AnswerParams,
    index: LoadedIndex,
    quoted: AbstractSet[tuple[int, int]] = frozenset(),
) -> list[_Sentence]:
    """The best sentence that gives what was asked, then close runners-up that do too, without repeats. ``quoted``
    (passage and sentence positions): sentences quoted for a labelled question asking the same thing; when any of
    them is usable, they answer, the best first."""
    usable = [c for c in close if satisfies(c.text, analysis)] if analysis.checkable else candidates
    for year in analysis.years:
        usable = [c for c in usable if mentions_year(_with_neighbours(c, index), year)] or usable
    usable = usable or candidates
    ranked = sorted(usable, key=lambda c: -c.score)
    ranked = [c for c in ranked if (c.passage_index, c.sentence_index) in quoted] or ranked
    first = ranked[0]
    chosen = [first]
    for c in ranked[1:]:
        if len(chosen) >= params.max_sentences or c.score < first.score - params.margin:
            break
        if not any(float(c.vector @ s.vector) >= params.redundancy for s in chosen):
            chosen.append(c)
    return _with_continuations(chosen, index)


_CONTINUES = re.compile(r"^(Dessa|Detta|Denna|Det|De|Där|Här|These|This|They|It|There)\b")


_LIST_ITEM = re.compile(r"^\s*(?:[-–•*▪]|\d{1,2}[.)]|[a-z][.)])\s")
"""A list item as the cleaned text keeps it ("- …", "• …", "1) …")."""
_MAX_LIST_ITEMS = 12


def _with_continuations(chosen: list[_Sentence], index: LoadedIndex) -> list[_Sentence]:
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
            out.append(_Sentence(nxt[0], nxt[1], vector, s.similarity, s.score, s.rank, text))
            known.add(nxt)
            at = nxt
            if not item:
                break
    return out


def _with_antecedents(chosen: list[_Sentence], index: LoadedIndex) -> list[_Sentence]:
    """A sentence that points back (*Regeringen främjar dessa förutsättningar.*) brings the sentence before it in its
    section (also across a passage boundary), which says what it points at; alone it would be a quote that means
    nothing."""
    known = {(c.passage_index, c.sentence_index) for c in chosen}
    out = []
    for s in chosen:
        earlier: list[_Sentence] = []
        text, before = s.text, _previous_sentence(index, s.passage_index, s.sentence_index)
        # Two steps at most: "… Det är därför avgörande att … Regeringen främjar dessa förutsättningar."
        while len(earlier) < _MAX_ANTECEDENTS and before is not None and before not in known and refers_back(text):
            passage_index, at = before
            a, b = index.passages[passage_index].sentences[at]
            text = index.passages[passage_index].text[a:b]
            if not is_answer_material(text):
                break
            vector = index.passage_sentence_vectors(passage_index)[at]
            earlier.insert(0, _Sentence(passage_index, at, vector, s.similarity, s.score, s.rank, text))
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


def _cite(chosen: list[_Sentence], index: LoadedIndex) -> tuple[list[Citation], list[str]]:
    """One citation per chosen sentence, best first; adjacent sentences of one passage share a quote."""
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
        citation = passage.cite(n, start, end)
        citations.append(citation)
        parts.append(f"{' '.join(citation.quote.split())} [{n}]")
    return citations, parts
