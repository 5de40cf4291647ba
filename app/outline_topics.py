"""Which sections of the outline a question names by their topic rather than their number: "Which objectives does the
strategy set for health data?", "the focus area on sustainability", "Vilka insatsområden handlar om <A> eller <B>?".

The words beyond a question's frame (question words, the names of sections and documents, who is asking) are its topic;
a ``TitleMatcher`` (the engine's embedder over the goal sections' titles, see ``titles``) says which title they name,
and only a title that clearly stands out is taken. The vocabulary of outline questions (areas, objectives, parts) is
here too, for ``overview`` to read questions with.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from strategiqa.ingest.model import Document, Section
from strategiqa.retrieval.routing import DocumentRouter
from strategiqa.retrieval.text import STOP_WORDS, stem

from .initialisms import phrase_initials
from .outline import goal_sections_at
from .question_names import without_asker_context
from .sections import (
    COUNT_WORDS,
    ORDINALS,
    EnglishTitle,
    section_numbers,
    without_section_references,
)

AREA_WORDS = (
    r"insatsområden\w*|insatsområde\w*|fokusområde\w*|temaområde\w*|huvudområde\w*|områden\w*|område\w*|"
    r"insatsomrade\w*|omraden\w*|omrade\w*|"  # typed without the ring
    r"(?:focus|priority|action|thematic|main|strategic)?\s*areas?|themes?|teman|tema\w*|"
    # How a document is organised is its list of areas: "Hur är agendan uppbyggd?", "main parts".
    r"uppbyggd\w*|uppdelad\w*|struktur\w*|rubrik\w*|"
    r"structured?|organi[sz]ed|headings?|prioriti[sz]es?|priorities|prioriterar|prioriteringar\w*"
)


# The document's main parts, its top-level headings: "Vilka huvudavsnitt har agendan?", "table of contents".
PARTS = re.compile(
    r"\b(?:huvudavsnitt\w*|huvuddel\w*|(?:huvud)?kapit(?:el|len|let|lena)|huvudrubrik\w*|chapters?|"
    r"main (?:sections|parts|chapters|headings)|"
    r"table of contents|innehållsförteckning\w*|disposition\w*)\b",
    re.IGNORECASE,
)


GOAL_WORDS = (
    r"målsättning\w*|delmål\w*|mål|målen|objectives?|goals?|targets?|actions|åtgärder(?:na)?|"
    r"sub-?(?:goals?|objectives?|targets?)"
)


AREAS = re.compile(rf"\b(?:{AREA_WORDS})\b", re.IGNORECASE)


GOALS = re.compile(rf"\b(?:{GOAL_WORDS})\b", re.IGNORECASE)


# Words that only frame a structure question ("Vilka är de prioriterade …", "List all the main …"); the
# documents' own names come from the manifest (``DocumentRouter``), not from this list.
_FRAME = frozenset(
    """
    vilka vilket vilken vad är har finns de alla samtliga prioriterade huvudsakliga olika
    dokumentet nationella regionala ingår under inom i om handlar tar upp står lista räkna
    what which are is the all main priority key different list name give me tell its their covered
    covers cover fall falls under within in about does do says say contain contains include includes
    numbered number nr no named called mean means deal deals with set out sets
    innebär innehåller omfattar består pekar ut prioriterar lyfter fram identifierar beskriv beskriver ge
    mig översikt sammanfatta många antal finns listas nämns anges sätter upp hör går gäller betyder står
    ligger tar ingår berör kallas satt satts strategi agenda dokument dokumentet plan planen
    belong belongs go goes concern concerns relate relates involve involves come comes talk talks
    summarise summarize summary tell explain explained main key berätta förklara kan du can could you
    please gärna indelad indelade indelat pekas form listade listad kort kortfattat kortfattad tack short brief
    briefly nutshell singled single picked chosen selected utpekade utvalda valda
    hej hi hello hey hallå tjena thanks thank apparently tydligen visst actually faktiskt just bara quick q
    varje each every divided split uppbyggt indelat uppdelat into tillhör tillhöra
    total totalt sammanlagt altogether ordet orden word words term mention mentions any någon något några
    order ordning ordningen förteckning complete komplett fullständig entire whole hela alltså i.e
    heter hette namn namnet titel titeln title rubriken nummer strategic strategiska strategisk strategiskt
    contain comprise comprises identify identifies prioritise prioritises prioritize prioritizes overview
    summarise summarize summary describe many listed named defined identified lists
    """.split()
)


PLURAL_GOALS = re.compile(
    r"\b(?:målsättningar\w*|delmålen|objectives|goals|targets|actions|åtgärderna|sub-?(?:goals|objectives|targets))\b|"
    # "Vilka delmål …", "Vilka nationella mål …": a Swedish neuter noun's plural is its singular; "vilka" says plural.
    r"\b(?:vilka|which)\s+(?:[^\W\d_]+\s+)?(?:del)?mål\b",
    re.IGNORECASE,
)


TitleMatcher = Callable[[str, Sequence[Section]], "Section | None"]
"""Given the question's topic words and candidate sections, the section whose title the words
name, or None when no title clearly stands out."""


WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


WHICH_AREA = re.compile(
    r"\b(?:vilket|vilken|which|what)\s+(?:\w*område|focus area|priority area|area)\b|"
    r"\b(?:vilket|which)\s+(?:one\s+)?(?:av|of)\s+(?:de|the)\s+(?:[\w-]+\s+){0,2}?(?:\w*områdena|areas)\b",
    re.IGNORECASE,
)


def content_words(
    question: str,
    topic: tuple[str, ...],
    router: DocumentRouter,
    context: bool = True,
    own_nouns: re.Pattern[str] | None = None,
) -> list[str]:
    """The question's words beyond framing, structure words, numbers and document names."""
    text = _without_context(question, topic, router, own_nouns) if context else question
    # The documents' own area nouns ("insatsområde") frame the question, as the general ones do.
    text = router.strip_names(text if own_nouns is None else own_nouns.sub(" ", text)).lower()
    for phrase in topic:
        text = text.replace(phrase.lower(), " ")
    for initials in phrase_initials(topic):  # ... or its initials ("the national LS strategy")
        text = re.sub(rf"\b{re.escape(initials)}\b", " ", text)
    text = PARTS.sub(" ", AREAS.sub(" ", GOALS.sub(" ", text)))
    return [
        w
        for w in WORD.findall(text)
        if w not in STOP_WORDS
        and not _is_frame(w)
        and w not in COUNT_WORDS
        and w not in ORDINALS
        and router.named(w) is None
        and w not in router.title_words
    ]


def _without_context(
    question: str, topic: tuple[str, ...], router: DocumentRouter, own_nouns: re.Pattern[str] | None = None
) -> str:
    """``question`` without what the asker says of themselves ("For a lecture I'm preparing on <a topic>: how many
    objectives … under '<a title>'?", "I'm new to the cluster. The agenda has a number of focus areas – how many are
    there?") when the rest asks about the outline by itself: it names a section by number or quoted title, or asks for
    areas or goals with no words of its own. Else the context is what is asked about: "Vi vill testa <en teknik> –
    vilka målsättningar kan vi hänvisa till?" ("hänvisa" is the rest's own word)."""
    asking = without_asker_context(question)
    if asking == question:
        return question
    if section_numbers(asking) or _QUOTED.search(asking):
        return asking
    structure = (
        AREAS.search(asking)
        or GOALS.search(asking)
        or PARTS.search(asking)
        or (own_nouns is not None and own_nouns.search(asking))
    )
    # "I'm preparing a project on <a topic>. Which focus area does it belong to?": one section for what was said.
    pointed = WHICH_AREA.search(asking) or _POINTS_BACK.search(asking)
    if structure and not pointed and not content_words(asking, topic, router, context=False, own_nouns=own_nouns):
        return asking
    return question


_POINTS_BACK = re.compile(r"\b(?:it|this|that|det|detta|dit)\b", re.IGNORECASE)


_QUOTED = re.compile(r"['‘’\"“”«»][^'‘’\"“”«»]{3,}['‘’\"“”«»]")


def _is_frame(word: str) -> bool:
    """A framing word in any inflection ("prioriteras", "prioritised" frame as "prioriterade", "prioritises" do)."""
    return word in _FRAME or any(stem(word, language) in _frame_stems() for language in _FRAME_LANGUAGES)


_FRAME_LANGUAGES = ("sv", "en")
"""The languages of the framing words above (language knowledge, not corpus knowledge)."""


@functools.cache
def _frame_stems() -> frozenset[str]:
    stems = (stem(w, language) for w in _FRAME for language in _FRAME_LANGUAGES)
    return frozenset(s for s in stems if len(s) >= 3)  # "ge", "de": too short to tell words apart


_TOPIC_PREPOSITION = (
    r"(?:om|för|inom|kring|gällande|rörande|gäller|med|under|on|about|for|in|within|regarding|concerning|covering"
    r"|with"
    # ... or a verb of covering: "Which area covers health data …?", "I vilket område hittar jag kompetensförsörjning?"
    r"|covers?|covered|täcker|omfattar|berör|behandlar|hittar\s+(?:jag|man|vi)|find)"
)


def introduced(word: str, question: str) -> bool:
    """The topic is introduced by a preposition ("området om hälsodata", "objectives for research
    infrastructure"): "Vilket område har flest företag?" asks about content, not about an area."""
    # A quoted title too: "… under 'Internationell …'".
    pattern = rf"\b{_TOPIC_PREPOSITION}\s+['‘’\"“”«]?(?:[^\W\d_]+\s+){{0,2}}{re.escape(word)}\b"
    if re.search(pattern, question, re.IGNORECASE) is not None:
        return True
    # A definite section noun before it names the section by it: "området kompetensförsörjning", "kapitlet <title>".
    if re.search(rf"\b{_DEFINITE_SECTION}\s+['‘’\"“”«]?(?:[^\W\d_]+\s+){{0,2}}{re.escape(word)}\b", question, re.I):
        return True
    # A quoted title names what it quotes: "the objective '<its title>'".
    return any(re.search(rf"\b{re.escape(word)}\b", q.group(0), re.IGNORECASE) for q in _QUOTED.finditer(question))


_DEFINITE_SECTION = r"\w*(?:området|kapitlet|avsnittet|prioriteringen|temat|spåret)"


def several_by_topic(
    question: str,
    documents: list[Document],
    wants_goals: bool,
    topic: tuple[str, ...],
    router: DocumentRouter,
    match_title: TitleMatcher,
) -> list[tuple[Document, Section]]:
    """The sections a question names by two or more topics joined by "and" or "or" ("which focus area is about
    <topic A>, and which one covers <topic B>?", "Vilka insatsområden handlar om <A> eller <B>?"), each naming a
    different section clearly (see ``by_topic``); empty unless every topic does."""
    parts = [p for p in _JOINED.split(without_section_references(question)) if p.strip()]
    if len(parts) < 2:
        return []
    found: list[tuple[Document, Section]] = []
    for part in parts:
        words = content_words(part, topic, router)
        if not words:
            continue
        section = by_topic(" ".join(words), documents, wants_goals, question, match_title)
        if section is None:
            return []
        if section not in found:  # "<A> and <B>" may both name it ("sustainability and resilience")
            found.append(section)
    # Sections of one document only: the answer lists them under its title.
    return found if len(found) > 1 and len({d.info.doc_id for d, _ in found}) == 1 else []


# Topics joined: "… om samverkan eller samordning", "… about skills, and which one covers visibility".
_JOINED = re.compile(r"\s*(?:,\s*(?:and|och|or|eller)?|\b(?:and|och|or|eller|samt|respektive)\b)\s*", re.IGNORECASE)


def headings_naming(
    words: Sequence[str], documents: Sequence[Document], english_title: EnglishTitle | None
) -> list[tuple[Document, Section]]:
    """The objectives (two-part sections) whose title, or its English translation, writes every one of ``words`` (by
    its first letters, see ``title_stem``; a word of three letters or fewer whole: "AI", "EU")."""
    found = []
    for document in documents:
        for section in goal_sections_at(document, 2):
            titles = [section.title, (english_title(document.info.doc_id, section.title) if english_title else None)]
            heads = [w.casefold() for t in titles if t for w in WORD.findall(t)]
            if words and all(any(_writes(head, w) for head in heads) for w in words):
                found.append((document, section))
    return found


def _writes(title_word: str, word: str) -> bool:
    """Whether a title's word is ``word`` in some inflection: it starts with all of ``word`` but its last three letters
    (at least five: "services" for "service", "infrastruktur" for "infrastrukturer"; "forskningsinfrastruktur" is not
    "forskning"), or, for a word of three letters or fewer ("AI", "EU"), is it."""
    word = word.casefold()
    if len(word) <= 3:
        return title_word == word
    return title_word.startswith(word[: max(5, len(word) - 3)])


def by_topic(
    words: str, documents: list[Document], wants_goals: bool, question: str, match_title: TitleMatcher
) -> tuple[Document, Section] | None:
    """The goal section the question names by its topic: an area ("objectives for health data",
    "the focus area on sustainability") or, for a single objective, an objective."""
    parts = 2 if wants_goals and not PLURAL_GOALS.search(question) else 1
    pool = []
    for document in documents:
        sections = goal_sections_at(document, parts)
        if parts == 1 and wants_goals:
            # Objectives under an area: only a document's areas that have objectives, when any has (another
            # document's areas may list their goals unnumbered, under a part of their own).
            sections = [s for s in sections if any(c.number for c in s.children)] or sections
        pool += [(document, s) for s in sections]
    section = match_title(words, [s for _, s in pool])
    return next(((d, s) for d, s in pool if s is section), None)


# Verbs that place goals in an area (language knowledge): "Vilka mål för cancer i område 4?" keeps its topic.
PLACING_VERBS = frozenset(
    "sit sits fall falls belong belongs lie lies come comes appear appears are is listed placed found set laid tillhör "
    "included named given grouped gathered arranged sorted organised organized collected "
    "ligger ryms hör hamnar faller finns ingår står återfinns placeras listas anges nämns samlas grupperas".split()
)


def asks_goals_of_it(question: str, topic: tuple[str, ...], router: DocumentRouter) -> bool:
    """Whether the question's last clause, after what came before it, asks for the goals of a section it points back
    at and for nothing else ("… – what objectives are set out under it?", "… – vilka målsättningar finns där?")."""
    found = LAST_CLAUSE.search(question)
    if found is None or found.start(1) == 0:
        return False
    clause = found.group(1)
    if not (PLURAL_GOALS.search(clause) and POINTER.search(clause)):
        return False
    return not [w for w in content_words(POINTER.sub(" ", clause), topic, router) if w not in PLACING_VERBS]


LAST_CLAUSE = re.compile(r"(?:^|[–—:;.!?]\s+|\s-\s+)((?:[^–—:;.!?\s]|\s(?!-\s))+)[.!?]*\s*$")


POINTER = re.compile(r"\b(?:it|its|that|this|them|there|den|det|dess|där|detta|denna|dem)\b", re.IGNORECASE)
