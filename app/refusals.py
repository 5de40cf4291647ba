"""Refusals: whether the sentences closest to a question give what it asks for, and how a refusal says what is missing.

The fixed refusal (``REFUSAL``) answers a question off the documents' topic; the specific one names the element the
documents do not give (an amount, a year, a person in the role asked about …) and quotes what they say nearby
("Dokumenten anger inget belopp … Närmast: <quote> [1]").
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from typing import Any

from strategiqa.ingest.sentences import sentence_role
from strategiqa.retrieval.index import LoadedIndex
from strategiqa.retrieval.text import tokenize

from .answer_sentences import CandidateSentence, sentence_terms, with_neighbours
from .question_names import known_in
from .questions import VALUES, QuestionAnalysis, mentions_year, satisfies, sets_a_target

REFUSAL = {
    "sv": "Dokumenten tar inte upp den frågan.",
    "en": "The documents do not address this question.",
}


_MISSING_ELEMENT = {
    "sv": {
        "amount": "inget belopp",
        "share": "ingen andel eller procentsats",
        "number": "inget antal eller annat tal",
        "quantity": "inget mått eller tal",
        "duration": "ingen tidslängd",
        "day": "inget datum",
        "date": "inget datum eller årtal",
        "person": "inget namn på en person",
        "agent": "ingen person eller organisation",
        "organisation": "ingen organisation",
        "place": "ingen plats",
        "called": "inget namn",
    },
    "en": {
        "amount": "no amount of money",
        "share": "no share or percentage",
        "number": "no number",
        "quantity": "no measure or figure",
        "duration": "no length of time",
        "day": "no date",
        "date": "no date or year",
        "person": "no person's name",
        "agent": "no person or body",
        "organisation": "no organisation",
        "place": "no place",
        "called": "no name",
    },
}


_NEAREST = {"sv": "Närmast:", "en": "The closest they say:"}


def missing_element(
    close: list[CandidateSentence],
    analysis: QuestionAnalysis,
    vocabulary: frozenset[str],
    index: LoadedIndex,
    role: AbstractSet[str] = frozenset(),
    language: str | None = None,
) -> dict[str, Any]:
    """What the question asks for that none of the close sentences gives (empty when all is there). A value must be
    given in a passage naming what the question names, when asked in the passage's ``language`` (see
    ``_of_what_is_named``). A person, body or organisation must come with a word of the question's topic (``role``: the
    role or body asked about) in its sentence or the ones beside it."""
    unknown = [*analysis.absent_terms, *(name for name in analysis.names if not known_in(name, vocabulary))]
    if unknown:
        return {"element": "name", "name": unknown[0]}
    pool = close
    for year in analysis.years:
        pool = [c for c in pool if mentions_year(with_neighbours(c, index), year)]
        if not pool:
            element = analysis.expects if analysis.checkable else "year"
            return {"element": element, "year": year}
    if analysis.checkable and not any(satisfies(c.text, analysis) for c in pool):
        return {"element": analysis.expects, **({"year": analysis.years[0]} if analysis.years else {})}
    if analysis.now and all(sets_a_target(c.text) for c in pool if satisfies(c.text, analysis)):
        # "How many … are there today?": the documents set a target ("ska … senast 2029"), not where things stand.
        return {"element": analysis.expects, "now": True}
    if analysis.expects in VALUES and not _of_what_is_named(pool, analysis, index, language):
        # "När är deadline för <en myndighets> bidrag?": a date of something else ("under våren 2025") is no answer.
        return {"element": analysis.expects}
    if analysis.expects in WHO_ELEMENTS and role:
        in_role = [c for c in pool if satisfies(c.text, analysis) and role & sentence_terms(c, index)]
        if not in_role:
            return {"element": analysis.expects}
    return {}


WHO_ELEMENTS = ("person", "agent", "organisation")


def _of_what_is_named(
    pool: list[CandidateSentence], analysis: QuestionAnalysis, index: LoadedIndex, language: str | None
) -> bool:
    """Whether a sentence of ``pool`` giving the value asked for stands in a passage writing every name the question
    asks it of, as the documents write them ("<Myndigheten>s" for "<Myndigheten>"). Only for a passage in the
    question's ``language`` and a name the documents write in the question's form: across languages a name is spelt
    otherwise ("Europe" for "Europa")."""
    patterns = [p for p in (_name_pattern(name) for name in analysis.names) if p is not None]
    giving = [c for c in pool if satisfies(c.text, analysis)]

    def named_in(c: CandidateSentence, names: list[re.Pattern[str]]) -> bool:
        if str(index.passage_languages[c.passage_index]) != language:
            # Across languages only a name spelt in the documents' own letters ("<Ort med å/ä/ö>") is spelt alike.
            names = [p for p in names if not p.pattern.isascii()]
        return all(p.search(index.passages[c.passage_index].text) for p in names)

    if any(named_in(c, patterns) for c in giving):
        return True  # the usual case, without reading the other passages
    written = [p for p in patterns if any(p.search(passage.text) for passage in index.passages)]
    return not written or any(named_in(c, written) for c in giving)


def _name_pattern(name: str) -> re.Pattern[str] | None:
    """A name as written at the start of a word, without a genitive ending ("EU:s", "<Name>s", "<Name>'s"); a name
    of capitalised words also as its initials ("<Business Region Town>" as "BRT")."""
    bare = re.sub(r"(?::s|['’]s)$", "", name.strip())
    words = bare.split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].isupper():
        words[-1] = words[-1][:-1]  # "<Vetenskapsrådet>s": written "<Vetenskapsrådet>" (or with the s again)
    if not words or len(" ".join(words)) < 2:
        return None
    forms = [r"\s+".join(re.escape(w) for w in words)]
    if len(words) >= 2 and all(w[:1].isupper() for w in words):
        forms.append(re.escape("".join(w[0] for w in words)) + r"(?![^\W\d_])")
    return re.compile(r"(?<![\w-])(?:" + "|".join(forms) + ")")


def depends_on_margin(analysis: QuestionAnalysis) -> bool:
    """Whether ``fact_margin`` can change the refusal of a question with this analysis: ``missing_element`` reads the
    close sentences only for an element, a year or a who (``calibrate`` asks the others at one margin)."""
    return analysis.checkable or bool(analysis.years) or analysis.expects in WHO_ELEMENTS


def in_role(
    close: list[CandidateSentence], candidates: list[CandidateSentence], role: set[str], index: LoadedIndex
) -> list[CandidateSentence]:
    """For a who question: the close sentences that name the role or body asked about, and any signature line that
    names all of it ("Anders Holm (C) Kommunstyrelsens ordförande" for "Vem är kommunstyrelsens ordförande?"; not
    for "Vem blir ordförande i det nya rådet?"), however far its vector; the close sentences as they are when none
    does."""
    seen = {(c.passage_index, c.sentence_index) for c in close}
    lines = [
        c
        for c in candidates
        if (c.passage_index, c.sentence_index) not in seen
        and sentence_role(c.text) == "name_line"
        and role <= set(tokenize(c.text, None, str(index.passage_languages[c.passage_index])))
    ]
    in_role = [c for c in [*close, *lines] if role & sentence_terms(c, index)]
    return in_role or close


def refusal_text(missing: dict[str, Any], language: str, quoted: list[str]) -> str:
    """What the documents do not give, then what they say nearby ("… Närmast: <quote> [1]")."""
    return f"{_missing_sentence(missing, language)} {_NEAREST[language]} {' '.join(quoted)}"


def _missing_sentence(missing: dict[str, Any], language: str) -> str:
    element, year, name = missing["element"], missing.get("year"), missing.get("name")
    if element == "name":
        return f"Dokumenten nämner inte {name}." if language == "sv" else f"The documents do not mention {name}."
    if element == "expansion":
        return (
            f"Dokumenten skriver inte ut vad {name} står för."
            if language == "sv"
            else f"The documents do not spell out what {name} stands for."
        )
    if element == "year":
        return (
            f"Dokumenten säger inget om {year} i den frågan."
            if language == "sv"
            else f"The documents say nothing about {year} on this."
        )
    what = _MISSING_ELEMENT[language][element]
    if missing.get("now"):
        if language == "sv":
            return f"Dokumenten anger {what} för hur det ser ut i dag, bara mål."
        return f"The documents give {what} for how things stand today, only targets."
    if language == "sv":
        return f"Dokumenten anger {what}{f' för {year}' if year else ''} som svarar på frågan."
    return f"The documents give {what}{f' for {year}' if year else ''} in answer to this question."
