"""Whether a question's topic is the documents': the words it is about, found in the passages retrieved for it.

A vector alone cannot tell "Vad säger strategin om nya kärnkraftverk?" from a question the documents answer: both come
close to some passage. The words can: a question in the documents' own language that shares no word of its topic
with the passages found is about something else; one whose rare words are in them is about what they say.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from strategiqa.retrieval.index import LoadedIndex
from strategiqa.retrieval.routing import DocumentRouter
from strategiqa.retrieval.search import SearchResult
from strategiqa.retrieval.text import tokenize
from strategiqa.retrieval.thesaurus import Thesaurus

from .followup import QUESTION_WORDS
from .sections import without_section_references


def mentions_topic(
    question: str,
    result: SearchResult,
    index: LoadedIndex,
    passages: int,
    synonyms: Mapping[str, Thesaurus] | None = None,
) -> bool:
    """Whether the top passages use a word of what the question is about (see ``topic_words``): "Hur mycket satsas
    på <document>s genomförande?" is about *genomförande*, which the documents may discuss, and "Vad säger
    <document> om kollektivtrafiken i <region>?" about *kollektivtrafik*. True when nothing is left to check ("Och
    4.2?") and for a question relating two documents, which is about the documents themselves. With ``synonyms`` (a
    thesaurus per language), a synonym of a topic word counts as the word: a question put in other words than the
    documents' ("Med vilka andra näringar har sektorn täta band?" for their "angränsande branscher") is about what
    they say."""
    asked = topic_words(question, index)
    if asked is None or index.router is None:
        return True
    asked = _without_pointers(asked, index.router)
    hits = result.hits[:passages]
    languages = {str(index.passage_languages[h.index]) for h in hits}
    # Stems of one or two letters ("gå" in "Och hur ska det gå till?") name no topic.
    topical = {
        language: {t for t in _terms(asked, index, language, (synonyms or {}).get(language)) if len(t) >= 3}
        for language in languages
    }
    if not any(topical.values()):
        return True
    for language, terms in topical.items():
        # A passage is also about its headings ("Förord" for "Vem skrev förordet?").
        words = {
            _key(w) for h in hits if index.passage_languages[h.index] == language for w in index.passage_words(h.index)
        }
        # Compared by five letters: the stemmer leaves "kliniker" and "kliniska" as "klinik" and "klinisk".
        if {t[:5] for t in terms} & {w[:5] for w in words}:
            return True
    return False


def rare_topic_word(question: str, result: SearchResult, index: LoadedIndex, rare: int, among: int) -> bool:
    """Whether a topic word of the question that at most ``rare`` passages of its document use is in the top ones
    (counted per document: another document's words change nothing about this one's answers)."""
    topic = topic_words(question, index)
    if topic is None or index.router is None:
        return False
    asked = _without_pointers(topic, index.router)
    counts = index.word_counts(_KEY_LETTERS)
    for hit in result.hits[:among]:
        language = str(index.passage_languages[hit.index])
        words = {_key(w) for w in index.passage_words(hit.index)}
        own = counts.get(index.passages[hit.index].doc_id, {})
        # Whole six-letter keys: "ansöker" is not "ansökningar" (a verb any question may use, not the topic). Most of
        # the topic's long words must be there too: "Hur bakar man traditionella kanelbullar?" shares one by chance.
        long = {t for t in _terms(asked, index, language) if len(t) >= _KEY_LETTERS}
        found = long & words
        if 2 * len(found) > len(long) and any(own.get(term, 0) <= rare for term in found):
            return True
    return False


def names_no_topic(question: str, index: LoadedIndex) -> bool:
    """Whether ``question`` asks about a document itself: beyond its frame, the document's name and words without a
    topic of their own ("När antogs agendan?", "When was the strategy published?") nothing is left."""
    topic = topic_words(question, index)
    if topic is None or index.router is None:
        return False
    words = tokenize(_without_pointers(topic, index.router), None, "en")
    return not [w for w in words if len(w) >= 3]


def asked_topic(question: str, index: LoadedIndex) -> str:
    """What ``question`` asks about beyond its frame, the documents' names and the words pointing at a document (see
    ``topic_words`` and ``names_no_topic``); empty when nothing is left."""
    topic = topic_words(question, index)
    if topic is None or index.router is None:
        return ""
    return _without_pointers(topic, index.router)


def topic_words(question: str, index: LoadedIndex) -> str | None:
    """What the question is about: its focused form, without the documents' names and places (see
    ``DocumentRouter.focus``), section references, question words and what it calls a document; None when it
    relates two documents (or the index has no router)."""
    router = index.router
    if router is None or len(router.named_all(question)) > 1:
        return None
    focused = router.focus(question) or router.strip_places(router.strip_names(question))
    # The question's own frame ("vad säger …", "tell me more") is no topic.
    return " ".join(
        w
        for w in without_section_references(focused).split()
        if w.lower().strip("?,.!") not in QUESTION_WORDS and w.lower().strip("?,.!") not in _DOCUMENT_NOUNS
    )


def _without_pointers(topic: str, router: DocumentRouter) -> str:
    """``topic`` without what only points at a document (its publisher or role as a cue: "regeringens", "regionen";
    the corpus topic inside a compound: "life science-strategi") and without modal verbs and "new": words nearly
    every passage shares, which would make any question "mentioned" ("Vad säger strategin om nya kärnkraftverk?")."""
    for phrase in router.topic_phrases:
        topic = re.sub(re.escape(phrase), " ", topic, flags=re.IGNORECASE)
    words = (w.strip("?,.!-–") for w in topic.split())
    return " ".join(
        w
        for w in words
        if w and w.lower() not in _DOCUMENT_NOUNS and w.lower() not in _NO_TOPIC and router.named(w) is None
    )


# Modal verbs, "new", verbs asking what something means ("Vad innebär delmål 5.2?"), the words a "when" question
# asks about completion with ("När ska delmål 5.2 vara klart?") and what a document undergoes (language knowledge):
# no topic of their own.
_NO_TOPIC = frozenset(
    "vill ska skall kan får bör måste will would should can could must may might ny nya nytt new "
    "innebär innebära betyder betyda mean means menas menar meant "
    # ... and what a document does with a topic ("Nämns <a name> i strategin?", "Does the agenda mention …?").
    "nämns nämner nämnda nämnd nämnt mention mentions mentioned "
    "klar klart klara färdig färdigt färdiga uppnådd uppnått uppnådda nådd nått done completed finished achieved "
    "reached ready "
    # ... and what a document undergoes ("När antogs <document>?", "When was <document> published?").
    "antogs antagen antaget antogs beslutades beslutad beslutat publicerades publicerad publicerat utkom "
    "presenterades presenterad published adopted released issued launched presented".split()
)


def _terms(text: str, index: LoadedIndex, language: str, thesaurus: Thesaurus | None = None) -> set[str]:
    """The keys of ``text``'s stems (and, with ``thesaurus``, of their synonyms of four letters or more)."""
    stems = tokenize(text, index.compounds if language == "sv" else None, language)
    if thesaurus is not None:
        stems += [s for s in thesaurus.expand([s for s in stems if len(s) >= 3]) if len(s) >= 4]
    return {_key(t) for t in stems}


# What a question calls a document when the manifest's names do not match ("Östergötlands strategi"): no topic.
_DOCUMENT_NOUNS = frozenset(
    "strategi strategin strategins strategy strategy's agenda agendan agendans plan planen planens dokument "
    "dokumentet dokumentets document document's".split()
)


def _key(stem: str) -> str:
    """Stems compared by their first six letters: the stemmer leaves some inflections ("förordet")."""
    return stem[:_KEY_LETTERS]


_KEY_LETTERS = 6
