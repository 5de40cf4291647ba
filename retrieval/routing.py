"""Which document a question is about, when it says so (by a name, cue or place the manifest gives),
and the question without the words every passage shares (the focused question)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from strategiqa.ingest.model import DocumentInfo

from .text import STOP_WORDS

_GENITIVE = r"(?:['’:]?s)?"
# Swedish and English endings of a place name used as an adjective or in the genitive
# (a base form plus -a, -t, -s, -en, -ens or 's): the manifest lists the base forms.
_INFLECTION = r"(?:a|t|s|en|ens)?" + _GENITIVE
# A preposition (and article) that only introduces a document's name ("in the …", "enligt …").
_NAME_PREFIX = r"(?:(?:in|of|by|according to|enligt|i)\s+)?(?:the\s+)?"
# Where a statement ends and what follows it begins: a sentence's end, a colon or semicolon, a spaced dash; an
# abbreviation's full stop ends none ("t.ex. ", "cf. "); a clause with a question word is no statement.
_AFTER_CONTEXT = re.compile(r"(?<=[.!:;])\s+|\s[–—-]\s")
_ABBREVIATION_END = re.compile(
    r"\b(?:t\.\s?ex|e\.g|i\.e|bl\.\s?a|d\.v\.s|dvs|m\.m|s\.k|ca|etc|resp|jfr|cf|vs|s|se|jämför)\.?\s*$", re.IGNORECASE
)
QUESTION_WORD = re.compile(
    r"\b(?:vad|vilk\w+|hur|varför|när|var|vem|vems|what|which|how|why|when|where|who|whom|whose)\b", re.IGNORECASE
)
"""An interrogative, Swedish or English (``app.question_wording.has_question_word`` and
``app.questions.asks_yes_or_no`` read it too)."""
# A question that sets places against each other is about the places: it is not focused.
_COMPARISON = re.compile(
    r"\b(?:compare[sd]?|comparison|compared|differ|differs|difference|versus|vs|besides|outside|rest of"
    r"|jämför|jämfört|jämförelse|skiljer|skillnad|förutom|utanför|övriga)\b",
    re.IGNORECASE,
)


# What joins a document's name to the place it belongs to: "strategin i X", "the strategy for X".
_ASKS_FOR = re.compile(
    r"\b(?:which|what|vilken|vilket|vilka)(?:\s+(?:existing|other|earlier|specific|befintlig\w*|annan|annat|andra|"
    r"tidigare))?\s+$",
    re.IGNORECASE,
)
"""A question word (and an adjective) right before a document noun: the noun is what is asked for."""
_QUALIFIES = re.compile(r"\s+(?:i|in|för|for|of|från|from|inom|within)\s+(?:the\s+)?", re.IGNORECASE)


class DocumentRouter:
    """Which document a question names, and the question without the words that only say where to look.

    Everything it knows comes from the corpus manifest (``DocumentInfo``): each document's ``names``
    (what questions call it), ``cues`` (other words pointing to it) and ``places`` (what it is about).
    Nothing about any corpus is written here, so another region's documents route the same way.
    """

    def __init__(self, documents: Sequence[DocumentInfo], topic_phrases: tuple[str, ...] = ()) -> None:
        self.topic_phrases = topic_phrases
        self._documents = [d.doc_id for d in documents]
        self._roles = {d.doc_id: d.kind for d in documents}
        self._years = {d.doc_id: str(d.year) for d in documents}
        self._titles = {d.doc_id: d.title.casefold() for d in documents}
        strong = {d.doc_id: tuple(d.names) + _distinct_cues(d, documents) for d in documents}
        places = {d.doc_id: tuple(d.places) for d in documents}
        # A name takes the genitive ("den nordiska strategins" for the name "nordiska strategin"); a cue is matched as
        # listed ("region" is no cue in "regions").
        self.words = frozenset(
            w.casefold() for words in (*strong.values(), *places.values()) for phrase in words for w in phrase.split()
        )
        """The single words of the documents' names, cues and places: what a question may name them by."""
        self.title_words = frozenset(
            w.casefold()
            for d in documents
            for title in (d.title, d.short_title)
            for w in _WORD.findall(title.partition(" – ")[2])
        )
        """The single words of the documents' subtitles ("… – <new goals> <autumn> <year>"): a question describing a
        document by them ("the strategy from the autumn of <its year>") says which one, not what about. (Not the
        title's own words: "science" in "<topic> science" is a topic too, "regulatory science".)"""
        self._strong = _cue_pattern(strong, "", genitive={n for d in documents for n in d.names})
        self._weak = _cue_pattern(places, _INFLECTION)
        self._owner = {
            **{_key(w): doc for doc, words in places.items() for w in words},
            **{_key(w): doc for doc, words in strong.items() for w in words},
        }
        self._name_keys = {_key(re.sub(_GENITIVE + "$", "", n)) for d in documents for n in d.names} | {
            _key(n) for d in documents for n in d.names
        }
        names = sorted({n for d in documents for n in (*d.names, *_title_names(d))}, key=len, reverse=True)
        topic = "|".join(r"[ -]".join(re.escape(w) for w in t.split()) for t in topic_phrases)
        # Only names are taken out; cues (a role word, a publisher) still say something about the content.
        self._names = (
            re.compile(
                r"(?<![\w-])"
                + _NAME_PREFIX
                + (f"(?:(?:{topic})[ -])?" if topic else "")
                + f"(?:{'|'.join(_flexible(n, between=topic) + _GENITIVE for n in names)})\\b",
                re.IGNORECASE,
            )
            if names
            else None
        )
        titles = sorted({t for d in documents for t in (d.title, d.short_title) if len(t.split()) > 1}, key=len)[::-1]
        self._titled = {" ".join(t.casefold().split()): d for d in documents for t in (d.title, d.short_title)}
        """Each document by its titles, whitespace-normalised and lower-cased."""
        self._full_titles = (
            re.compile("|".join(rf"(?<![\w-]){_flexible(t)}(?![\w-])" for t in titles), re.IGNORECASE)
            if titles
            else None
        )
        all_places = sorted({p for d in documents for p in d.places}, key=len, reverse=True)
        self._places = (
            re.compile(r"\b(?:" + "|".join(_flexible(p) for p in all_places) + ")" + _INFLECTION + r"\b(?!-)", re.I)
            if all_places
            else None
        )

    def named(self, text: str | None) -> str | None:
        """The id of the one document ``text`` names (its names or cues; else its places), or None when it
        names none or several. Names outrank places: "the agenda's view of Swedish exports" is the agenda's."""
        if not text:
            return None
        text = self._without_asked_for(text)
        asked_in_context = self._named_after_context(text)
        if asked_in_context is not None:
            return asked_in_context
        # A full title written out names its document, whatever its words ("… '<title> – <its subtitle>' …").
        titled = {d.doc_id if (d := self._titled_document(m)) else None for m in self._titles_in(text)}
        if len(titled) == 1 and None not in titled:
            # ... unless the rest names another one ("How does '<a title>' relate to the national strategy?").
            # (Names and cues only: a place after a title is what is asked about, "Vad säger '<title>' om <a place>?".)
            rest = self.strip_titles(text, " ")
            others = {self._owner_of(m.group(0)) for m in self._strong.finditer(rest)} if self._strong else set()
            return None if others - titled - {None} else next(iter(titled))
        places = self._places_outside_names(text)
        strong: set[str | None] = set()
        words: list[re.Match[str]] = []
        owners: list[str | None] = []
        for m in self._name_matches(text, places):
            # A name right after a place ("the X strategy", "X:s agenda") is that place's document; a name (not a cue:
            # "<country>'s best region") also with a word or two between ("the X innovation strategy").
            is_name = _key(m.group(0)) in self._name_keys
            before = next(
                (
                    p
                    for p in places
                    if p.end() <= m.start()
                    and (not text[p.end() : m.start()].strip() or (is_name and _qualifies(text[p.end() : m.start()])))
                ),
                None,
            )
            owners.append(self._owner_of(before.group(0) if before else m.group(0)))
            strong.add(owners[-1])
            words.append(m)
        located = {doc for doc in (self._owner_of(p.group(0)) for p in places) if doc is not None}
        named = {doc for doc in strong if doc is not None}
        # A name outranks another document's cue: in "What does the national strategy say about regional cooperation?"
        # "regional" describes the topic. Not in a comparison ("Hur skiljer sig regeringens mål från agendans?").
        if len(named) > 1 and not _COMPARISON.search(text):
            by_name = {owner for w, owner in zip(words, owners, strict=True) if _key(w.group(0)) in self._name_keys}
            if len(by_name) == 1 and None not in by_name:
                named = {doc for doc in by_name if doc is not None}
        # A name any document could go by ("strategin") gives way to a place before it whose document calls itself so
        # too: "Hur mycket avsätter Region X för strategin?" asks about X's strategy ("… utvecklingsstrategi …"),
        # while "What does the strategy say about X?" (the place after it) and "the agenda's view of Swedish exports"
        # (a name the place's document does not go by) stay with the name.
        # So does a name the place right after it qualifies ("strategin i X", "the strategy for X").
        if len(named) == 1 and len(located) == 1 and named != located:
            place_doc = next(iter(located))
            own = [p for p in places if self._owner_of(p.group(0)) == place_doc]
            first_place = min(p.start() for p in own)
            if all(
                (
                    first_place < w.start()
                    # ... a place of its own, not the first part of a compound ("strategin för X-medel")
                    or any(
                        _QUALIFIES.fullmatch(text[w.end() : p.start()]) and text[p.end() : p.end() + 1] != "-"
                        for p in own
                    )
                )
                and self._in_title(w.group(0), place_doc)
                for w in words
            ):
                return place_doc
        for found in (named, located):
            if found:
                return found.pop() if len(found) == 1 else None
        return None

    def _without_asked_for(self, text: str) -> str:
        """``text`` without a document's name that a question word asks for ("… which existing strategy does it
        point to?", "Vilken strategi hänvisar agendan till?"), when another name or cue is left: that one names the
        document asked about. Unchanged when none is left ("Which strategy sets 31 objectives?")."""
        if self._strong is None:
            return text
        # Names only: a cue before a noun of its own ("Which national objective …?") still says whose the noun is.
        asked = [
            m
            for m in self._strong.finditer(text)
            if _ASKS_FOR.search(text[: m.start()]) and _key(m.group(0)) in self._name_keys
        ]
        if not asked:
            return text
        rest = text
        for m in reversed(asked):
            rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
        return rest if self._strong.search(rest) else text

    def _in_title(self, word: str, doc_id: str) -> bool:
        """Whether ``word``, without an inflection ending, is in the document's title ("strategin" in "Regional
        utvecklingsstrategi …", "strategy" in "… strategi …")."""
        # Every word of it: "the national strategy" is not "EU Strategy for …".
        title = self._titles.get(doc_id, "")
        stems = [w[:-2] if len(w) > 4 else w for w in word.casefold().split() if w not in {"the", "den", "det"}]
        return bool(stems) and len(stems[-1]) >= 5 and all(stem in title for stem in stems)

    def _places_outside_names(self, text: str) -> list[re.Match[str]]:
        """The places ``text`` mentions, except one inside a longer name or cue: "X-strategin" names a document,
        its "X" is no place of its own."""
        places = list(self._weak.finditer(text)) if self._weak is not None else []
        longer = [m for m in self._strong.finditer(text)] if self._strong is not None else []
        return [
            p
            for p in places
            if not any(
                m.start() <= p.start() and p.end() <= m.end() and m.end() - m.start() > len(p.group(0)) for m in longer
            )
        ]

    def _named_after_context(self, text: str) -> str | None:
        """The document the question proper names when a statement before it names another: "<The strategy> has
        eight areas – how many does <the agenda> set out?" asks about the agenda. None when there is no such
        statement (a question before it, an abbreviation's full stop, a comparison) or the question names none."""
        flat = " ".join(text.split())
        context, _, proper = _AFTER_CONTEXT.sub("\\g<0>\n", flat).rpartition("\n")
        if (
            not context.strip()
            or context.rstrip().endswith("?")
            or _ABBREVIATION_END.search(context)
            or QUESTION_WORD.search(context)  # a question, not a statement
            or not QUESTION_WORD.search(proper)
            or _COMPARISON.search(flat)
        ):
            return None
        proper_doc = self.named(proper)
        return proper_doc if proper_doc is not None and len(self.named_all(flat)) > 1 else None

    def _name_matches(self, text: str, places: list[re.Match[str]]) -> list[re.Match[str]]:
        """The names and cues in ``text`` that name a document: not a cue inside a place ("Region" in "Region X"),
        and not a name that only begins a section's label ("strategy area 5") when a place is named beside it ("What is
        strategy area 5 of the X plan about?" asks about X's plan)."""
        matches = [
            m
            for m in (self._strong.finditer(text) if self._strong is not None else ())
            if not any(p.start() <= m.start() < p.end() or m.start() <= p.start() < m.end() for p in places)
        ]
        labels = [m for m in matches if _labels_a_section(m, text)] if places else []
        return [m for m in matches if m not in labels]

    def named_all(self, text: str) -> set[str]:
        """Every document ``text`` names, by name, cue or place ("Hur förhåller sig agendan till strategin?": two)."""
        places = self._places_outside_names(text)
        found = {self._owner_of(p.group(0)) for p in places}
        found.update(d.doc_id for m in self._titles_in(text) if (d := self._titled_document(m)) is not None)
        found.update(self._owner_of(m.group(0)) for m in self._name_matches(text, places))
        return {doc_id for doc_id in found if doc_id is not None}

    def naming_years(self, text: str) -> set[str]:
        """The publication years ``text`` uses to name a document ("the 2026 agenda", "agendan 2026", "strategin
        från 2024", "2024 års strategi", "Region X's 2026 agenda"): a document's year standing right next to its
        name, cue or place. Such a year says which document, not what the answer must mention ("Vad säger
        strategin om 2024?" asks about 2024)."""
        found = set()
        matches = [m for p in (self._strong, self._weak) if p is not None for m in p.finditer(text)]
        for m in matches:
            year = self._years.get(self._owner_of(m.group(0)) or "")
            for y in re.finditer(rf"(?<!\d){year}(?!\d)", text) if year else ():
                between = text[y.end() : m.start()] if y.end() <= m.start() else text[m.end() : y.start()]
                for phrase in self.topic_phrases:
                    between = re.sub(re.escape(phrase), " ", between, flags=re.IGNORECASE)
                if _JOINS_YEAR.fullmatch(between):
                    found.add(y.group(0))
        # A year inside a title written out ("… – nya målsättningar hösten <year>").
        for title in self._full_titles.finditer(text) if self._full_titles is not None else ():
            found.update(re.findall(r"(?<!\d)\d{4}(?!\d)", title.group(0)))
        # "… after the 2024 update?", "… i 2024 års version?": a year naming the edition, wherever the name is.
        years = set(self._years.values())
        found.update(y.group(1) for y in _EDITION_YEAR.finditer(text) if y.group(1) in years)
        # "… regeringens strategi från hösten <year> …": a document's year dated by its season names the edition.
        found.update(y.group(1) for y in _SEASON_YEAR.finditer(text) if y.group(1) in years)
        return found

    def role(self, doc_id: str | None) -> str | None:
        """The named document's role (regional, national, eu …)."""
        return self._roles.get(doc_id) if doc_id else None

    def _titles_in(self, text: str) -> list[re.Match[str]]:
        return list(self._full_titles.finditer(text)) if self._full_titles is not None else []

    def _titled_document(self, title: re.Match[str]) -> DocumentInfo | None:
        """The document a full title written out (a match of ``_full_titles``) is the title of."""
        return self._titled.get(_SPACE.sub(" ", title.group(0).casefold()))

    def strip_titles(self, question: str, replacement: str | None = None) -> str:
        """``question`` with the documents' full titles written out ("… '<title> – <new goals> <autumn> <year>' …") read
        as one of their names ("the strategy"), or as ``replacement``: the title's words name a document, not what is
        asked about it (nor the language it is asked in)."""
        if self._full_titles is None:
            return question

        def name(m: re.Match[str]) -> str:
            document = self._titled_document(m)
            return document.names[0] if document is not None and document.names else " "

        return self._full_titles.sub(lambda m: replacement if replacement is not None else name(m), question)

    def strip_names(self, question: str, pronoun: str = "") -> str:
        """``What are testbeds mentioned for in the strategy?`` → ``What are testbeds mentioned for?``. With a
        ``pronoun``, a name that is no preposition's object is replaced by it, so what is shown still reads ("What
        does the national strategy say about …?" → "What does it say about …?")."""
        if self._names is None:
            return question
        unyeared = self.strip_titles(question, " ") if not pronoun else question
        for year in self.naming_years(question):  # "strategin från 2024", "the 2026 agenda": the name, not the topic
            unyeared = re.sub(rf"(?:\b(?:från|from|of|in)\s+)?(?<!\d){year}(?!\d)(?:\s+års\b)?", "", unyeared)

        def replaced(m: re.Match[str]) -> str:
            introduced = re.match(r"(?:in|of|by|according to|enligt|i)\s", m.group(0), re.IGNORECASE)
            # "den nationella strategin": the article before the name stays, and is the pronoun already; "the West
            # Sweden agenda": a place before the name is no verb's subject to stand in for.
            before = m.string[: m.start()].split()
            # (a capitalised word is a place only inside the sentence: "Does the agenda …" opens with a verb)
            place = len(before) > 1 and before[-1][:1].isupper()
            modified = bool(before) and (place or before[-1].lower() in {"den", "det", "de", "the"})
            return "" if not pronoun or introduced or modified else pronoun

        stripped = re.sub(r"\s+([?.!,])", r"\1", self._names.sub(replaced, unyeared))
        stripped = re.sub(r"\s{2,}", " ", stripped).strip()
        return stripped if len(stripped.split()) >= 2 else question

    def strip_places(self, text: str) -> str:
        """``text`` without the documents' places ("… the Östergötland strategy …" → "… the strategy …")."""
        return _tidy(_remove(self._places, text, also_modifiers=True)) if self._places is not None else text

    def focus(self, question: str) -> str | None:
        """The question without document names, the corpus topic and its places, or None if that leaves
        too little.

        In a corpus where every passage is about "TOPIC in PLACE", those words pull the embedding of
        ``How does the plan describe the climate ambitions for TOPIC in PLACE?`` towards generic overview
        passages; ``How does describe the climate ambitions?`` finds the section on climate. Search
        blends both (see ``SearchParams``).
        """
        stripped = self.strip_names(question)
        focused = stripped
        if self._places is not None:
            places = {m.group(0).lower() for m in self._places.finditer(stripped)}
            # Places of different documents set against each other ("<the region> compared with the rest of the
            # country") are what the question is about; two names of one document's place ("<the region> … the
            # <region's initials> agenda") are not.
            owners = {self._owner_of(p) for p in places}
            if len(owners) > 1 or (places and _COMPARISON.search(stripped)):
                return None
            focused = _remove(self._places, stripped, also_modifiers=True)
        for phrase in self.topic_phrases:
            # Before a noun the topic narrows it ("life science companies", "life science-bolag");
            # only where it ends a phrase ("ambitions for life science?") does it just restate the corpus.
            focused = _remove(_topic_pattern(phrase), focused, also_modifiers=False)
        focused = _tidy(focused)
        content = [w for w in _WORD.findall(focused.lower()) if w not in STOP_WORDS]
        if focused == _tidy(stripped) or len(content) < 2:
            return None
        return focused

    def _owner_of(self, matched: str) -> str | None:
        key = _key(matched)
        if key in self._owner:
            return self._owner[key]
        # An inflected place (base form plus an ending): the longest listed base form it starts with.
        bases = [w for w in self._owner if key.startswith(w)]
        return self._owner[max(bases, key=len)] if bases else None


_EDITION = r"(?:version(?:en)?|edition|update|revision|utgåvan?|upplagan?|uppdatering(?:en)?|revidering(?:en)?)"
# A year naming an edition that stands alone: "… after the 2024 update?", not "the 2024 update of the <rules>".
_EDITION_YEAR = re.compile(rf"(?<!\d)(\d{{4}})(?:\s+års)?\s+{_EDITION}(?=\s*(?:[?.!,;:)–—]|$))", re.I)
_SEASON = r"(?:hösten|våren|sommaren|vintern|autumn|spring|summer|winter|fall)"
_SEASON_YEAR = re.compile(
    r"\b(?:strateg|agend|plan|dokument|document|paper|rapport|report|program|version|edition|utgåv|upplag)[\w-]*\s+"
    r"(?:(?:som\s+)?(?:kom|publicerades|antogs|gavs\s+ut)\s+|(?:published|released|issued|adopted)\s+(?:in\s+)?|"
    rf"från\s+|from\s+|of\s+)(?:the\s+)?{_SEASON}\s+(?:of\s+)?(\d{{4}})(?!\d)",
    re.IGNORECASE,
)
"""A document (any word for one) dated by its season: "strategin från hösten <year>", "the paper published in autumn
<year>", "strategin som kom hösten <year>"; not "Vad ska hända från våren <year>?", which asks about a time."""
_JOINS_YEAR = re.compile(
    r"[\s(),]*(?:(?:'s|från|from|of|års|year's)[\s(),]*)?"
    rf"(?:{_EDITION}[\s(),]*(?:(?:of|av)\s+)?"
    r"(?:the\s+)?)?",
    re.IGNORECASE,
)
"""What may stand between a document's name and its year for the year to name it ("the 2024 version of the
strategy")."""


def _cue_pattern(
    words: dict[str, tuple[str, ...]], suffix: str, genitive: set[str] | frozenset[str] = frozenset()
) -> re.Pattern[str] | None:
    """One alternation over every document's words, longest first, so a two-word place is matched whole; the words
    in ``genitive`` may also take a genitive ending."""
    flat = sorted({w for ws in words.values() for w in ws}, key=len, reverse=True)
    if not flat:
        return None
    alternatives = "|".join(_flexible(w) + (_GENITIVE if w in genitive else "") for w in flat)
    # A word inside a hyphenated compound is not the document's name: "EU-X" does not name the document "X".
    return re.compile(r"(?<![\w-])(?:" + alternatives + ")" + suffix + r"(?![\w])", re.I)


def _distinct_cues(document: DocumentInfo, documents: Sequence[DocumentInfo]) -> tuple[str, ...]:
    """``document``'s cues that tell it from the others: not one another document's title, publisher, places or role
    write (a word of it, or the cue with an ending: "regionen" for "Region <X>"). A cue listed while a document was the
    corpus's only region points to any region once another is added."""
    others = {
        w.casefold()
        for d in documents
        if d.doc_id != document.doc_id
        for text in (d.title, d.publisher, d.kind, *d.places)
        for w in _WORD.findall(text)
        if len(w) >= _CUE_STEM
    }
    return tuple(
        cue
        for cue in document.cues
        if not any(w.casefold().startswith(other) for w in _WORD.findall(cue) for other in others)
    )


_CUE_STEM = 4
"""Letters: a shorter word of another document ("EU", "för") is no cue's stem."""


def _qualifies(between: str) -> bool:
    """Whether the words between a place and a document's name make one phrase of them: none, or up to two words that
    say what kind of document it is ("<place> innovation strategy", "<place> business programme"), no function word
    ("<place> and the strategy", "<place> in the strategy")."""
    words = between.split()
    return len(words) <= 2 and all(w.isalpha() and w.casefold() not in STOP_WORDS for w in words)


def _key(words: str) -> str:
    return " ".join(re.split(r"[ -]+", words.casefold().strip()))


def _title_names(document: DocumentInfo) -> tuple[str, ...]:
    """A document's title, as a question writes it, is a name of it too: its head noun in the form of one of its names,
    with the rest of the title after it ("agendan för <place> life science" for "Agenda för <place> life science",
    "den nationella strategin för life science" for "En nationell strategi för life science"). Left out whole, it
    leaves no piece behind ("… för life science") to stand for a topic."""
    out: list[str] = []
    for title in dict.fromkeys((document.short_title, document.title)):
        words = title.split(" – ")[0].split()
        for name in document.names:
            head = name.split()[-1].casefold()[:4]
            at = next((k for k, w in enumerate(words) if w.casefold()[:4] == head), None)
            if at is not None and at < len(words) - 1:
                out.append(f"{name} {' '.join(words[at + 1 :])}")
    # Written out in full, subtitle and all ("What does '<title> – <its subtitle>' say about …?").
    out.extend(title for title in (document.title, document.short_title) if len(title.split()) > 1)
    return tuple(dict.fromkeys(out))


def _flexible(phrase: str, between: str = "") -> str:
    """A phrase whose words may be joined by a space or a hyphen, and, with ``between``,
    have that between them ("national life science strategy" for the name "national strategy")."""
    joint = rf"(?:[ -](?:{between}))?[ -]" if between else r"[ -]"
    return joint.join(re.escape(w) for w in phrase.split())


_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SECTION_LABEL = re.compile(
    r"[ -](?:areas?|priorit(?:y|ies)|objectives?|goals?|actions?)\s+(?:no\.?\s*|nr\.?\s*)?\d", re.IGNORECASE
)


def _labels_a_section(name: re.Match[str], text: str) -> bool:
    """Whether a one-word name is the first word of a section's label: a section noun and its number right after it
    ("strategy area 5", "plan objective 2": a document's "strategiområde 5"), naming no document. In the genitive it
    names one ("the strategy's area 5"), and so does a longer name ("national strategy objective 4.1")."""
    word = name.group(0)
    return " " not in word.strip() and not word.endswith(("'s", "’s")) and bool(_SECTION_LABEL.match(text, name.end()))


_SPACE = re.compile(r"\s+")


def corpus_topic_phrases(titles: list[str]) -> tuple[str, ...]:
    """Word sequences shared by most document titles ("life science"): what the corpus is about.

    More than half of the titles must have them, and two at least: one title alone says nothing about what is common,
    and one document added on a neighbouring subject (a health innovation strategy beside life science ones) does not
    take the others' topic away.
    """
    if len(titles) < 2:
        return ()
    grams = [_content_ngrams(_WORD.findall(t.lower()), STOP_WORDS) for t in titles]
    counts = Counter(g for title_grams in grams for g in title_grams)
    common = {g for g, n in counts.items() if 2 * n > len(titles)}
    # Keep maximal phrases only: "life science" and not also "life" and "science".
    return tuple(sorted(g for g in common if not any(g != o and f" {g} " in f" {o} " for o in common)))


def _content_ngrams(words: list[str], stop_words: frozenset[str], longest: int = 3) -> set[str]:
    grams = set()
    for n in range(1, longest + 1):
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if not any(w in stop_words or w.isdigit() for w in gram):
                grams.add(" ".join(gram))
    return grams


# A preposition goes with the place or topic it introduces only when that ends the phrase
# ("ambitions for TOPIC in PLACE?"); a place before a noun is a modifier and only it goes
# ("the PLACE ecosystem" keeps "the ecosystem").
_PREPOSITION = r"\b(?:in|of|for|across|within|i|för|inom)\s+(?:the\s+)?"
_PHRASE_END = r"(?=\s*(?:[?.!,;:](?!\w)|$)|\s+(?:and|or|och|eller|by|to|till|in|i|on|på|for|för|with|med)\b)"
_DANGLING = re.compile(
    r"(?:\s+\b(?:the|a|an|of|for|in|to|according to|i|för|inom|enligt|den))+\s*(?=[?.!]?$)", re.IGNORECASE
)


def _remove(pattern: re.Pattern[str], text: str, also_modifiers: bool) -> str:
    """Take out ``pattern`` where it ends a phrase, with its preposition; also elsewhere if ``also_modifiers``."""
    at_phrase_end = re.compile(f"(?:{_PREPOSITION})?(?:{pattern.pattern}){_PHRASE_END}", re.IGNORECASE)
    text = at_phrase_end.sub(" ", text)
    return pattern.sub(" ", text) if also_modifiers else text


@functools.lru_cache(maxsize=32)
def _topic_pattern(phrase: str) -> re.Pattern[str]:
    words = r"[ -]".join(re.escape(w) for w in phrase.split())
    return re.compile(r"\b" + words + r"\b", re.IGNORECASE)


def _tidy(text: str) -> str:
    """One space between words, none before punctuation, no leading punctuation or dangling article."""
    text = re.sub(r"\s+([?.!,;:])", r"\1", _SPACE.sub(" ", text)).strip()
    text = re.sub(r"^[\s,;:.–-]+", "", text)
    return _DANGLING.sub("", text).strip()
