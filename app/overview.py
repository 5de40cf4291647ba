"""Questions about the documents' structure, answered from the outline, not from similarity.

"Vilka är agendans insatsområden?", "Which objectives fall under area 4?", "Vad handlar
målsättning 4.1 om?": the section tree knows these answers exactly, while passage search only
matches the words ("fokus"). The goal sections are the numbered ones: one-part numbers (``1``,
``2`` …) are areas, two-part numbers (``4.1``) objectives. Each listed title is cited to its heading.

An area may also be named by its topic instead of its number ("Which objectives does the strategy
set for health data?"): the words beyond the framing are matched against the goal sections' titles
by a ``TitleMatcher`` (the engine's embedder), and only a title that clearly stands out is taken.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from strategiqa.ingest.chunk import page_label
from strategiqa.ingest.model import Citation, Document, Passage, Section
from strategiqa.ingest.sentences import is_answer_material
from strategiqa.ingest.structure import repeats_title
from strategiqa.retrieval.routing import DocumentRouter
from strategiqa.retrieval.text import STOP_WORDS, stem

from .initialisms import phrase_initials
from .items import items_under
from .question_names import without_asker_context, without_self_introduction
from .sections import (
    COUNT_WORDS,
    ORDINALS,
    EnglishTitle,
    find_section,
    listed_section_numbers,
    own_area_nouns,
    section_numbers,
    with_swedish_nouns,
    without_section_references,
)

_AREA_WORDS = (
    r"insatsområden\w*|insatsområde\w*|fokusområde\w*|temaområde\w*|huvudområde\w*|områden\w*|område\w*|"
    r"insatsomrade\w*|omraden\w*|omrade\w*|"  # typed without the ring
    r"(?:focus|priority|action|thematic|main|strategic)?\s*areas?|themes?|teman|tema\w*|"
    # How a document is organised is its list of areas: "Hur är agendan uppbyggd?", "main parts".
    r"uppbyggd\w*|uppdelad\w*|struktur\w*|rubrik\w*|"
    r"structured?|organi[sz]ed|headings?|prioriti[sz]es?|priorities|prioriterar|prioriteringar\w*"
)
# The document's main parts, its top-level headings: "Vilka huvudavsnitt har agendan?", "table of contents".
_PARTS = re.compile(
    r"\b(?:huvudavsnitt\w*|huvuddel\w*|(?:huvud)?kapit(?:el|len|let|lena)|huvudrubrik\w*|chapters?|"
    r"main (?:sections|parts|chapters|headings)|"
    r"table of contents|innehållsförteckning\w*|disposition\w*)\b",
    re.IGNORECASE,
)
# An example closing the question: after a comma or dash, with no further clause up to the question mark ("…, såsom
# 2.1, handlar om infrastruktur?" goes on to ask something else).
_TRAILING_EXAMPLE = re.compile(
    r"\s*[,;–—]\s*(?:for example|for instance|e\.g\.|such as|like|t\.\s?ex\.|till exempel|exempelvis|såsom|"
    r"bland annat|bl\.\s?a\.)\s[^,;:–—?!]*[?.!]*\s*$",
    re.IGNORECASE,
)
# "Vilka delar av <a place> …", "the parts of <a document>": whose parts (see ``answer_overview``).
# With a compound's head: "huvudavsnitt", "huvuddelar", "main sections".
_PART_NOUNS = r"(?:huvud)?(?:delar(?:na)?|avsnitt(?:en)?)|kapitel|kapitlen|(?:main\s+)?(?:parts|sections|chapters)"
_PARTS_OF = re.compile(
    rf"\b(?:{_PART_NOUNS})\s+(?:av|of|i|in)\s+((?:(?:the|den|det)\s+)?[\w-]+(?:\s+[\w-]+)?)",
    re.IGNORECASE,
)
# What a document is made of: "Vilka delar består agendan av?", "What does the agenda consist of?", "Ge mig en översikt
# av agendan" — its main parts, when nothing else is asked about: "Vilka delar består varje insatsområde av?" asks what
# an area holds (a question whose other words name a topic is no structure question either: see ``_content_words``).
_MADE_OF = re.compile(
    rf"\b(?:{_PART_NOUNS}|består|consists?|made up|översikt|overview|outline|disponerad|disposition|uppbyggd|"
    r"organiserad|organiserat|structured|organi[sz]ed)\b",
    re.IGNORECASE,
)
# A summary of a document, or what it is about, asked with nothing else: "Sammanfatta agendan", "Summarise the national
# strategy", "Vad handlar agendan om?", "What is the strategy about?" — its main parts, as for an overview; not "… om
# <a topic>" ("Sammanfatta vad strategin säger om kliniska prövningar" asks for what it says).
_SUMMARY_WORDS = re.compile(r"\b(?:sammanfatt\w*|summar(?:y|i[sz]e\w*)|nutshell)\b", re.IGNORECASE)
_SUMMARY = re.compile(
    rf"{_SUMMARY_WORDS.pattern}|\bhandlar\s+(?:[\w-]+\s+){{1,6}}om\s*[?.!]*\s*$|\babout\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_GOAL_WORDS = (
    r"målsättning\w*|delmål\w*|mål|målen|objectives?|goals?|targets?|actions|åtgärder(?:na)?|"
    r"sub-?(?:goals?|objectives?|targets?)"
)
_AREAS = re.compile(rf"\b(?:{_AREA_WORDS})\b", re.IGNORECASE)
# An area itself, not a word for how a document is built ("uppbyggd", "structured").
_AN_AREA = re.compile(
    r"\b(?:\w*område\w*|\w*omrade\w*|(?:focus|priority|action|thematic|main|strategic)?\s*areas?|themes?|tema\w*)\b",
    re.IGNORECASE,
)

_GOALS = re.compile(rf"\b(?:{_GOAL_WORDS})\b", re.IGNORECASE)
# A kind of area a document names its own ("insatsområden", "strategiområde"): it picks that document.
_SPECIFIC_AREA = re.compile(r"\b(\w+område|focus area|priority area)(?:n|t|na|ns|ts)?\b", re.IGNORECASE)
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
_PLURAL_GOALS = re.compile(
    r"\b(?:målsättningar\w*|delmålen|objectives|goals|targets|actions|åtgärderna|sub-?(?:goals|objectives|targets))\b|"
    # "Vilka delmål …", "Vilka nationella mål …": a Swedish neuter noun's plural is its singular; "vilka" says plural.
    r"\b(?:vilka|which)\s+(?:[^\W\d_]+\s+)?(?:del)?mål\b",
    re.IGNORECASE,
)

TitleMatcher = Callable[[str, Sequence[Section]], "Section | None"]
"""Given the question's topic words and candidate sections, the section whose title the words
name, or None when no title clearly stands out."""
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class Overview:
    text: str
    citations: list[Citation]
    passages: list[Passage]
    """The listed sections' first passages, in the order named."""
    introduction: Passage | None = None
    """The text that introduces the list: the own first passage of the section all listed ones sit under ("Sju
    insatsområden har identifierats …" above the areas, an area's own text above its objectives), if it has one."""


def answer_overview(
    question: str,
    language: str,
    documents: list[Document],
    passages: list[Passage],
    topic: tuple[str, ...] = (),
    match_title: TitleMatcher | None = None,
    router: DocumentRouter | None = None,
    title_words: frozenset[str] = frozenset(),
    area_nouns: re.Pattern[str] | None = None,
    english_title: EnglishTitle | None = None,
) -> Overview | None:
    """An answer listing section titles when ``question`` asks about the documents' structure, else None.
    ``router`` tells which document the question names (built from ``documents`` when not given); ``area_nouns``
    the documents' own area nouns (``own_area_nouns``, read from ``documents`` when not given); ``english_title``
    the headings' English translations, so an English question may name an area by number and title."""
    router = router or DocumentRouter([d.info for d in documents], topic)
    own_nouns = area_nouns if area_nouns is not None else own_area_nouns(documents)
    # "Which objectives fall under area 8, for example the one about EU programmes?": the example asks for nothing more.
    question = _TRAILING_EXAMPLE.sub("?", router.strip_titles(question))
    wants_areas = bool(_AREAS.search(question) or (own_nouns and own_nouns.search(question)))
    # Areas counted ("the eight prioritised areas of the strategy (its new objectives from <its autumn>)") are what is
    # asked for, whatever goal words describe the document.
    wants_goals = bool(_GOALS.search(question)) and not _COUNTED_AREAS.search(question)
    # "område 4", "målsättning 4.1", "the fourth area", "Och 4.2?"; a range ("1.1 till 8.5") names them all.
    numbers = [(n.partition(".")[0], n.partition(".")[2]) for n in section_numbers(question)]
    # A summary of one document named ("Vad handlar agendan om?"; not "Vad handlar förordet om?", nor "Sammanfatta
    # dokumenten", whose outlines differ).
    summary = (
        bool(_SUMMARY.search(question))
        and not (wants_goals or wants_areas or numbers)
        and len(router.named_all(question)) == 1
    )
    made_of = (summary or bool(_MADE_OF.search(question))) and not (wants_goals or wants_areas or numbers)
    # "Vilka delar av <a place> omfattas?", "What parts of the value chain …": parts of something else.
    owner = _PARTS_OF.search(question)
    if made_of and owner:
        whose = owner.group(1)
        made_of = bool(router.named_all(whose)) and router.strip_places(whose) == whose  # a document's, not a place's
    wants_parts = bool(_PARTS.search(question)) or made_of
    if not (wants_goals or wants_areas or wants_parts or numbers):
        return None
    # "Hur är varje insatsområde uppbyggt?", "What parts is the first focus area divided into?": the parts an area is
    # written in (the headings under each area), not the list of areas.
    whose = _PARTS_OF.search(question)  # "What parts of the value chain does area 4 cover?" asks about content
    if (
        (_AN_AREA.search(question) or (own_nouns and own_nouns.search(question)))
        and not wants_goals
        and _PARTS_OF_AN_AREA.search(question)
        and (whose is None or _AREAS.search(whose.group(1)) or (own_nouns and own_nouns.search(whose.group(1))))
        # ... and nothing beyond ("Vilka delar av insatsområde 2 handlar om <a topic>?" asks about content)
        and not _content_words(
            _PARTS_OF_AN_AREA.sub(" ", without_section_references(without_asker_context(question))), topic, router
        )
    ):
        shared = _shared_parts(question, documents, passages, numbers, router, language)
        if shared is not None:
            return shared
    # Who is asking ("Doctoral student here: …") is no topic of the outline question; what they are working on is
    # ("Vi vill testa ny teknik i socialtjänsten – vilka målsättningar kan vi hänvisa till?").
    unnumbered = without_section_references(without_self_introduction(question))
    if made_of:  # the words asking for it, not what it is asked of ("Vad handlar <a topic> om?" keeps its topic)
        unnumbered = _SUMMARY_WORDS.sub(" ", _MADE_OF.sub(" ", unnumbered))
    rest = _content_words(unnumbered, topic, router, own_nouns=own_nouns)
    if summary and rest and not _MADE_OF.search(question):  # a summary of what it says on a topic: quoted
        return None
    # Asking for goals or for one area explicitly ("Which objectives … for making better use of care
    # data?") makes a longer topic description an outline question too.
    explicit = bool(_PLURAL_GOALS.search(question) or _WHICH_AREA.search(question))
    longest = _MAX_TOPIC_WORDS_EXPLICIT if explicit else _MAX_TOPIC_WORDS
    # Words beyond the frame that name nothing in the outline are no topic ("hi, new to the cluster - what focus
    # areas does the agenda have?", "… som strategin utgår från"): a question asking for the areas or objectives
    # in the plural is an outline question all the same. ``title_words``: stems of every heading's words, in the
    # documents' language and in English.
    # Only for list and description questions (``match_title`` given): "When were the new objectives published?"
    # asks for a date.
    plural = (
        rest
        and not numbers
        and match_title is not None
        and title_words
        and _PLURAL.search(question)
        and not _IN_HEADING.search(question)  # "… have <a word> in their titles": that word is asked about
    )
    # A word introduced by a preposition is a topic all the same ("… för att minska väntetider").
    if plural and not any(title_stem(w) in title_words or _introduced(w, question) for w in rest):
        rest = []
    # "Vilka målsättningar ligger under område 4, integrering av forskning …": the area named twice, by number and
    # by title ("EU programmes named in objective 8.5" asks for content: only a question asking for goals).
    if rest and numbers and _PLURAL_GOALS.search(question):
        rest = [] if _restates(rest, numbers[0], question, documents, router, english_title) else rest
    # "So, as an investor I mostly care about area eight, <its title> – what objectives are set out under it?": the
    # clause that asks points back at the section named before it; the rest is the asker's context.
    if rest and len(numbers) == 1 and _asks_goals_of_it(question, topic, router):
        rest = []
    # "For my school essay: what are the objectives under area 2 (<its title>) …?": the clause before the one that
    # names the section and asks for its goals is the asker's context; what the asking clause adds restates the title.
    asking = _LAST_CLAUSE.search(question)
    if rest and numbers and asking is not None and asking.start(1) > 0:
        clause = asking.group(1)
        if section_numbers(clause) and _PLURAL_GOALS.search(clause):
            unasked = without_section_references(clause)
            own = _content_words(unasked, topic, router, own_nouns=own_nouns)
            own = [w for w in own if w not in _PLACING_VERBS]
            if not own or _restates(own, numbers[0], clause, documents, router, english_title):
                rest = []
    # "list the eight prioritised areas", "Vilka sju insatsområden prioriteras …?": a count that is a document's whole
    # number of areas or objectives asks for all of them, whatever the asker says around it ("Jag ska ha en lektion om
    # regional utveckling. …"); not "Vilket av de sju …", which asks for one.
    if rest and not numbers and _counts_them_all(question, documents):
        rest = []
    # A verb placing goals in an area ("What objectives sit under the area on …", "Vilka mål ryms i område 7?").
    placing = {m.group(1).casefold() for m in _PLACED_IN.finditer(question)} & _PLACING_VERBS
    rest = [w for w in rest if w not in placing]
    # "Which objectives have '<a word>' in their headings?", "Which objectives concern <a topic>?" where objectives of
    # several areas write it in their titles: those objectives, each under its area when that is asked too.
    literal = (
        _headings_naming(rest, _documents_for(question, documents, True, False, router), english_title)
        if rest
        and (_PLURAL_GOALS.search(question) or (wants_goals and _IN_HEADING.search(question)))
        and not numbers
        and match_title is not None
        and len(rest) <= longest
        else []
    )
    # (Not "the objectives in the area about <a topic>": that area's objectives.)
    spread = len({(d.info.doc_id, _area_of(s)) for d, s in literal}) > 1 and not _AN_AREA.search(question)
    if not (_IN_HEADING.search(question) or spread):
        literal = []
    if (
        not literal
        and rest
        and (numbers or match_title is None or len(rest) > longest or not _introduced(rest[0], question))
    ):
        return None
    # "What's the goal for 2035?", "What is the overall objective?": one goal, by what it says; the outline lists them.
    if (
        wants_goals
        and not (wants_areas or wants_parts or numbers or rest or literal)
        and _ONE_GOAL.search(question)
        and not _PLURAL_GOALS.search(question)
        and not _counts_them_all(question, documents)
    ):
        return None
    candidates = _documents_for(question, documents, wants_goals, wants_areas or wants_parts, router)
    if not candidates:
        return None
    if numbers:
        # The documents that have the section named ("the goals of priority B": the one lettering its priorities,
        # though another numbers its objectives).
        number = ".".join(n for n in numbers[0] if n)
        having = [d for d in _documents_for(question, documents, False, False, router) if _find(d, number)]
        candidates = [d for d in candidates if d in having] or having or candidates
    absent = None
    # Sections listed after one noun ("insatsområde 5, 6 och 7"); numbers named apart are not one list.
    listed = listed_section_numbers(question) if numbers else []
    missing = [n for n in listed if not any(_find(d, n) for d in candidates)]
    if missing:
        # No such section ("insatsområde 9" of seven): the answer says so before listing what there is — the others
        # listed, or else the outline.
        absent = missing[0]
        listed = [n for n in listed if n not in missing]
        numbers = numbers if listed else []
    sections: list[tuple[Document, Section]] = []
    inner: set[str] = set()  # ids of sections listed inside the part above them
    lead: str = ""
    if literal:
        with_areas = bool(_WHICH_AREA_TOO.search(question))
        for document, section in literal:
            area = _find(document, _area_of(section)) if with_areas else None
            if area is not None and (document, area) not in sections:
                sections.append((document, area))
            sections.append((document, section))
            if area is not None:
                inner.add(section.id)
    elif rest:
        assert match_title is not None
        # Topics asked about apart ("… om <A> eller <B>?", "… about <A>, and which one covers <B>?") each name theirs;
        # else the words together name one ("forskning och innovation").
        named = (
            _several_by_topic(question, candidates, wants_goals, topic, router, match_title)
            if _APART.search(question)
            else []
        )
        found = None if named else _by_topic(" ".join(rest), candidates, wants_goals, question, match_title)
        named = named or ([found] if found is not None else [])
        if not named:
            return None
        for document, section in named:
            if "." not in (section.number or "") and wants_goals and _PLURAL_GOALS.search(question):
                sections.extend((document, c) for c in section.children if c.number)
            else:
                sections.append((document, section))
    elif numbers:
        for major, _, minor in (n.partition(".") for n in listed):  # each section listed, in the order named
            for document in candidates:
                section = _find(document, f"{major}.{minor}" if minor else major)
                if section is None:
                    continue
                if minor or not wants_goals:  # "what is objective 4.1 / focus area 3 about": that section
                    sections.append((document, section))
                elif any(c.number for c in section.children):  # "which objectives fall under area 4": its children
                    sections.extend((document, c) for c in section.children if c.number)
                elif len(listed) == 1:  # ... or the goals its text numbers ("Delmål 3.1 …"), each quoted
                    return _listed_items(document, section, passages, language)
                else:
                    sections.append((document, section))
                break
        sections = list({(d.info.doc_id, s.id): (d, s) for d, s in sections}.values())  # "areas 4 and 4.1": once
        if not sections:
            return None
    elif wants_parts and not wants_goals:
        for document in candidates:
            for part in (s for s in document.sections if _is_part(s, document)):
                sections.append((document, part))
                # Its own unnumbered sections are parts of the outline too (how the document was written, say); numbered
                # ones (areas, objectives) have questions of their own — but a summary names the areas an unnumbered
                # part holds ("Prioriterade insatsområden (1 …; 7 …)"): they are what the document is about.
                if not any(c.number for c in part.children) or (summary and not part.number):
                    inner.update(c.id for c in part.children)
                    sections.extend((document, c) for c in part.children)
        if not sections:
            return None
    else:
        for document in candidates:
            level = 2 if wants_goals else 1
            sections.extend((document, s) for s in _goal_sections(document, level))
        if not sections:
            return None
    sections = _under_their_area(sections, inner, question)
    doc_counts: dict[str, int] = {}
    for document, section in sections:
        if section.id not in inner:
            doc_counts[document.info.short_title] = doc_counts.get(document.info.short_title, 0) + 1
    if len(sections) > 1:
        noun = _noun(
            language, two_part="." in (sections[0][1].number or ""), parts=any(not s.number for _, s in sections)
        )
        lead = "; ".join(f"{title}: {n} {noun}" if n > 1 else f"{title}:" for title, n in doc_counts.items())
        lead = lead if lead.endswith(":") else lead + ":"
    citations: list[Citation] = []
    parts: list[str] = []
    first_passages: list[Passage] = []
    inside: dict[int, list[str]] = {}  # position in ``parts`` -> the labels of the sections listed inside it
    for n, (document, section) in enumerate(sections, 1):
        passage = first_passage(section, passages, document.info.doc_id)
        if passage is None:
            continue
        citations.append(heading_citation(n, document, section, passage))
        first_passages.append(passage)
        label = f"{section.number} {section.title} [{n}]" if section.number else f"{section.title} [{n}]"
        if section.id in inner and parts:  # "<A part> [3] (<its own section> [4])"
            inside.setdefault(len(parts) - 1, []).append(label)
        else:
            parts.append(label)
    parts = [f"{p} ({'; '.join(inside[i])})" if i in inside else p for i, p in enumerate(parts)]
    if not citations:
        return None
    if len(citations) == 1:  # one section: its title, then the sentence its text opens with
        opening = _opening_citation(2, first_passages[0])
        text = parts[0]
        if opening is not None:
            citations.append(opening)
            text += f": {' '.join(opening.quote.split())} [2]"
    else:
        text = f"{lead} " + "; ".join(parts) + "."
    if absent is not None:
        where = candidates[0].info.short_title if len(candidates) == 1 else _THE_DOCUMENTS[language]
        text = f"{_NO_SUCH_SECTION[language].format(where=where, number=absent)} {text}"
    introduction = _introduction(sections, passages) if len(sections) > 1 else None
    return Overview(text.strip(), citations, first_passages, introduction)


def counts_sections(question: str, area_nouns: re.Pattern[str] | None = None) -> bool:
    """Whether ``question`` asks how many areas or goals there are ("Hur många målsättningar finns under …?", "how many
    objectives does the strategy list under '<a title>'?"): the outline gives that number, for an area named by its
    title too ("which target for the number of trials …" asks for a number it does not give)."""
    text = " ".join(question.split())
    for count in _HOW_MANY.finditer(text):
        after = text[count.end() : count.end() + 60]
        if re.match(rf"\s+(?:[\w-]+\s+)?(?:{_AREA_WORDS}|{_GOAL_WORDS})\b", after, re.IGNORECASE) or (
            area_nouns is not None and area_nouns.match(after.lstrip())
        ):
            return True
    return False


_HOW_MANY = re.compile(r"\b(?:hur många|how many|vilket antal|what number of)\b", re.IGNORECASE)


def asks_section_title(question: str, area_nouns: re.Pattern[str] | None = None) -> bool:
    """Whether ``question`` asks what a section (an area, an objective, the documents' own area nouns) is called: "… och
    vad heter i så fall den målsättningen?" asks for the title of the section that answers, which the answer's source
    lead gives; "Vad heter programmet som målsättning 7.2 nämner?" asks for a name in its text."""
    # Areas by their compound names only: "the name of the area in <a city> where …" asks for a place.
    nouns = f"{_GOAL_WORDS}|{_NAMED_AREAS}" + (f"|{area_nouns.pattern}" if area_nouns is not None else "")
    return bool(
        re.search(
            rf"\b(?:vad heter|vilket namn har|what(?:'s| is) the name of|name of){_FILLER}\s+(?:{nouns})\b",
            question,
            re.I,
        )
        or re.search(rf"\bwhat(?:'s| is| are){_FILLER}\s+(?:{nouns})\s+called\b", question, re.I)
        # ... by number, the document between: "What is focus area no. 6 of <the agenda> called …?"
        or re.search(
            rf"\bwhat(?:'s| is| are){_FILLER}\s+(?:{nouns})\s+(?:no\.?|nr\.?|number|nummer)?\s*\d+(?:\.\d+)?\b"
            r"[^?]{0,60}?\bcalled\b",
            question,
            re.I,
        )
        # "Vilket av insatsområdena handlar om …, och vad heter det?": the section named before, by a pronoun.
        or bool(_NAME_OF_IT.search(question) and re.search(rf"\b(?:{nouns})\b", question, re.I))
    )


_NAME_OF_IT = re.compile(
    r"\bvad heter (?:det|den|de)\b|\bwhat(?:'s| is| are) (?:it|they) called\b|\bwhat(?:'s| is) (?:its|their) names?\b",
    re.IGNORECASE,
)
_NAMED_AREAS = r"(?:focus|priority|action|thematic|strategic)\s+areas?|\w+områden?\w*"
# Words between "vad heter" and the section noun that name nothing ("vad heter i så fall den målsättningen?").
_FILLER = r"(?:\s+(?:i|så|fall|den|det|de|denna|detta|dessa|egentligen|alltså|the|this|that|these|those|then|in|case))*"


def _listed_items(document: Document, section: Section, passages: list[Passage], language: str) -> Overview | None:
    """The numbered goals written in ``section``'s text, quoted one by one (see ``items.items_under``)."""
    citations = items_under(section, passages, document.info.doc_id)
    if not citations:
        return None
    count = f"{len(citations)} {'numrerade mål' if language == 'sv' else 'numbered goals'}"
    listed = "; ".join(f"{' '.join(c.quote.split())} [{c.n}]" for c in citations)
    text = f"{document.info.short_title}, {section.number} {section.title}: {count}: {listed}"
    first = list(dict.fromkeys(c.passage_id for c in citations))
    return Overview(text, citations, [next(p for p in passages if p.passage_id == pid) for pid in first])


def goal_sections(document: Document) -> list[Section]:
    """Every numbered section of ``document`` (areas and objectives), in document order."""
    return [s for s in document.all_sections() if s.number]


def _goal_sections(document: Document, parts: int) -> list[Section]:
    return [s for s in goal_sections(document) if len((s.number or "").split(".")) == parts]


_MAX_TOPIC_WORDS = 3
"""More words than this beyond the framing: a question about content, not about the outline ..."""
_MAX_TOPIC_WORDS_EXPLICIT = 10
"""... unless it asks for objectives or for which area explicitly."""
_PLURAL_NOUNS = (
    r"\w*områden\w*|areas|themes|teman|chapters|kapitlen|målsättningar\w*|objectives|goals|targets|actions|"
    r"åtgärderna|delmålen|målen|sub-?goals|sub-?objectives"
)
_PLURAL = re.compile(rf"\b(?:{_PLURAL_NOUNS})\b", re.IGNORECASE)
# A count before them: "de sju insatsområdena", "the eight prioritised areas", "31 objectives".
_COUNTED = re.compile(
    rf"\b(\d{{1,2}}|{'|'.join(COUNT_WORDS)})\s+(?:[\w-]+\s+){{0,2}}?(?:{_PLURAL_NOUNS})\b", re.IGNORECASE
)
_COUNTED_AREAS = re.compile(
    rf"\b(?:\d{{1,2}}|{'|'.join(COUNT_WORDS)})\s+(?:[\w-]+\s+){{0,2}}?(?:\w*områden\w*|areas|themes|teman)\b",
    re.IGNORECASE,
)
_ONE_OF = re.compile(r"\b(?:vilket|vilken|which|what)\s+(?:one\s+)?(?:av|of)\b|\bwhich one\b", re.IGNORECASE)


def _counts_them_all(question: str, documents: Sequence[Document]) -> bool:
    """Whether ``question`` counts areas or objectives by a number some document has that many of, and asks for them
    all (not "which one of the seven")."""
    if _ONE_OF.search(question):
        return False
    counts = {
        int(n) if n.isdigit() else COUNT_WORDS[n.lower()]
        for n in _COUNTED.findall(question)
        if n.isdigit() or n.lower() in COUNT_WORDS
    }
    return any(counts & {len(_goal_sections(d, 1)), len(_goal_sections(d, 2))} - {0} for d in documents)


def title_stem(word: str) -> str:
    """How heading words and question words are compared: their first five letters, lower-cased."""
    return word.casefold()[:5]


_WHICH_AREA = re.compile(
    r"\b(?:vilket|vilken|which|what)\s+(?:\w*område|focus area|priority area|area)\b|"
    r"\b(?:vilket|which)\s+(?:one\s+)?(?:av|of)\s+(?:de|the)\s+(?:[\w-]+\s+){0,2}?(?:\w*områdena|areas)\b",
    re.IGNORECASE,
)


def _content_words(
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
    text = _PARTS.sub(" ", _AREAS.sub(" ", _GOALS.sub(" ", text)))
    return [
        w
        for w in _WORD.findall(text)
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
        _AREAS.search(asking)
        or _GOALS.search(asking)
        or _PARTS.search(asking)
        or (own_nouns is not None and own_nouns.search(asking))
    )
    # "I'm preparing a project on <a topic>. Which focus area does it belong to?": one section for what was said.
    pointed = _WHICH_AREA.search(asking) or _POINTS_BACK.search(asking)
    if structure and not pointed and not _content_words(asking, topic, router, context=False, own_nouns=own_nouns):
        return asking
    return question


_ONE_GOAL = re.compile(r"\b(?:goal|objective|target|målet|målsättningen)\b", re.IGNORECASE)
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
    r"|with)"
)


def _introduced(word: str, question: str) -> bool:
    """The topic is introduced by a preposition ("området om hälsodata", "objectives for research
    infrastructure"): "Vilket område har flest företag?" asks about content, not about an area."""
    # A quoted title too: "… under 'Internationell …'".
    pattern = rf"\b{_TOPIC_PREPOSITION}\s+['‘’\"“”«]?(?:[^\W\d_]+\s+){{0,2}}{re.escape(word)}\b"
    if re.search(pattern, question, re.IGNORECASE) is not None:
        return True
    # A quoted title names what it quotes: "the objective '<its title>'".
    return any(re.search(rf"\b{re.escape(word)}\b", q.group(0), re.IGNORECASE) for q in _QUOTED.finditer(question))


def _shared_parts(
    question: str,
    documents: list[Document],
    passages: list[Passage],
    numbers: list[tuple[str, str]],
    router: DocumentRouter,
    language: str,
) -> Overview | None:
    """The unnumbered headings under an area: under the one area named by number, or, for every area, those that recur
    under at least half of them (each cited to its heading under the first area having it); None when areas have no
    such headings."""
    for document in (d for d in _documents_for(question, documents, False, True, router) if _goal_sections(d, 1)):
        areas = _goal_sections(document, 1)
        if numbers:
            one = _find(document, numbers[0][0]) if not numbers[0][1] else None
            areas = [one] if one is not None else []
        parts: dict[str, list[Section]] = {}
        for area in areas:
            for child in area.children:
                if not child.number:
                    parts.setdefault(child.title.casefold(), []).append(child)
        shared = [found[0] for found in parts.values() if len(found) * 2 >= len(areas) and (numbers or len(found) > 1)]
        listed = ([(areas[0], True)] if numbers else []) + [(section, False) for section in shared]
        citations: list[Citation] = []
        first_passages: list[Passage] = []
        labels: list[str] = []
        for section, is_area in listed:
            passage = first_passage(section, passages, document.info.doc_id)
            if passage is None:
                continue
            citations.append(heading_citation(len(citations) + 1, document, section, passage))
            first_passages.append(passage)
            number = f"{section.number} " if is_area else ""
            labels.append(f"{number}{section.title} [{len(citations)}]")
        if not shared or len(citations) != len(listed):
            continue
        if numbers:
            text = f"{labels[0]}: {'; '.join(labels[1:])}."
        else:
            lead = _EACH_AREA_HAS[language].format(document=document.info.short_title, count=len(shared))
            text = f"{lead} {'; '.join(labels)}."
        return Overview(text, citations, first_passages)
    return None


_EACH_AREA_HAS = {
    "sv": "{document}: varje numrerat område har {count} delar:",
    "en": "{document}: each numbered area has {count} parts:",
}
# What an area is made of: "Hur är varje insatsområde uppbyggt?", "what parts does each focus area have?", "what two
# parts is it divided into?".
_PARTS_OF_AN_AREA = re.compile(
    r"\b(?:uppbyggd\w*|uppbyggt|strukturerad\w*|delar|delarna|indelad\w*|indelat|uppdelad\w*|uppdelat|består|"
    r"structured|parts|divided|split|made up|consists?|sections|sub-?sections|sub-?headings)\b",
    re.IGNORECASE,
)


def _several_by_topic(
    question: str,
    documents: list[Document],
    wants_goals: bool,
    topic: tuple[str, ...],
    router: DocumentRouter,
    match_title: TitleMatcher,
) -> list[tuple[Document, Section]]:
    """The sections a question names by two or more topics joined by "and" or "or" ("which focus area is about
    <topic A>, and which one covers <topic B>?", "Vilka insatsområden handlar om <A> eller <B>?"), each naming a
    different section clearly (see ``_by_topic``); empty unless every topic does."""
    parts = [p for p in _JOINED.split(without_section_references(question)) if p.strip()]
    if len(parts) < 2:
        return []
    found: list[tuple[Document, Section]] = []
    for part in parts:
        words = _content_words(part, topic, router)
        if not words:
            continue
        section = _by_topic(" ".join(words), documents, wants_goals, question, match_title)
        if section is None:
            return []
        if section not in found:  # "<A> and <B>" may both name it ("sustainability and resilience")
            found.append(section)
    # Sections of one document only: the answer lists them under its title.
    return found if len(found) > 1 and len({d.info.doc_id for d, _ in found}) == 1 else []


_APART = re.compile(
    r"\b(?:or|eller|respektive)\b|,\s*(?:and|och)\s+(?:(?:with|med|om|about|on|för|for)\b|(?:which|what|vilket|vilken|"
    r"vilka)\b)|\b(?:and|och)\s+(?:which|what|vilket|vilken|vilka)\b",
    re.IGNORECASE,
)
# Topics joined: "… om samverkan eller samordning", "… about skills, and which one covers visibility".
_JOINED = re.compile(r"\s*(?:,\s*(?:and|och|or|eller)?|\b(?:and|och|or|eller|samt|respektive)\b)\s*", re.IGNORECASE)


def _under_their_area(
    sections: list[tuple[Document, Section]], inner: set[str], question: str
) -> list[tuple[Document, Section]]:
    """Objectives listed with the area they belong to, the area first and they inside it: all of one area's objectives
    ("Which objectives fall under area 3?" names area 3 too), or the one objective a question asks the area of ("Till
    vilket område hör målsättningen om <a topic>?"). ``inner`` gets the objectives' ids."""
    if not sections or any("." not in (s.number or "") for _, s in sections) or any(s.id in inner for _, s in sections):
        return sections
    document = sections[0][0]
    areas = {_area_of(s) for _, s in sections}
    if len(areas) != 1 or any(d is not document for d, _ in sections):
        return sections
    area = _find(document, areas.pop())
    if area is None:
        return sections
    whole = {c.id for c in area.children if c.number} == {s.id for _, s in sections}
    # (All of an area's objectives with the area only when asked for it too: "what's its title and which objectives
    # …?", "… and what area are they in?"; "Which objectives fall under area 3?" knows it.)
    asked_too = _WHICH_AREA_TOO.search(question) or _ITS_TITLE.search(question)
    if not (whole and len(sections) > 1 and asked_too) and not (len(sections) == 1 and _WHICH_AREA.search(question)):
        return sections
    inner.update(s.id for _, s in sections)
    return [(document, area), *sections]


def _headings_naming(
    words: Sequence[str], documents: Sequence[Document], english_title: EnglishTitle | None
) -> list[tuple[Document, Section]]:
    """The objectives (two-part sections) whose title, or its English translation, writes every one of ``words`` (by
    its first letters, see ``title_stem``; a word of three letters or fewer whole: "AI", "EU")."""
    found = []
    for document in documents:
        for section in _goal_sections(document, 2):
            titles = [section.title, (english_title(document.info.doc_id, section.title) if english_title else None)]
            heads = [w.casefold() for t in titles if t for w in _WORD.findall(t)]
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


def _area_of(section: Section) -> str:
    """The number of the area an objective belongs to ("4" for "4.1")."""
    return (section.number or "").partition(".")[0]


# "… have <a word> in their headings", "… i rubriken": the titles' own words are asked about.
_IN_HEADING = re.compile(
    r"\b(?:in|i)\s+(?:their|its|the|sina|sin|dess|deras)?\s*(?:headings?|titles?|names?|rubrik\w*|titel\w*|namn\w*)\b",
    re.IGNORECASE,
)
_ITS_TITLE = re.compile(
    r"\b(?:its|the|dess|områdets)\s+(?:title|name|titel|namn|rubrik)\b|\bvad heter\b|"
    # What the area itself is about: "Vad handlar område 8 om, och vilka målsättningar …?", "What does area 3 cover".
    r"\bvad handlar\b|\bwhat is (?:area|focus area|it)\b|\bwhat does (?:area|focus area|it)\b",
    re.IGNORECASE,
)
# "… and which areas do they belong to?", "… och vilka områden hör de till?"
_WHICH_AREA_TOO = re.compile(
    r"\b(?:which|what|vilka|vilket|vilken)\s+(?:[\w-]+\s+)?(?:areas?|områden\w*|område\w*)\b", re.IGNORECASE
)


def _by_topic(
    words: str, documents: list[Document], wants_goals: bool, question: str, match_title: TitleMatcher
) -> tuple[Document, Section] | None:
    """The goal section the question names by its topic: an area ("objectives for health data",
    "the focus area on sustainability") or, for a single objective, an objective."""
    parts = 2 if wants_goals and not _PLURAL_GOALS.search(question) else 1
    pool = [(d, s) for d in documents for s in _goal_sections(d, parts)]
    if parts == 1 and wants_goals:  # objectives under an area: only areas that have objectives
        pool = [(d, s) for d, s in pool if any(c.number for c in s.children)] or pool
    section = match_title(words, [s for _, s in pool])
    return next(((d, s) for d, s in pool if s is section), None)


_PLACED_IN = re.compile(
    rf"\b([^\W\d_]+)\s+(?:under|within|inom|i|in)\s+(?:[^\W\d_']+(?:-[^\W\d_']+)*(?:'s)?\s+){{0,4}}(?:{_AREA_WORDS})\b",
    re.IGNORECASE,
)

# Verbs that place goals in an area (language knowledge): "Vilka mål för cancer i område 4?" keeps its topic.
_PLACING_VERBS = frozenset(
    "sit sits fall falls belong belongs lie lies come comes appear appears are is listed placed found set laid tillhör "
    "included named given grouped gathered arranged sorted organised organized collected "
    "ligger ryms hör hamnar faller finns ingår står återfinns placeras listas anges nämns samlas grupperas".split()
)


def _asks_goals_of_it(question: str, topic: tuple[str, ...], router: DocumentRouter) -> bool:
    """Whether the question's last clause, after what came before it, asks for the goals of a section it points back
    at and for nothing else ("… – what objectives are set out under it?", "… – vilka målsättningar finns där?")."""
    found = _LAST_CLAUSE.search(question)
    if found is None or found.start(1) == 0:
        return False
    clause = found.group(1)
    if not (_PLURAL_GOALS.search(clause) and _POINTER.search(clause)):
        return False
    return not [w for w in _content_words(_POINTER.sub(" ", clause), topic, router) if w not in _PLACING_VERBS]


_LAST_CLAUSE = re.compile(r"(?:^|[–—:;.!?]\s+|\s-\s+)((?:[^–—:;.!?\s]|\s(?!-\s))+)[.!?]*\s*$")
_POINTER = re.compile(r"\b(?:it|its|that|this|them|there|den|det|dess|där|detta|denna|dem)\b", re.IGNORECASE)


def _restates(
    words: list[str],
    number: tuple[str, str],
    question: str,
    documents: list[Document],
    router: DocumentRouter,
    english_title: EnglishTitle | None,
) -> bool:
    """Whether ``words`` are the numbered section's title again: at least half of them are words of its
    title or of the title's English translation."""
    label = ".".join(n for n in number if n)
    for document in _documents_for(question, documents, False, False, router):
        section = _find(document, label)
        if section is None:
            continue
        english = english_title(document.info.doc_id, section.title) if english_title else None
        stems = {title_stem(w) for w in _WORD.findall(f"{section.title} {english or ''}")}
        if 2 * sum(title_stem(w) in stems for w in words) >= len(words):
            return True
    return False


def _documents_for(
    question: str, documents: list[Document], goals: bool, areas: bool, router: DocumentRouter
) -> list[Document]:
    """The documents the question is about: named ones, those whose structure fits, those using its word."""
    named = router.named(question)
    pool = [d for d in documents if named is None or d.info.doc_id == named] or documents
    if goals:
        pool = [d for d in pool if _goal_sections(d, 2)] or pool
    elif areas:
        pool = [d for d in pool if _goal_sections(d, 1)]
        specific = _SPECIFIC_AREA.search(question)
        if specific and len(pool) > 1:
            # English "focus area" is Swedish "insatsområde" or "fokusområde" (language, not corpus, knowledge).
            noun = specific.group(1).casefold()
            nouns = (noun,) if "område" in noun else ("insatsområde", "fokusområde")
            own = [d for d in pool if any(n in d.text.casefold() for n in nouns)]
            pool = own or pool
    if len(pool) > 1:
        # A document's own series noun ("den fjärde prioriteringen" where one document letters its "Prioritering
        # A" …) picks it.
        swedish = with_swedish_nouns(question)
        own_noun = [d for d in pool if (series := own_area_nouns([d])) is not None and series.search(swedish)]
        pool = own_noun or pool
    count = next((v for w, v in COUNT_WORDS.items() if re.search(rf"\b{w}\b", question, re.IGNORECASE)), None)
    if count is not None and len(pool) > 1:
        fitting = [d for d in pool if len(_goal_sections(d, 2 if goals else 1)) == count]
        pool = fitting or pool
    return pool


_NO_SUCH_SECTION = {
    "sv": "{where} har inget avsnitt med nummer {number}. Det här finns:",
    "en": "{where} has no section numbered {number}. This is what there is:",
}
_THE_DOCUMENTS = {"sv": "Dokumenten", "en": "The documents"}


def _find(document: Document, number: str) -> Section | None:
    return find_section(document, number)


def first_passage(section: Section, passages: list[Passage], doc_id: str) -> Passage | None:
    """The first passage of ``section`` (or of a section below it) in document ``doc_id``."""
    ids = {s.id for s in section.walk()}
    return next((p for p in passages if p.doc_id == doc_id and p.section_id in ids), None)


def _introduction(sections: list[tuple[Document, Section]], passages: list[Passage]) -> Passage | None:
    """The own first passage of the one section that every listed section is a child of (see ``Overview``)."""
    documents = {id(d): d for d, _ in sections}
    if len(documents) != 1:
        return None
    document = next(iter(documents.values()))
    listed = {s.id for _, s in sections}
    parent = next((s for s in document.all_sections() if listed <= {c.id for c in s.children}), None)
    if parent is None:
        return None
    return next((p for p in passages if p.doc_id == document.info.doc_id and p.section_id == parent.id), None)


def heading_citation(n: int, document: Document, section: Section, passage: Passage) -> Citation:
    """Citation ``n`` of a section's heading (its title, verbatim), located in the passage that opens the section."""
    start = document.text.find(section.title, section.start)
    start = start if 0 <= start < section.body_start else section.start
    return Citation(
        n=n,
        passage_id=passage.passage_id,
        quote=section.title,
        doc_title=document.info.title,
        section_number=section.number,
        section_title=section.title,
        page=document.page_at(section.start),
        reference=_heading_reference(document, section),
        quote_start=start,
        quote_end=start + len(section.title),
        section_path=section.path,
        kind="heading",
        doc_id=document.info.doc_id,
    )


def _heading_reference(document: Document, section: Section) -> str:
    info = document.info
    page = document.page_at(section.start)
    label = f"{section.number} {section.title}" if section.number else section.title
    parts = [f"{info.publisher} ({info.year})", info.short_title, label]
    return ", ".join(parts) + (f", {page_label(info.language, page)}" if page else "")


def _opening_citation(n: int, passage: Passage) -> Citation | None:
    for a, b in passage.sentences:
        if is_answer_material(passage.text[a:b]):
            return passage.cite(n, a, b)
    return None


def _noun(language: str, two_part: bool, parts: bool = False) -> str:
    if parts:
        return "huvudavsnitt" if language == "sv" else "main sections"
    if language == "sv":
        return "målsättningar" if two_part else "numrerade områden"
    return "objectives" if two_part else "numbered areas"


def _is_part(section: Section, document: Document) -> bool:
    """A top-level section that is a part of the document: not the text before the first heading, not the title."""
    return section.id != "preamble" and not repeats_title(section.title, document.info.title)
