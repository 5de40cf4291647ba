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

from .sections import listed_position, section_numbers

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
_IS_IT = re.compile(r"\b(?:är det|det är|var det|det var|is it|it is|was it|it was)\b", re.IGNORECASE)
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
# "det operativa arbetet", "det nya arbetssättet": an article before an adjective and its noun (both definite), not a
# pronoun pointing back. Not after a verb that takes a subject ("Hur ska det samordna arbetet?": "det" points back),
# nor before an ordinal ("det andra målet": one of a list before).
_ARTICLE = re.compile(
    r"\b(?<!ska )(?<!skall )(?<!kan )(?<!bör )(?<!vill )(?<!måste )(?<!skulle )(?<!kommer )det\s+"
    r"(?!(?:andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|nionde|tionde|första|sista|senare|förra)\b)"
    r"(?=[^\W\d_]+a\s+[^\W\d_]+(?:et|en|na)\b)",
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


def resolve_followup(question: str, previous: str | None, router: DocumentRouter) -> str | None:
    """The question read in the context of ``previous``, or None when it stands alone (``router``: which
    words name a document)."""
    if not previous or not previous.strip() or previous.strip() == question.strip():
        return None
    words = [w.lower() for w in _WORD.findall(_without_placeholders(question))]
    content = [
        w
        for w in words
        if w not in STOP_WORDS and w not in QUESTION_WORDS and w not in _VAGUE and router.named(w) is None
    ]
    pointers = _WORD.findall(_ARTICLE.sub(" ", _without_placeholders(question)))
    refers = any(w.lower() in _REFERS for w in pointers) or listed_position(question) is not None  # "the second one"
    asks = any(w in QUESTION_WORDS for w in words)
    if content and asks and not refers and not _OPENS.match(question) and router.named(question):
        return None  # "Vad säger agendan om hälsodata?" names its document and its topic: complete
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
