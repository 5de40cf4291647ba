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

import re
from collections.abc import Sequence

from strategiqa.ingest.model import Citation, Document, Passage, Section
from strategiqa.retrieval.routing import DocumentRouter

from .outline import (
    area_of,
    first_passage,
    goal_sections_at,
    heading_citation,
    is_part,
    numbered_section,
    title_stem,
)
from .outline_topics import (
    AREA_WORDS,
    AREAS,
    GOAL_WORDS,
    GOALS,
    LAST_CLAUSE,
    PARTS,
    PLACING_VERBS,
    PLURAL_GOALS,
    WHICH_AREA,
    WORD,
    TitleMatcher,
    asks_goals_of_it,
    by_topic,
    content_words,
    headings_naming,
    introduced,
    several_by_topic,
)
from .overview_listing import WHICH_AREA_TOO, Overview, list_sections, listed_items
from .question_names import without_asker_context, without_self_introduction
from .sections import (
    COUNT_WORDS,
    EnglishTitle,
    listed_section_numbers,
    own_area_nouns,
    section_numbers,
    series_nouns,
    with_swedish_nouns,
    without_section_references,
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
# an area holds (a question whose other words name a topic is no structure question either: see ``content_words``).
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


# An area itself, not a word for how a document is built ("uppbyggd", "structured").
_AN_AREA = re.compile(
    r"\b(?:\w*område\w*|\w*omrade\w*|(?:focus|priority|action|thematic|main|strategic)?\s*areas?|themes?|tema\w*)\b",
    re.IGNORECASE,
)


# A kind of area a document names its own ("insatsområden", "strategiområde"): it picks that document.
_SPECIFIC_AREA = re.compile(r"\b(\w+område|focus area|priority area)(?:n|t|na|ns|ts)?\b", re.IGNORECASE)


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
    wants_areas = bool(AREAS.search(question) or (own_nouns and own_nouns.search(question)))
    # Areas counted ("the eight prioritised areas of the strategy (its new objectives from <its autumn>)") are what is
    # asked for, whatever goal words describe the document.
    wants_goals = bool(GOALS.search(question)) and not _COUNTED_AREAS.search(question)
    if (
        wants_goals
        and _only_own_area_noun(question, documents, router)
        and not content_words(without_section_references(question), topic, router, own_nouns=own_nouns)
    ):
        # "Vilka mål har <a programme>?", "Vad går mål 4 ut på?" of a document whose areas are headed "Mål 1: …": its
        # areas, not what they hold ("Vilka mål har den satt för <a topic>?" still asks for those under the area).
        wants_goals, wants_areas = False, True
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
    wants_parts = bool(PARTS.search(question)) or made_of
    if not (wants_goals or wants_areas or wants_parts or numbers):
        return None
    # "Hur är varje insatsområde uppbyggt?", "What parts is the first focus area divided into?": the parts an area is
    # written in (the headings under each area), not the list of areas.
    whose = _PARTS_OF.search(question)  # "What parts of the value chain does area 4 cover?" asks about content
    if (
        (_AN_AREA.search(question) or (own_nouns and own_nouns.search(question)))
        and not wants_goals
        and not _asks_which_areas(question, own_nouns)  # "Vilka insatsområden består agendan av?": the areas
        and _PARTS_OF_AN_AREA.search(question)
        and (whose is None or AREAS.search(whose.group(1)) or (own_nouns and own_nouns.search(whose.group(1))))
        # ... and nothing beyond ("Vilka delar av insatsområde 2 handlar om <a topic>?" asks about content)
        and not content_words(
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
    rest = content_words(unnumbered, topic, router, own_nouns=own_nouns)
    if summary and rest and not _MADE_OF.search(question):  # a summary of what it says on a topic: quoted
        return None
    # Asking for goals or for one area explicitly ("Which objectives … for making better use of care
    # data?") makes a longer topic description an outline question too.
    explicit = bool(PLURAL_GOALS.search(question) or WHICH_AREA.search(question))
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
    if plural and not any(title_stem(w) in title_words or introduced(w, question) for w in rest):
        rest = []
    # "Vilka målsättningar ligger under område 4, integrering av forskning …": the area named twice, by number and
    # by title ("EU programmes named in objective 8.5" asks for content: only a question asking for goals).
    if rest and numbers and PLURAL_GOALS.search(question):
        rest = [] if _restates(rest, numbers[0], question, documents, router, english_title) else rest
    # "So, as an investor I mostly care about area eight, <its title> – what objectives are set out under it?": the
    # clause that asks points back at the section named before it; the rest is the asker's context.
    if rest and len(numbers) == 1 and asks_goals_of_it(question, topic, router):
        rest = []
    # "For my school essay: what are the objectives under area 2 (<its title>) …?": the clause before the one that
    # names the section and asks for its goals is the asker's context; what the asking clause adds restates the title.
    asking = LAST_CLAUSE.search(question)
    if rest and numbers and asking is not None and asking.start(1) > 0:
        clause = asking.group(1)
        if section_numbers(clause) and PLURAL_GOALS.search(clause):
            unasked = without_section_references(clause)
            own = content_words(unasked, topic, router, own_nouns=own_nouns)
            own = [w for w in own if w not in PLACING_VERBS]
            if not own or _restates(own, numbers[0], clause, documents, router, english_title):
                rest = []
    # "list the eight prioritised areas", "Vilka sju insatsområden prioriteras …?": a count that is a document's whole
    # number of areas or objectives asks for all of them, whatever the asker says around it ("Jag ska ha en lektion om
    # regional utveckling. …"); not "Vilket av de sju …", which asks for one.
    if rest and not numbers and _counts_them_all(question, documents):
        rest = []
    # A verb placing goals in an area ("What objectives sit under the area on …", "Vilka mål ryms i område 7?").
    placing = {m.group(1).casefold() for m in _PLACED_IN.finditer(question)} & PLACING_VERBS
    rest = [w for w in rest if w not in placing]
    # "Which objectives have '<a word>' in their headings?", "Which objectives concern <a topic>?" where objectives of
    # several areas write it in their titles: those objectives, each under its area when that is asked too.
    literal = (
        headings_naming(rest, _documents_for(question, documents, True, False, router), english_title)
        if rest
        and (PLURAL_GOALS.search(question) or (wants_goals and _IN_HEADING.search(question)))
        and not numbers
        and match_title is not None
        and len(rest) <= longest
        else []
    )
    # (Not "the objectives in the area about <a topic>": that area's objectives.)
    spread = len({(d.info.doc_id, area_of(s)) for d, s in literal}) > 1 and not _AN_AREA.search(question)
    if not (_IN_HEADING.search(question) or spread):
        literal = []
    if (
        not literal
        and rest
        and (numbers or match_title is None or len(rest) > longest or not introduced(rest[0], question))
    ):
        return None
    # "What's the goal for 2035?", "What is the overall objective?": one goal, by what it says; the outline lists them.
    if (
        wants_goals
        and not (wants_areas or wants_parts or numbers or rest or literal)
        and _ONE_GOAL.search(question)
        and not PLURAL_GOALS.search(question)
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
        having = [d for d in _documents_for(question, documents, False, False, router) if numbered_section(d, number)]
        candidates = [d for d in candidates if d in having] or having or candidates
    absent = None
    # Sections listed after one noun ("insatsområde 5, 6 och 7"); numbers named apart are not one list.
    listed = listed_section_numbers(question) if numbers else []
    missing = [n for n in listed if not any(numbered_section(d, n) for d in candidates)]
    if missing:
        # No such section ("insatsområde 9" of seven): the answer says so before listing what there is — the others
        # listed, or else the outline.
        absent = missing[0]
        listed = [n for n in listed if n not in missing]
        numbers = numbers if listed else []
    sections: list[tuple[Document, Section]] = []
    inner: set[str] = set()  # ids of sections listed inside the part above them
    if literal:
        with_areas = bool(WHICH_AREA_TOO.search(question))
        for document, section in literal:
            area = numbered_section(document, area_of(section)) if with_areas else None
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
            several_by_topic(question, candidates, wants_goals, topic, router, match_title)
            if _APART.search(question)
            else []
        )
        found = None if named else by_topic(" ".join(rest), candidates, wants_goals, question, match_title)
        named = named or ([found] if found is not None else [])
        if not named:
            return None
        for document, section in named:
            goals = [c for c in section.children if c.number]
            if "." not in (section.number or "") and wants_goals and PLURAL_GOALS.search(question):
                if not goals and len(named) == 1 and section.number:
                    # An area whose text numbers its goals (under a part of its own): each quoted, as by its number.
                    return listed_items(document, section, passages, language)
                sections.extend((document, c) for c in goals)
            else:
                sections.append((document, section))
    elif numbers:
        for major, _, minor in (n.partition(".") for n in listed):  # each section listed, in the order named
            for document in candidates:
                section = numbered_section(document, f"{major}.{minor}" if minor else major)
                if section is None:
                    continue
                if minor or not wants_goals:  # "what is objective 4.1 / focus area 3 about": that section
                    sections.append((document, section))
                elif any(c.number for c in section.children):  # "which objectives fall under area 4": its children
                    sections.extend((document, c) for c in section.children if c.number)
                elif len(listed) == 1:  # ... or the goals its text numbers ("Delmål 3.1 …"), each quoted
                    return listed_items(document, section, passages, language)
                else:
                    sections.append((document, section))
                break
        sections = list({(d.info.doc_id, s.id): (d, s) for d, s in sections}.values())  # "areas 4 and 4.1": once
        if not sections:
            return None
    elif wants_parts and not wants_goals:
        for document in candidates:
            for part in (s for s in document.sections if is_part(s, document)):
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
            sections.extend((document, s) for s in goal_sections_at(document, level))
        if not sections:
            return None
    return list_sections(sections, inner, question, language, passages, candidates, absent)


def _only_own_area_noun(question: str, documents: list[Document], router: DocumentRouter) -> bool:
    """Whether every goal word of ``question`` is the noun the document it names heads its top sections with ("Mål 1:
    …" in a programme whose areas are its goals): that document's areas are asked for. Not when the question uses the
    noun heading the sections under them too ("Vilka delmål finns under mål 3?"), nor another goal word."""
    named = router.named(question)
    document = next((d for d in documents if d.info.doc_id == named), None) if named else None
    if document is None:
        return False
    top = series_nouns(document, top_only=True)
    # The noun in its inflections ("mål", "målen"), not a compound of it ("delmål", "målsättningar").
    words = [m.group(0).casefold() for m in _ANY_GOAL_WORD.finditer(question)]
    return bool(words) and all(any(w.startswith(n) and len(w) - len(n) <= 3 for n in top) for w in words)


_ANY_GOAL_WORD = re.compile(r"\b\w*(?:mål|goal|objective|target)\w*", re.IGNORECASE)


def counts_sections(question: str, area_nouns: re.Pattern[str] | None = None) -> bool:
    """Whether ``question`` asks how many areas or goals there are ("Hur många målsättningar finns under …?", "how many
    objectives does the strategy list under '<a title>'?"): the outline gives that number, for an area named by its
    title too ("which target for the number of trials …" asks for a number it does not give)."""
    text = " ".join(question.split())
    for count in _HOW_MANY.finditer(text):
        after = text[count.end() : count.end() + 60]
        if re.match(rf"\s+(?:[\w-]+\s+)?(?:{AREA_WORDS}|{GOAL_WORDS})\b", after, re.IGNORECASE) or (
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
    nouns = f"{GOAL_WORDS}|{_NAMED_AREAS}" + (f"|{area_nouns.pattern}" if area_nouns is not None else "")
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
    return any(counts & {len(goal_sections_at(d, 1)), len(goal_sections_at(d, 2))} - {0} for d in documents)


_ONE_GOAL = re.compile(r"\b(?:goal|objective|target|målet|målsättningen)\b", re.IGNORECASE)


def _asks_which_areas(question: str, own_nouns: re.Pattern[str] | None) -> bool:
    """Whether the question asks which areas there are ("Vilka strategiska områden består <den> av?", "Which focus
    areas make up the agenda?"): its question word is followed by an area noun, so what it is made of is the areas."""
    asked = _WHICH_WORDS.search(question)
    return asked is not None and bool(
        AREAS.search(asked.group(1)) or (own_nouns is not None and own_nouns.search(asked.group(1)))
    )


_WHICH_WORDS = re.compile(r"\b(?:vilka|which|what)\s+((?:[\w-]+\s+)?[\w-]+)", re.IGNORECASE)
"""A question word and the (one or two) words after it: what the question asks for."""


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
    for document in (d for d in _documents_for(question, documents, False, True, router) if goal_sections_at(d, 1)):
        areas = goal_sections_at(document, 1)
        if numbers:
            one = numbered_section(document, numbers[0][0]) if not numbers[0][1] else None
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


_APART = re.compile(
    r"\b(?:or|eller|respektive)\b|,\s*(?:and|och)\s+(?:(?:with|med|om|about|on|för|for)\b|(?:which|what|vilket|vilken|"
    r"vilka)\b)|\b(?:and|och)\s+(?:which|what|vilket|vilken|vilka)\b",
    re.IGNORECASE,
)


# "… have <a word> in their headings", "… i rubriken": the titles' own words are asked about.
_IN_HEADING = re.compile(
    r"\b(?:in|i)\s+(?:their|its|the|sina|sin|dess|deras)?\s*(?:headings?|titles?|names?|rubrik\w*|titel\w*|namn\w*)\b",
    re.IGNORECASE,
)


_PLACED_IN = re.compile(
    rf"\b([^\W\d_]+)\s+(?:under|within|inom|i|in)\s+(?:[^\W\d_']+(?:-[^\W\d_']+)*(?:'s)?\s+){{0,4}}(?:{AREA_WORDS})\b",
    re.IGNORECASE,
)


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
        section = numbered_section(document, label)
        if section is None:
            continue
        english = english_title(document.info.doc_id, section.title) if english_title else None
        stems = {title_stem(w) for w in WORD.findall(f"{section.title} {english or ''}")}
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
        pool = [d for d in pool if goal_sections_at(d, 2)] or pool
    elif areas:
        pool = [d for d in pool if goal_sections_at(d, 1)]
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
        fitting = [d for d in pool if len(goal_sections_at(d, 2 if goals else 1)) == count]
        pool = fitting or pool
    return pool
