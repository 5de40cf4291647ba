"""HTML for the web app, rendered from the engine's objects and escaped; no state, no I/O."""

from __future__ import annotations

import base64
import html
import re
import urllib.parse
from typing import TYPE_CHECKING, Any

from .reports import DOCUMENT_HEADINGS, LEVEL_NAMES, alignment_markdown, by_level, summary_cell
from .templating import render

if TYPE_CHECKING:
    from .engine import Engine

LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Fråga strategidokumenten",
        "subtitle": "Svar med källhänvisning ur {documents}. Varje citat står ordagrant i dokumenten.",
        "and": "och",
        "question": "Din fråga",
        "placeholder": "Till exempel: Hur ska fler kliniska prövningar möjliggöras?",
        "ask": "Fråga",
        "answer": "Svar",
        "sources": "Källor",
        "copy": "Kopiera referens",
        "copied": "Kopierad",
        "copy_pair": "Kopiera belägget",
        "copy_section": "Kopiera alla belägg",
        "analysed": "Analyserat",
        "pasted": "inklistrad text",
        "upload_fallback": "uppladdad fil",
        "clear_file": "Ta bort filen",
        "page": "s.",
        "abstained": "Närmaste avsnitt i dokumenten",
        "language": "Språk",
        "examples": "Exempel",
        "ask_tab": "Fråga",
        "browse_tab": "Dokument",
        "document": "Dokument",
        "passages": "avsnitt",
        "crosswalk_tab": "Koppling region–nation",
        "crosswalk_intro": "Hur starkt varje regionalt insatsområde (rader) hänger ihop med varje nationell "
        "målsättning (kolumner): ● tydlig koppling, ○ möjlig koppling (gränser anpassade till en expertbedömning), "
        "färgen visar poängen. Klicka på en ruta för beläggen; målsättningarnas namn står under tabellen.",
        "objectives_legend": "Nationella målsättningar",
        "area": "Insatsområde",
        "evidence": "Belägg",
        "region": "Region",
        "nation": "Nation",
        "clear": "tydlig koppling",
        "proposal_tab": "Analysera förslag",
        "proposal": "Klistra in förslaget",
        "upload": "…eller ladda upp en fil (.txt, .md, .pdf, .docx, högst 10 MB)",
        "analyse": "Analysera",
        "supported_regional": "Regionala insatsområden som förslaget stödjer",
        "supported_national": "Nationella målsättningar som förslaget stödjer",
        "uncovered": "Inte berörda",
        "download": "Ladda ner rapporten (Markdown)",
        "download_docx": "Ladda ner rapporten (Word)",
        "proposal_says": "Förslaget",
        "strategy_says": "Strategin",
        "none": "Inga tydliga kopplingar; närmast ligger:",
        "read_as": "Tolkad som",
        "missing": "Dokumenten svarar inte på just det",
        "scope": "Sök i dokumenten",
        "no_scope": "Välj minst ett dokument att söka i.",
        "followup_hint": "Enter ställer frågan. En följdfråga (”Och vad säger strategin om det?”) läses mot "
        "föregående fråga; annars står varje fråga för sig.",
    },
    "en": {
        "title": "Ask the strategy documents",
        "subtitle": "Cited answers from {documents}. Every quote stands verbatim in the documents, in their language.",
        "and": "and",
        "question": "Your question",
        "placeholder": "For example: How will more clinical trials be made possible?",
        "ask": "Ask",
        "answer": "Answer",
        "sources": "Sources",
        "copy": "Copy reference",
        "copied": "Copied",
        "copy_pair": "Copy this evidence",
        "copy_section": "Copy all evidence",
        "analysed": "Analysed",
        "pasted": "pasted text",
        "upload_fallback": "uploaded file",
        "clear_file": "Remove the file",
        "page": "p.",
        "abstained": "Closest passages in the documents",
        "language": "Language",
        "examples": "Examples",
        "ask_tab": "Ask",
        "browse_tab": "Documents",
        "document": "Document",
        "passages": "passages",
        "crosswalk_tab": "Region–nation links",
        "crosswalk_intro": "How strongly each regional focus area (rows) relates to each national objective "
        "(columns): ● clear link, ○ possible link (cuts fitted to an expert map), the colour shows the score. "
        "Click a cell for the evidence; the objectives' titles are listed below the table.",
        "objectives_legend": "National objectives",
        "area": "Focus area",
        "evidence": "Evidence",
        "region": "Region",
        "nation": "Nation",
        "clear": "clear link",
        "proposal_tab": "Analyse a proposal",
        "proposal": "Paste the proposal",
        "upload": "…or upload a file (.txt, .md, .pdf, .docx, at most 10 MB)",
        "analyse": "Analyse",
        "supported_regional": "Regional focus areas the proposal supports",
        "supported_national": "National objectives the proposal supports",
        "uncovered": "Not touched",
        "download": "Download the report (Markdown)",
        "download_docx": "Download the report (Word)",
        "proposal_says": "Proposal",
        "strategy_says": "Strategy",
        "none": "No clear links; the closest are:",
        "read_as": "Read as",
        "missing": "The documents do not answer exactly that",
        "scope": "Search these documents",
        "no_scope": "Choose at least one document to search.",
        "followup_hint": "A follow-up (“And what does the strategy say about that?”) is read against the "
        "previous question; otherwise each question stands alone.",
    },
}


def render_answer(result: dict[str, Any], lang: str) -> str:
    """The answer text with clickable citation markers."""
    labels = LABELS[lang]
    numbers = {str(c["n"]) for c in result["citations"]}
    parts = []
    for piece in re.split(r"(\[\d+\])", result["answer"]):
        number = piece[1:-1] if piece.startswith("[") and piece.endswith("]") else None
        parts.append({"n": number} if number in numbers else {"text": piece})
    reason = result.get("abstain_reason")
    return render(
        "answer.html",
        labels=labels,
        parts=parts,
        abstained=result["abstained"],
        reason=reason,
        title=labels["missing"] if reason == "missing_fact" else labels["abstained"],
        read_as=result.get("interpreted_as"),
    )


def render_citations(result: dict[str, Any], lang: str) -> str:
    """One card per citation (or, for a refusal, per closest passage), the quote highlighted."""
    passages = {p["passage_id"]: p for p in result["passages"]}
    if result["abstained"] and not result["citations"]:
        items = [(i, p, None) for i, p in enumerate(result["passages"][:3], 1)]
    else:
        items = [(c["n"], passages.get(c["passage_id"]), c) for c in result["citations"]]
    cards = []
    for n, passage, citation in items:
        if passage is None:
            continue
        text = passage["text"]
        card = {
            "n": n,
            "doc_title": passage["doc_title"],
            "path": " › ".join(passage["section_path"]),
            "page": passage["page"],
            "text": text,
            "quote": None,
            "heading": False,
            "reference": " > ".join(passage["section_path"]),
        }
        if citation is not None:
            card["reference"] = citation["reference"]
            if citation.get("kind") == "heading":
                card.update(heading=True, quote=citation["quote"])
            else:
                a, b = citation["quote_start"], citation["quote_end"]
                card.update(before=text[:a], quote=text[a:b], after=text[b:])
        cards.append(card)
    return render("citations.html", labels=LABELS[lang], cards=cards, abstained=result["abstained"])


def render_outline(engine: Engine, doc_id: str, lang: str) -> str:
    """The document's sections as nested, expandable lists, each with its passages."""
    outline = engine.document_outline(doc_id)
    if outline is None:
        return ""

    def node(section: dict[str, Any]) -> dict[str, Any]:
        number = f"{section['number']} " if section["number"] else ""
        texts = [p["text"] for p in (engine.passage(pid) for pid in section["passages"]) if p is not None]
        return {
            "label": number + section["title"],
            "passages": texts,
            "children": [node(c) for c in section["children"]],
        }

    return render(
        "outline.html", labels=LABELS[lang], title=outline["title"], sections=[node(s) for s in outline["sections"]]
    )


def esc(text: str) -> str:
    """HTML-escape, and neutralise the characters Gradio's template strings would interpret."""
    return esc_attribute(text).replace("\n", "<br>")


def esc_attribute(text: str) -> str:
    """``esc`` for an attribute value: line breaks stay line breaks (``&#10;``), so copied text pastes cleanly."""
    return html.escape(text, quote=True).replace("$", "&#36;").replace("`", "&#96;").replace("\n", "&#10;")


def render_crosswalk(crosswalk: dict[str, Any], lang: str, references: dict[str, str] | None = None) -> str:
    """Per regional × national document pair, a heatmap of areas × objectives (hover: level and score;
    click: evidence pairs with their reference lines, ``references`` by passage id) and per-area top lists."""
    pairs = [p for p in crosswalk.get("pairs", []) if p["areas"]]
    if not pairs:
        return ""
    level_names = {k: v.lower() for k, v in LEVEL_NAMES[lang].items()}
    return render(
        "crosswalk.html",
        labels=LABELS[lang],
        pairs=[_crosswalk_pair(pair, k, level_names, references or {}) for k, pair in enumerate(pairs)],
    )


def _crosswalk_pair(
    pair: dict[str, Any], k: int, level_names: dict[str, str], references: dict[str, str]
) -> dict[str, Any]:
    areas = pair["areas"]
    numbers = sorted({o["number"] for o in areas[0]["objectives"]}, key=lambda n: [int(x) for x in n.split(".")])
    scores = [o["score"] for a in areas for o in a["objectives"]]
    low, high = min(scores), max(scores)
    rows = []
    for a in areas:
        by_number = {o["number"]: o for o in a["objectives"]}
        cells = []
        for n in numbers:
            o = by_number[n]
            level = o.get("level", "none")
            cells.append(
                {
                    "id": f"sq-ev-{k}-{a['number']}-{n.replace('.', '-')}",
                    "number": n,
                    "title": o["title"],
                    "level": level,
                    "level_name": level_names[level],
                    "linked": o["linked"],
                    "share": f"{(o['score'] - low) / (high - low) if high > low else 0.0:.2f}",
                    "score": f"{o['score']:.2f}",
                    "tip": f"{a['number']} × {n} {o['title']}: {level_names[level]} ({o['score']:.2f})",
                    "mark": {"clear": "●", "possible": "○"}.get(level, ""),
                    "evidence": [
                        {
                            **ev,
                            "regional_reference": references.get(ev["regional_passage_id"], ev["regional_passage_id"]),
                            "national_reference": references.get(ev["national_passage_id"], ev["national_passage_id"]),
                        }
                        for ev in o["evidence"]
                    ],
                }
            )
        top = [{**o, "level_name": level_names[o.get("level", "none")]} for o in a["objectives"][:5]]
        rows.append(
            {"number": a["number"], "title": a["title"], "short": _short(a["title"]), "cells": cells, "top": top}
        )
    return {
        "regional_title": pair["regional"]["title"],
        "national_title": pair["national"]["title"],
        "columns": [{"number": n, "title": _title(areas[0], n)} for n in numbers],
        "rows": rows,
    }


def render_alignment(
    result: dict[str, Any],
    lang: str,
    docx_report: bytes | None = None,
    source: str | None = None,
    documents: list[dict[str, Any]] | None = None,
) -> str:
    """The summary first, then per document and level the links with evidence and reference lines,
    then the targets with no link found; the download holds the same lists (``alignment_markdown``)."""
    labels, names, headings = LABELS[lang], LEVEL_NAMES[lang], DOCUMENT_HEADINGS[lang]
    groups = []
    for kind in ("regional", "national"):
        levels = by_level(result, kind)
        links = []
        for lv in ("clear", "possible"):
            for item in levels[lv]:
                heading = f"{item.get('label', item['number'])} {item['title']} — {names[lv].lower()}"
                texts = [_pair_text(ev, labels) for ev in item["evidence"]]
                pairs = [
                    {
                        "proposal": ev["proposal_quote"],
                        "strategy": ev["strategy_quote"],
                        "reference": ev["reference"],
                        "text": text,
                    }
                    for ev, text in zip(item["evidence"], texts, strict=True)
                ]
                links.append({"level": lv, "heading": heading, "pairs": pairs, "text": "\n\n".join([heading, *texts])})
        groups.append(
            {
                "heading": headings[kind],
                "clear": summary_cell(levels["clear"]),
                "possible": summary_cell(levels["possible"]),
                "links": links,
                "none": "; ".join(f"{i.get('label', i['number'])} {i['title']}" for i in levels["none"]) or "–",
            }
        )
    return render(
        "alignment.html",
        labels=labels,
        names=names,
        source=source or labels["pasted"],
        message=result["summary"]["message"],
        groups=groups,
        markdown_url=urllib.parse.quote(alignment_markdown(result, lang, documents, source)),
        word=base64.b64encode(docx_report).decode("ascii") if docx_report is not None else None,
    )


def _pair_text(ev: dict[str, Any], labels: dict[str, str]) -> str:
    """An evidence pair as it is pasted into a memo: both quotes and the reference line."""
    return (
        f"{labels['proposal_says']}: {ev['proposal_quote']}\n{labels['strategy_says']}: "
        f"\u201c{ev['strategy_quote']}\u201d ({ev['reference']})"
    )


def upload_source(data_url: str) -> str | None:
    """The file name the upload widget put into the data URL (``data:…;name=…;base64,``), if any."""
    import urllib.parse

    header = data_url.split(",", 1)[0]
    for part in header.split(";"):
        if part.startswith("name="):
            return urllib.parse.unquote(part[5:])[:200] or None
    return None


def _title(area: dict[str, Any], number: str) -> str:
    return next(o["title"] for o in area["objectives"] if o["number"] == number)


def _short(title: str, n: int = 34) -> str:
    return title if len(title) <= n else title[: n - 1] + "…"


def upload_bytes(data_url: str) -> bytes:
    """The bytes of a file the upload widget read in the browser as a data URL (kept in memory)."""
    import base64
    import binascii

    if "," not in data_url:
        return b""
    try:
        return base64.b64decode(data_url.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        return b""
