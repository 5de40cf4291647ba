"""The sentence lift: learned from labelled questions, it orders the sentences an answer quotes.

Small problems built here check that ``fit`` learns what it is shown and keeps it to the documents it was fitted on;
the real corpus, model and bundled lift check that it orders quotes without deciding whether to answer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from strategiqa.app.answer import _lifted
from strategiqa.app.answer_sentences import CandidateSentence
from strategiqa.app.engine import Engine
from strategiqa.app.sentence_lift import FitParams, LiftExample, SentenceLift, example, fit, learn, top_share

DIM = 16


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def _examples(n: int, rotation: np.ndarray, rng: np.random.Generator) -> list[LiftExample]:
    """Questions whose answer sentence is their rotated vector, among six others; the base scores favour a decoy."""
    out = []
    for _ in range(n):
        query = _unit(rng.normal(size=DIM))
        sentences = _unit(rng.normal(size=(7, DIM)))
        sentences[0] = _unit(rotation @ query)
        scores = rng.normal(scale=0.01, size=7)
        scores[1] += 0.02  # a decoy the retrieval score puts first
        gold = np.zeros(7, dtype=bool)
        gold[0] = True
        out.append(LiftExample(query.astype(np.float32), sentences.astype(np.float32), scores, gold))
    return out


def test_the_lift_learns_which_sentences_answer_and_ranks_them_first_on_new_questions() -> None:
    rng = np.random.default_rng(0)
    rotation, _ = np.linalg.qr(rng.normal(size=(DIM, DIM)))
    train, held_out = _examples(300, rotation, rng), _examples(100, rotation, rng)
    lift = fit(train, frozenset({"doc"}), FitParams(ridge=0.001, steps=200, learning_rate=0.05))
    assert top_share(held_out, None) < 0.2
    assert top_share(held_out, lift) > 0.9
    assert lift.figures["gold_first_after"] > lift.figures["gold_first_before"]


def test_without_a_gold_sentence_among_the_candidates_there_is_nothing_to_learn() -> None:
    rng = np.random.default_rng(1)
    rotation, _ = np.linalg.qr(rng.normal(size=(DIM, DIM)))
    useless = [replace(e, gold=np.zeros(7, dtype=bool)) for e in _examples(5, rotation, rng)]
    with pytest.raises(ValueError, match="nothing to learn"):
        fit(useless, frozenset())


def test_a_candidate_is_gold_when_it_holds_a_quote_or_lies_within_one() -> None:
    sentence = SimpleNamespace
    candidates = [
        sentence(vector=np.ones(DIM), score=0.9, text="Regionen ska locka kapital."),
        sentence(vector=np.ones(DIM), score=0.8, text="Kliniska studier ska öka, skriver regionen."),
        sentence(vector=np.ones(DIM), score=0.7, text="Något annat."),
    ]
    labelled = example(np.ones(DIM), candidates, ["Kliniska studier ska öka", "Regionen ska locka kapital och talang."])
    assert labelled is not None
    assert labelled.gold.tolist() == [True, True, False]
    assert example(np.ones(DIM), [], ["x y z"]) is None


def test_learn_asks_each_answerable_question_and_fits_on_what_its_answer_was_chosen_from() -> None:
    """``ask`` stands in for the engine (a real one is too slow for hundreds of questions here): it appends the
    candidates an answer would be chosen from, as ``Engine.ask(considered=…)`` does."""
    rng = np.random.default_rng(2)
    rotation, _ = np.linalg.qr(rng.normal(size=(DIM, DIM)))
    built = _examples(300, rotation, rng)
    questions = [
        SimpleNamespace(question=f"q{i}", quotes=(f"svaret nummer {i} här",), answerable=True, previous_question=None)
        for i in range(len(built))
    ] + [SimpleNamespace(question="off", quotes=(), answerable=False, previous_question=None)]
    asked = []

    def ask(labelled: SimpleNamespace, considered: list) -> None:
        asked.append(labelled.question)
        i = int(labelled.question[1:])
        texts = [f"svaret nummer {i} här" if j == 0 else f"annat {j}" for j in range(7)]
        e = built[i]
        considered.append(
            (
                e.query,
                [
                    SimpleNamespace(vector=v, score=s, text=t)
                    for v, s, t in zip(e.sentences, e.scores, texts, strict=True)
                ],
            )
        )

    progress: list[tuple[int, int]] = []
    lift = learn(
        ask,
        questions,
        frozenset({"doc"}),
        FitParams(ridge=0.001, steps=200, learning_rate=0.05),
        lambda done, total: progress.append((done, total)),
    )
    assert asked == [f"q{i}" for i in range(len(built))], "only answerable questions with quotes are asked"
    assert progress[-1] == (len(questions), len(questions))
    assert lift is not None and lift.figures["questions"] == len(built)
    assert lift.figures["gold_first_after"] > 0.9 > 0.2 > lift.figures["gold_first_before"]


def test_learn_gives_no_lift_when_no_labelled_quote_is_among_the_candidates() -> None:
    """Labelled questions about documents the index does not hold (another region's corpus): nothing to learn, and
    ``calibrate`` writes no lift instead of failing."""
    candidates = [SimpleNamespace(vector=np.ones(DIM), score=0.5, text=f"Mening {j}.") for j in range(3)]
    questions = [
        SimpleNamespace(question="q", quotes=("citat som inte finns här",), answerable=True, previous_question=None)
    ]

    def ask(labelled: SimpleNamespace, considered: list) -> None:
        considered.append((np.ones(DIM), candidates))

    assert learn(ask, questions, frozenset()) is None


def test_a_lift_is_read_back_only_for_the_model_that_fitted_it(tmp_path: Path) -> None:
    lift = SentenceLift(np.eye(DIM, dtype=np.float32), frozenset({"a", "b"}), {"questions": 3.0})
    path = tmp_path / "calibration.lift.m.npz"
    lift.save(path, "model-1")
    back = SentenceLift.load(path, "model-1")
    assert back is not None and back.documents == {"a", "b"} and back.figures == {"questions": 3.0}
    assert np.array_equal(back.matrix, lift.matrix)
    assert SentenceLift.load(path, "model-2") is None
    assert SentenceLift.load(tmp_path / "missing.npz", "model-1") is None


def test_only_sentences_of_documents_the_lift_was_fitted_on_are_lifted() -> None:
    index = SimpleNamespace(passages=[SimpleNamespace(doc_id="known"), SimpleNamespace(doc_id="new")])
    query = np.zeros(DIM, dtype=np.float32)
    query[0] = 1.0
    vector = np.zeros(DIM, dtype=np.float32)
    vector[0] = 1.0
    candidates = [
        CandidateSentence(0, 0, vector, 0.8, 0.8, 0, "known"),
        CandidateSentence(1, 0, vector, 0.8, 0.8, 1, "new"),
    ]
    lift = SentenceLift(np.eye(DIM, dtype=np.float32) * 0.5, frozenset({"known"}))
    lifted, close = _lifted(candidates, candidates[:1], lift, 1.0, query, index)  # type: ignore[arg-type]
    assert [c.score for c in lifted] == pytest.approx([1.3, 0.8])
    assert close[0].score == pytest.approx(1.3)
    # The best sentence in a document added after the fit: the known one's is not raised above it.
    ahead = [candidates[0], replace(candidates[1], score=0.9)]
    lifted, close = _lifted(ahead, ahead[1:], lift, 1.0, query, index)  # type: ignore[arg-type]
    assert [c.score for c in lifted] == pytest.approx([0.8, 0.9])


QUESTIONS = [
    "Hur mycket pengar satsar regionen på agendan?",  # near-miss: no amount
    "What is the government's position on building new nuclear power stations?",  # off-topic
    "How will the region attract investment and capital from abroad?",
    "Vad behövs för att fler kliniska studier ska komma till stånd?",
    "Who signed the national strategy's foreword?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_lift_orders_quotes_but_never_decides_whether_to_answer(real_engine: Engine, question: str) -> None:
    assert real_engine.sentence_lift is not None, "calibrate writes the lift beside the calibration file"
    with_lift = real_engine.ask(question)
    without = real_engine.ask(question, params=replace(real_engine.answer_params, lift_weight=0.0))
    for key in ("abstained", "abstain_reason", "missing", "confidence"):
        assert with_lift.get(key) == without.get(key), key


PARAPHRASES = [
    # Blind set BF, asked without its own questions in the bank (they joined it in the twenty-fifth round): without the
    # lift, the answer quotes other sentences.
    (
        "Why are young, small firms useful to the big players, per the national plan?",
        "Mindre bolag och företag i utvecklingsfas är mer agila",
    ),
    (
        "I just joined the cluster – which unit coordinates VGR's internal life science work and links health care "
        "with regional development?",
        "VGR:s life science-kontor samordnar regionens arbete inom life science",
    ),
]


@pytest.mark.parametrize(("question", "quote"), PARAPHRASES)
def test_a_paraphrase_is_answered_by_the_sentence_the_lift_ranks_first(
    real_engine: Engine, question: str, quote: str
) -> None:
    def quoted(answer: dict[str, object]) -> bool:
        citations = answer["citations"]
        assert isinstance(citations, list)
        return any(quote in (real_engine.passage(c["passage_id"]) or {}).get("text", "") for c in citations)

    with_lift = real_engine.ask(question, exclude_questions="blind_bf")
    without = real_engine.ask(
        question, params=replace(real_engine.answer_params, lift_weight=0.0), exclude_questions="blind_bf"
    )
    assert not with_lift["abstained"] and quoted(with_lift), with_lift["answer"]
    assert not quoted(without), without["answer"]
