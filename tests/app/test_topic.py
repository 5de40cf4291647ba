"""The topic check (``app.topic``) against the real corpus, model and the system's Swedish thesaurus (``mythes-sv``,
installed by ``.ci/run``: a missing thesaurus fails here rather than passing unseen)."""

from __future__ import annotations

import dataclasses

import pytest
from strategiqa.app.engine import Engine
from strategiqa.retrieval.thesaurus import load_thesaurus

# Swedish paraphrases written blind (sets BA and BD, read), whose words are none of their answer's: "pluggat klart"
# for "tagit examen", "tonåringar" for "unga". Each is asked without its own set in the question bank.
PARAPHRASES = (
    ("Hur ser regeringen på att kineser och indier som pluggat klart här stannar kvar och jobbar?", "blind_ba"),
    ("Varför vill staten att tonåringar ska fastna för siffror, formler och labbande?", "blind_bd"),
)


def test_the_swedish_thesaurus_is_installed() -> None:
    thesaurus = load_thesaurus(None, "sv")
    assert thesaurus is not None, "install Debian's mythes-sv (.ci/run does)"
    assert len(thesaurus) > 10_000  # stems with synonyms


@pytest.mark.parametrize(("question", "own_set"), PARAPHRASES)
def test_a_synonym_of_a_topic_word_in_the_passages_puts_a_paraphrase_on_topic(
    real_engine: Engine, question: str, own_set: str
) -> None:
    answered = real_engine.ask(question, exclude_questions=own_set)
    words_only = dataclasses.replace(real_engine.answer_params, topic_synonyms=False)
    refused = real_engine.ask(question, params=words_only, exclude_questions=own_set)
    assert not answered["abstained"] and answered["citations"]
    assert refused["abstained"] and refused["abstain_reason"] == "off_topic"


def test_synonyms_do_not_put_an_unrelated_topic_on_topic(real_engine: Engine) -> None:
    result = real_engine.ask("Vad säger strategin om fiskekvoter i Östersjön?")
    assert result["abstained"] and result["abstain_reason"] == "off_topic"
