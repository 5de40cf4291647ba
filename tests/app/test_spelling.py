"""Questions typed without the documents' accents are read with them."""

from __future__ import annotations

from strategiqa.app.engine import Engine
from strategiqa.app.spelling import Accents, read_slips_of_names, typed_with_accents, without_accents
from strategiqa.retrieval.language import common_words


def test_without_general_frequencies_a_word_the_documents_lack_is_read_as_their_one_accented_word() -> None:
    accents = Accents(
        ["företag", "Västsverige", "år", "är", "kliniska", "för", "for", "sätt", "säker", "såker", "kliniskä"]
    )
    assert accents.restore("Hur manga foretag finns i Vastsverige?") == "Hur manga företag finns i Västsverige?"
    # Two accented words share "ar": neither is guessed, but after a word that counts years it is "år".
    assert accents.restore("vilka ar de") == "vilka ar de"
    assert accents.restore("varje ar") == "varje år"
    assert accents.restore("kliniska for") == "kliniska for"  # a word the documents use as typed stays
    assert accents.restore("Vem har satt sitt namn under?") == "Vem har satt sitt namn under?"  # short: a word
    assert accents.restore("FORETAG") == "FÖRETAG"
    assert accents.restore("osaker saker") == "osaker saker"  # "säker" or "såker": two words, neither guessed
    assert accents.restore("kliniska") == "kliniska"
    # A question with an accented letter was typed on a keyboard that has them, but a plain word no one writes so
    # (without general frequencies: any word the documents only have accented) is a slip.
    assert accents.restore("Vilka foretag är störst?") == "Vilka företag är störst?"
    assert without_accents("Västra Götaland") == "Vastra Gotaland"


def test_with_general_frequencies_a_plain_word_is_read_as_its_far_commoner_accented_form() -> None:
    frequencies = {
        "är": 0.033, "år": 0.0018, "ar": 0.00004, "när": 0.0039, "nar": 0.000003, "på": 0.018, "pa": 0.00004,
        "sätt": 0.00068, "satt": 0.00017, "saker": 0.0004, "säker": 0.0003, "lån": 0.00003, "län": 0.00009,
    }  # fmt: skip
    accents = Accents(["kliniska", "krångel"], frequencies, ratio=5)
    assert accents.restore("Nar ar motet?") == "När är motet?"  # "möte" is no word of either
    assert accents.restore("Vad star det pa sidan?") == "Vad star det på sidan?"
    assert accents.restore("mindre krangel") == "mindre krångel"  # a word of the documents only
    # As common as typed, or two readings of like frequency: left as typed.
    assert accents.restore("Vem har satt sitt namn under?") == "Vem har satt sitt namn under?"  # sätt: 4 times
    assert accents.restore("Vilka saker?") == "Vilka saker?"
    assert accents.restore("ovriga lan") == "ovriga lan"  # "län" or "lån"
    # "ar" is "är", but "år" where years are counted or picked: after "varje", after "vilket" with a verb or nothing
    # after it; "vilket ar det" and "vilket ar malet" ask which one is.
    assert accents.restore("Vilket ar ska det vara klart?") == "Vilket år ska det vara klart?"
    assert accents.restore("Vilket ar antogs planen?") == "Vilket år antogs planen?"
    assert accents.restore("Sedan vilket ar?") == "Sedan vilket år?"
    assert accents.restore("Hur manga ganger per ar?").endswith("per år?")
    assert accents.restore("Vilket ar det viktigaste?") == "Vilket är det viktigaste?"
    assert accents.restore("Vilket ar malet?") == "Vilket är malet?"
    assert accents.restore("Ar det sant?") == "Är det sant?"
    # "ar" beside a number is a year; after "vilket" a possessive or a name is no verb: "är".
    assert accents.restore("under 29 ar") == "under 29 år"
    assert accents.restore("vart annat ar") == "vart annat år"
    assert accents.restore("klart ar 2030") == "klart år 2030"
    assert accents.restore("Vilket ar landets storsta styrka?").startswith("Vilket är landets")
    assert accents.restore("Vilka ar Goteborgs styrkor?").startswith("Vilka är Goteborgs")
    assert accents.restore("varfor detta ar viktigt") == "varfor detta är viktigt"


def test_acronyms_names_and_the_documents_own_reading() -> None:
    frequencies = {"få": 0.0019, "fa": 0.000017, "sätt": 0.0007, "vård": 0.0001, "värd": 0.00005, "är": 0.033}
    accents = Accents(["vård", "Västsverige"], frequencies, ratio=5)
    assert accents.restore("Vad ar FA?") == "Vad är FA?"  # an acronym is no plain word ...
    assert accents.restore("VAD AR FA?") == "VAD ÄR FÅ?"  # ... unless the whole question is in capitals
    # A capitalised word inside a question may be a name: read only as a word of the documents.
    assert accents.restore("Hur fa bolag finns i Vastsverige?") == "Hur få bolag finns i Västsverige?"
    assert accents.restore("Vad gor Fa?") == "Vad gor Fa?"
    # Two readings of like frequency in general use: the documents' own one ("vård", not "värd").
    assert accents.restore("nara vard") == "nara vård"
    # An accented name does not make the question one typed with accents; an accented word in lower case does.
    assert accents.restore("Vad ar Västsverige?") == "Vad är Västsverige?"
    assert not typed_with_accents("Vad ar Västsverige?") and typed_with_accents("Vad är Vastsverige?")
    assert typed_with_accents("Är det sant?")


def test_in_a_question_typed_with_accents_only_a_slip_is_read_with_them() -> None:
    frequencies = {
        "många": 0.0012, "manga": 0.0000045, "för": 0.014, "for": 0.000087, "saker": 0.0005, "säker": 0.00014,
        "år": 0.0018, "är": 0.033, "ar": 0.000035, "så": 0.0093, "sa": 0.0004,
    }  # fmt: skip
    accents = Accents(["studenter"], frequencies, ratio=5, slip_ratio=200)
    # "manga" is some 270 times rarer than "många": a slip beside "år" typed with its ring.
    assert accents.restore("Hur manga studenter varje år?") == "Hur många studenter varje år?"
    # Words of their own as typed stay: "saker", "sa" (said), and "for" (only 160 times rarer than "för").
    assert accents.restore("Vilka saker sa de år för år?") == "Vilka saker sa de år för år?"
    assert accents.restore("Vad gäller for studenter?") == "Vad gäller for studenter?"
    # Typed without any accent, the everyday ratio applies.
    assert accents.restore("Hur manga ar?") == "Hur många år?"
    assert accents.restore("Vad galler for studenter?").endswith("för studenter?")


def test_a_slip_in_a_question_typed_with_accents_does_not_hide_what_it_asks(real_engine: Engine) -> None:
    read = real_engine.with_accents("Hur manga studenter utbildas varje år?")
    assert read == "Hur många studenter utbildas varje år?"
    assert real_engine.analyse(read).expects == "number"


def test_general_frequencies_come_from_the_language_and_are_empty_for_an_unknown_one() -> None:
    swedish = common_words("sv", 50_000)
    assert len(swedish) >= 50_000
    assert swedish["är"] > 100 * swedish["ar"]
    assert swedish["när"] > 100 * swedish.get("nar", 0.0)
    assert common_words("xx", 1000) == {}
    assert common_words("swedish", 1000) == {}  # a manifest's language that is no language tag: no general words


def test_a_question_without_accents_is_answered_as_with_them(real_engine: Engine) -> None:
    typed = real_engine.ask("Hur manga life science-bolag finns i Vastsverige?")
    accented = real_engine.ask("Hur många life science-bolag finns i Västsverige?")
    assert not typed["abstained"], typed["answer"]
    assert typed["question"] == "Hur manga life science-bolag finns i Vastsverige?"  # shown as typed
    assert [c["passage_id"] for c in typed["citations"]] == [c["passage_id"] for c in accented["citations"]]
    assert "600" in typed["answer"]


def test_an_english_question_is_left_as_it_is(real_engine: Engine) -> None:
    # "laser" is English here, not "läser" (a word of the documents) without its accent.
    assert real_engine.words.accents.restore("laser") == "läser"
    result = real_engine.search("What does the strategy say about laser surgery for clinical trials?")
    assert result.question == "What does the strategy say about laser surgery for clinical trials?"


def test_a_near_miss_typed_without_accents_is_refused_as_with_them(real_engine: Engine) -> None:
    # Short words carry what is asked: "nar" (när), "vem ar" (är), "vilket ar" (år); read as typed the questions ask
    # for nothing in particular and a nearby sentence was quoted as their answer.
    for plain, accented in (
        (
            "Vilket ar ska den nationella digitala infrastrukturen for halsodata vara helt inford?",
            "Vilket år ska den nationella digitala infrastrukturen för hälsodata vara helt införd?",
        ),
        ("Vem ar chef for regeringens life science-kontor?", "Vem är chef för regeringens life science-kontor?"),
    ):
        typed, read = real_engine.ask(plain), real_engine.ask(accented)
        assert read["abstained"], read["answer"]
        assert typed["abstained"], typed["answer"]
        assert typed["abstain_reason"] == read["abstain_reason"]
        assert typed["question"] == plain  # shown as typed


def test_an_answerable_question_typed_without_accents_is_answered_from_the_same_passage(real_engine: Engine) -> None:
    plain = "Vill staten att tonaringar ska bli mer sugna pa NO-amnen och matte i skolan?"
    accented = "Vill staten att tonåringar ska bli mer sugna på NO-ämnen och matte i skolan?"
    typed, read = real_engine.ask(plain), real_engine.ask(accented)
    assert not read["abstained"], read["answer"]
    assert not typed["abstained"], typed["answer"]
    assert typed["citations"][0]["passage_id"] == read["citations"][0]["passage_id"]


def test_a_slip_of_a_word_the_documents_are_named_by_is_read_as_that_word() -> None:
    names = ["government", "government's", "agendan", "strategin", "götalandsregionen", "sweden"]
    known = {"government", "strategy", "sweden", "stratagem"}.__contains__
    read = read_slips_of_names("what is 5.2 called in the goverment's strategy?", names, known, 0.85)
    assert read == "what is 5.2 called in the government's strategy?"  # the genitive kept
    assert read_slips_of_names("Vad kostar agndan?", names, known, 0.85) == "Vad kostar agendan?"
    assert read_slips_of_names("Goverment plans", names, known, 0.85) == "Government plans"
    # Known words, inflections of a name and short words stay.
    assert read_slips_of_names("a stratagem", names, known, 0.85) == "a stratagem"
    assert read_slips_of_names("Götalandsregionens plan", names, known, 0.85) == "Götalandsregionens plan"
    assert read_slips_of_names("Swedn", names, known, 0.85) == "Swedn"
    assert read_slips_of_names("a governor", names, known, 0.85) == "a governor"  # too far from any name


def test_a_slip_in_a_documents_name_does_not_turn_the_question_into_one_about_an_unknown_word(
    real_engine: Engine,
) -> None:
    result = real_engine.ask("what is objective 5.2 called in the goverment's strategy?")
    assert not result["abstained"]
    assert result["citations"][0]["section_path"][-1].startswith("5.2 ")
    refused = real_engine.ask("Hur mycket pengar har VGR budgeterat för att genomföra agndan?")
    assert refused["abstain_reason"] == "missing_fact" and refused["missing"]["element"] == "amount"
