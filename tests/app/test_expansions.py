"""What an initialism stands for: the sentence that writes it out answers, quoted where it does so; an initialism the
documents only use gets a specific refusal; one they never use is left to the ordinary answer (real corpus and model,
and a small corpus built here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from strategiqa.app.engine import Engine
from strategiqa.app.expansions import asked_initialism
from strategiqa.app.indexing import ingest
from strategiqa.app.settings import Settings


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Vad står HTA för?", ("HTA", True)),
        ("vad står förkortningen STEM för i strategin", ("STEM", True)),
        ("Vad betyder förkortningen NAISS?", ("NAISS", True)),
        ("Vad menas med HTA där?", ("HTA", True)),
        ("What does BRG stand for?", ("BRG", True)),
        ('In focus area 1, what does the abbreviation "ATMP" refer to?', ("ATMP", True)),
        ("What's the full name behind the acronym EHDS used in objective 2.1?", ("EHDS", True)),
        ("NAISS meaning national strategy", ("NAISS", True)),
        ("What is ESS short for?", ("ESS", True)),
        ("Vad är EHDS?", ("EHDS", False)),
        ("Hi, I'm new here. What is CCRM?", ("CCRM", False)),
        # The initialism first, then the question pointing back at it.
        ("ATMP vad betyder det i agendan?", ("ATMP", True)),
        ("HTA – vad står det för?", ("HTA", True)),
        ("BRG, what does it stand for?", ("BRG", True)),
    ],
)
def test_questions_asking_what_an_initialism_means(question: str, asked: tuple[str, bool]) -> None:
    assert asked_initialism(question) == asked


@pytest.mark.parametrize(
    "question",
    [
        "vad innebär EU:s AI-förordning för chattbotar i kundtjänst",  # asks of the regulation, not of "EU"
        "Vad står det för?",  # no initialism
        "vad står EHDS-förordningen för",
        "What is the role of EHDS in objective 2.1?",  # asks more than what it is
        "What does the strategy say about AI?",
        "AI – vad betyder det för regionens näringsliv?",  # its effect again, after the initialism
        "EHDS – vad är det?",  # what it is, not (only) what it stands for: the ordinary answer reads "det"
        "Vad betyder AI för regionens näringsliv?",  # its effect, not what it stands for
        "What does AI mean for small firms?",
        "Vad innebär ESF för projekten?",
    ],
)
def test_other_questions_ask_no_initialism(question: str) -> None:
    assert asked_initialism(question) is None


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("Vad står HTA för?", "Health Technology Assessment (HTA, utvärdering av hälsoteknologi)"),
        ("What does BRG stand for?", "Business Region Göteborg (BRG)"),
        ("The agenda mentions a strategy BRG is responsible for – what does BRG stand for?", "(BRG)"),
        ("Vad står förkortningen STEM för i strategin?", "STEM-ämnen (Science, Technology, Engineering, Mathematics)"),
        ("Vad är EHDS?", "hälsodataområdet (EHDS)"),
    ],
)
def test_the_sentence_writing_it_out_answers(real_engine: Engine, question: str, quoted: str) -> None:
    result = real_engine.ask(question)
    assert not result["abstained"]
    first = result["citations"][0]
    assert quoted in first["quote"]
    assert result["passages"][0]["passage_id"] == first["passage_id"]  # the passage quoted is listed first
    assert first["quote"] in real_engine.index.passages[real_engine.index.by_id[first["passage_id"]]].text


@pytest.mark.parametrize(
    ("question", "initialism", "said"),
    [
        ("Vad står EU för?", "EU", "Dokumenten skriver inte ut vad EU står för. Närmast:"),
        ("What does CCRM stand for?", "CCRM", "The documents do not spell out what CCRM stands for. The closest"),
    ],
)
def test_an_initialism_only_used_gets_the_specific_refusal(
    real_engine: Engine, question: str, initialism: str, said: str
) -> None:
    result = real_engine.ask(question)
    assert result["abstained"] and result["abstain_reason"] == "missing_fact"
    assert (result["missing"]["element"], result["missing"]["name"]) == ("expansion", initialism)
    assert result["answer"].startswith(said)
    assert result["citations"] and all(initialism in c["quote"] for c in result["citations"])


def test_asked_what_one_only_used_is_the_sentences_naming_it_answer(real_engine: Engine) -> None:
    result = real_engine.ask("What is CCRM?")
    assert not result["abstained"]
    assert all("CCRM" in c["quote"] for c in result["citations"])


def test_an_initialism_never_used_is_left_to_the_ordinary_answer(real_engine: Engine) -> None:
    result = real_engine.ask("Vad står XQZW för?")
    # Refused by the ordinary answer: off the documents' topic, or (its confidence between the topic cut and the
    # threshold) as a name they never write.
    assert result["abstained"]
    assert result["abstain_reason"] == "off_topic" or result["missing"] == {"element": "name", "name": "XQZW"}


def test_a_follow_up_after_an_initialism_asks_its_own_question(real_engine: Engine) -> None:
    result = real_engine.ask("Och vad säger strategin om kliniska prövningar?", previous_question="Vad står HTA för?")
    assert result["interpreted_as"]
    assert not any("Health Technology Assessment" in c["quote"] for c in result["citations"])


def test_a_document_named_limits_where_it_is_looked_up(real_engine: Engine) -> None:
    # HTA is written out in the regional agenda only: asked of the national strategy, it is not there.
    result = real_engine.ask("Vad står HTA för?", docs=["nationell-strategi-2024"])
    assert not (result["citations"] and "Health Technology Assessment" in result["citations"][0]["quote"])


def test_a_bracket_closing_on_a_number_or_a_word_of_other_letters_writes_nothing_out(
    mini_corpus: Path, mini_settings: Settings
) -> None:
    with (mini_corpus / "agenda.md").open("a", encoding="utf-8") as agenda:
        agenda.write(
            "\nEnligt förordning (EU) 2021/694 och rapporten (OECD, 2021) ska QRS (se bilaga 2) följas upp. "
            "Programmet QRS ska nå alla län.\n"
        )
    ingest(mini_settings, progress=False)
    engine = Engine.open(mini_settings)
    for initialism in ("EU", "OECD", "QRS"):
        result = engine.ask(f"What does {initialism} stand for?")
        assert result["abstained"] and result["missing"]["element"] == "expansion", initialism


def test_a_document_nobody_here_wrote(mini_settings: Settings) -> None:
    ingest(mini_settings, progress=False)
    engine = Engine.open(mini_settings)
    result = engine.ask("What does EHDS stand for?")
    assert not result["abstained"]
    assert "Det europeiska hälsodataområdet (EHDS) ska införas effektivt." in " ".join(
        result["citations"][0]["quote"].split()
    )
