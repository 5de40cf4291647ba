"""What an initialism stands for, as the documents write it out: "Vad står ABC för?", "What does ABC stand for?",
"Vad betyder förkortningen ABC?".

A new member meets the documents' initialisms first; the answer is the sentence that writes one out, quoted where it
does so, not the sentence closest to the question (often another that only uses it). Generic in the language: a
document writes an initialism out by putting it in brackets right after its words ("… Alpha Beta Council (ABC)",
"… (ABC, <a gloss>)"; not "förordning (EU) 2021/…" or "(ABC, 2021)"), or its words in brackets right after it or a
compound it opens, beginning with its first letter ("ABC (Alpha Beta …)", "ABC-ämnen (Alpha, Beta, …)"; not "ABC (se
bilaga 2)"). Asked what one the documents only use stands
for, the answer is a specific refusal that quotes where they use it; asked what it is, those sentences answer. One
they never use is left to the ordinary answer (which says they do not mention it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from strategiqa.retrieval.index import LoadedIndex

from .answer import Answer, missing_answer
from .answer_sentences import quoted_sentences

INITIALISM = r"[A-ZÅÄÖ][A-ZÅÄÖ0-9]{1,7}"
"""Two to eight capitals (digits after the first): "EU", "ABC", "ABC2"."""


@dataclass(frozen=True)
class Expansion:
    """Where the documents write an initialism out, or else where they use it."""

    initialism: str
    written_out: tuple[tuple[int, int], ...]
    """(passage, sentence) positions of the sentences that write it out, at most one per document, in index order."""
    used: tuple[tuple[int, int], ...]
    """Where it stands at all, when no sentence writes it out (the first per document)."""


def asked_initialism(question: str) -> tuple[str, bool] | None:
    """The initialism ``question`` asks the meaning of, and whether it asks what it stands for (not only what it is),
    or None: "What does ABC stand for?", "Vad står ABC för?", "Vad betyder förkortningen X?", "X definition?" ask what
    it stands for; "What is X?" / "Vad är X?", with nothing else asked, what it is (a sentence that writes it out
    answers that too; one that only uses it may not)."""
    text = " ".join(question.split())
    for pattern in _ASKS:
        found = pattern.search(text)
        if found:
            return found.group("x"), True
    found = _WHAT_IS.search(text)
    return (found.group("x"), False) if found else None


def find_expansion(index: LoadedIndex, initialism: str, documents: set[str] | None = None) -> Expansion | None:
    """Where the documents (all, or those of ``documents``) write ``initialism`` out, or else use it; None when they
    never use it."""
    x = re.escape(initialism)
    # Its words before it, the bracket closing on it or a gloss, not on a number ("(EU) 2021/694", "(ABC, 2021)").
    after_words = re.compile(rf"[^\W\d_][\w’'-]*\s+\({x}\s*(?:\)(?!\s*\d)|,(?!\s*\d))")
    # Its words after it, opening with its first letter ("ABC (Alpha …", "ABC-ämnen (Alpha, …"): not "ABC (se …".
    words_after = re.compile(rf"(?<![\w-]){x}(?:-[^\W\d_]+)?\s+\((?i:{re.escape(initialism[0])})[^\W\d_]*[\s,]")
    uses = re.compile(rf"(?<![\w-]){x}(?![\w])")
    written_out: dict[str, tuple[int, int]] = {}
    used: dict[str, tuple[int, int]] = {}
    for i, passage in enumerate(index.passages):
        if documents is not None and passage.doc_id not in documents:
            continue
        for j, sentence in enumerate(passage.sentence_texts()):
            if passage.doc_id not in written_out and (after_words.search(sentence) or words_after.search(sentence)):
                written_out[passage.doc_id] = (i, j)
            if passage.doc_id not in used and uses.search(sentence):
                used[passage.doc_id] = (i, j)
    if not used:
        return None
    return Expansion(
        initialism, tuple(sorted(written_out.values())), () if written_out else tuple(sorted(used.values()))
    )


def answer_expansion(
    expansion: Expansion, index: LoadedIndex, language: str, stands_for: bool = True, most: int = 3
) -> Answer:
    """The sentences writing the initialism out, quoted (at most ``most``, one per document). Else, asked what it
    stands for (``stands_for``), the refusal that says they do not, quoting where they use it; asked what it is, where
    they first name it ("… infrastrukturer som …, ABC Nordic och …"): what they say of it."""
    if expansion.written_out or not stands_for:
        citations, parts = quoted_sentences((expansion.written_out or expansion.used)[:most], index)
        return Answer(" ".join(parts), False, citations, 1.0)
    missing = {"element": "expansion", "name": expansion.initialism}
    return missing_answer(missing, "en" if language == "en" else "sv", expansion.used[:most], index)


_ENDS = r"\s*(?:[?.!]|$|\s+(?:i|in|enligt|according\s+to|där|here|there)\b)"
"""Where what is asked ends: the question does ("… ABC?"), or only says where ("… ABC i strategin?")."""


def _asked(*patterns: str) -> list[re.Pattern[str]]:
    # Not a possessive or the head of a compound: "vad innebär EU:s AI-förordning" asks of the regulation.
    return [re.compile(p.replace("X", rf"(?P<x>{INITIALISM})(?![\w:’'-])"), re.IGNORECASE) for p in patterns]


# The initialism itself is matched case-sensitively ("(?-i:…)"): "vad står det för" names none.
_ASKS = _asked(
    r"\bvad\s+står\s+(?:förkortningen\s+|akronymen\s+|initialförkortningen\s+)?[«\"“']?(?-i:X)[»\"”']?\s+för\b",
    r"\bvad\s+(?:betyder|innebär|menas\s+med)\s+(?:förkortningen|akronymen)\s+[«\"“']?(?-i:X)",
    # Without the noun, the initialism ends what is asked: "Vad betyder ABC för regionen?" asks of its effect.
    rf"\bvad\s+(?:betyder|innebär|menas\s+med)\s+[«\"“']?(?-i:X)[»\"”']?{_ENDS}",
    r"\bvad\s+är\s+(?-i:X)\s+(?:en\s+)?(?:förkortning|akronym)\b",
    r"\bförkortningen\s+(?-i:X)\b",
    r"\bwhat\s+(?:does|do)\s+(?:the\s+)?(?:abbreviation\s+|acronym\s+|initialism\s+)?[\"“']?(?-i:X)[\"”']?\s+"
    rf"(?:stand\s+for|refer\s+to|mean{_ENDS})",
    r"\bwhat\s+is\s+(?-i:X)\s+(?:short\s+for|an?\s+(?:abbreviation|acronym)\s+(?:of|for))\b",
    r"\b(?:the\s+)?(?:abbreviation|acronym|initialism)\s+(?-i:X)\b",
    r"\b(?:meaning\s+of|define|definition\s+of|what\s+is\s+meant\s+by)\s+(?:the\s+)?(?-i:X)\b",
    r"^(?-i:X)\s*(?:[-–:]\s*)?(?:definition|betydelse|meaning|stands\s+for|står\s+för)\b",
    # The initialism first, then the question pointing back at it ("ABC – vad betyder det?", "ABC, what does it
    # stand for?").
    rf"^(?-i:X)\s*(?:[-–:,]\s*)?(?:vad\s+(?:betyder|innebär)\s+(?:det|den){_ENDS}|vad\s+står\s+(?:det|den)\s+för\b|"
    rf"what\s+does\s+(?:it|that)\s+(?:stand\s+for\b|mean{_ENDS}))",
)
(_WHAT_IS,) = _asked(r"(?:^|[.:;!?–]\s*)(?:what\s+is|vad\s+är)\s+(?-i:X)\s*\??\s*$")
