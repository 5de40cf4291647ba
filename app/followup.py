"""Follow-up questions ("Och vad säger strategin om det?") read against the question before them.

Deterministic: a question that refers back (*det, detta, där, that, it, there* with little else),
opens with *och / and / what about*, or has fewer than two content words is combined with the
previous question; one that stands alone is never rewritten. The caller shows the reading
(*Tolkad som: …*) so the user sees what was asked.
"""

from __future__ import annotations

import re

from strategiqa.retrieval.language import detect_language
from strategiqa.retrieval.routing import DocumentRouter
from strategiqa.retrieval.text import STOP_WORDS

from .sections import ORDINALS, listed_position, section_numbers

_REFERS = frozenset(
    "det detta denna dessa där då dem den samma dess deras sådant sådana "
    "that it this these those there them they then its their such same ones".split()
)
# "finns det", "there are", "blir det": the pronoun is a placeholder, not a reference back.
_EXPLETIVE = re.compile(
    r"\b(?:finns det|det finns|fanns det|det fanns|blir det|det blir|"
    r"there (?:is|are|was|were|will be)|is there|are there|was there|were there|ser det ut|looks? like)\b",
    re.IGNORECASE,
)
# "är det", "is it": a placeholder before what it stands for ("Är det viktigt att …", "Is it true that …", "Vad är det
# för …", "Varför är det viktigt med …") or after what it points at in the question itself ("NAISS – what is it?");
# otherwise ("Varför är det viktigt för Sverige?", "Vad är det?") it points back.
_IS_IT = re.compile(r"\b(?:är det|det är|var det|det var|stämmer det|is it|it is|was it|it was)\b", re.IGNORECASE)
_STANDS_FOR = re.compile(
    r"(?:\s+[\w-]+){0,4}?\s+(?:att|som|om|med|så|to|that|whether|if|någon\w*|något|några|any\w*)\b|\s+för\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[–—:;,]|\s-\s")


def _without_placeholders(question: str) -> str:
    """``question`` without the pronouns that stand for nothing before it (see ``_EXPLETIVE`` and ``_IS_IT``)."""
    out = _EXPLETIVE.sub(" ", question)
    for m in reversed(list(_IS_IT.finditer(out))):
        if _STANDS_FOR.match(out, m.end()) or _CLAUSE_BREAK.search(out, 0, m.start()):
            out = out[: m.start()] + " " + out[m.end() :]
    return out


_AND = re.compile(r"^\s*(?:och|and)\b", re.IGNORECASE)
_OPENS = re.compile(
    r"^\s*(?:och|men|samt|också|även|and|but|also|what about|how about|and what about|hur är det med|"
    r"vad gäller|än|och hur|och vad)\b",
    re.IGNORECASE,
)
QUESTION_WORDS = frozenset(
    "vad vilka vilken vilket vem hur varför när var säger står sägs nämns "
    "what which who how why when where say says said mention mentions "
    "många mycket varje many much each every tell more berätta mer mera utveckla explain förklara".split()
)
# Words that point at something without naming it ("Like what, for example?", "Leading where, exactly?",
# "Anything similar?"): no topic of their own.
# Words of sequence ("Vem fick därefter uppdraget att samordna det?", "And who was then asked to …?") name no topic
# either. Not "sen": it is also "late" ("sen diagnos").
# Words that add to what was said ("Besides those, which …?", "Vad mer gör den också?") name no topic of their own.
_VAGUE = frozenset(
    "exactly like similar anything something else exakt liknande motsvarande något annat "
    "därefter then later afterwards besides apart förutom utöver also too också även dessutom".split()
)
# "det operativa arbetet", "den nationella strategin", "de nordiska länderna": an article before an adjective and its
# noun (both definite), not a pronoun pointing back. Not after a verb that takes a subject ("Hur ska det samordna
# arbetet?": "det" points back), nor before an ordinal ("det andra målet": one of a list before).
_ARTICLE = re.compile(
    r"\b(?<!ska )(?<!skall )(?<!kan )(?<!bör )(?<!vill )(?<!måste )(?<!skulle )(?<!kommer )(?:det|den|de)\s+"
    r"(?!(?:andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|nionde|tionde|första|sista|senare|förra)\b)"
    r"(?=[^\W\d_]+a\s+[^\W\d_]+(?:et|en|na|n)\b)"
    # ... or before a noun and a relative clause ("det råd som agendan föreslår"), or "det" before the clause it stands
    # for ("Vad kostar det att …?").
    r"|\b(?:det|den|de)\s+(?=[^\W\d_]+\s+som\b)|\b(?<!kommer )det\s+(?=att\b)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# What is asked of a source the question only points at ("What does it say is lacking …?", "Vad anger den som …?"):
# the source is the one spoken of before, however much the question adds.
_SOURCE_POINTED = re.compile(
    r"\b(?:does|did|do|will|would)\s+(?:it|they|this|that)\s+(?:say|state|write|mention|describe|propose|suggest|"
    r"want|list|identify|point\s+out)\b|"
    r"\b(?:säger|skriver|nämner|anger|föreslår|beskriver|lyfter|pekar)\s+(?:den|det|de|dessa|detta)\s+"
    r"(?:om|att|är|som|ut|fram|upp|på)\b",
    re.IGNORECASE,
)


def question_to_remember(result: dict[str, object], before: str | None) -> str | None:
    """What a conversation keeps as "the previous question" after ``result`` (an ``Engine.ask`` answer):
    the one it was read against when it was a follow-up or took its section from it ("Hur ser målbilden
    ut?" after a question on area 4), so "and there?" chains stay on topic; else the question itself."""
    question = str(result["question"])
    inherited = bool(result.get("sections")) and not section_numbers(question)
    return before if result.get("interpreted_as") or inherited else question


def _is_content(word: str, router: DocumentRouter) -> bool:
    return word not in STOP_WORDS and word not in QUESTION_WORDS and word not in _VAGUE and router.named(word) is None


def _points_back(question: str, router: DocumentRouter) -> bool:
    """Whether a pronoun of ``question`` points at something before it: not at what the question itself named in an
    earlier clause ("I'm drafting a proposal on X. Which objective backs this?", "Målsättning 3.3 – vad handlar den
    om?", "… åtta insatsområden? Vilka är de?"), nor a possessive after a name ("AstraZeneca's headcount at its
    site"), nor an ordinal's article in a question naming its document ("Det sista insatsområdet i <regionens>
    agenda")."""
    for m in _WORD.finditer(question):
        word = m.group(0).lower()
        if word not in _REFERS:
            continue
        if _ORDINAL_AFTER.match(question, m.end()) and router.named(question):
            continue
        if word in _POSSESSIVES and _NAME_BEFORE.search(question, 0, m.start()):
            continue
        breaks = [b.start() for b in _CLAUSE_START.finditer(question, 0, m.start())]
        if not _names_something(question[: max(breaks, default=0)], router):
            return True
    return False


def _names_something(text: str, router: DocumentRouter) -> bool:
    """Whether ``text`` has a content word, a document's name or a section number: something a pronoun can stand for."""
    return bool(section_numbers(text)) or any(
        (_is_content(w.lower(), router) and w.lower() not in _INTERJECTIONS) or router.named(w) is not None
        for w in _WORD.findall(text)
    )


# Words that answer or acknowledge what was said before ("Okej, och vad …?", "Thanks – and what …?"): nothing a
# pronoun after them can stand for.
_INTERJECTIONS = frozenset(
    "okej ok okay jaha aha ja nej tack bra super perfekt intressant precis hmm alright right yes no thanks thank great "
    "perfect interesting cool well hm".split()
)


# Where a clause begins: after a dash, colon, semicolon, comma or a sentence's end, or at "och"/"and" before a question
# word ("Vad är insatsområde 3 och vilken målbild har det?").
_CLAUSE_START = re.compile(
    r"[–—:;,]|\s-\s|[.!?]+\s|\s(?:och|and)\s+(?=(?:vad|vilk\w*|hur|var|när|vem|varför|what|which|how|where|when|who|why)\b)",
    re.IGNORECASE,
)
_POSSESSIVES = frozenset({"its", "their", "dess", "deras"})
_NAME_BEFORE = re.compile(r"(?<=\w\s)(?-i:[A-ZÅÄÖ])[\w-]+")
"""A capitalised word inside the question (not its first): a name a possessive after it may belong to."""
_ORDINAL_AFTER = re.compile(rf"\s+(?:{'|'.join(ORDINALS)}|sista|last)\b", re.IGNORECASE)


def resolve_followup(question: str, previous: str | None, router: DocumentRouter) -> str | None:
    """The question read in the context of ``previous``, or None when it stands alone (``router``: which
    words name a document)."""
    if not previous or not previous.strip() or previous.strip() == question.strip():
        return None
    unplaced = _without_placeholders(question)
    words = [w.lower() for w in _WORD.findall(unplaced)]
    content = [w for w in words if _is_content(w, router)]
    # A section the question names by number is part of what it asks ("What is objective 2.1 about?").
    content += section_numbers(question)
    refers = _points_back(_ARTICLE.sub(" ", unplaced), router)
    refers = refers or listed_position(question) is not None  # "the second one"
    asks = any(w in QUESTION_WORDS for w in words)
    named = router.named(question) or len(router.named_all(question)) > 1
    if content and asks and not refers and not _OPENS.match(question) and named:
        # "Vad säger agendan om hälsodata?" names its document and its topic: complete; so does one relating two
        # documents ("Hur förhåller sig agendan till strategin?").
        return None
    # Opening on "och/and" and pointing back ("And which instrument could make participation in them possible?") asks
    # about what came before, however much it adds; "Men …", "Också …" may start a new question.
    continues = bool(_AND.match(question))
    if not (
        len(content) < 2
        or (refers and (len(content) <= 3 or continues or _SOURCE_POINTED.search(question)))
        or (_OPENS.match(question) and len(content) <= 4)
    ):
        return None
    earlier = previous.strip()
    if router.named(question) is not None:
        # The follow-up names where to look; the earlier question's document must not compete.
        # Shown as how the follow-up was read, so it must still read: "What does it say about …?".
        earlier = router.strip_names(earlier, pronoun="it" if detect_language(earlier) == "en" else "den")
    return f"{question.strip()} ({earlier.rstrip()})"
