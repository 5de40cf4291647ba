"""Swedish tokenising, BM25 and language detection."""

from __future__ import annotations

import pytest
from strategiqa.ingest.model import DocumentInfo
from strategiqa.retrieval.bm25 import BM25
from strategiqa.retrieval.language import detect_language
from strategiqa.retrieval.routing import DocumentRouter, corpus_topic_phrases
from strategiqa.retrieval.text import tokenize

from tests.conftest import corpus_router

ROUTER = corpus_router()


def test_tokenize_stems_swedish_and_drops_stop_words() -> None:
    assert tokenize("Kliniska prövningar och den kliniska prövningen") == ["klinisk", "prövning", "klinisk", "prövning"]
    assert "och" not in tokenize("forskning och innovation")
    assert tokenize("life science-bolag 2035") == ["lif", "scienc", "bolag", "2035"]


def test_bm25_ranks_the_passage_with_rare_matching_terms_first() -> None:
    docs = ["Kliniska prövningar i vården.", "Hälsodata och register.", "Prövningar av läkemedel och kliniska studier."]
    bm25 = BM25([tokenize(d) for d in docs])
    scores = bm25.scores("registren med hälsodata")
    assert scores.argmax() == 1 and scores[0] == 0
    assert bm25.scores("helt okänt ord").sum() == 0


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Hur många life science-bolag finns det i Västsverige?", "sv"),
        ("Hur togs agendan fram?", "sv"),
        ("Vad är precisionshälsa?", "sv"),
        ("Who will lead the implementation of the agenda?", "en"),
        ("What are testbeds mentioned for in the strategy?", "en"),
        ("Clinical trials?", "en"),
        ("Kliniska prövningar", "sv"),
        # å/ä/ö in a name are no Swedish: only in lower-case words or the first word
        ("How many clinical trials were carried out in Västra Götaland in 2024?", "en"),
        ("As a new member, which unit coordinates Västra Götalandsregionen's life science work?", "en"),
        ("Vad gör Västra Götalandsregionen?", "sv"),
        ("Är Göteborg med?", "sv"),
        # no document nouns among the function words ("agenda", "strategin": only corpus/ names documents)
        ("List the seven focus areas in Västra Götalandsregionen's 2026 life science agenda.", "en"),
        ("Vad säger agendan om testbäddar?", "sv"),
        # No function word decides: how common the words are in each language does (langdetect read these as English)
        ('Tar strategin upp "precisionsmedicin"?', "sv"),
        ("Var ligger GoCo Health Innovation City?", "sv"),
        ("Och 4.2?", "sv"),
        ("What about 4.2?", "en"),
        ("clinical trials target national strategy", "en"),
        # Swedish typed without å, ä, ö
        ("Nar antogs strategin?", "sv"),
        ("Vad galler for nattparkering pa gatan i Goteborg?", "sv"),
        ("antal life science-bolag i vastsverige?", "sv"),
    ],
)
def test_language_detection_handles_short_questions(question: str, lang: str) -> None:
    assert detect_language(question) == lang


def test_document_hints_and_stripping() -> None:
    assert ROUTER.role(ROUTER.named("What does the agenda say about HTA?")) == "regional"
    assert ROUTER.role(ROUTER.named("Vad säger regeringen om kliniska prövningar?")) == "national"
    assert ROUTER.named("Hur skiljer sig agendan från den nationella strategin?") is None
    # A statement before the question proper sets its context; the question names the document asked about.
    context = "Den nationella strategin har åtta områden – hur många insatsområden har agendan?"
    assert ROUTER.role(ROUTER.named(context)) == "regional"
    assert ROUTER.role(ROUTER.named("The agenda has seven focus areas. How many areas does the strategy have?")) == (
        "national"
    )
    assert ROUTER.named("Vad säger agendan? Och strategin?") is None  # two questions: neither stands alone
    assert ROUTER.strip_names("What are testbeds mentioned for in the strategy?") == "What are testbeds mentioned for?"
    assert ROUTER.strip_names("Agendan?") == "Agendan?"
    # With a pronoun (how a follow-up was read, shown to the user) the sentence still reads.
    assert (
        ROUTER.strip_names("What does the strategy say about trials?", pronoun="it") == "What does it say about trials?"
    )
    assert ROUTER.strip_names("Vad säger den nationella strategin om data?", pronoun="den") == "Vad säger den om data?"
    assert ROUTER.strip_names("What are testbeds for in the strategy?", pronoun="it") == "What are testbeds for?"
    # A question's capitalised first word is a verb, not a place before the name.
    assert ROUTER.strip_names("Does the agenda mention AMR?", pronoun="it") == "Does it mention AMR?"
    assert ROUTER.strip_names("When were the objectives of the national life science strategy published?") == (
        "When were the objectives published?"
    )
    # Names outrank places; an inflected or hyphenated place still routes.
    assert ROUTER.role(ROUTER.named("What does the agenda say about Swedish exports?")) == "regional"
    assert ROUTER.role(ROUTER.named("Hur stora är de västsvenska företagen?")) == "regional"
    assert ROUTER.role(ROUTER.named("Life science in West-Sweden?")) == "regional"


def test_routing_comes_from_the_manifest_alone() -> None:
    """Another corpus: an EU strategy and a municipal plan, named only by their own manifest entries."""
    eu = DocumentInfo(
        "eu-strategi",
        "eu.md",
        "EU:s strategi för hälsa",
        "EU-strategin",
        "Europeiska kommissionen",
        2025,
        "eu",
        names=("EU-strategin", "EU strategy"),
        cues=("EU", "kommissionen", "Commission"),
        places=("Europa", "Europe"),
    )
    city = DocumentInfo(
        "malmo-plan",
        "m.md",
        "Malmös plan för hälsa",
        "Malmöplanen",
        "Malmö stad",
        2024,
        "municipal",
        names=("planen", "the plan"),
        places=("Malmö",),
    )
    router = DocumentRouter([eu, city], corpus_topic_phrases([eu.title, city.title]))
    assert router.named("Vad säger EU-strategin om hälsodata?") == "eu-strategi"
    assert router.strip_names("Vad säger EU-strategin om hälsodata?") == "Vad säger om hälsodata?"
    assert router.named("What does the plan say about Malmö's hospitals?") == "malmo-plan"
    assert router.named("What does the Commission say about Malmö?") == "eu-strategi"  # a cue outranks a place
    assert router.named("Vad säger agendan om hälsodata?") is None  # names of the other corpus mean nothing here
    assert ROUTER.named("Vad säger EU-strategin om hälsodata?") is None


def test_a_place_decides_over_a_cue_inside_it_or_a_name_right_after_it() -> None:
    """Two regions: one whose cue is "region", one named "Region X". And a national "strategy"."""
    first = _a_county_agenda(names=("agendan",), cues=("region", "regionen"))
    second = DocumentInfo(
        "x", "x.md", "Strategi för Region X", "X-strategin", "Region X", 2027, "regional", places=("Region X", "Xland")
    )
    nation = DocumentInfo(
        "n",
        "n.md",
        "Nationell strategi",
        "Strategin",
        "Regeringen",
        2024,
        "national",
        places=("Sverige",),
        names=("strategy", "strategin"),
    )
    router = DocumentRouter([first, second, nation])
    assert router.named("Vad säger Region X om kompetens?") == "x"  # not the cue "region" of the first
    # With Region X in the corpus, "regionen" no longer tells the first region from it: a cue another document's title,
    # publisher or places write is no cue (found on documents added beside the bundled ones: "Vid vilka sjukdomar vill
    # regionen …?" about an added region went to the bundled region by its cue "regionen").
    assert router.named("Vad säger regionen om kompetens?") is None
    assert DocumentRouter([first, nation]).named("Vad säger regionen om kompetens?") == "a"  # alone, it still is
    assert router.named("What are the areas of the Xland strategy?") == "x"  # the place owns the name after it
    # ... and with a word or two between them saying what kind of document it is, though its title is in another
    # language ("Innovationsprogram för Yland"):
    third = DocumentInfo(
        "y", "y.md", "Innovationsprogram för Yland", "Y", "Y kommun", 2025, "municipal", places=("Yland",)
    )
    with_third = DocumentRouter([first, second, nation, third])
    assert with_third.named("What are the priorities of the Yland innovation strategy?") == "y"
    assert with_third.named("What are the priorities of the Yland strategy?") == "y"
    assert with_third.named("What does the strategy say about the Yland innovation programme?") == "n"
    assert router.named("What does the strategy say about Xland?") == "n"  # a name elsewhere still outranks
    # ... unless the place comes first and its document goes by that name too ("Strategi för Region X").
    assert router.named("Hur mycket pengar avsätter Region X varje år för strategin?") == "x"
    assert router.named("Vad säger regionen i Xland om agendan?") == "a"  # X's title is no agenda
    # A place right after the name, joined by "i"/"for", says whose strategy: "strategin i Xland" is X's.
    assert router.named("Hur mycket pengar avsätts för strategin i Xland?") == "x"
    assert router.named("Who leads the strategy for Xland?") == "x"
    assert router.named("Vad säger strategin om Xland?") == "n"  # "om": Xland is the topic
    assert router.named("Vad säger strategin för Xland-medel?") == "n"  # a compound names no place
    # A name that only begins a section's label ("strategy area 5": X's "strategiområde 5") gives way to the document
    # named beside it; alone, or in the genitive, it names its own.
    assert router.named("What is strategy area 5 of the Xland plan about?") == "x"
    assert router.named_all("What is strategy area 5 of the Xland plan about?") == {"x"}
    assert router.named("What is strategy area 5 about?") == "n"
    assert router.named("What does the strategy's area 5 say about Xland?") == "n"


def test_a_name_outranks_another_documents_cue_except_in_a_comparison() -> None:
    """ "regional" in "regional cooperation" describes the topic of a question naming the national strategy."""
    agenda = _a_county_agenda(names=("agendan", "agendans"), cues=("regional", "regionala"))
    nation = DocumentInfo(
        "n", "n.md", "Nationell strategi", "Strategin", "Regeringen", 2024, "national",
        names=("national strategy", "strategin"), cues=("regeringens", "nationella"),
    )  # fmt: skip
    router = DocumentRouter([agenda, nation])
    assert router.named("What does the national strategy say about regional cooperation?") == "n"
    assert router.named("Vad säger agendan om nationella register?") == "a"
    assert router.named("Hur skiljer sig regeringens mål från agendans?") is None  # a comparison: both documents


def test_a_place_inside_a_name_is_part_of_the_name_and_a_whole_name_must_be_in_the_title() -> None:
    """ "EU-strategin" names the EU document: its "EU" is no place of its own; "the national strategy" is not
    "EU Strategy for …" however near the EU stands."""
    eu = DocumentInfo(
        "eu", "eu.docx", "EU Strategy for Health Innovation", "EU strategy", "Council", 2025, "eu",
        places=("EU", "Europe"), names=("EU strategy", "EU-strategin"),
    )  # fmt: skip
    nation = DocumentInfo(
        "n", "n.md", "En nationell strategi", "Strategin", "Regeringen", 2024, "national",
        places=("Sverige",), names=("national strategy", "nationella strategin", "strategy", "strategin"),
    )  # fmt: skip
    router = DocumentRouter([eu, nation])
    assert router.named("Vad säger EU-strategin om Sverige?") == "eu"
    assert router.named("What is the vision for the EU's role in the national strategy?") == "n"
    assert router.named_all("Vad säger EU-strategin om Sverige?") == {"eu", "n"}


def test_a_year_next_to_a_document_name_names_the_document() -> None:
    """ "the 2026 agenda" says which document; "Vad säger strategin om 2024?" asks about the year."""
    agenda = _a_county_agenda(names=("agendan", "agenda"))
    nation = DocumentInfo(
        "n", "n.md", "Nationell strategi", "Strategin", "Regeringen", 2024, "national", names=("strategin", "strategy")
    )
    router = DocumentRouter([agenda, nation])
    for naming in (
        "What does the 2026 agenda say about testbeds?",
        "Vad säger agendan 2026 om testbäddar?",
        "What does A-län's 2026 agenda say?",
        "Vad säger strategin från 2024 om kliniska prövningar?",
        "Which area was widened in the autumn 2024 version of the strategy?",
        "Vad står i 2024 års upplaga av strategin?",
        "How many areas does the strategy have after the 2024 update?",  # the edition, its name elsewhere
        "Hur många områden finns i 2024 års version?",
        # A season dates the edition too, whatever word names the document before it.
        "Jämfört med regeringens plan från hösten 2024, vilket år siktar agendan på?",
        "According to the government paper of autumn 2024, what should be done about trials?",
        "What does the strategy published in autumn 2024 say about clinical trials?",
        "Vad säger strategin som kom hösten 2024 om biobanker?",
    ):
        assert router.naming_years(naming), naming
    for asking in (
        "Vad säger strategin om 2024?",
        "Vad hände 2024 enligt strategin?",
        "How many trials were started in 2024 according to the strategy?",
        "What does the 2024 agenda say?",  # not the agenda's year
        "What did the 2024 update of the clinical trials rules change, according to the strategy?",
        "Vad hände med prövningarna under hösten 2024?",  # a season asked about, no document dated
        "Vilka satsningar görs från hösten 2024?",
        "Hur många prövningar startade från 2024?",
    ):
        assert not router.naming_years(asking), asking
    assert "2026" not in router.strip_names("What does the 2026 agenda say about testbeds?")


def test_a_title_written_out_names_its_document() -> None:
    """A document's full title, subtitle and all, names it: its words (a year, "nya målsättningar") are neither the
    topic nor a constraint, and a title in the documents' language does not make a question in another one theirs."""
    nation = DocumentInfo(
        "n", "n.md", "Ny strategi för hälsa – nya målsättningar hösten 2024", "Ny strategi för hälsa", "Regeringen",
        2024, "national", names=("strategy", "strategin"),
    )  # fmt: skip
    router = DocumentRouter([nation])
    question = "What does 'Ny strategi för hälsa – nya målsättningar hösten 2024' say about health data?"
    assert router.strip_titles(question) == "What does 'strategy' say about health data?"
    assert router.strip_titles(question, " ") == "What does ' ' say about health data?"
    assert router.naming_years(question) == {"2024"}
    assert "målsättningar" not in router.strip_names(question)
    assert router.named(question) == "n"
    other = DocumentInfo("r", "r.md", "Agenda", "Agenda", "Regionen", 2026, "regional", names=("agenda", "agendan"))
    both = DocumentRouter([nation, other])
    assert both.named(question) == "n"
    assert both.named("How does 'Ny strategi för hälsa – nya målsättningar hösten 2024' relate to the agenda?") is None
    placed = DocumentRouter(
        [nation, DocumentInfo("r", "r.md", "Agenda", "Agenda", "R", 2026, "regional", places=("X",))]
    )
    assert placed.named("Vad säger 'Ny strategi för hälsa' om X?") == "n"  # a place is what is asked about
    assert router.title_words >= {"nya", "målsättningar", "hösten"}
    assert "hälsa" not in router.title_words  # the title's own words may be a topic
    # Part of a title is no title: "nya målsättningar" alone is what is asked about.
    assert router.strip_titles("Vilka nya målsättningar har strategin?") == "Vilka nya målsättningar har strategin?"


def _a_county_agenda(names: tuple[str, ...], cues: tuple[str, ...] = ()) -> DocumentInfo:
    """A regional agenda of 2026 for "A-län", published by "A-regionen"."""
    return DocumentInfo(
        "a",
        "a.md",
        "Agenda för A-län",
        "Agenda",
        "A-regionen",
        2026,
        "regional",
        places=("A-län",),
        names=names,
        cues=cues,
    )


TITLES = [
    "Agenda för västsvensk life science",
    "En nationell strategi för life science – nya målsättningar hösten 2024",
]


def test_the_corpus_topic_is_what_most_document_titles_share() -> None:
    assert corpus_topic_phrases(TITLES) == ("life science",)
    assert corpus_topic_phrases(TITLES[:1]) == ()  # one title alone says nothing about what is common
    assert corpus_topic_phrases(["Klimat och hälsa", "Hälsodata i vården"]) == ()
    # A document on a neighbouring subject added: the others' topic stays (more than half of the titles have it) ...
    added = [*TITLES, "Life science-strategi för Region Norrbotten 2027–2032", "Nordic Health Innovation Strategy"]
    assert corpus_topic_phrases(added) == ("life science",)
    # ... but half is not most: a word two of four titles share ("strategi") is no topic.
    assert corpus_topic_phrases([*TITLES, "Nordic Health Innovation Strategy"]) == ("life science",)
    assert corpus_topic_phrases([TITLES[0], "Nordic Health Innovation Strategy"]) == ()


@pytest.mark.parametrize(
    ("question", "focused"),
    [
        (
            "How does the agenda describe the climate ambitions for life science in West Sweden?",
            "How does describe the climate ambitions?",
        ),
        ("Hur många life science-bolag finns det i Västsverige?", "Hur många life science-bolag finns det?"),
        (
            "Which are the largest life science companies in West Sweden by turnover?",
            "Which are the largest life science companies by turnover?",
        ),
        ("Vad gör VGR:s life science-kontor för företagen?", "Vad gör life science-kontor för företagen?"),
        # Before a noun the topic narrows it and stays; a place there goes, the preposition stays.
        (
            "Why are health data important for life science research in Sweden?",
            "Why are health data important for life science research?",
        ),
        (
            "What is the hub of the West Swedish life science ecosystem?",
            "What is the hub of the life science ecosystem?",
        ),
        ("Varför behöver Sverige fler kliniska prövningar?", "Varför behöver fler kliniska prövningar?"),
        ("Sweden’s plans for AI in healthcare and care?", "plans for AI in healthcare and care?"),
        ("West Sweden: what are the focus areas?", "what are the focus areas?"),
        # Two names of one document's place are no comparison: both go.
        (
            "Which three companies are the biggest in West Sweden by turnover, according to the VGR agenda?",
            "Which three companies are the biggest by turnover,?",
        ),
        # Nothing to take out, or too little left, or the places are the subject: no focused question.
        ("Who will lead the implementation?", None),
        ("What are the goals\nfor clinical trials?", None),
        ("What is life science?", None),
        ("Hur förhåller sig den västsvenska agendan till den nationella strategin?", None),
        ("Is the region marketed as a place to invest?", None),  # "the region" is not a place name
        ("How does West Sweden compare with the rest of Sweden?", None),
        ("Vad skiljer Västsverige från Stockholm-Uppsala?", None),
    ],
)
def test_focus_question_leaves_out_what_every_passage_shares(question: str, focused: str | None) -> None:
    assert ROUTER.focus(question) == focused


def test_a_documents_title_as_a_question_writes_it_is_a_name_left_out_whole() -> None:
    """Another corpus: its title's head noun in the form of one of its names, with the rest of the title after it."""
    plan = DocumentInfo(
        "malmo-plan",
        "m.md",
        "Plan för hälsa i Malmö",
        "Plan för hälsa i Malmö",
        "Malmö stad",
        2024,
        "municipal",
        names=("planen", "the plan"),
        places=("Malmö",),
    )
    router = DocumentRouter([plan], corpus_topic_phrases([plan.title]))
    # Left whole, not as "planen" with "för hälsa i" behind it to stand for a topic.
    assert router.strip_names("Hur ofta ska planen för hälsa i Malmö följas upp?") == "Hur ofta ska följas upp?"
    assert (
        ROUTER.strip_names("Hur ofta ska agendan för västsvensk life science följas upp?") == "Hur ofta ska följas upp?"
    )
    assert ROUTER.strip_names("Vad säger den nationella strategin för life science om hälsodata?") == (
        "Vad säger den om hälsodata?"
    )


@pytest.mark.parametrize(
    ("question", "doc_id"),
    [
        # A document's name right after a question word is what is asked for; the other name is the one asked about.
        (
            "The agenda says implementation shouldn't start from scratch - which existing strategy does it point to?",
            "vgr-agenda-2026",
        ),
        ("Vilken strategi hänvisar agendan till?", "vgr-agenda-2026"),
        # Alone, it still names its document; a cue before a noun of its own still says whose the noun is.
        ("Which strategy sets 31 objectives?", "nationell-strategi-2024"),
        (
            "Our region wants more patients in clinical trials. Which national objective backs this?",
            "nationell-strategi-2024",
        ),
    ],
)
def test_a_document_name_a_question_word_asks_for_is_not_the_document_asked_about(question: str, doc_id: str) -> None:
    assert ROUTER.named(question) == doc_id
