"""Markdown reports officials can paste into a memo: the crosswalk and proposal alignments."""

from __future__ import annotations

from typing import Any

from strategiqa.ingest.structure import number_key

from .labels import LABELS


def crosswalk_markdown(crosswalk: dict[str, Any], top: int = 5) -> str:
    """The crosswalk report: per regional × national document pair and focus area, its closest objectives
    with evidence pairs and their reference lines (the engine's crosswalk carries them; else the ids)."""
    lines = ["# Koppling region–nation", ""]
    for pair in crosswalk.get("pairs", []):
        regional, national = pair["regional"]["title"], pair["national"]["title"]
        if len(crosswalk["pairs"]) > 1:
            lines += [f"## *{regional}* ↔ *{national}*", ""]
        lines += [
            f"Hur varje insatsområde i *{regional}* hänger ihop med målsättningarna i *{national}*, med "
            "ordagranna belägg ur båda dokumenten.",
            "",
        ]
        depth = "###" if len(crosswalk["pairs"]) > 1 else "##"
        for area in pair["areas"]:
            lines += [f"{depth} {area['number']}. {area['title']}", ""]
            for o in area["objectives"][:top]:
                level = LEVEL_NAMES["sv"][o.get("level", "clear" if o["linked"] else "none")].lower()
                lines.append(f"{depth}# {o['number']} {o['title']} — {o['score']:.2f} ({level})")
                for ev in o["evidence"]:
                    lines += [
                        "",
                        f"> **Region:** {ev['regional_quote']}  ",
                        f"> **Nation:** {ev['national_quote']}  ",
                        f"> *{ev.get('regional_reference') or ev['regional_passage_id']} ↔ "
                        f"{ev.get('national_reference') or ev['national_passage_id']}*",
                    ]
                lines.append("")
    skipped = crosswalk.get("not_linked", [])
    if skipped:
        names = "; ".join(f"{d['title']} ({d['role']})" for d in skipped)
        lines += [f"*{LABELS['sv']['not_linked']}: {names}.*", ""]
    return "\n".join(lines)


LEVEL_NAMES = {
    "sv": {"clear": "Tydlig koppling", "possible": "Möjlig koppling", "none": "Ingen koppling hittad"},
    "en": {"clear": "Clear link", "possible": "Possible link", "none": "No link found"},
}
DOCUMENT_HEADINGS = {
    "sv": {"regional": "Regionala insatsområden", "national": "Nationella målsättningar"},
    "en": {"regional": "Regional focus areas", "national": "National objectives"},
}


def document_groups(result: dict[str, Any], lang: str) -> list[tuple[str, dict[str, list[dict[str, Any]]]]]:
    """What every view (screen, Markdown, Word) lists, in order: per role (regional, national) and, where a
    role has several documents (two regions' agendas), per document, a heading and its targets by level; then each
    document of another role (an EU strategy) under its own title."""
    headings = DOCUMENT_HEADINGS[lang]
    out = []
    for kind in ("regional", "national", "other"):
        doc_ids = list(dict.fromkeys(item.get("doc_id") for item in result.get(kind, [])))
        if len(doc_ids) <= 1 and kind in headings:
            out.append((headings[kind], by_level(result[kind])))
            continue
        for doc_id in doc_ids:
            items = [item for item in result[kind] if item.get("doc_id") == doc_id]
            name = items[0].get("document") or doc_id
            # A document of another role (an EU strategy) is headed by its own title.
            out.append((f"{headings[kind]}: {name}" if kind in headings else name, by_level(items)))
    return out


def by_level(items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Targets grouped by level: links in score order, "no link found" in number order."""
    groups = {lv: [item for item in items if item["level"] == lv] for lv in ("clear", "possible", "none")}
    groups["none"].sort(key=lambda item: (item.get("doc_id", ""), number_key(item["number"])))
    return groups


def summary_cell(items: list[dict[str, Any]]) -> str:
    """A summary-table cell: each link's number and title on its own line, in number order, or a dash."""
    ordered = sorted(items, key=lambda i: number_key(str(i["number"])))
    return "\n".join(f"{i.get('label', i['number'])} {i['title']}" for i in ordered) or "–"


def alignment_markdown(
    result: dict[str, Any], lang: str = "sv", documents: list[dict[str, Any]] | None = None, source: str | None = None
) -> str:
    """The report: what was analysed against what, a summary table, then per document and level the
    links with their evidence and reference lines, then the targets with no link found. The same
    lists as the screen and the Word report."""
    names = LEVEL_NAMES[lang]
    title = "Förslagets koppling till strategierna" if lang == "sv" else "How the proposal links to the strategies"
    lines = [f"# {title}", "", _header_line(lang, documents, source, result.get("not_checked")), ""]
    if result["summary"]["message"]:
        lines += [result["summary"]["message"], ""]
    lines += [f"| | {names['clear']} | {names['possible']} |", "|---|---|---|"]
    for heading, groups in document_groups(result, lang):
        cells = [summary_cell(groups[lv]).replace("\n", "<br>") for lv in ("clear", "possible")]
        lines.append(f"| {heading} | {cells[0]} | {cells[1]} |")
    lines.append("")
    proposal, strategy = ("Förslaget", "Strategin") if lang == "sv" else ("Proposal", "Strategy")
    for heading, groups in document_groups(result, lang):
        lines += [f"## {heading}", ""]
        for lv in ("clear", "possible"):
            for item in groups[lv]:
                lines += [f"### {item.get('label', item['number'])} {item['title']} — {names[lv].lower()}", ""]
                for ev in item["evidence"]:
                    lines += [
                        f"> **{proposal}:** {ev['proposal_quote']}  ",
                        f"> **{strategy}:** {ev['strategy_quote']}  ",
                        f"> *{ev['reference']}*",
                        "",
                    ]
        none = "; ".join(f"{i.get('label', i['number'])} {i['title']}" for i in groups["none"]) or "–"
        lines += [f"**{names['none']}:** {none}", ""]
    return "\n".join(lines)


def _header_line(
    lang: str,
    documents: list[dict[str, Any]] | None,
    source: str | None,
    not_checked: list[dict[str, Any]] | None = None,
) -> str:
    from datetime import date

    sv = lang == "sv"
    parts = [f"{'Datum' if sv else 'Date'}: {date.today().isoformat()}."]
    parts.append(f"{'Analyserat' if sv else 'Analysed'}: {source or ('inklistrad text' if sv else 'pasted text')}.")
    if documents:
        strategies = "; ".join(f"{d['title']} ({d['year']})" for d in documents)
        parts.append(f"{'Strategier' if sv else 'Strategies'}: {strategies}.")
    if not_checked:
        skipped = "; ".join(f"{d['title']} ({d['role']})" for d in not_checked)
        parts.append(f"{'Inte bedömda' if sv else 'Not checked'}: {skipped}.")
    return " ".join(parts)


def alignment_docx(result: dict[str, Any], documents: list[dict[str, Any]], source: str, lang: str = "sv") -> bytes:
    """The same report as ``alignment_markdown`` as a Word file (in memory): the summary table with titles
    first, then the evidence with reference lines, the date, the strategy documents and the input."""
    import io

    import docx

    names = LEVEL_NAMES[lang]
    sv = lang == "sv"
    report = docx.Document()
    report.add_heading("Förslagets koppling till strategierna" if sv else "How the proposal links to the strategies", 0)
    report.add_paragraph(_header_line(lang, documents, source, result.get("not_checked")))
    if result["summary"]["message"]:
        report.add_paragraph(result["summary"]["message"])
    table = report.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text, header[1].text, header[2].text = "", names["clear"], names["possible"]
    for heading, groups in document_groups(result, lang):
        cells = table.add_row().cells
        cells[0].text = heading
        for cell, lv in zip(cells[1:], ("clear", "possible"), strict=True):
            cell.text = summary_cell(groups[lv])
    proposal, strategy = ("Förslaget", "Strategin") if sv else ("Proposal", "Strategy")
    for heading, groups in document_groups(result, lang):
        report.add_heading(heading, 1)
        for lv in ("clear", "possible"):
            for item in groups[lv]:
                report.add_heading(f"{item.get('label', item['number'])} {item['title']} — {names[lv].lower()}", 2)
                for ev in item["evidence"]:
                    report.add_paragraph(f"{proposal}: {ev['proposal_quote']}")
                    report.add_paragraph(f"{strategy}: {ev['strategy_quote']}")
                    report.add_paragraph(ev["reference"]).runs[0].italic = True
        none = "; ".join(f"{i.get('label', i['number'])} {i['title']}" for i in groups["none"]) or "–"
        report.add_paragraph(f"{names['none']}: {none}")
    buffer = io.BytesIO()
    report.save(buffer)
    return buffer.getvalue()
