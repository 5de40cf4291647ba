"""Cleaning: every case the foundation issue lists, on small inputs and on the real corpus."""

from __future__ import annotations

import pytest
from strategiqa.ingest.clean import Vocabulary, clean_text
from strategiqa.ingest.pipeline import ParsedCorpus

TITLE = "En nationell strategi för life science"


def _clean(raw: str, fmt: str = "txt", corpus: str = "") -> str:
    vocab = Vocabulary([raw, corpus])
    return clean_text(raw, fmt, TITLE, vocab).text  # type: ignore[arg-type]


# Each case: the line-broken source, what the cleaned text must contain, and corpus text
# that teaches the vocabulary (as the rest of a real corpus would).
HYPHEN_CASES = [
    (
        "införande av teknik i social-\ntjänsten är ett hinder.",
        "teknik i socialtjänsten är",
        "Tekniken i socialtjänsten följs upp.",
    ),
    ("vårdbehoven relaterade till kroniska sjuk-\ndomar ökar.", "kroniska sjukdomar ökar", "Fler sjukdomar behandlas."),
    (
        "insatser för att förhindra upp-komst av ohälsa.",
        "förhindra uppkomst av ohälsa",
        "Faktorer av betydelse för sjukdomars uppkomst.",
    ),
    (
        "forskning inom life science-\nområdet är viktig.",
        "inom life science-området är",
        "Samordning inom life science-området.",
    ),
    ("fler som läser STEM-\nämnen behövs.", "läser STEM-ämnen behövs", "Fler ska delta i STEM-utbildningar."),
    ("utveckla hälso- \noch sjukvården nu.", "utveckla hälso- och sjukvården nu", ""),
    (
        "en ledande forsknings- och innovations- \nnation inom life science.",
        "forsknings- och innovationsnation inom",
        "Sverige är en högt rankad innovationsnation.",
    ),
]


@pytest.mark.parametrize(("raw", "expected", "corpus"), HYPHEN_CASES)
def test_hyphenation_is_repaired_as_the_corpus_spells_it(raw: str, expected: str, corpus: str) -> None:
    assert expected in _clean(raw, corpus=corpus)


def test_running_header_is_removed_and_anchors_page_numbers() -> None:
    # A leading space starts a page in the text export; the header says its page is 5.
    raw = " Första sidan.\n\n Andra sidan.\nEn nationell strategi för life science\u20035\n\n Tredje sidan."
    cleaned = clean_text(raw, "txt", TITLE)
    assert "life science\u20035" not in cleaned.text and "strategi för life science 5" not in cleaned.text
    assert cleaned.page_starts[0] == (0, 4)
    third = cleaned.text.index("Tredje")
    assert [p for off, p in cleaned.page_starts if off <= third][-1] == 6


def test_photo_credits_and_image_placeholders_are_removed() -> None:
    raw = "Text före bilden.\n\nFoto: GE Healthcare\n<!-- image -->\n![diagram](fig1.png)\n\nText efter bilden."
    text = _clean(raw, "md")
    assert "Foto" not in text and "image" not in text and "diagram" not in text
    assert "Text före bilden." in text and "Text efter bilden." in text


def test_pull_quotes_are_removed_and_the_broken_sentence_rejoined() -> None:
    raw = (
        "Sjukhuset har starka samarbeten nationellt och\n\n”\n\n**I Västsverige finns  \n600 bolag.**\n\n"
        "internationellt driver sjukhuset innovation.\n"
    )
    text = _clean(raw, "md")
    assert "600 bolag" not in text
    assert "samarbeten nationellt och internationellt driver sjukhuset" in text


def test_lines_broken_mid_sentence_are_joined() -> None:
    text = _clean("Regeringen har höga ambitioner för \nlife science-området, där målet \när att leda.\n")
    assert text == "Regeringen har höga ambitioner för life science-området, där målet är att leda."


def test_footnote_marks_are_normalised() -> None:
    text = _clean("Brödtext här.\n\n1\t\ufffd Mätt som förädlingsvärde per anställd.\n")
    assert "1 Mätt som förädlingsvärde" in text and "\ufffd" not in text


def test_markdown_bold_is_unwrapped() -> None:
    assert _clean("**Mål:**\n\nEtt mål.", "md").startswith("Mål:")


def test_real_corpus_cleaning_cases(parsed_corpus: ParsedCorpus) -> None:
    national = next(d for d in parsed_corpus.documents if d.info.kind == "national").text
    regional = next(d for d in parsed_corpus.documents if d.info.kind == "regional").text
    for expected in (
        "socialtjänsten",
        "kroniska sjukdomar",
        "förhindra uppkomst",
        "life science-området",
        "STEM-ämnen",
        "hälso- och sjukvården",
        "forsknings- och innovationsnation",
    ):
        assert expected in national, expected
    for noise in ("Foto:", "\u2003", "life science 5\n", "sjuk- domar", "social- tjänsten", "**"):
        assert noise not in national and noise not in regional, noise
    # The pull quote repeats body text; it must not stand in the cleaned agenda twice.
    assert regional.count("Agenda för västsvensk life science syftar till att samla") == 1


def test_a_markdown_table_row_is_a_block_of_its_own_and_its_rule_is_dropped() -> None:
    raw = (
        "Företag per kommun:\n\n| Kommun | Antal |\n|---|---:|\n| Ettby | 31 |\n| Tvåby | 12 |\n\n"
        "Källa: en kartläggning."
    )
    cleaned = clean_text(raw, "md", "Titel")
    texts = [b.text for b in cleaned.blocks]
    assert "| Ettby | 31 |" in texts and "| Tvåby | 12 |" in texts
    assert not any("---" in t for t in texts)


def test_a_pdf_photo_caption_wrapped_over_lines_is_removed_whole() -> None:
    # Found in a two-column PDF added to the corpus: a credit's caption wraps like text, and its last line ran into the
    # paragraph before the goals ("… komma in i arbetet. sårförband av nanocellulosa.").
    raw = (
        "Nyanställda ska få snabbare stöd för att komma in i arbetet.\n"
        "Foto: N.N. Forskare vid universitetet testar\n"
        "sårförband av nanocellulosa.\n"
        "Målsättningar\n"
        "1. Från 2027 ska fyra nya utbildningar erbjudas.\n"
        "Varje kommun upphandlar ofta sina egna system.\n"
        "Foto: Regionen. Digitalt vårdmöte på vårdcentralen i\n"
        "Storby.\n"
        "Målsättningar\n"
        "1. Senast 2028 ska en säker miljö vara i drift.\n"
    )
    text = clean_text(raw, "pdf", "T").text
    assert "nanocellulosa" not in text and "Storby" not in text and "Foto" not in text
    assert "komma in i arbetet." in text and "egna system." in text and "Från 2027" in text


def test_a_pdf_credit_on_one_line_leaves_the_next_paragraph_alone() -> None:
    raw = "Text före bilden.\nFoto: N.N.\nRegionen ska bygga ut slussen under perioden.\n"
    text = clean_text(raw, "pdf", "T").text
    assert "Regionen ska bygga ut slussen" in text and "N.N." not in text
