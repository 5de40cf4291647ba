"""The facade the CLI, the API and the web app ask: a loaded index with its embedder, answering questions,
outlines, crosswalk and proposal checks. Keeping the index fresh lives in ``indexing``, input checks in
``validation`` (re-exported here for callers that know only the engine)."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import asdict, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from strategiqa.ingest.load import CorpusProfile, read_profile
from strategiqa.ingest.model import Citation, Document
from strategiqa.retrieval.bank_files import sibling_file
from strategiqa.retrieval.cache import EmbeddingCache
from strategiqa.retrieval.embedders import Embedder
from strategiqa.retrieval.index import LoadedIndex
from strategiqa.retrieval.language import detect_language
from strategiqa.retrieval.question_bank import QuestionBank
from strategiqa.retrieval.routing import DocumentRouter
from strategiqa.retrieval.search import Hit, Searcher, SearchParams, SearchResult

from .alignment import Aligner
from .alignment_levels import crosswalk_cuts, with_levels
from .answer import Answer, AnswerParams, compose_answer
from .answer_sentences import asks_when_dated, asks_who_signed
from .calibration import answer_params, read_calibration
from .corpus_words import CorpusWords
from .direct_answers import DirectAnswers
from .expansions import answer_expansion
from .followup import resolve_followup
from .indexing import IngestReport, Notice, fresh_index, ingest, make_embedder
from .items import numbered_item
from .outline import goal_sections
from .overview import Overview, answer_overview, asks_section_title, counts_sections
from .question_wording import asks_to_list_too, has_question_word, without_format_request, without_trailing_filler
from .questions import VALUES, QuestionAnalysis
from .scope_reading import ScopeReader
from .sections import (
    find_section,
    section_numbers,
)
from .sentence_lift import Considered, SentenceLift
from .settings import Settings
from .sources import source_lead
from .subject import SUBJECT_HEAD, SubjectMatcher
from .titles import SectionTitles
from .topic import topic_words
from .validation import BadInput, validate_question, validate_request
from .views import IndexViews

BACKGROUND_SENTENCES = Path(__file__).parent / "data" / "background_sentences.txt"
log = logging.getLogger(__name__)
__all__ = ["BadInput", "Engine", "IngestReport", "ingest", "make_embedder", "validate_question", "validate_request"]


class Engine:
    """A loaded index with its embedder: what the CLI, the API and the evaluation ask questions of."""

    def __init__(self, settings: Settings, index: LoadedIndex, embedder: Embedder) -> None:
        self.settings = settings
        self.index = index
        self.embedder = embedder
        explicit = {k: v for k, v in settings.search.model_dump().items() if v is not None}
        questions = QuestionBank.load(
            sibling_file(settings.calibration_file, "questions", embedder.model_id), embedder.model_id
        )
        self.searcher = Searcher(index, embedder, replace(SearchParams(), **explicit), questions=questions)
        self.answer_params: AnswerParams = answer_params(settings.answer, settings.calibration_file, embedder.model_id)
        self.sentence_lift = SentenceLift.load(
            sibling_file(settings.calibration_file, "lift", embedder.model_id), embedder.model_id
        )

    @cached_property
    def words(self) -> CorpusWords:
        """The documents' words and what they tell about a question (see ``corpus_words``)."""
        return CorpusWords(self.index, self.profile, self.settings, self.answer_params)

    @cached_property
    def views(self) -> IndexViews:
        """Passages, citations and outlines as callers show them (see ``views``)."""
        return IndexViews(self.index, self.profile, self.settings)

    @cached_property
    def scopes(self) -> ScopeReader:
        """The sections a question names or keeps from the one before it (see ``scope_reading``)."""
        return ScopeReader(self.index, self.router, self.profile, self._outline)

    @cached_property
    def direct(self) -> DirectAnswers:
        """Answers found before the passages' sentences are read: initialisms, mentions, crosswalk links."""
        return DirectAnswers(self.index, self.router, self.words, self.profile, self.scopes, lambda: self.crosswalk)

    def outline(self) -> dict[str, Any]:
        """Every document's section tree (see ``views.IndexViews.outline``)."""
        return self.views.outline()

    def document_outline(self, doc_id: str) -> dict[str, Any] | None:
        """One document's section tree with its passages' ids; None if unknown."""
        return self.views.document_outline(doc_id)

    def passage(self, passage_id: str) -> dict[str, Any] | None:
        """A passage with its citation reference; None if the id is unknown."""
        return self.views.passage(passage_id)

    def info(self) -> dict[str, Any]:
        """What the index was built from and where it lives."""
        return self.views.info()

    def analyse(self, question: str) -> QuestionAnalysis:
        """What ``question`` asks for (see ``corpus_words.CorpusWords.analyse``)."""
        return self.words.analyse(question)

    def with_accents(self, question: str, language: str | None = None) -> str:
        """``question`` read with the documents' accents (see ``corpus_words.CorpusWords.with_accents``)."""
        return self.words.with_accents(question, language)

    @classmethod
    def open(cls, settings: Settings, notice: Notice | None = None) -> Engine:
        """Load the index, rebuilding it first when it is missing, stale or damaged and auto-ingest is on."""
        embedder = make_embedder(settings)
        index = fresh_index(settings, embedder, notice or (lambda msg: log.warning(msg)))
        return cls(settings, index, embedder)

    def search(
        self,
        question: str,
        top_k: int | None = None,
        mode: str | None = None,
        previous_question: str | None = None,
        docs: Sequence[str] | None = None,
        exclude_questions: str | None = None,
    ) -> SearchResult:
        """Ranked passages; a follow-up is read against ``previous_question``, an overview question
        lists its sections' first passages first; ``docs`` limits the search to those document ids;
        ``exclude_questions``: a labelled set the question bank leaves out (evaluation only)."""
        result, read_as, overview, _, _, _, _ = self._retrieve(
            question, top_k, mode, previous_question, docs, exclude_questions
        )
        if overview is None or self._counts_only(result.question, read_as):
            return result  # as ``ask``: a count question is answered from the text first
        return self._overview_first(result, overview)

    def ask(
        self,
        question: str,
        top_k: int | None = None,
        mode: str | None = None,
        previous_question: str | None = None,
        params: AnswerParams | None = None,
        docs: Sequence[str] | None = None,
        exclude_questions: str | None = None,
        considered: Considered | None = None,
    ) -> dict[str, Any]:
        """The ``ask --json`` object: the cited answer (or the refusal and why), plus the ranked passages.
        ``docs`` (document ids) limits the question to those documents; unknown ids are BadInput.
        ``exclude_questions``: a labelled set the question bank leaves out (evaluation only); ``considered``: collects
        the sentences the answer was chosen from (see ``answer.compose_answer``; calibration only)."""
        result, read_as, overview, within, sections, item, whole_list = self._retrieve(
            question, top_k, mode, previous_question, docs, exclude_questions
        )
        typed = validate_question(question, self.settings.max_question_chars)
        base = {
            "question": typed,  # as typed: the accents it lacked (see ``spelling``) are read in, not shown
            "interpreted_as": read_as,
            "sections": sections,
            "documents": sorted(docs) if docs else [d.info.doc_id for d in self.index.documents],
            "language": result.language,
            "mode": result.mode,
            "index_version": self.index.version,
        }
        # A question about a numbered item asks what it asks of the item: its analysis and topic are the question's
        # own, not the item's text it was read with ("Vem ansvarar för delmål 2.1?" still needs a body).
        asked = f"{result.question.strip()} ({item})" if item else read_as
        analysis = self._analyse_asked(result.question, asked)
        named = self.router.named(read_as or result.question)
        if analysis.expects == "called" and self._asks_a_sections_title(result.question, named):
            # The name of a section is its title, which the answer's lead gives for the passage it quotes.
            analysis = replace(analysis, expects="description")
        signatory = self.words.names_a_signatory(read_as or result.question)
        if signatory and analysis.expects not in ("person", "agent") and _ROLE_ASKED.search(read_as or result.question):
            # "Vilken roll har <a signatory>?", "What is <a signatory>'s post?": their name line answers, as it does
            # "Vem är <a signatory>?".
            analysis = replace(analysis, expects="person")
        # The question itself: read with the one before it, a follow-up would ask the earlier one's initialism again.
        asked_expansion = self.direct.expansion(result.question, docs, named)
        if asked_expansion is not None:  # "Vad står ABC för?": the sentence writing it out, not the closest one
            expansion, stands_for = asked_expansion
            answer = answer_expansion(expansion, self.index, result.language, stands_for)
            return self._answer_fields(base, self._cited_first(result, answer.citations), answer, None)
        # "Nämns X i strategin?", or a name only another document writes: where the documents write it answers.
        mentions = self.direct.mentions(read_as or result.question, analysis, docs, result.language)
        if mentions is not None:
            return self._answer_fields(base, self._cited_first(result, mentions.citations), mentions, None)
        # "Vilka nationella mål hänger ihop med insatsområde 4?": the crosswalk's links, said to be computed.
        links = self.direct.links(question, docs, result.language) or self.direct.links(
            self.direct.links_followup(question, previous_question) or "", docs, result.language
        )
        if links is not None:
            text, citations = links
            return {
                **self._answer_fields(base, self._cited_first(result, citations), Answer("", True, [], 1.0), None),
                # The lead says where the links come from: no source line before it, and no refusal.
                "answer": text,
                "answer_kind": "crosswalk",
                "abstained": False,
                "citations": [self.views.citation_fields(asdict(c)) for c in citations],
            }
        # "How many areas …?": the text may state the count in a sentence worth quoting; the outline
        # answers when it does not.
        if overview is not None and not self._counts_only(result.question, read_as):
            return self._overview_answer(base, result, overview)
        if result.query_vector is None:  # bm25 mode retrieves without the embedder; answers still need it
            result = replace(result, query_vector=self.embedder.embed_query(result.question))
        if result.focus_vector is None and (params or self.answer_params).focus_share:
            # Only hybrid search embeds the focused question; the confidence needs it in every mode, or the
            # thresholds (fitted on the blend) would mean something else in dense and bm25 mode.
            focused = self.router.focus(read_as or result.question)
            if focused:
                result = replace(result, focus_vector=self.embedder.embed_query(focused))
        # A question naming a section is answered from that section's passages only (see ``sections``).
        scoped = [h for h in result.hits if h.index in within]
        best_hits = scoped or result.hits
        # Hybrid search embedded the question as the bank's questions are (names stripped); the other modes did not,
        # so the bank embeds it itself.
        bank_vector = result.query_vector if result.mode == "hybrid" else None
        if bank_vector is None and self.searcher.questions is not None:
            bank_vector = self.searcher.question_vector(read_as or result.question)
        known = (
            self.searcher.known_question(
                read_as or result.question, best_hits[0].passage.doc_id, exclude_questions, bank_vector
            )
            if best_hits
            else None
        )
        answer = compose_answer(
            replace(result, hits=scoped) if scoped else result,
            self.index,
            analysis,
            self.background_vectors,
            self.words.known_names,
            params or self.answer_params,
            # "Who wrote the foreword to <a document>?" names the part of that document that answers.
            named_section=bool(scoped)
            or (
                (
                    asks_who_signed(read_as or result.question, analysis)
                    or asks_when_dated(read_as or result.question, analysis, self.index)
                )
                and named is not None
            )
            # Who a person the documents sign with is, or their role: the documents' topic, however far the vector.
            or (signatory and analysis.expects in ("person", "agent")),
            asked=asked,
            whole_list=whole_list,
            known_question=known,
            answered_like=self.searcher.answered_like(read_as or result.question, exclude_questions, bank_vector),
            subject=self.subjects.check(
                asked or result.question,
                result.language,
                self.words.names_asked(asked or result.question, analysis),
                # A year is given for what its sentence says; a count or measure is of the first words asked about.
                None if analysis.expects in ("date", "day") else SUBJECT_HEAD,
            )
            if (params or self.answer_params).subject_margin > 0
            else None,
            practical_matter=self.words.practical_matter_off_topic(read_as or result.question, result.language),
            lift=self.sentence_lift,
            considered=considered,
            synonyms=self.words.thesauri,
        )
        if overview is not None and answer.abstained:
            return self._overview_answer(base, result, overview)
        return self._answer_fields(base, result, answer, known)

    def _answer_fields(
        self, base: dict[str, Any], result: SearchResult, answer: Answer, known: float | None
    ) -> dict[str, Any]:
        return {
            **base,
            "answer": self._with_source(answer, result.language),
            "answer_kind": "extract",
            "abstained": answer.abstained,
            "abstain_reason": answer.abstain_reason,
            "missing": answer.missing or None,
            "confidence": answer.confidence,
            "labelled_question": None if known is None else round(known, 4),
            "citations": [self.views.citation_fields(asdict(c)) for c in answer.citations],
            "passages": [self.views.hit_fields(h) for h in result.hits],
        }

    def _cited_first(self, result: SearchResult, citations: Sequence[Citation]) -> SearchResult:
        """The cited passages first, then the other hits."""
        return self._first(result, [c.passage_id for c in citations])

    def _first(self, result: SearchResult, passage_ids: Sequence[str]) -> SearchResult:
        """The passages of ``passage_ids`` first, in that order and once each, then the other hits."""
        first = list(dict.fromkeys(self.index.by_id[p] for p in passage_ids))
        shown = frozenset(first)
        rest = [h for h in result.hits if h.index not in shown]
        hits = [Hit(self.index.passages[i], i, 1.0, None, None) for i in first] + rest
        return replace(result, hits=hits[: max(len(result.hits), len(first))])

    def _asks_a_sections_title(self, question: str, named: str | None) -> bool:
        """Whether ``question`` asks what a section is called ("… och vad heter i så fall den målsättningen?") and its
        words name a numbered section of the (named) documents by its title (see ``titles.SectionTitles``): "Vad heter
        målsättningen om <a topic no section has>?" still asks for a name the documents do not give."""
        if not asks_section_title(question, self.words.area_nouns):
            return False
        documents = [d for d in self.index.documents if named in (None, d.info.doc_id)]
        # By its number ("What is focus area no. 6 called …?"): a section one of them has.
        if any(find_section(d, n) is not None for n in section_numbers(question)[:1] for d in documents):
            return True
        topic = topic_words(question, self.index)
        if not topic:
            return False
        return self.match_title(topic, [s for d in documents for s in goal_sections(d)]) is not None

    def _counts_only(self, question: str, read_as: str | None) -> bool:
        """Whether a structure question asks how many only: the text may state the count in a sentence worth quoting
        (the outline answers when it does not); "… and which are they?" asks for the list too."""
        return self._analyse_asked(question, read_as).expects == "number" and not asks_to_list_too(question)

    def _with_source(self, answer: Answer, language: str) -> str:
        """An answer's text, opened by where it comes from (see ``sources``); a refusal as it is."""
        if answer.abstained or not answer.citations:
            return answer.text
        quoted = [self.index.passages[self.index.by_id[c.passage_id]] for c in answer.citations]
        lead = source_lead(quoted, language, self.views.english_path)
        return f"{lead} {answer.text}" if lead else answer.text

    def _overview_answer(self, base: dict[str, Any], result: SearchResult, overview: Overview) -> dict[str, Any]:
        return {
            **base,
            "answer": overview.text,
            "answer_kind": "overview",
            "abstained": False,
            "abstain_reason": None,
            "missing": None,
            "confidence": 1.0,
            "labelled_question": None,
            "citations": [self.views.citation_fields(asdict(c)) for c in overview.citations],
            "passages": [self.views.hit_fields(h) for h in self._overview_first(result, overview).hits],
        }

    def _retrieve(
        self,
        question: str,
        top_k: int | None,
        mode: str | None,
        previous_question: str | None,
        docs: Sequence[str] | None = None,
        exclude_questions: str | None = None,
    ) -> tuple[SearchResult, str | None, Overview | None, set[int], list[str], str | None, bool]:
        """The ranked passages (for ``read_as``, the follow-up resolved), the outline's answer, if any, the
        positions of the passages of the sections the question names (empty when it names none), those
        sections' labels and the label of the numbered item it names ("Delmål 5.2"), if any."""
        question, top_k, mode = validate_request(self.settings, question, top_k, mode)
        scope = self.validate_docs(docs)
        language = detect_language(self.router.strip_titles(question, " "))  # a Swedish title quoted in English
        question = without_trailing_filler(without_format_request(question))
        question = self.words.with_name_slips(self.words.with_accents(question, language), language)
        if previous_question is not None:
            previous = validate_question(previous_question, self.settings.max_question_chars)
            previous_question = self.words.with_name_slips(self.words.with_accents(previous), detect_language(previous))
        read_as = resolve_followup(question, previous_question, self.router)
        named_here = self.router.named(question)
        named = named_here or (self.router.named(previous_question) if read_as else None)
        # A question naming one document is answered from it: its passages rank above every other document's. A
        # boost would not do: after "Och i agendan?" the topic words still match the other document best, and a
        # Swedish question is closer to any Swedish text than to the English document it names.
        listed = self.scopes.listed_item(question, previous_question, scope) if read_as else None
        if listed is not None and named_here not in (None, listed.sections[0][0]):
            listed = None  # a follow-up naming another document asks about that one
        if listed is not None:  # read as about the item itself: "Vad står det i den sista av dem? (6.4 <title>)"
            item = listed.sections[0][1]
            read_as = f"{question.strip()} ({item.number} {item.title})"
        named_sections = listed or self.scopes.section_scope(question, previous_question, read_as is not None, scope)
        item = None
        if named_sections is None and listed is None:
            # A sub-goal numbered inside the text ("Delmål 5.2 …"), not as a heading: read as about that sentence.
            documents = [d for d in self.index.documents if scope is None or d.info.doc_id in scope]
            found = numbered_item(question, documents, self.index.passages, named)
            if found is not None:
                read_as = f"{question.strip()} ({found[1].strip()})"
                named, item = found[0].doc_id, found[2]
        within = self.scopes.passages(named_sections, scope)
        sections = self.scopes.labels(named_sections, within)
        result = self.searcher.search(
            read_as or question,
            mode=mode,
            top_k=top_k,
            language=language,
            named=named,
            only_named=named is not None,
            doc_ids=scope,
            within=within,
            exclude_questions=exclude_questions,
        )
        asked = read_as or question
        # An area named by its topic is looked up only for list and description questions: "which
        # target for the number of trials …" asks for a number the outline does not give.
        asked_for = self._analyse_asked(question, read_as)
        topical = not asked_for.checkable or counts_sections(asked, self.words.area_nouns)
        # A follow-up naming its own document lists that document's sections, not the previous question's; one
        # pointing at an item of the list before ("den sista av dem") is about that section, not the list.
        own = named_here if read_as else None
        documents = [
            d
            for d in self.index.documents
            if (scope is None or d.info.doc_id in scope) and own in (None, d.info.doc_id)
        ]
        # The outline gives titles and numbers: no date, amount, share, measure, person or place ("Vilket år antogs den
        # första strategin, den som de åtta områdena kommer ifrån?" asks for a year, whatever areas it names).
        outline_cannot = asked_for.expects in VALUES - {"number"} or asked_for.expects in ("person", "place")
        overview = None if listed or outline_cannot else self._outline(asked, language, documents, topical)
        # "What are the key actions under objective 5.4?": a part of the numbered section, named by its heading, is
        # answered from its own text, not by the outline's line on the section.
        part = named_sections is not None and all(s.number is None for _, s in named_sections.sections)
        # (An outline listing the goals the section's text numbers, "Målsättningar: 1. … 2. …", still answers.)
        if overview is not None and part and section_numbers(question) and len(overview.citations) <= 2:
            overview = None
        # Passages of a part named by its heading only are searched, not taken as the documents' own topic.
        numbered = set() if named_sections is not None and named_sections.by_heading else within
        # A list question about a named part asks for its whole list, unless it narrows it ("… som handlar om vård i
        # hemmet"): every word beyond its frame names the part or a heading above it.
        whole_list = named_sections is not None and not self.scopes.narrows_the_part(question, named_sections)
        return replace(result, question=question), read_as, overview, numbered, sections, item, whole_list

    def _outline(self, question: str, language: str, documents: list[Document], topical: bool) -> Overview | None:
        """The outline's answer to ``question`` over ``documents`` (see ``overview.answer_overview``)."""
        return answer_overview(
            question,
            language,
            documents,
            self.index.passages,
            self.words.scope_phrases,
            self.match_title if topical else None,
            self.router,
            self.words.heading_stems,
            self.words.area_nouns,
            self.profile.english_title,
        )

    def _overview_first(self, result: SearchResult, overview: Overview) -> SearchResult:
        """The list's introduction and the listed sections' first passages, then the other hits."""
        shown = ([overview.introduction] if overview.introduction else []) + overview.passages
        return self._first(result, [p.passage_id for p in shown])

    @cached_property
    def background_vectors(self) -> np.ndarray:
        """Generic sentences' vectors: each question's background level for the confidence (see ``answer``)."""
        lines = BACKGROUND_SENTENCES.read_text(encoding="utf-8").splitlines()
        sentences = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        return self.cached_passage_vectors(sentences)

    def cached_passage_vectors(self, texts: list[str]) -> np.ndarray:
        """Passage vectors of ``texts`` through the embedding cache: text embedded once is not embedded again
        (the section titles, for instance, were embedded when the index was built)."""
        cache = EmbeddingCache(self.settings.embedding_cache_path)
        try:
            vectors = cache.embed(self.embedder.model_id, "passage", texts, self.embedder.embed_passages)
        finally:
            cache.close()
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    @cached_property
    def match_title(self) -> SectionTitles:
        """The goal section a few words name (see ``titles.SectionTitles``), for outline questions."""
        return SectionTitles(
            self.index, self.profile, self.embedder, self.cached_passage_vectors, self.answer_params.title_margin
        )

    @cached_property
    def subjects(self) -> SubjectMatcher:
        """Which words of the index are rare, and single-word vectors (see ``subject``), read once."""
        params = self.answer_params
        return SubjectMatcher(self.index, self.embedder, params.subject_rare, params.subject_word_match)

    def _analyse_asked(self, question: str, read_as: str | None) -> QuestionAnalysis:
        """A follow-up with its own question word asks for what that word asks ("And what is it
        supposed to do?" after "Which body …?" asks for a description); one without ("Och 2023?")
        asks what the previous question asked, read together with it."""
        if read_as is None or has_question_word(question):
            return self.words.analyse(question)
        # Read as "<follow-up> (<earlier question>)": the earlier question's word opens what is asked ("Och agendan?
        # (Vem skrev under förordet?)" asks for a name), the follow-up's own words (a year) still count.
        typed = question.strip()
        if read_as.startswith(f"{typed} (") and read_as.endswith(")"):
            return self.words.analyse(f"{read_as[len(typed) + 2 : -1]} {typed}")
        return self.words.analyse(read_as)

    @cached_property
    def aligner(self) -> Aligner:
        return Aligner(self)

    @property
    def router(self) -> DocumentRouter:
        """Which document a question names (from the manifest: names, cues, places)."""
        assert self.index.router is not None, "LoadedIndex builds its router"
        return self.index.router

    def validate_docs(self, docs: Sequence[str] | None) -> set[str] | None:
        """The document ids a question is limited to (None: all); BadInput naming an unknown id."""
        if not docs:
            return None
        known = [d.info.doc_id for d in self.index.documents]
        unknown = [d for d in docs if d not in known]
        if unknown:
            raise BadInput(f"Unknown document id {unknown[0]!r}; known: {', '.join(known)}.")
        return set(docs)

    @cached_property
    def crosswalk(self) -> dict[str, Any]:
        """The index's crosswalk with a level (clear, possible, none) on every area × objective, cut from
        its scores by the cuts fitted on the expert map for this model (``calibrate --links``), as callers show it
        (``views.IndexViews.crosswalk``: English titles, evidence references and links, documents not linked)."""
        entry = read_calibration(self.settings.calibration_file).get(self.embedder.model_id, {})
        return self.views.crosswalk(with_levels(self.index.crosswalk, crosswalk_cuts(entry)))

    def align(self, text: str, exclude_examples: str | None = None) -> dict[str, Any]:
        """Rank the focus areas and objectives a proposal supports (see ``alignment``); nothing is stored. Shown with
        English titles, links to the strategy sentences and the documents the check does not score
        (``views.IndexViews.alignment``). ``exclude_examples``: a labelled set the proposal check leaves out of its
        examples (evaluation only)."""
        return self.views.alignment(self.aligner.align(text, exclude_examples), self._scored_doc_ids)

    @cached_property
    def profile(self) -> CorpusProfile:
        """The corpus profile: example questions and hand-written English section titles."""
        return read_profile(self.settings.corpus_dir)

    def strategy_documents(self) -> list[dict[str, Any]]:
        """Title and year of each document the proposal check scores (one with focus areas or objectives), for
        report headers: a document it does not check (another role, no numbered headings) is not named there."""
        return [
            {"title": d.info.title, "year": d.info.year}
            for d in self.index.documents
            if d.info.doc_id in self._scored_doc_ids
        ]

    @cached_property
    def _scored_doc_ids(self) -> frozenset[str]:
        """The documents the proposal check scores: those with focus areas or objectives of a checked role."""
        return frozenset(u.doc_id for targets in self.aligner.targets.values() for u in targets.units)


_ROLE_ASKED = re.compile(
    r"\b(?:roll|rollen|post|posten|ministerpost\w*|titel|titeln|befattning\w*|uppdrag\w*|tjänst\w*|roles?|posts?|"
    r"positions?|titles?|job|office)\b",
    re.IGNORECASE,
)
"""Words asking for a person's role or post ("Vilken roll har …?", "What is …'s position?")."""
