"""Swedish compounds split into corpus words for BM25."""

from __future__ import annotations

from strategiqa.retrieval.bm25 import BM25
from strategiqa.retrieval.compounds import CompoundSplitter
from strategiqa.retrieval.text import tokenize

TEXTS = [
    "Tillgång till data om hälso- och sjukvård är avgörande för forskning.",
    "Nationell infrastruktur för forskning ska byggas ut.",
    "Fisket i havet regleras med kvoter.",
]


def test_compounds_split_into_two_corpus_words_with_or_without_the_linking_s() -> None:
    splitter = CompoundSplitter.from_texts(TEXTS)
    assert splitter.parts("hälsodata") == ("hälso", "data")
    assert splitter.parts("forskningsinfrastruktur") == ("forskning", "infrastruktur")
    assert splitter.parts("datavård") == ()  # shorter than nine letters: left whole
    assert splitter.parts("fiskekvoter") == ()  # "fiske" is not a word of these texts ("fisket" is)
    assert splitter.parts("hälsoekonomi") == ()  # "ekonomi" is not a word of these texts


def test_a_compound_question_finds_the_passage_that_uses_its_parts() -> None:
    splitter = CompoundSplitter.from_texts(TEXTS)
    plain = BM25([tokenize(t) for t in TEXTS])
    split = BM25([tokenize(t, splitter) for t in TEXTS])
    assert plain.scores("hälsodata").max() == 0  # no shared term without splitting
    scores = split.term_scores(tokenize("hälsodata", splitter))
    assert scores.argmax() == 0 and scores[2] == 0
    assert tokenize("hälsodata", splitter)[0] == tokenize("hälsodata")[0]  # the whole word stays
