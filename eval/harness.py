"""The evaluation harness: retrieval per mode and language, answers and citations, latency.

Everything is computed from gold quotes, deterministically and offline, so evaluators can rerun it.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from strategiqa.app.engine import Engine
from strategiqa.retrieval.cache import EmbeddingCache

from .bank import question_group
from .baseline import BASELINE_MODE, LlamaIndexBaseline
from .crosswalk_eval import crosswalk_gold, score_crosswalk
from .datasets import GoldQuestion, load_dataset
from .metrics import Ranked, is_relevant, mean_scores, normalise, retrieval_scores

DEPTH = 10
Progress = Callable[[int, int], None]


def evaluate(
    engine: Engine,
    dataset: Path,
    modes: Sequence[str] = ("hybrid", "dense", "bm25", BASELINE_MODE),
    answers: bool = True,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The full report for one dataset (see the README's Evaluation section for the fields)."""
    questions = load_dataset(dataset)
    answerable = [q for q in questions if q.answerable]
    group = question_group(dataset)  # a set in the question bank is read without its own questions
    report: dict[str, Any] = {
        "dataset": str(dataset),
        "n": len(answerable),
        "n_unanswerable": len(questions) - len(answerable),
        "default_mode": engine.settings.default_mode,
        "modes": {},
        "misses": {},
    }
    steps = len(answerable) * len(modes) + (len(questions) if answers else 0)
    tick = _counter(steps, progress)
    latencies: list[float] = []
    for mode in modes:
        search = _searcher(engine, mode, group)
        if answerable:
            search(answerable[0].question, None)  # warm-up: latency is measured warm
        rows: dict[str, list[dict[str, float]]] = {}
        kinds: dict[str, list[dict[str, float]]] = {}
        # Overview answers list their sections' first passages by design, so a gold sentence elsewhere
        # (say, the sentence announcing the seven areas) is not a retrieval miss; shown apart too.
        plain: dict[str, list[dict[str, float]]] = {}
        misses = []
        for q in answerable:
            started = time.perf_counter()
            ranking = search(q.question, q.previous_question)
            if mode == engine.settings.default_mode:
                latencies.append((time.perf_counter() - started) * 1000)
            scores = retrieval_scores(
                [Ranked(_holds_answer(text, path, q), len(text.split())) for text, path in ranking],
                sum(_holds_answer(p.text, p.section_path, q) for p in engine.index.passages)
                if mode != BASELINE_MODE
                else None,
            )
            rows.setdefault(q.lang, []).append(scores)
            kinds.setdefault(q.kind, []).append(scores)
            if not q.titles:
                plain.setdefault(q.lang, []).append(scores)
            if scores["recall@600w"] < 1:
                top = " ".join(ranking[0][0].split())[:200] if ranking else ""
                misses.append({"id": q.id, "question": q.question, "top_passage": top})
            tick()
        every = [r for lang_rows in rows.values() for r in lang_rows]
        report["modes"][mode] = {
            **mean_scores(every),
            "by_lang": {k: mean_scores(v) for k, v in sorted(rows.items())},
            "by_kind": {k: mean_scores(v) for k, v in sorted(kinds.items())},
            "by_lang_without_overview": {k: mean_scores(v) for k, v in sorted(plain.items())},
        }
        report["misses"][mode] = misses
    if answers:
        report["answers"] = evaluate_answers(engine, questions, tick, group)
    if engine.index.crosswalk.get("pairs"):
        report["crosswalk"] = score_crosswalk(engine.crosswalk, crosswalk_gold())
    if latencies:
        ordered = sorted(latencies)
        report["latency_ms"] = {
            "p50": round(statistics.median(ordered), 2),
            "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
        }
    return report


def evaluate_answers(
    engine: Engine, questions: Sequence[GoldQuestion], tick: Callable[[], None], group: str | None = None
) -> dict[str, Any]:
    """Answer and citation metrics for the default mode, over all questions, per language and per kind (``group``: the
    labelled set the question bank leaves out while asking them).

    - ``cited_gold_rate``: share of answerable questions whose answer cites a passage holding a gold quote;
    - ``citation_precision``: share of citations whose passage holds a gold quote (a heading citation:
      whose title is one of the expected titles);
    - ``quote_recall``: share of answerable questions where a quoted sentence itself holds a gold quote;
    - ``near_miss_abstention`` / ``off_topic_abstention``: share of those unanswerable questions refused;
    - ``false_abstention_rate``: share of answerable questions refused;
    - ``overview_titles``: share of the expected section titles an overview answer names.
    """
    rows = []
    for q in questions:
        result = engine.ask(q.question, previous_question=q.previous_question, exclude_questions=group)
        tick()
        rows.append(_answer_row(engine, q, result))
    by_lang: dict[str, list[dict[str, Any]]] = {}
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_lang.setdefault(row["lang"], []).append(row)
        by_kind.setdefault(row["kind"], []).append(row)
    return {
        **summarise_answers(rows),
        "by_lang": {k: summarise_answers(v) for k, v in sorted(by_lang.items())},
        "by_kind": {k: summarise_answers(v) for k, v in sorted(by_kind.items())},
        "refusals": [{"id": r["id"], "kind": r["kind"], "reason": r["abstain_reason"]} for r in rows if r["abstained"]],
    }


def _answer_row(engine: Engine, q: GoldQuestion, result: dict[str, Any]) -> dict[str, Any]:
    citations = result["citations"]
    passages = [engine.index.passages[engine.index.by_id[c["passage_id"]]] for c in citations]
    # A heading citation (overview answers) is right when it cites one of the expected section titles, or when its
    # heading, number and all, holds a gold quote ("4.4 Motverka antimikrobiell resistens" for "Which objective covers
    # that?"): the heading line is what it quotes, not its passage's text.
    titles = _expected_titles(q)
    relevant = (
        [
            (c.get("kind") == "heading" and (normalise(c["quote"]) in titles or is_relevant(_numbered(c), q.quotes)))
            or is_relevant(p.text, q.quotes)
            for c, p in zip(citations, passages, strict=True)
        ]
        if q.answerable
        else []
    )
    answer_text = normalise(result["answer"])
    named = sum(bool(t) and t in answer_text for t in titles)
    return {
        "id": q.id,
        "lang": q.lang,
        "kind": q.kind,
        "answerable": q.answerable,
        "abstained": bool(result["abstained"]),
        "abstain_reason": result.get("abstain_reason"),
        "citations": len(citations),
        "citations_ok": sum(
            (c["quote"] in p.text or c.get("kind") == "heading") and ok
            for c, p, ok in zip(citations, passages, relevant, strict=False)
        ),
        "cited_gold": bool(q.answerable and not result["abstained"] and any(relevant)),
        "quote_gold": bool(q.answerable and any(is_relevant(c["quote"], q.quotes) for c in citations)),
        "titles_expected": len(titles),
        "titles_named": named,
    }


def summarise_answers(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    answerable = [r for r in rows if r["answerable"]]
    answered = [r for r in answerable if not r["abstained"]]
    near = [r for r in rows if r["kind"] == "near_miss"]
    off = [r for r in rows if not r["answerable"] and r["kind"] != "near_miss"]
    overview = [r for r in rows if r["titles_expected"]]
    cited = sum(r["citations"] for r in answered)
    return {
        "n": len(rows),
        "cited_gold_rate": _ratio(sum(r["cited_gold"] for r in answerable), len(answerable)),
        "citation_precision": _ratio(sum(r["citations_ok"] for r in answered), cited),
        "quote_recall": _ratio(sum(r["quote_gold"] for r in answerable), len(answerable)),
        "citations_per_answer": _ratio(cited, len(answered)),
        "near_miss_abstention": _ratio(sum(r["abstained"] for r in near), len(near)),
        "off_topic_abstention": _ratio(sum(r["abstained"] for r in off), len(off)),
        "false_abstention_rate": _ratio(len(answerable) - len(answered), len(answerable)),
        "overview_titles": _ratio(
            sum(r["titles_named"] for r in overview), sum(r["titles_expected"] for r in overview)
        ),
        "overview_complete": _ratio(sum(r["titles_named"] == r["titles_expected"] for r in overview), len(overview)),
    }


def _holds_answer(text: str, section_path: Sequence[str], q: GoldQuestion) -> bool:
    """Whether a passage answers ``q``: its text holds a gold quote, or (an overview question, answered from the outline
    with its sections' first passages) it stands in a section whose title is one of the expected ones — the rule a
    heading citation is scored by. Without it an overview question whose gold quotes are heading lines, which no
    passage text holds, could never be retrieved."""
    if is_relevant(text, q.quotes):
        return True
    titles = _expected_titles(q)
    return bool(titles) and any(normalise(_NUMBERED.sub("", heading)) in titles for heading in section_path)


def _expected_titles(q: GoldQuestion) -> set[str]:
    """``q``'s expected section titles as headings are compared: normalised, without a number the labeller may have
    copied with them ("3.1 Fortsatt utveckling …" names the title "Fortsatt utveckling …")."""
    return {normalise(_NUMBERED.sub("", t)) for t in q.titles}


def _numbered(citation: dict[str, Any]) -> str:
    """A heading citation's heading line as the document writes it: its number, then its title."""
    number = citation.get("section_number")
    return f"{number} {citation['quote']}" if number else str(citation["quote"])


_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)*[.)]?\s+")
"""A heading's own number ("4.1 ", "3. "), which expected titles are written without."""


def _searcher(
    engine: Engine, mode: str, group: str | None = None
) -> Callable[[str, str | None], list[tuple[str, tuple[str, ...]]]]:
    """A function from question (and the question before it, for follow-ups) to ranked passages: text and section
    path (none for the baseline, whose chunks know no sections)."""
    if mode == BASELINE_MODE:
        cache = EmbeddingCache(engine.settings.embedding_cache_path)
        baseline = LlamaIndexBaseline(engine.settings.corpus_dir, engine.embedder, cache)

        def baseline_search(question: str, previous: str | None = None) -> list[tuple[str, tuple[str, ...]]]:
            return [(text, ()) for text, _ in baseline.search(question, DEPTH)]

        return baseline_search

    def search(question: str, previous: str | None = None) -> list[tuple[str, tuple[str, ...]]]:
        found = engine.search(question, top_k=DEPTH, mode=mode, previous_question=previous, exclude_questions=group)
        return [(h.passage.text, h.passage.section_path) for h in found.hits]

    return search


def _counter(total: int, progress: Progress | None) -> Callable[[], None]:
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    return tick


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def to_markdown(report: dict[str, Any]) -> str:
    """Tables per mode (all questions, then per language), answer metrics, then the misses."""
    keys = ["hit@1", "recall@3", "recall@5", "recall@10", "recall@600w", "mrr@10", "ndcg@10"]
    lines = [f"Dataset: `{report['dataset']}` ({report['n']} answerable, {report['n_unanswerable']} unanswerable)", ""]
    lines.append("| mode | lang | " + " | ".join(keys) + " |")
    lines.append("|" + "---|" * (len(keys) + 2))
    for mode, m in report["modes"].items():
        lines.append(f"| {mode} | all | " + " | ".join(f"{m[k]:.3f}" for k in keys) + " |")
        for lang, lm in m["by_lang"].items():
            lines.append(f"| {mode} | {lang} | " + " | ".join(f"{lm[k]:.3f}" for k in keys) + " |")
    if "answers" in report:
        lines += ["", f"Answers ({report['default_mode']}):", "", *answer_table(report["answers"])]
    if "crosswalk" in report:
        cw = report["crosswalk"]
        lines += [
            "",
            f"Crosswalk against the expert map ({cw['areas']} areas): precision@3 {cw['precision@3']}, "
            f"hit@1 {cw['hit@1']}",
        ]
    if "latency_ms" in report:
        lat = report["latency_ms"]
        lines += ["", f"In-process search latency ({report['default_mode']}): p50 {lat['p50']} ms, p95 {lat['p95']} ms"]
    for mode, misses in report.get("misses", {}).items():
        if misses:
            lines += ["", f"Misses at 600 words ({mode}):"]
            lines += [f"- {m['id']}: {m['question']} — top: {m['top_passage'][:120]}…" for m in misses]
    return "\n".join(lines)


ANSWER_KEYS = (
    "cited_gold_rate",
    "citation_precision",
    "quote_recall",
    "near_miss_abstention",
    "off_topic_abstention",
    "false_abstention_rate",
    "overview_titles",
)


def answer_table(answers: dict[str, Any]) -> list[str]:
    """A Markdown table of the answer metrics: all questions, per language, per kind (n/a: none of that kind)."""
    lines = ["| group | n | " + " | ".join(k.replace("_", " ") for k in ANSWER_KEYS) + " |"]
    lines.append("|" + "---|" * (len(ANSWER_KEYS) + 2))
    groups = [("all", answers)] + [(f"lang {k}", v) for k, v in answers.get("by_lang", {}).items()]
    groups += [(f"kind {k}", v) for k, v in answers.get("by_kind", {}).items()]
    for name, m in groups:
        cells = ["n/a" if m.get(k) is None else f"{m[k]:.3f}" for k in ANSWER_KEYS]
        lines.append(f"| {name} | {m.get('n', '')} | " + " | ".join(cells) + " |")
    return lines


def write_chart(report: dict[str, Any], path: Path) -> None:
    """A bar chart of Recall@600w and MRR@10 per mode and language (PNG)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise RuntimeError("The chart needs matplotlib; run `pip install 'strategiqa[dev]'`.") from exc
    modes = list(report["modes"])
    series = [
        (f"{metric} {lang}", [report["modes"][m]["by_lang"].get(lang, {}).get(metric, 0) for m in modes])
        for metric in ("recall@600w", "mrr@10")
        for lang in ("sv", "en")
    ]
    fig, ax = plt.subplots(figsize=(9, 4.5))
    width = 0.8 / len(series)
    for i, (label, values) in enumerate(series):
        ax.bar([x + i * width for x in range(len(modes))], values, width, label=label)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(modes))], modes)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"Retrieval on {Path(report['dataset']).name}")
    ax.legend(ncol=4, fontsize=8, loc="lower center")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
