"""The ``strategiqa`` command line: ingest, outline, info, ask.

Internal errors become one-line messages here, at the edge, and nowhere else.
Exit codes: 0 ok, 1 something failed (index, corpus, model), 2 bad input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help=(
        "Ask the Swedish life-science strategies (Västra Götaland's agenda and the national strategy) "
        "and get cited passages.\n\n"
        "Examples:\n\n"
        "  strategiqa ingest\n\n"
        "  strategiqa ask 'Hur många life science-bolag finns i Västsverige?'\n\n"
        "  strategiqa ask 'What does the strategy say about clinical trials?' --mode dense --json\n\n"
        "  strategiqa ask --batch questions.jsonl --json > answers.jsonl\n\n"
        "  strategiqa outline --json"
    ),
)


# Labelled questions `calibrate` fits on by default: near-misses, off-topic and answerable ones.
CALIBRATION_SETS = ("calibration.jsonl", "calibration_c.jsonl", "extra.jsonl", "dev.jsonl", "heldout.jsonl")


def main() -> None:
    app()


@app.command()
def ingest() -> None:
    """Parse the corpus and build the index (only new or changed passages are embedded).

    Example: STRATEGIQA_CORPUS_DIR=./corpus strategiqa ingest
    """
    from .engine import ingest as run_ingest

    settings = _settings()
    report = _guard(lambda: run_ingest(settings, progress=sys.stderr.isatty()))
    for name, why in report.skipped.items():
        typer.echo(f"Skipped {name}: {why}", err=True)
    typer.echo(
        f"Indexed {report.passages} passages ({report.sentences} sentences) in {report.seconds:.1f} s; "
        f"embedded {report.embedded} new texts; index at {report.index_dir}"
    )


@app.command()
def outline(as_json: bool = typer.Option(False, "--json", help="Print JSON instead of an indented tree.")) -> None:
    """Show each document's section tree.

    Example: strategiqa outline --json
    """
    data = _guard(lambda: _engine().outline())
    if as_json:
        _print_json(data)
        return
    for doc in data["documents"]:
        typer.echo(f"{doc['title']} [{doc['doc_id']}, {doc['kind']}]")
        _print_sections(doc["sections"], 1)


@app.command()
def info(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Show the index: folders, model, documents, passage count, build time.

    Example: strategiqa info --json
    """
    data = _guard(lambda: _engine().info())
    if as_json:
        _print_json(data)
        return
    for key, value in data.items():
        if key == "documents":
            value = ", ".join(f"{d['doc_id']} ({d['passages']} passages)" for d in value)
        typer.echo(f"{key}: {value}")


@app.command()
def ask(
    question: str = typer.Argument(None, help="The question, in Swedish or English."),
    top_k: int = typer.Option(None, "--top-k", "-k", help="How many passages (1-20; default 5)."),
    mode: str = typer.Option(None, "--mode", "-m", help="hybrid (default), dense or bm25."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per question."),
    batch: Path = typer.Option(None, "--batch", help="A JSONL file with `id` and `question` on each line."),
    previous: str = typer.Option(None, "--previous", help="The question asked before (for a follow-up)."),
) -> None:
    """Answer a question with cited quotes (or say what the documents do not give), then the passages.

    Examples:

      strategiqa ask 'Vilka indikatorer ska användas för att följa upp agendan?'

      strategiqa ask --batch questions.jsonl --json

      strategiqa ask 'Och vad säger strategin om det?' --previous 'Vad säger agendan om kliniska prövningar?'
    """
    from .engine import validate_request

    if (question is None) == (batch is None):
        _fail("Give either a QUESTION or --batch FILE.", code=2)
    items = _read_batch(batch) if batch is not None else [{"id": None, "question": question}]
    settings = _settings()
    for item in items:  # refuse bad input before any index is loaded or built
        _guard(lambda item=item: validate_request(settings, item["question"], top_k, mode))
    engine = _guard(_engine)
    if batch is not None:
        for item in items:
            result = _guard(lambda item=item: engine.ask(item["question"], top_k, mode, item.get("previous_question")))
            _print_json({"id": item["id"], **result}, indent=None)
        return
    result = _guard(lambda: engine.ask(question, top_k, mode, previous))
    if as_json:
        _print_json(result)
        return
    _print_answer(result)


def _print_answer(result: dict[str, Any]) -> None:
    """The answer (or the refusal) with its markers first, then the sources, then the passages."""
    typer.echo(f"[{result['language']}, {result['mode']}] {result['question']}")
    if result.get("interpreted_as"):
        read_as = "Tolkad som" if result["language"] == "sv" else "Read as"
        typer.echo(f"{read_as}: {result['interpreted_as']}")
    typer.echo(f"\n{result['answer']}\n")
    for c in result["citations"]:
        typer.echo(f"[{c['n']}] {c['reference']}")
    if result["citations"]:
        typer.echo("")
    heading = "Närmaste avsnitt" if result["language"] == "sv" else "Closest passages"
    typer.echo(f"{heading}:")
    for rank, p in enumerate(result["passages"], 1):
        page = f", s. {p['page']}" if p["page"] else ""
        typer.echo(f"{rank}. {p['doc_title']} — {' > '.join(p['section_path'])}{page}  ({p['score']:.3f})")
        typer.echo(f"   {' '.join(p['text'].split())}\n")


@app.command()
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
    chose them, to the calibration file (STRATEGIQA_CALIBRATION_FILE, default calibration.json).

    Examples:

      strategiqa calibrate

      STRATEGIQA_EMBEDDER_BACKEND=sentence-transformers STRATEGIQA_EMBEDDER_MODEL=/models/e5 strategiqa calibrate

      strategiqa calibrate --links
    """
    from strategiqa.eval.datasets import DatasetError, bundled_dataset, load_dataset

    from .calibration import fit, read_calibration, write_calibration

    if links:
        _calibrate_links(write)
        return
    paths = dataset or [bundled_dataset(name) for name in CALIBRATION_SETS]
    try:
        questions = [q for path in paths for q in load_dataset(path)]
    except DatasetError as exc:
        _fail(str(exc), code=2)
    engine = _guard(_engine)
    bar = _progress_bar("Calibrating")
    try:
        entry = _guard(
            lambda: fit(
                lambda text, params: engine.ask(text, params=params),
                questions,
                engine.answer_params,
                progress=bar.update,
            )
        )
    finally:
        bar.close()
    entry["datasets"] = [p.name for p in paths]
    if write:
        previous = read_calibration(engine.settings.calibration_file).get(engine.embedder.model_id, {})
        for key in ("alignment", "crosswalk"):  # fitted separately (--links); keep them
            if key in previous:
                entry[key] = previous[key]
        write_calibration(engine.settings.calibration_file, engine.embedder.model_id, entry)
        typer.echo(f"Wrote {engine.settings.calibration_file} for {engine.embedder.model_id}.", err=True)
    _print_json(entry)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it: never a half-written report."""
    import os
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.tmp-", dir=path.parent if str(path.parent) else ".")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        _fail(f"Cannot write {path}: {exc.strerror}.", code=2)


def _calibrate_links(write: bool) -> None:
    from strategiqa.eval.alignment_eval import evaluate_alignment, in_half, load_labelled, scored
    from strategiqa.eval.crosswalk_eval import crosswalk_gold, crosswalk_rows
    from strategiqa.eval.datasets import DatasetError

    from .alignment_levels import LevelParams, fit_crosswalk_cuts, fit_levels
    from .calibration import read_calibration, write_calibration

    try:
        proposals, snippets = load_labelled()
    except DatasetError as exc:
        _fail(str(exc), code=2)
    engine = _guard(_engine)
    rows, _ = _guard(
        lambda: scored(
            engine, [p for p in proposals if in_half(p.id, "fit")], [s for s in snippets if in_half(s.id, "fit")]
        )
    )
    fitted = fit_levels(rows)
    report = _guard(lambda: evaluate_alignment(engine, "report", LevelParams(**fitted["params"])))
    fitted["figures"] = {"fit_half": fitted["figures"], "report_half": report}
    try:
        crosswalk = fit_crosswalk_cuts(crosswalk_rows(engine.index.crosswalk, crosswalk_gold()))
    except ValueError as exc:
        _fail(str(exc), code=2)
    if write:
        path, model = engine.settings.calibration_file, engine.embedder.model_id
        entry = read_calibration(path).get(model, {})
        entry["alignment"] = fitted
        entry["crosswalk"] = crosswalk
        write_calibration(path, model, entry)
        typer.echo(f"Wrote the link levels and crosswalk cuts to {path} for {model}.", err=True)
    _print_json({"alignment": fitted, "crosswalk": crosswalk})


@app.command()
def crosswalk(
    as_json: bool = typer.Option(False, "--json", help="Print the whole crosswalk as JSON."),
    markdown: bool = typer.Option(False, "--markdown", help="Print a Markdown report with evidence."),
    top: int = typer.Option(5, help="Objectives shown per focus area (text and Markdown)."),
) -> None:
    """Link each regional focus area to the national objectives, with verbatim evidence pairs.

    Examples:

      strategiqa crosswalk

      strategiqa crosswalk --markdown > crosswalk.md

      strategiqa crosswalk --json
    """
    from .reports import crosswalk_markdown

    engine = _guard(_engine)
    data = engine.crosswalk
    if as_json:
        _print_json(data)
    elif markdown:
        typer.echo(crosswalk_markdown(data, top, {p.passage_id: p.label for p in engine.index.passages}))
    else:
        for area in data["areas"]:
            typer.echo(f"{area['number']}. {area['title']}")
            for o in area["objectives"][:top]:
                mark = {"clear": "**", "possible": "* "}.get(o["level"], "  ")
                typer.echo(f"  {mark} {o['number']:>4} {o['score']:7.2f}  {o['title']}")
        cuts = data.get("levels", {})
        typer.echo(f"(** = clear link: score ≥ {cuts.get('clear')}; * = possible link: score ≥ {cuts.get('possible')})")


@app.command()
def align(
    text: str = typer.Option(None, "--text", help="The proposal text."),
    file: Path = typer.Option(None, "--file", help="A proposal file: .txt, .md, .pdf or .docx (read in memory)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    markdown: bool = typer.Option(False, "--markdown", help="Print a Markdown report."),
    docx_path: Path = typer.Option(None, "--docx", help="Also write the report as a Word file here."),
    top: int = typer.Option(5, help="Items shown per list (text)."),
) -> None:
    """Check a proposal against both strategies: each focus area and objective at a level (clear,
    possible, none), with evidence.

    Examples:

      strategiqa align --text "Vi vill korta tiden för att starta kliniska prövningar."

      strategiqa align --file ansokan.docx --markdown > analys.md

      strategiqa align --file ansokan.pdf --docx analys.docx
    """
    from .proposals import ProposalError, proposal_text
    from .reports import alignment_docx, alignment_markdown

    if (text is None) == (file is None):
        _fail("Give either --text TEXT or --file PATH.", code=2)
    try:
        if file is not None:
            try:
                data = file.read_bytes()
            except OSError as exc:
                _fail(f"Cannot read {file}: {exc.strerror}.", code=2)
            text = proposal_text(data, file.name)
        engine = _guard(_engine)
        result = engine.align(text)
    except ProposalError as exc:
        _fail(str(exc), code=2)
    if docx_path is not None:
        source = file.name if file is not None else "inklistrad text"
        _write_atomically(docx_path, alignment_docx(result, engine.strategy_documents(), source))
        typer.echo(f"Wrote {docx_path}.", err=True)
    if as_json:
        _print_json(result)
    elif markdown:
        source = file.name if file is not None else None
        typer.echo(alignment_markdown(result, documents=engine.strategy_documents(), source=source))
    else:
        if result["summary"]["message"]:
            typer.echo(result["summary"]["message"])
        marks = {"clear": "**", "possible": "* ", "none": "  "}
        for key, heading in (("regional", "Regional focus areas"), ("national", "National objectives")):
            typer.echo(heading)
            for item in result[key][:top]:
                typer.echo(f"  {marks[item['level']]} {item['number']:>4}  {item['level']:<8}  {item['title']}")
        typer.echo("(** = clear link, * = possible link; --markdown for the evidence)")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on (loopback by default)."),
    port: int = typer.Option(7860, help="Port for the web app and the API."),
    log_level: str = typer.Option("info", help="Log level: debug, info, warning, error."),
) -> None:
    """Start the web app (at /) and the HTTP API (at /api, docs at /docs) in one process.

    Example: strategiqa serve --port 7860
    """
    import logging

    import uvicorn

    from .api import create_app
    from .settings import offline_environment

    if log_level.lower() not in ("debug", "info", "warning", "error", "critical"):
        _fail(f"Unknown log level {log_level!r}; use debug, info, warning, error or critical.", code=2)
    offline_environment()
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = _settings()
    application = _guard(lambda: create_app(settings, _engine()))
    typer.echo(f"strategiqa: http://{host}:{port}/  (API docs at /docs)", err=True)
    uvicorn.run(application, host=host, port=port, log_level=log_level.lower(), access_log=False)


@app.command(name="eval")
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
) -> None:
    """Score retrieval and answers against gold quotes, per mode and language, deterministically.

    Examples:

      strategiqa eval

      strategiqa eval --links

      strategiqa eval --dataset my_questions.jsonl --modes hybrid,dense --json

      strategiqa eval --out reports/
    """
    from strategiqa.eval.datasets import DatasetError, bundled_dataset
    from strategiqa.eval.harness import evaluate as run_eval
    from strategiqa.eval.harness import to_markdown, write_chart

    if links:
        from strategiqa.eval.alignment_eval import evaluate_alignment

        _print_json(_guard(lambda: evaluate_alignment(_guard(_engine), "report")))
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


@app.command()
def bench(
    repeats: int = typer.Option(5, help="How many times to ask every dev question."),
    cold: bool = typer.Option(True, "--cold/--no-cold", help="Also time an ingest with an empty embedding cache."),
    http: bool = typer.Option(True, "--http/--no-http", help="Also time POST /api/ask against a server process."),
    scaling: bool = typer.Option(True, "--scaling/--no-scaling", help="Also run the 10×/100× synthetic scaling run."),
    load: float = typer.Option(0, help="Also hold 8 concurrent clients for this many seconds (0: skip)."),
    out: Path = typer.Option(None, "--out", help="Also write bench.json and bench.md here."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Time ingest (cold and cached), query latency p50/p95 in-process and over HTTP, peak memory.

    Example: strategiqa bench --json
    """
    from strategiqa.eval.bench import run_bench, run_http_bench

    settings = _settings()
    results = _guard(lambda: run_bench(settings, repeats=repeats, cold=cold))
    if http:
        _guard(lambda: _engine())  # make sure the index exists before the server starts
        results["http"] = _guard(lambda: run_http_bench(settings))
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


def _progress_bar(label: str) -> Any:
    from .engine import ProgressBar

    return ProgressBar(label, enabled=sys.stderr.isatty())


def _settings() -> Any:
    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    from .settings import Settings

    try:
        return Settings()
    except ValidationError as exc:
        err = exc.errors()[0]
        _fail(f"Setting STRATEGIQA_{str(err['loc'][0]).upper()} is invalid: {err['msg']}.", code=2)
    except SettingsError as exc:
        _fail(f'A STRATEGIQA_ setting could not be read ({exc}); list values are JSON, e.g. ["https://a"].', code=2)


def _engine() -> Any:
    from .engine import Engine

    return Engine.open(_settings(), notice=lambda msg: typer.echo(msg, err=True))


def _guard(action: Any) -> Any:
    """Run ``action``; known failures become one line on stderr and an exit code."""
    from strategiqa.ingest.load import IngestError
    from strategiqa.retrieval.embedders import EmbedderUnavailable
    from strategiqa.retrieval.index import IndexProblem

    from .engine import BadInput

    try:
        return action()
    except BadInput as exc:
        _fail(str(exc), code=2)
    except (IngestError, IndexProblem, EmbedderUnavailable) as exc:
        _fail(str(exc), code=1)
    except OSError as exc:
        _fail(f"{exc.strerror or exc} ({exc.filename}); check the path and permissions.", code=1)


def _read_batch(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        _fail(f"Cannot read {path} as UTF-8 text; give a JSONL file.", code=2)
    items = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            _fail(f"{path}:{n} is not valid JSON; each line needs an object with id and question.", code=2)
        if not isinstance(item, dict) or "question" not in item:
            _fail(f"{path}:{n} has no `question`; each line needs an object with id and question.", code=2)
        items.append(
            {
                "id": item.get("id", str(n)),
                "question": item["question"],
                "previous_question": item.get("previous_question"),
            }
        )
    return items


def _print_sections(sections: list[dict[str, Any]], depth: int) -> None:
    for s in sections:
        number = f"{s['number']} " if s["number"] else ""
        typer.echo(f"{'  ' * depth}{number}{s['title']}")
        _print_sections(s["children"], depth + 1)


def _print_json(data: Any, indent: int | None = 2) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=indent))


def _fail(message: str, code: int) -> Any:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)
