"""The evaluation commands of the CLI (`calibrate`, `eval`, `bench`), registered as a plugin.

The CLI lives in ``app``, below ``eval`` in the layering (ingest ← retrieval ← app ← eval), so ``app``
never imports this module: it finds it through the ``strategiqa.commands`` entry point
(pyproject.toml) and calls ``register``, as any plugin's commands would be added.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from strategiqa.app.cli import _engine, _fail, _guard, _print_json, _progress_bar, _settings

# Labelled questions `calibrate` fits on by default: near-misses, off-topic and answerable ones.
CALIBRATION_SETS = (
    "calibration.jsonl",
    "calibration_c.jsonl",
    "extra.jsonl",
    "dev.jsonl",
    "heldout.jsonl",
    # Helper-written development sets: paraphrases (D, P), overview questions (Q) and off-topic questions
    # in the documents' own register (R): the gate must hold on those too.
    "dev_d.jsonl",
    "dev_p.jsonl",
    "dev_q.jsonl",
    "dev_r.jsonl",
)


def register(app: typer.Typer) -> None:
    """Add ``calibrate``, ``eval`` and ``bench`` to the CLI group."""
    app.command()(calibrate)
    app.command(name="eval")(evaluate)
    app.command()(bench)


def calibrate(
    dataset: list[Path] = typer.Option(
        None,
        "--dataset",
        "-d",
        help="Labelled JSONL file(s); default: the bundled calibration, extra, dev and held-out sets.",
    ),
    write: bool = typer.Option(True, "--write/--dry-run", help="Write the calibration file (default) or only print."),
    links: bool = typer.Option(
        False, "--links", help="Fit the proposal check's levels (clear/possible/none) instead, on labelled proposals."
    ),
) -> None:
    """Refit the refusal thresholds on labelled questions for the model in use and store them.

    With --links: fit the proposal check's link levels on the fitting half of the labelled proposals
    and snippets (eval/data/proposals_blind*.jsonl, proposal_snippets_blind*.jsonl) and report them on the
    other half; and fit the crosswalk's level cuts on the expert map (eval/data/crosswalk_gold.json).

    Writes the off-topic thresholds per language and the missing-fact margin, with the figures that
    chose them, to the calibration file (STRATEGIQA_CALIBRATION_FILE, default calibration.json), and
    beside it the question bank and the sentence lift (which sentence an answer quotes first).

    Examples:

      strategiqa calibrate

      STRATEGIQA_EMBEDDER_BACKEND=sentence-transformers STRATEGIQA_EMBEDDER_MODEL=/models/e5 strategiqa calibrate

      strategiqa calibrate --links
    """
    from strategiqa.app.calibration import fit, read_calibration, write_calibration
    from strategiqa.app.refusals import depends_on_margin
    from strategiqa.app.sentence_lift import learn
    from strategiqa.eval.bank import BANK_SETS, build_question_bank, question_group
    from strategiqa.eval.datasets import DatasetError, bundled_dataset, load_dataset
    from strategiqa.retrieval.bank_files import sibling_file

    if links:
        _calibrate_links(write)
        return
    paths = dataset or [bundled_dataset(name) for name in CALIBRATION_SETS]
    try:
        loaded = [(path, load_dataset(path)) for path in paths]
    except DatasetError as exc:
        _fail(str(exc), code=2)
    questions = [q for _, set_questions in loaded for q in set_questions]
    # The bank gate is fitted on the bank's own labelled sets too (see ``calibration.fit``).
    banked = [(path, load_dataset(path)) for path in (bundled_dataset(name) for name in BANK_SETS)]
    engine = _guard(_engine)
    # The question bank first: the thresholds are fitted on the ranking it gives, each question asked without its
    # own set's questions in the bank (as an evaluation reads it).
    bank_bar = _progress_bar("Question bank")
    try:
        bank = _guard(lambda: build_question_bank(engine, progress=bank_bar.update))
    finally:
        bank_bar.close()
    engine.searcher.use_questions(bank)
    group_of = {q.question: question_group(path) for path, set_questions in banked + loaded for q in set_questions}
    # The sentence lift learns from the bank's labelled questions, each asked without its own set in the bank.
    lift_bar = _progress_bar("Sentence lift")
    try:
        lift = _guard(
            lambda: learn(
                lambda q, considered: engine.ask(
                    q.question,
                    previous_question=q.previous_question,
                    exclude_questions=group_of.get(q.question),
                    considered=considered,
                ),
                [q for _, set_questions in banked for q in set_questions],
                engine.searcher.question_documents,
                progress=lift_bar.update,
            )
        )
    finally:
        lift_bar.close()
    bar = _progress_bar("Calibrating")
    try:
        entry = _guard(
            lambda: fit(
                lambda text, params: engine.ask(text, params=params, exclude_questions=group_of.get(text)),
                questions,
                engine.answer_params,
                progress=bar.update,
                false_refusal_budget=engine.settings.answer.false_refusal_budget,
                margin_matters=lambda text: depends_on_margin(engine.analyse(engine.with_accents(text))),
                bank_questions=[q for _, set_questions in banked for q in set_questions],
            )
        )
    finally:
        bar.close()
    entry["datasets"] = [p.name for p in paths]
    entry["question_bank"] = {"questions": len(bank.vectors), "sets": sorted(set(bank.groups.tolist()))}
    # Labelled questions about other documents than the index holds teach no lift: answers keep the retrieval's order.
    entry["sentence_lift"] = {"documents": sorted(lift.documents), **lift.figures} if lift else None
    if write:
        previous = read_calibration(engine.settings.calibration_file).get(engine.embedder.model_id, {})
        for key in ("alignment", "crosswalk"):  # fitted separately (--links); keep them
            if key in previous:
                entry[key] = previous[key]
        bank.save(sibling_file(engine.settings.calibration_file, "questions", engine.embedder.model_id))
        lift_file = sibling_file(engine.settings.calibration_file, "lift", engine.embedder.model_id)
        if lift:
            lift.save(lift_file, engine.embedder.model_id)
        else:
            lift_file.unlink(missing_ok=True)  # one fitted on documents no longer in the index
        write_calibration(engine.settings.calibration_file, engine.embedder.model_id, entry)
        typer.echo(
            f"Wrote {engine.settings.calibration_file}, its question bank and sentence lift "
            f"for {engine.embedder.model_id}.",
            err=True,
        )
    _print_json(entry)


def _calibrate_links(write: bool) -> None:
    from strategiqa.app.alignment_examples import bank_path
    from strategiqa.app.alignment_levels import (
        FEATURES,
        WITH_EXAMPLES,
        LabelledScore,
        LevelParams,
        fit_crosswalk_cuts,
        fit_levels,
        has_example_signals,
    )
    from strategiqa.app.calibration import read_calibration, write_calibration
    from strategiqa.eval.alignment_eval import (
        evaluate_alignment,
        example_bank,
        example_group,
        in_half,
        load_labelled,
        scored,
    )
    from strategiqa.eval.crosswalk_eval import crosswalk_gold, crosswalk_rows
    from strategiqa.eval.datasets import DatasetError

    try:
        proposals, snippets = load_labelled()
    except DatasetError as exc:
        _fail(str(exc), code=2)
    engine = _guard(_engine)
    # Every labelled text joins the example bank; each is scored without its own set's examples, so the signals the
    # levels are fitted on are those a new proposal from a new labeller gets.
    bank = _guard(lambda: example_bank(engine, proposals, snippets))
    aligner = engine.aligner
    aligner.examples = bank
    rows, _ = _guard(
        lambda: scored(
            engine, [p for p in proposals if in_half(p.id, "fit")], [s for s in snippets if in_half(s.id, "fit")]
        )
    )
    # Cuts are read off probabilities out of fold by labelled set (a labeller the model has not seen), as the
    # examples' signals are: leaving one set out, clear precision 0.852 → 0.860 at recall 0.849 → 0.847.
    rows = [LabelledScore(r.signals, r.positive, example_group(r.group)) for r in rows]
    plain = fit_levels(rows, features=FEATURES)
    fitted = fit_levels([r for r in rows if has_example_signals(r.signals)], features=WITH_EXAMPLES)
    aligner.levels, aligner.example_levels = LevelParams(**plain["params"]), LevelParams(**fitted["params"])
    report = _guard(lambda: evaluate_alignment(engine, "report"))
    fitted["params_plain"] = plain["params"]
    fitted["figures"] = {"fit_half": fitted["figures"], "fit_half_plain": plain["figures"], "report_half": report}
    fitted["examples"] = {"texts": len(bank.vectors), "sets": sorted(set(bank.groups.tolist()))}
    try:
        crosswalk = fit_crosswalk_cuts(crosswalk_rows(engine.index.crosswalk, crosswalk_gold()))
    except ValueError as exc:
        _fail(str(exc), code=2)
    if write:
        path, model = engine.settings.calibration_file, engine.embedder.model_id
        entry = read_calibration(path).get(model, {})
        entry["alignment"] = fitted
        entry["crosswalk"] = crosswalk
        bank.save(bank_path(path, model))
        write_calibration(path, model, entry)
        typer.echo(f"Wrote the link levels, example bank and crosswalk cuts beside {path} for {model}.", err=True)
    _print_json({"alignment": fitted, "crosswalk": crosswalk})


def evaluate(
    dataset: list[Path] = typer.Option(None, "--dataset", "-d", help="Gold JSONL file(s); default: the bundled sets."),
    modes: str = typer.Option(
        "hybrid,dense,bm25,llamaindex-default", "--modes", help="Comma-separated retrieval modes to compare."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print each report as one JSON line."),
    markdown: bool = typer.Option(False, "--markdown", help="Print Markdown tables (the default)."),
    out: Path = typer.Option(None, "--out", help="Also write report JSON, Markdown and a PNG chart here."),
    links: bool = typer.Option(
        False, "--links", help="Score the proposal check instead: levels, hit rates, 'fits nothing' (report half)."
    ),
    proposals: Path = typer.Option(None, "--proposals", help="With --links: labelled proposals (JSONL) to score."),
    snippets: Path = typer.Option(None, "--snippets", help="With --links: labelled snippets (JSONL) to score."),
    half: str = typer.Option("report", "--half", help="With --links: report, fit or all."),
) -> None:
    """Score retrieval and answers against gold quotes, per mode and language, deterministically.

    Examples:

      strategiqa eval

      strategiqa eval --links

      strategiqa eval --links --proposals set.jsonl --snippets snippets.jsonl --half all

      strategiqa eval --dataset my_questions.jsonl --modes hybrid,dense --json

      strategiqa eval --out reports/
    """
    from strategiqa.eval.datasets import DatasetError, bundled_dataset
    from strategiqa.eval.harness import evaluate as run_eval
    from strategiqa.eval.harness import to_markdown, write_chart

    if links:
        from strategiqa.eval.alignment_eval import evaluate_alignment

        if half not in ("report", "fit", "all"):
            _fail("--half must be report, fit or all.", code=2)
        for path in (proposals, snippets):
            if path is not None and not path.is_file():
                _fail(
                    f"No labelled set at {path}; give a JSONL file in the format of eval/data/proposals_blind.jsonl.",
                    code=2,
                )
        chosen = None if half == "all" else half
        try:
            result = _guard(lambda: evaluate_alignment(_guard(_engine), chosen, proposals, snippets))
        except DatasetError as exc:
            _fail(str(exc), code=2)
        _print_json(result)
        return
    paths = dataset or [bundled_dataset(name) for name in ("dev.jsonl", "extra.jsonl", "heldout.jsonl")]
    for path in paths:
        if not path.is_file():
            _fail(f"No dataset at {path}; give a JSONL file in the format of eval/data/dev.jsonl.", code=2)
    engine = _guard(_engine)
    for path in paths:
        bar = _progress_bar(f"Evaluating {path.name}")
        try:
            report = _guard(
                lambda path=path, bar=bar: run_eval(
                    engine, path, [m.strip() for m in modes.split(",")], progress=bar.update
                )
            )
        except DatasetError as exc:
            _fail(str(exc), code=2)
        finally:
            bar.close()
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{path.stem}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), "utf-8")
            (out / f"{path.stem}.md").write_text(to_markdown(report) + "\n", "utf-8")
            write_chart(report, out / f"{path.stem}.png")
        if as_json and not markdown:
            _print_json(report, indent=None)
        else:
            typer.echo(to_markdown(report) + "\n")


def bench(
    repeats: int = typer.Option(5, help="How many times to ask every dev question."),
    cold: bool = typer.Option(True, "--cold/--no-cold", help="Also time an ingest with an empty embedding cache."),
    http: bool = typer.Option(True, "--http/--no-http", help="Also time POST /api/ask against a server process."),
    scaling: bool = typer.Option(True, "--scaling/--no-scaling", help="Also run the 10×/100× synthetic scaling run."),
    load: float = typer.Option(0, help="Also hold 8 concurrent clients for this many seconds (0: skip)."),
    web: bool = typer.Option(
        True, "--web/--no-web", help="Also time questions through the web app's queue, alone and beside a proposal."
    ),
    postgres: bool = typer.Option(
        False,
        "--postgres",
        help="Instead: FAISS against PostgreSQL + pgvector side by side (equivalence, latency, lexical ranking, "
        "1 and 2 API processes, a document added under load, 10×/100× on pgvector), on a throwaway PostgreSQL "
        "(pgserver) of its own, never STRATEGIQA_DATABASE_URL.",
    ),
    load_seconds: float = typer.Option(60, help="With --postgres: how long 8 clients ask while a document is added."),
    out: Path = typer.Option(None, "--out", help="Also write bench.json and bench.md here."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Time ingest (cold and cached), query latency p50/p95 in-process and over HTTP, peak memory.

    Example: strategiqa bench --json
    Example: strategiqa bench --postgres --out reports/postgres
    """
    from strategiqa.eval.bench import run_bench, run_http_bench

    settings = _settings()
    if postgres:
        _bench_postgres(settings, min(max(load_seconds, 5), 600), out, as_json)
        return
    results = _guard(lambda: run_bench(settings, repeats=repeats, cold=cold))
    if http:
        _guard(lambda: _engine())  # make sure the index exists before the server starts
        results["http"] = _guard(lambda: run_http_bench(settings))
    if web:
        from strategiqa.eval.web_bench import run_web_bench

        _guard(lambda: _engine())
        results["web"] = _guard(lambda: run_web_bench(settings))
    if load > 0:
        from strategiqa.eval.bench import run_load

        results["load"] = _guard(lambda: run_load(settings, clients=8, seconds=min(load, 600)))
    from strategiqa.eval.scaling import run_scaling, scaling_markdown

    if scaling:
        rate = results.get("embed_texts_per_s", 16.0)
        results["scaling"] = _guard(lambda: run_scaling(_engine(), embed_texts_per_s=rate))
    if out is not None:
        from strategiqa.eval.bench import bench_markdown

        out.mkdir(parents=True, exist_ok=True)
        (out / "bench.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        (out / "bench.md").write_text(bench_markdown(results) + "\n", encoding="utf-8")
    if not as_json and "scaling" in results:
        typer.echo(scaling_markdown(results.pop("scaling")))
    if as_json:
        _print_json(results)
        return
    for key, value in results.items():
        typer.echo(f"{key}: {value}")


def _bench_postgres(settings: Any, load_seconds: float, out: Path | None, as_json: bool) -> None:
    from strategiqa.eval.datasets import bundled_dataset
    from strategiqa.eval.postgres_bench import postgres_markdown, run_postgres_bench

    sets = [bundled_dataset(f"{name}.jsonl") for name in ("dev", "extra", "heldout", "blind_f", "blind_g")]
    results = _guard(lambda: run_postgres_bench(settings, sets, load_seconds=load_seconds))
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "postgres.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        (out / "postgres.md").write_text(postgres_markdown(results) + "\n", encoding="utf-8")
    if as_json:
        _print_json(results)
    else:
        typer.echo(postgres_markdown(results))
