"""Initialisms of the names a document repeats (see ``app.initialisms``)."""

from __future__ import annotations

from strategiqa.app.initialisms import initialisms


def test_initials_of_a_repeated_name_and_not_of_a_sentence_opening() -> None:
    text = (
        "Forskning vid Norra tekniska högskolan växer.\n"
        "Norra tekniska högskolan samarbetar med Östra sjukhuset.\n"
        "Genom arbete i regionen stärks sektorn.\n"
    )
    found = initialisms([text])
    assert "nth" in found  # "Norra tekniska högskolan", twice
    assert "ös" not in found  # named once
    assert "gai" not in found and "ga" not in found  # a sentence opening, once


def test_names_are_counted_per_document() -> None:
    # Once in each of two documents is once in each: no name repeated in either.
    assert "nth" not in initialisms(["Norra tekniska högskolan.", "Norra tekniska högskolan."])
