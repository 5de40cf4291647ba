"""How a question is worded, apart from what it asks: closing requests about the answer's form and fillers of
speech, matters of practice a strategy does not settle, a place's name standing for its government, a count that asks
for its list too (Swedish and English).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from strategiqa.retrieval.routing import QUESTION_WORD

from .question_kinds import any_of
from .questions import VALUES

__all__ = [
    "PRACTICAL_FRAME_WORDS",
    "aliases_as_places",
    "asks_practical_matter",
    "asks_to_list_too",
    "has_question_word",
    "without_format_request",
    "without_trailing_filler",
]


def without_format_request(question: str) -> str:
    """``question`` without a closing request about the answer's form ("… ? Bara titeln tack.", "… ? Svara kort.",
    "… ? In one sentence, please."): it asks for nothing the documents hold, and its words are no topic."""
    question = _FORMAT_IN_BRACKETS.sub("", question)
    return _FORMAT_REQUEST.sub("", question).rstrip() or question


def without_trailing_filler(question: str) -> str:
    """``question`` without a filler word of speech at its end ("… och vad går det ut på typ?", "… asså?", "… what is
    it about, like?"): it says nothing of what is asked, and a question's last words often decide what it asks. A word
    that a determiner governs is no filler ("Vilken typ?")."""
    m = _TRAILING_FILLER.search(question)
    if m is None or m.group("before").lower() in _DETERMINERS:
        return question
    return question[: m.end("before")] + m.group("end")


# English fillers only after a comma: "… the region like?" is the verb.
_TRAILING_FILLER = re.compile(
    r"(?P<before>\w+)(?:\s*,?\s+(?:typ|liksom|asså|alltså)|\s*,\s*(?:like|kinda|sort of))\s*(?P<end>[?.!]*)\s*$",
    re.IGNORECASE,
)
_DETERMINERS = frozenset(
    "vilken vilket vilka en ett den det denna detta samma ny nytt nya annan annat andra för what which a an the this "
    "that".split()
)
"""Words after which the closing word is a word of the question ("Vilken typ?", "Vad är det för typ?"). Not particles
and prepositions: "… vad går det ut på typ?", "… vad handlar det om typ?" end on the filler."""


# ... or the form asked for in brackets at the end ("When was it published (month and year)?", "… (svara ja/nej)?").
_FORMAT_IN_BRACKETS = re.compile(
    r"\s*\((?:\s*(?:and|och|or|eller|the|in|i|only|bara|month|year|day|date|månad|år|dag|datum|exact|exakt|approx\w*|"
    r"roughly|ungefär|percent|procent|yes|no|ja|nej|svara|answer|kort|briefly|[/,&])\s*)+\)(?=\s*[?.!]?\s*$)",
    re.IGNORECASE,
)
_FORMAT_REQUEST = re.compile(
    r"(?<=[?.!])\s+(?=[^?.!]*\b(?:kort\w*|titeln|titlarna|rubriken|rubrikerna|tack|punktform|punktlista|en\s+mening|"
    r"briefly|short|one\s+sentence|a\s+sentence|please|title|titles|bullet\w*|list\s+only|only\s+the)\b)"
    r"(?:\S+\s+){0,5}\S+[.!]?\s*$",
    re.IGNORECASE,
)


def asks_practical_matter(question: str) -> bool:
    """Whether ``question`` asks how a person goes about something or which rules are in force ("Hur söker man …?",
    "How do I renew …?", "Vilka regler gäller för …?", "What are the rules for …?", "How does a nurse apply …?",
    "Förklara hur X fungerar"): matters of practice, which a
    strategy (goals, needs, intentions) does not settle. Narrow on purpose: "How can we …?", "How does one increase
    …?", "What are the requirements for …?" ask what a strategy says as often as not."""
    return bool(_PRACTICAL.search(" ".join(question.split())))


_PRACTICAL = any_of(
    # Not "Hur ska man tackla …?" (what should be done), "Hur får man tillgång …?", "Hur hittar man rätt stöd …?".
    r"\bhur (?:bokar|söker|ansöker|anmäler|förnyar|överklagar|beställer|betalar|registrerar|byter|skriver) "
    r"(?:jag|man|du)\b",
    r"\b(?:vilka|vad för) regler gäller\b",
    r"^\s*får (?:man|jag|du)\b",  # "Får man hämta ut …?": whether one may ("Får branschen in pengar …?" gets)
    # Whether someone may do something to what is mine: "Får apoteket byta ut min medicin …?".
    r"^\s*får\b(?=.*\b(?:min|mitt|mina|mig)\b)",
    # What may be done, passive: "Vilka läkemedel får säljas i …?", "Får antibiotika förskrivas …?" (a rule in force).
    r"\bfår\s+(?:inte\s+|bara\s+|endast\s+)?(?!\w*(?:ss|ns)as\b)[a-zåäö]{3,}as\b",
    r"\bhur (?:[\w-]+ ){0,6}?fungerar\b",  # "Hur fungerar X?", "Förklara hur X fungerar."
    r"\bhow (?:do|can|should|may|must) i\b",
    # English for "Vilka regler gäller för …?" and "Hur ansöker man …?": the rules in force, a person's own errand.
    # Not "Which EU rules on … does the government see as important?" (what a strategy says of rules).
    r"(?:^|[.?!:;]\s)\s*what are the (?:current |present )?rules (?:for|of|governing)\b",
    r"\bhow (?:does|do) (?:one|you|someone|people|an? [\w-]+) (?:[\w-]+ ){0,6}?"
    r"(?:apply|book|register|renew|appeal|enrol|enroll)\b",
    # The procedure for an errand: "What's the procedure for a nurse to report …?", "Vad är rutinen för att anmäla
    # …?". Not "the process for …", which a strategy may well describe (how it was drawn up).
    r"\bwhat(?:'s|’s| is| are) the (?:[\w-]+ ){0,2}(?:procedures?|steps) (?:for|to)\b",
    r"\b(?:vad|vilka|vilken) (?:är|blir) (?:[\w-]+ ){0,2}(?:rutinen|rutinerna|proceduren|stegen) (?:för|att)\b",
)
PRACTICAL_FRAME_WORDS = frozenset(
    "hur bokar söker ansöker anmäler förnyar överklagar beställer betalar registrerar byter skriver får jag man du "
    "vilka vad för regler gäller fungerar förklara beskriv berätta how do can should may must i what are the current "
    "present rules for of governing does one you someone people a an apply book register renew appeal enrol "
    "enroll what's is procedure procedures steps to är blir rutinen rutinerna proceduren stegen att".split()
)
"""The words of the frames above: what the question asks about is the rest."""


def aliases_as_places(question: str, aliases: Iterable[str], expects: str) -> tuple[str, ...]:
    """The ``aliases`` (names standing for a body the documents name: a capital for its government) that ``question``
    uses for the place itself, which the documents do not mention: in a question asking for a figure or a place (any
    form: "How many companies from <it> …?"), in a longer word ("<it>sområdet"), beside a word for a place ("Region
    <it>", "the <it> area", "<it>s län") or after a preposition of place ("companies in <it>"). Elsewhere it stands
    for the body: "Does <it> plan new tax breaks?", "<it>s besked", "<it>'s view", "money from <it>", and power
    placed there ("politikerna i <it>", "what gets decided in <it>")."""
    placed = []
    for alias in aliases:
        forms = list(re.finditer(rf"(?<![\w-]){re.escape(alias)}(?P<rest>[\w-]*)", question, re.IGNORECASE))
        if forms and (expects in VALUES | {"place"} or any(_names_the_place(question, m) for m in forms)):
            placed.append(alias)
    return tuple(placed)


def _names_the_place(question: str, form: re.Match[str]) -> bool:
    before, after, rest = question[: form.start()], question[form.end() :], form.group("rest")
    if _PLACE_AFTER.match(after) or _PLACE_NOUN_BEFORE.search(before):
        return True
    if rest.lower() == "s" or re.match(r"['’]", after):  # a genitive: "<it>s kassor", "<it>'s plan", "<it>' framework"
        return False
    if rest:  # a compound: "<it>sområdet", "<it>sbörsen"
        return True
    placed_in = _PREPOSITION_OF_PLACE.search(before)
    return placed_in is not None and not _POWER.search(before[max(0, placed_in.start() - 40) : placed_in.start()])


_PREPOSITION_OF_PLACE = re.compile(
    r"\b(?:i|in|inom|within|kring|runt|around|near|nära|utanför|outside|vid|at)\s+$", re.IGNORECASE
)
"""A preposition of place right before a name."""
_PLACE_NOUN_BEFORE = re.compile(r"\b(?:region|greater|city of|county of|staden|kommunen)\s+$", re.IGNORECASE)
_PLACE_AFTER = re.compile(
    r"\s+(?:regions?|area|county|city|municipality|metropolitan|län|kommun|stad|området|regionen)\b", re.IGNORECASE
)
"""A word for a place right after a name: "the <it> area", "<it>s län"."""
_POWER = re.compile(
    r"\b(?:politiker\w*|makthavar\w*|beslutsfattar\w*|beslut\w*|politicians?|lawmakers?|decision-makers?|decid\w*|"
    r"decisions?|powers?)\b",
    re.IGNORECASE,
)
"""Power placed in a capital is its government: "politikerna i <it>", "decisions made in <it>"."""


def asks_to_list_too(question: str) -> bool:
    """Whether a count question also asks for what it counts: "Hur många insatsområden finns det, och vilka är de?",
    "How many objectives are there, and what are they?" (the outline answers both)."""
    return bool(_LIST_TOO.search(question))


_LIST_TOO = re.compile(
    r"\b(?:och|and)\s+(?:vilka|vad|which|what)\s+(?:är|var|heter|are|were|is)\s+(?:de|dem|dessa|they|these|their)\b|"
    r"\b(?:och|and)\s+(?:vilka|which|what)\s+(?:är|are)\s+(?:det|it)\b|"
    r"\b(?:lista|nämn|räkna upp|list|name)\s+(?:dem|them|alla|all)\b",
    re.IGNORECASE,
)


def has_question_word(question: str) -> bool:
    """Whether ``question`` has an interrogative of its own ("Och i den andra?" has none)."""
    return bool(QUESTION_WORD.search(question))
