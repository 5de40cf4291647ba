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
        "Ask the strategy documents of the corpus (corpus/manifest.toml) and get cited, verbatim answers.\n\n"
        "Examples:\n\n"
        "  strategiqa ingest\n\n"
        "  strategiqa ask 'Hur ska fler kliniska prövningar möjliggöras?'\n\n"
        "  strategiqa ask 'What does the strategy say about clinical trials?' --mode dense --json\n\n"
        "  strategiqa ask --batch questions.jsonl --json > answers.jsonl\n\n"
        "  strategiqa outline --json"
    ),
)


def main() -> None:
    _add_plugin_commands()
    app()


def _add_plugin_commands() -> None:
    """Commands of layers above ``app`` (the evaluation commands) register themselves through the
    ``strategiqa.commands`` entry point: the CLI never imports them, so the layers point one way."""
    from importlib.metadata import entry_points

    for entry in entry_points(group="strategiqa.commands"):
        entry.load()(app)


@app.command()
def ingest() -> None:
    """Parse the corpus and build the index (only new or changed passages are embedded).

    Example: STRATEGIQA_CORPUS_DIR=./corpus strategiqa ingest
    """
    from .indexing import ingest as run_ingest

    settings = _settings()
    report = _guard(lambda: run_ingest(settings, progress=sys.stderr.isatty()))
    for name, why in report.skipped.items():
        typer.echo(f"Skipped {name}: {why}", err=True)
    typer.echo(
        f"Indexed {report.passages} passages ({report.sentences} sentences) in {report.seconds:.1f} s; "
        f"embedded {report.embedded} new texts; index at {report.location}"
    )


@app.command()
def add(
    file: Path = typer.Argument(..., help="The document: .txt, .md, .pdf or .docx (Word headings and lists are kept)."),
    title: str = typer.Option(..., "--title", help="Its full title."),
    publisher: str = typer.Option(..., "--publisher", help="Who published it (used in references)."),
    year: int = typer.Option(..., "--year", help="The year it was published."),
    role: str = typer.Option(..., "--role", help="regional, national, eu, municipal, other …"),
    doc_id: str = typer.Option(None, "--id", help="Its id (default: from the file name)."),
    short_title: str = typer.Option(None, "--short-title", help="Title used in citation labels."),
    place: list[str] = typer.Option(None, "--place", help="A place it is about (repeatable)."),
    alias: list[str] = typer.Option(None, "--alias", help="A name questions use for it (repeatable)."),
    cue: list[str] = typer.Option(
        None, "--cue", help="Another word that points to it, e.g. 'kommunen' (repeatable; routing only)."
    ),
    language: str = typer.Option("sv", "--language", help="Its language (ISO 639-1)."),
) -> None:
    """Add a document to the corpus (copied into the corpus folder, entered in the manifest) and index it;
    only its text is embedded, other documents' passages and ids do not change.

    Example: strategiqa add plan.pdf --title 'TITLE' --publisher 'PUBLISHER' --year 2025 --role regional
    --place PLACE --alias 'WHAT QUESTIONS CALL IT'
    """
    from strategiqa.ingest.corpus_edit import NewDocument, add_document
    from strategiqa.ingest.load import IngestError

    from .indexing import ingest as run_ingest

    settings = _settings()
    new = NewDocument(
        file, title, publisher, year, role, doc_id, short_title, language, place or (), alias or (), cue or ()
    )
    try:  # a bad file or field is the user's input: exit 2, and nothing was changed
        added, undo = add_document(settings.corpus_dir, new)
    except IngestError as exc:
        _fail(str(exc), code=2)
    report = _rebuild_or_undo(lambda: run_ingest(settings, progress=sys.stderr.isatty()), undo)
    if added not in report.per_document:
        undo()
        run_ingest(settings, progress=False)
        _fail(f"{file.name} gave no passages, so it was not added; check that it holds text.", code=2)
    typer.echo(
        f"Added {added} ({report.per_document[added]} passages, {report.embedded} texts embedded); "
        f"the index holds {report.passages} passages."
    )
    if added in report.unnumbered:
        typer.echo(
            f"Note: {file.name} has no numbered headings ('1. …', '4.1 …' or a series like 'Område 1: …'), so "
            "outline questions, the crosswalk and the proposal check list no areas or objectives of it.",
            err=True,
        )
    if language != "en":  # an English document's headings are English already
        typer.echo("English titles of its headings can be added to translations.toml in the corpus folder.", err=True)


@app.command()
def remove(doc_id: str = typer.Argument(..., help="The id of the document to remove (see `info`).")) -> None:
    """Remove a document from the corpus (its file and manifest entry) and from the index.

    Example: strategiqa remove skane-2025
    """
    from strategiqa.ingest.corpus_edit import remove_document
    from strategiqa.ingest.load import IngestError

    from .indexing import ingest as run_ingest

    settings = _settings()
    try:
        title, undo = remove_document(settings.corpus_dir, doc_id)
    except IngestError as exc:
        _fail(str(exc), code=2)
    report = _rebuild_or_undo(lambda: run_ingest(settings, progress=sys.stderr.isatty()), undo)
    typer.echo(f"Removed {doc_id} ({title}); the index holds {report.passages} passages.")


def _rebuild_or_undo(rebuild: Any, undo: Any) -> Any:
    """Index the changed corpus; if that fails, put the corpus back as it was and say so."""
    try:
        return rebuild()
    except Exception as exc:  # any failure: the corpus must not stay half-changed
        undo()
        _fail(f"Indexing failed, so the corpus was left as it was: {exc}", code=1)


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
    doc: list[str] = typer.Option(None, "--doc", help="Search only this document id (repeatable; see `info`)."),
) -> None:
    """Answer a question with cited quotes (or say what the documents do not give), then the passages.

    Examples:

      strategiqa ask 'Vilka indikatorer ska användas för uppföljningen?'

      strategiqa ask --batch questions.jsonl --json

      strategiqa ask 'Och varför då?' --previous 'Vad sägs om kliniska prövningar?'

      strategiqa ask 'Vad sägs om kliniska prövningar?' --doc nationell-strategi-2024
    """
    from .validation import validate_request

    if (question is None) == (batch is None):
        _fail("Give either a QUESTION or --batch FILE.", code=2)
    items = _read_batch(batch) if batch is not None else [{"id": None, "question": question}]
    settings = _settings()
    for item in items:  # refuse bad input before any index is loaded or built
        _guard(lambda item=item: validate_request(settings, item["question"], top_k, mode))
    engine = _guard(_engine)
    if batch is not None:
        for item in items:
            result = _guard(
                lambda item=item: engine.ask(item["question"], top_k, mode, item.get("previous_question"), docs=doc)
            )
            _print_json({"id": item["id"], **result}, indent=None)
        return
    result = _guard(lambda: engine.ask(question, top_k, mode, previous, docs=doc))
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
    if result.get("sections"):
        within = "Ur avsnitt" if result["language"] == "sv" else "From sections"
        typer.echo(f"{within}: {'; '.join(result['sections'])}")
    typer.echo(f"\n{result['answer']}\n")
    for c in result["citations"]:
        typer.echo(f"[{c['n']}] {c['reference']}")
    if result["citations"]:
        typer.echo("")
    heading = "Närmaste avsnitt" if result["language"] == "sv" else "Closest passages"
    typer.echo(f"{heading}:")
    for rank, p in enumerate(result["passages"], 1):
        # The passage's reference line: its page abbreviated as its own document's language does ("s." / "p.").
        typer.echo(f"{rank}. {p['reference']}  ({p['score']:.3f})")
        typer.echo(f"   {' '.join(p['text'].split())}\n")


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it: never a half-written report."""
    from strategiqa.ingest.files import write_atomically

    try:
        write_atomically(path, data)
    except OSError as exc:
        _fail(f"Cannot write {path}: {exc.strerror}.", code=2)


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
        typer.echo(crosswalk_markdown(data, top))
    else:
        for pair in data["pairs"]:
            typer.echo(f"== {pair['regional']['title']} ↔ {pair['national']['title']}")
            for area in pair["areas"]:
                typer.echo(f"{area['number']}. {area['title']}")
                for o in area["objectives"][:top]:
                    mark = {"clear": "**", "possible": "* "}.get(o["level"], "  ")
                    typer.echo(f"  {mark} {o['number']:>4} {o['score']:7.2f}  {o['title']}")
        cuts = data.get("levels", {})
        typer.echo(f"(** = clear link: score ≥ {cuts.get('clear')}; * = possible link: score ≥ {cuts.get('possible')})")
        for skipped in data.get("not_linked", []):
            typer.echo(f"Not in the crosswalk: {skipped['title']} ({skipped['role']}); it links regional to national.")


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
    from .reports import alignment_docx, alignment_markdown, document_groups

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
        for heading, groups in document_groups(result, "en"):
            typer.echo(heading)
            # By level (a clear link above a possible one), then in the check's order (score) within a level.
            ordered = [*groups["clear"], *groups["possible"], *sorted(groups["none"], key=lambda i: -i["score"])]
            for item in ordered[:top]:
                # The heading names the document; the number is enough under it.
                typer.echo(f"  {marks[item['level']]} {item['number']:>4}  {item['level']:<8}  {item['title']}")
        typer.echo("(** = clear link, * = possible link; --markdown for the evidence)")
        for skipped in result.get("not_checked", []):
            typer.echo(f"Not checked: {skipped['title']} ({skipped['role']}); it has no numbered areas or objectives.")


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


def _progress_bar(label: str) -> Any:
    from .indexing import ProgressBar

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
    from strategiqa.retrieval.postgres import StoreUnavailable

    from .validation import BadInput

    try:
        return action()
    except BadInput as exc:
        _fail(str(exc), code=2)
    except (IngestError, IndexProblem, EmbedderUnavailable, StoreUnavailable) as exc:
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
