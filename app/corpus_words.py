"""What the indexed documents' words tell about a question: which words, names, places and titles are theirs, how a
question typed without accents or with a slip in a name reads, what it asks for (``questions.analyse`` with this
corpus's places and titles), and whether a term it asks about is one they never use. Everything here is read from the
index and the corpus profile, once, so that any region's documents work."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import replace
from functools import cached_property

from strategiqa.ingest.load import CorpusProfile
from strategiqa.ingest.sentences import sentence_role
from strategiqa.retrieval.index import LoadedIndex
from strategiqa.retrieval.language import common_words, detect_language, word_frequency
from strategiqa.retrieval.routing import DocumentRouter
from strategiqa.retrieval.text import STOP_WORDS
from strategiqa.retrieval.thesaurus import Thesaurus, load_thesaurus

from .answer import AnswerParams
from .initialisms import initialisms, phrase_initials
from .instruments import InstrumentNames
from .outline import title_stem
from .question_names import EnglishWords
from .question_wording import PRACTICAL_FRAME_WORDS, aliases_as_places, asks_practical_matter
from .questions import PERSON_NAME, QuestionAnalysis, analyse
from .sections import own_area_nouns
from .settings import Settings
from .spelling import Accents, read_slips_of_names
from .subject import proper_nouns
from .topic import topic_words


class CorpusWords:
    """The words of a loaded index's documents and what they tell about a question (see the module docstring)."""

    def __init__(self, index: LoadedIndex, profile: CorpusProfile, settings: Settings, params: AnswerParams) -> None:
        self.index = index
        self.profile = profile
        self.settings = settings
        self.params = params

    @property
    def router(self) -> DocumentRouter:
        assert self.index.router is not None, "LoadedIndex builds its router"
        return self.index.router

    def analyse(self, question: str) -> QuestionAnalysis:
        """What ``question`` asks for (see ``questions.analyse``), with this corpus's places."""
        analysis = analyse(question, self.places, self.english_words, self.title_words, self.publisher_words)
        places = aliases_as_places(question, self.profile.aliases, analysis.expects)
        absent = (*self.absent_quoted_terms(question), *places, *self.instruments.absent(question))
        if absent:
            analysis = replace(analysis, absent_terms=absent)
        naming = self.router.naming_years(question)  # "the 2026 agenda" names a document, asks for no year
        return replace(analysis, years=tuple(y for y in analysis.years if y not in naming)) if naming else analysis

    def names_asked(self, question: str, analysis: QuestionAnalysis) -> tuple[str, ...]:
        """The names ``question`` uses: those it capitalises (``analysis.names``) and words the documents only ever
        write capitalised, though typed in lower case ("hur många anställda har <ett bolag> …")."""
        typed = {n.lower() for n in analysis.names}
        lower = [w for w in re.findall(r"[^\W\d_]{4,}", question) if w.islower()]
        return (*analysis.names, *(w for w in dict.fromkeys(lower) if w in self._proper_nouns and w not in typed))

    def with_accents(self, question: str, language: str | None = None) -> str:
        """A question not in English with the words it types without the documents' accents read with them (see
        ``spelling``); ``language``: the question's, when already read."""
        if (language or detect_language(question)) == "en":
            return question
        return self.accents.restore(question)

    def with_name_slips(self, question: str, language: str) -> str:
        """``question`` with a word a slip away from one the documents are named by read as that word ("the goverment's
        strategy"; see ``spelling.read_slips_of_names``); a word of the documents or common in the question's language
        or theirs stays."""
        params = self.params
        languages = {language, *self.document_languages}

        def known(word: str) -> bool:
            return word in self.vocabulary or any(
                word_frequency(word, lang) >= params.ordinary_frequency for lang in languages
            )

        return read_slips_of_names(question, self.router.words, known, params.slip_similarity)

    def practical_matter_off_topic(self, question: str, language: str) -> bool:
        """Whether ``question`` asks a matter of practice (see ``question_wording.asks_practical_matter``) about
        something the documents do not name: it names no document, and, asked in a language of the documents, a word
        of what it asks about is neither theirs nor ordinary in the language ("Hur fungerar högkostnadsskyddet …?";
        "Hur söker man EU-medel?" is about their words). Asked in another language, its words cannot be looked up: the
        frame (first person only there) decides."""
        # A place is no document here: "… at the University of <the corpus's city>" asks about the place.
        if not asks_practical_matter(question) or self.router.named(self.router.strip_places(question)) is not None:
            return False
        if language not in self.document_languages:
            return True
        topic = (topic_words(question, self.index) or "").lower()
        return any(self.foreign_term(w) for w in re.findall(r"[^\W\d_]+", topic) if w not in PRACTICAL_FRAME_WORDS)

    def absent_quoted_terms(self, question: str) -> tuple[str, ...]:
        """Words with letters outside the English alphabet in a question asked in another language than the
        documents' ("What is the <a Swedish term> ceiling …?"): terms of the documents' language quoted as the name of
        what is asked about, which the documents do not use in any form (inflected, compounded or mistyped: see
        ``foreign_term``)."""
        marked = [w for w in re.findall(r"[^\W\d_]+", question) if not w.isascii()]
        if not marked or detect_language(question) in self.document_languages:
            return ()
        return tuple(dict.fromkeys(w for w in marked if self.foreign_term(w.lower(), ordinary_counts=False)))

    def foreign_term(self, word: str, ordinary_counts: bool = True) -> bool:
        """A word that is no word of the documents (no word of theirs shares its first letters, and none is a slip away)
        and no ordinary word of the language: a specific term ("vårdvalet", "högkostnadsskyddet"), not "praktiken".
        ``ordinary_counts``: False when an ordinary word is a term all the same (quoted in another language)."""
        params = self.params
        if len(word) < params.term_prefix or word[: params.term_prefix] in self._word_prefixes:
            return False
        if ordinary_counts and self.accents.general_frequency(word) >= params.ordinary_frequency:
            return False
        return not difflib.get_close_matches(word, self.vocabulary, n=1, cutoff=params.slip_similarity)

    def names_a_signatory(self, question: str) -> bool:
        """Whether ``question`` names a person (first name and surname) whom a name line of the documents names
        ("Ebba Busch Energi- och näringsminister")."""
        people = {m.group(0).lower() for m in PERSON_NAME.finditer(question)}
        return bool(people) and any(person in line for line in self._name_lines for person in people)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word of the indexed documents, lower-cased: is a name the question uses in them at all?"""
        words = {w.lower() for d in self.index.documents for w in re.findall(r"[^\W_]+", d.text)}
        # Swedish abbreviates "X och Y" as "XoY" ("FoU": forskning och utveckling).
        for document in self.index.documents:
            pairs = re.findall(r"\b([^\W\d_])[^\W\d_]* och ([^\W\d_])", document.text.lower())
            words.update(f"{a}o{b}" for a, b in pairs)
        # A name the profile gives for a word the documents use (a capital for its union) is known as that word is.
        for alias, stands_for in self.profile.aliases.items():
            if all(w.lower() in words for w in re.findall(r"[^\W_]+", stands_for)):
                words.update(w.lower() for w in re.findall(r"[^\W_]+", alias))
        return frozenset(words)

    @cached_property
    def known_names(self) -> frozenset[str]:
        """The documents' words (see ``vocabulary``), the initials of the names they repeat and of the corpus topic: a
        question may write a body the documents name in full, or their topic, by its initials ("GU", "LS"). Not for
        reading accents: initials are no words."""
        documents = initialisms(d.text for d in self.index.documents)
        return self.vocabulary | documents | phrase_initials(self.router.topic_phrases)

    @cached_property
    def places(self) -> frozenset[str]:
        """The words of the places the documents are about (manifest ``places``), lower-cased."""
        return frozenset(w.lower() for d in self.index.documents for p in d.info.places for w in p.split())

    @cached_property
    def scope_phrases(self) -> tuple[str, ...]:
        """The corpus topic and the documents' places (manifest): words that scope a question, not content."""
        places = {p for d in self.index.documents for p in d.info.places}
        return tuple(self.index.topic_phrases) + tuple(sorted(places, key=len, reverse=True))

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Words of the documents' titles (manifest), lower-cased: naming a document is no name to look up."""
        titles = [t for d in self.index.documents for t in (d.info.title, d.info.short_title)]
        words = {w.lower() for t in titles for w in re.findall(r"[^\W\d_]{4,}", t)}
        return frozenset(words - STOP_WORDS)

    @cached_property
    def publisher_words(self) -> frozenset[str]:
        """Words of the documents' publishers (manifest), lower-cased: bodies that can answer "who"."""
        return frozenset(w.lower() for d in self.index.documents for w in re.findall(r"[^\W\d_]{3,}", d.info.publisher))

    @cached_property
    def heading_stems(self) -> frozenset[str]:
        """Stems of the words of every section title, and of its English translation (see ``overview``)."""
        words = set()
        for document in self.index.documents:
            for section in document.all_sections():
                english = self.profile.english_title(document.info.doc_id, section.title) or ""
                words.update(re.findall(r"[^\W\d_]{4,}", f"{section.title} {english}"))
        return frozenset(title_stem(w) for w in words if w.lower() not in STOP_WORDS)

    @cached_property
    def area_nouns(self) -> re.Pattern[str] | None:
        """The documents' own compounds for their areas (see ``sections.own_area_nouns``), read once."""
        return own_area_nouns(self.index.documents)

    @cached_property
    def accents(self) -> Accents:
        """Accented readings from the documents' words and their language's general word frequencies, read on the
        first question not in English."""
        languages = Counter(
            str(language) for language in self.index.passage_languages if str(language).lower().split("-")[0] != "en"
        )
        common = common_words(languages.most_common(1)[0][0], self.settings.spelling_words) if languages else {}
        return Accents(self.vocabulary, common, self.settings.spelling_ratio, self.settings.spelling_slip_ratio)

    @cached_property
    def english_words(self) -> EnglishWords | None:
        return EnglishWords.load(self.settings.english_words_file)

    @cached_property
    def _proper_nouns(self) -> frozenset[str]:
        english = self.english_words.common if self.english_words else frozenset()
        return proper_nouns([d.text for d in self.index.documents], self.places, english)

    @cached_property
    def _name_lines(self) -> tuple[str, ...]:
        """The documents' name-and-title lines, lower-cased, read once."""
        return tuple(
            " ".join(sentence.split()).lower()
            for passage in self.index.passages
            for sentence in passage.sentence_texts()
            if sentence_role(sentence) == "name_line"
        )

    @cached_property
    def _word_prefixes(self) -> frozenset[str]:
        """The first letters of the documents' words (see ``vocabulary``): a word sharing them is one of theirs,
        inflected or compounded ("primärvården" when they speak of "primärvård")."""
        return frozenset(w[: self.params.term_prefix] for w in self.vocabulary)

    def words_of(self, doc_ids: set[str]) -> frozenset[str]:
        """The lower-cased words of the documents ``doc_ids`` (each document's read once)."""
        return frozenset().union(*(self._document_words[d] for d in doc_ids if d in self._document_words))

    @cached_property
    def _document_words(self) -> dict[str, frozenset[str]]:
        return {
            d.info.doc_id: frozenset(w.lower() for w in re.findall(r"[^\W_]+", d.text)) for d in self.index.documents
        }

    @cached_property
    def document_texts(self) -> dict[str, str]:
        """Each document's text with its headings, by id, read once (whether it writes a name anywhere)."""
        return {d.info.doc_id: " ".join([d.text, *(s.title for s in d.all_sections())]) for d in self.index.documents}

    @cached_property
    def document_language(self) -> dict[str, str]:
        """Each document's language (its passages'), by id."""
        return {p.doc_id: str(code) for p, code in zip(self.index.passages, self.index.passage_languages, strict=True)}

    @cached_property
    def document_languages(self) -> frozenset[str]:
        """The languages the documents' passages are in."""
        return frozenset(str(code) for code in self.index.passage_languages)

    @cached_property
    def instruments(self) -> InstrumentNames:
        """The laws and regulations the documents name (see ``instruments``)."""
        return InstrumentNames(sentence for passage in self.index.passages for sentence in passage.sentence_texts())

    @cached_property
    def thesauri(self) -> dict[str, Thesaurus]:
        """A thesaurus for each language of the documents the system has one for (see ``retrieval.thesaurus``); none
        (the topic check then reads words only) where it has not."""
        found = {language: load_thesaurus(None, language) for language in sorted(self.document_languages)}
        return {language: thesaurus for language, thesaurus in found.items() if thesaurus is not None}

    @cached_property
    def short_titles(self) -> dict[str, str]:
        """Each document's short title, by id."""
        return {d.info.doc_id: d.info.short_title for d in self.index.documents}
