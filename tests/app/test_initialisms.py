"""Initialisms of the names a document repeats (see ``app.initialisms``)."""

from __future__ import annotations

from strategiqa.app.initialisms import initialisms

TEXT = (
    "Forskning vid Nordstads universitet växer, och Nordstads universitet samarbetar med Östra Vårdcentralen.\n"
    "Regionen och Östra Vårdcentralen har ett avtal.\n"
    "Regeringen anser att forskning behövs. Regeringen anser också att vården ska utvecklas.\n"
    "I länet Norrby finns goda förutsättningar, och i Norrby finns goda förutsättningar för tillväxt.\n"
    "Vi satsar på AI, bioteknik och AI, bioteknik igen.\n"
    "Ett samarbete med Nordstads universitet.\n"
)


def test_initials_of_names_repeated_inside_sentences() -> None:
    found = initialisms([TEXT])
    assert "nu" in found  # a genitive and what it owns, three times inside sentences
    assert "öv" in found  # every word capitalised, twice inside sentences


def test_sentence_openings_sentences_and_lists_are_no_names() -> None:
    found = initialisms([TEXT])
    assert "ra" not in found  # "Regeringen anser" opens sentences only
    assert "nfg" not in found and "nf" not in found  # "Norrby finns goda …" is a sentence, not a name
    assert "ab" not in found  # "AI, bioteknik": a list, across a comma


def test_names_are_counted_per_document() -> None:
    # Once inside a sentence in each of two documents is once in each: no name repeated in either.
    one = "Hos Nordstads universitet forskas det."
    assert "nu" not in initialisms([one, one])
    assert "nu" in initialisms([one + "\n" + one])
