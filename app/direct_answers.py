"""Answers found before the passages' sentences are read: what an initialism stands for, whether the documents
mention a name, and which sections of the other document a numbered section goes with (the crosswalk's links).

Each returns None when the question is not of its kind; the engine then composes the ordinary extractive answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from strategiqa.ingest.load import CorpusProfile
from strategiqa.ingest.model import Citation
from strategiqa.retrieval.index import LoadedIndex
from strategiqa.retrieval.routing import DocumentRouter

from .answer import Answer
from .corpus_words import CorpusWords
from .expansions import Expansion, asked_initialism, find_expansion
from .links import ASKS_LINK, asks_beyond_links, asks_other_side, find_links, links_answer, wants_areas
from .mentions import (
    ASKS_MENTION,
    Mentions,
    asked_places,
    find_mentions,
    not_mentioned,
    not_there,
    other_words,
    quote_mentions,
    written_otherwise,
)
from .question_names import without_asker_context
from .questions import QuestionAnalysis
from .scope_reading import ScopeReader
from .sections import SectionScope, find_section, own_area_nouns, scope_of, section_numbers, without_section_references
from .topic import asked_topic


class DirectAnswers:
    """The answers of one loaded index that come from its text or crosswalk directly, not from the closest sentences."""

    def __init__(
        self,
        index: LoadedIndex,
        router: DocumentRouter,
        words: CorpusWords,
        profile: CorpusProfile,
        scopes: ScopeReader,
        crosswalk: Callable[[], dict[str, Any]],
    ) -> None:
        self.index = index
        self.router = router
        self.words = words
        self.profile = profile
        self.scopes = scopes
        # Called only when links are asked for: the crosswalk with its levels is built on first use.
        self.crosswalk = crosswalk

    def expansion(self, question: str, docs: Sequence[str] | None, named: str | None) -> tuple[Expansion, bool] | None:
        """Where the documents (those asked about, or the one the question names) write out the initialism the question
        asks the meaning of, or use it without doing so, and whether it asks what the initialism stands for (see
        ``expansions.asked_initialism``); None when it asks none or they never use it (the ordinary answer says so)."""
        asked = asked_initialism(question)
        if asked is None:
            return None
        initialism, stands_for = asked
        documents = set(docs) if docs else ({named} if named else None)
        expansion = find_expansion(self.index, initialism, documents)
        return None if expansion is None else (expansion, stands_for)

    def mentions(
        self, question: str, analysis: QuestionAnalysis, docs: Sequence[str] | None, language: str
    ) -> Answer | None:
        """Whether the documents asked about write the names ``question`` asks about and nothing else (see
        ``mentions``): asked whether they mention them, the sentences writing them; a question naming one document and
        names only another writes, the refusal saying where they stand; asked whether they mention a name no document
        writes in any form, the refusal saying so. None: the ordinary answer decides (also when the asker chose the
        documents: where else a name stands is not theirs to be told here)."""
        if docs:
            return None
        # A place asked about is no document named: "Nämner strategin <the agenda's city>?" asks of the strategy.
        asked = set(self.router.named_all(self.router.strip_places(question))) or set(self.words.short_titles)
        mention = bool(ASKS_MENTION.search(question))
        across = language not in {self.words.document_language[d] for d in asked}
        texts = [self.words.document_texts[d] for d in asked]
        words = self.words.words_of(asked)

        def find(name: str) -> Mentions:
            return find_mentions(self.index, name, asked, texts, words, across)

        found = [find(name) for name in analysis.names]
        if mention:
            # Asked whether they mention it, and nothing more ("Nämns kliniska prövningar och X …?" asks about trials).
            if other_words(asked_topic(question, self.index), analysis.names):
                return None
            # Whether a document writes a place is asked like a name ("Nämns <its city> i agendan?"); a place no
            # document writes may be written otherwise there (a city's English name): not for this check.
            places = {p for d in self.index.documents for p in d.info.places}
            more = [
                p for p in asked_places(question, places) if not any(p.lower() in n.lower() for n in analysis.names)
            ]
            found += [m for m in map(find, more) if m.in_asked or m.elsewhere]
            if any(m.asked for m in found):
                return quote_mentions([p for m in found for p in m.asked], self.index)
        elsewhere = next((m for m in found if m.elsewhere), None)
        if len(asked) == 1 and elsewhere is not None and not any(m.in_asked for m in found):
            return not_there(elsewhere, self.index, language, self.words.short_titles, next(iter(asked)))
        slip = self.words.params.slip_similarity
        if (
            mention
            and found
            and not any(
                m.in_asked or m.elsewhere or written_otherwise(m.name, self.words.vocabulary, across, slip)
                for m in found
            )
        ):
            return not_mentioned(found[0].name, language)
        return None

    def links(self, question: str, docs: Sequence[str] | None, language: str) -> tuple[str, list[Citation]] | None:
        """The answer (text, citations) to a question asking which sections of the other document one numbered
        section goes with, and nothing more (see ``links``), or None: no link asked for, not one numbered section of a
        crosswalk pair named, the other document not asked about, or more asked than the links. Read on the question
        as typed: a follow-up's earlier question asked for links, not this one."""
        if docs or not ASKS_LINK.search(question):
            return None
        documents = self.index.documents
        if len(set(section_numbers(question))) > 1:  # several sections: the ordinary answer
            return None
        scope = self.scopes.section_named_here(question) or scope_of(
            question, documents, self.router, self.profile.english_title, parts=False
        )
        if scope is None:  # "… motsvarar nationella målet 4.1?": the one document that has the number
            having = [
                (d.info.doc_id, s)
                for n in section_numbers(question)[:1]
                for d in documents
                if (s := find_section(d, n)) is not None
            ]
            scope = SectionScope(tuple(having)) if len(having) == 1 else None
        if scope is None or len(scope.sections) != 1 or scope.sections[0][1].number is None:
            return None
        doc_id, section = scope.sections[0]
        beyond = asks_beyond_links(
            without_asker_context(question), section, self.router, self.words.area_nouns, language != "en"
        )
        if beyond:
            return None
        found = find_links(self.crosswalk(), documents, doc_id, section, wants_areas(question))
        if found is None:
            return None
        named = set(self.router.named_all(question))
        if not asks_other_side(question, found.other, named, own_area_nouns([found.other])):
            return None
        text, citations = links_answer(found, self.index.passages, "en" if language == "en" else "sv")
        return (text, citations) if citations else None

    def links_followup(self, question: str, previous_question: str | None) -> str | None:
        """A follow-up naming only another section after a question asking for links ("Och insatsområde 5?", "And
        8.1?", "What about objective 4.1?"), read as that question about the new section; else None."""
        if not previous_question or not ASKS_LINK.search(previous_question):
            return None
        numbers, before = section_numbers(question), section_numbers(previous_question)
        if len(set(numbers)) != 1 or len(set(before)) != 1:
            return None
        rest = re.findall(r"[^\W\d_]+", without_section_references(question).lower())
        if any(w not in _BARE_FOLLOWUP for w in rest):
            return None
        return re.sub(rf"(?<![\d.]){re.escape(before[0])}(?![\d.])", numbers[0], previous_question, count=1)


# What a follow-up naming only another section says besides it ("Och insatsområde 5?", "What about objective 4.1?").
_BARE_FOLLOWUP = frozenset(
    "och and what about how hur med då then i in for för om vad gäller sen sedan also också även the den det".split()
)
