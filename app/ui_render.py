"""HTML for the web app, rendered from the engine's objects and escaped; no state, no I/O."""

from __future__ import annotations

import base64
import html
import urllib.parse
from typing import TYPE_CHECKING, Any

from .reports import DOCUMENT_HEADINGS, LEVEL_NAMES, alignment_markdown, by_level, summary_cell

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
    text = esc(result["answer"])
    for c in result["citations"]:
        n = c["n"]
        marker = (
            f'<a class="sq-marker" href="#sq-cite-{n}" onclick="var e=document.getElementById(\'sq-cite-{n}\');'
            f"if(e){{e.scrollIntoView({{behavior:'smooth'}});e.classList.add('flash');"
            f"setTimeout(function(){{e.classList.remove('flash')}},1200)}};return false;\">[{n}]</a>"
        )
        text = text.replace(f"[{n}]", marker)
    css = "sq-answer abstained" if result["abstained"] else "sq-answer"
    reason = result.get("abstain_reason")
    title = labels["missing"] if reason == "missing_fact" else labels["abstained"]
    read_as = (
        f'<div class="sq-muted" id="sq-read-as">{labels["read_as"]}: {esc(result["interpreted_as"])}</div>'
        if result.get("interpreted_as")
        else ""
    )
    head = f"<strong>{title}</strong><br>" if result["abstained"] else ""
    return (
        f'<div class="{css}" id="sq-answer" data-abstained="{str(result["abstained"]).lower()}" '
        f'data-reason="{esc(reason or "")}">{read_as}{head}{text}</div>'
    )


def render_citations(result: dict[str, Any], lang: str) -> str:
    """One card per citation (or, for a refusal, per closest passage), the quote highlighted."""
    labels = LABELS[lang]
    cards = []
    passages = {p["passage_id"]: p for p in result["passages"]}
    if result["abstained"] and not result["citations"]:
        items = [(i, p, None) for i, p in enumerate(result["passages"][:3], 1)]
    else:
        items = [(c["n"], passages.get(c["passage_id"]), c) for c in result["citations"]]
    for n, passage, citation in items:
        if passage is None:
            continue
        text = passage["text"]
        if citation is not None and citation.get("kind") == "heading":
            body = f"<mark>{esc(citation['quote'])}</mark><br>{esc(text)}"
            reference = citation["reference"]
        elif citation is not None:
            a, b = citation["quote_start"], citation["quote_end"]
            body = f"{esc(text[:a])}<mark>{esc(text[a:b])}</mark>{esc(text[b:])}"
            reference = citation["reference"]
        else:
            body = esc(text)
            reference = " > ".join(passage["section_path"])
        page = f" · {labels['page']} {passage['page']}" if passage["page"] else ""
        cards.append(
            f'<div class="sq-card" id="sq-cite-{n}"><h4>[{n}] {esc(passage["doc_title"])}</h4>'
            f'<div class="sq-path">{esc(" › ".join(passage["section_path"]))}{page}</div>'
            f'<div class="sq-text">{body}</div>'
            f'<div class="sq-ref"><span>{esc(reference)}</span>'
            f'<button class="sq-copy" data-ref="{esc(reference)}" onclick="navigator.clipboard.writeText('
            f"this.dataset.ref);this.textContent='{labels['copied']}';\">{labels['copy']}</button></div></div>"
        )
    heading = f"<h3>{labels['sources']}</h3>" if cards and not result["abstained"] else ""
    return heading + "".join(cards)


def render_outline(engine: Engine, doc_id: str, lang: str) -> str:
    """The document's sections as nested, expandable lists, each with its passages."""
    outline = engine.document_outline(doc_id)
    if outline is None:
        return ""
    labels = LABELS[lang]

    def node(section: dict[str, Any]) -> str:
        number = f"{section['number']} " if section["number"] else ""
        texts = "".join(
            f'<div class="sq-passage">{esc(p["text"])}</div>'
            for p in (engine.passage(pid) for pid in section["passages"])
            if p is not None
        )
        count = (
            f' <span class="sq-muted">({len(section["passages"])} {labels["passages"]})</span>'
            if section["passages"]
            else ""
        )
        children = "".join(node(c) for c in section["children"])
        return f"<details><summary>{esc(number + section['title'])}{count}</summary>{texts}{children}</details>"

    return (
        f'<div class="sq-outline"><h3>{esc(outline["title"])}</h3>'
        + "".join(node(s) for s in outline["sections"])
        + "</div>"
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
    sections = []
    for k, pair in enumerate(pairs):
        heading = (
            f"<h3>{esc(pair['regional']['title'])} ↔ {esc(pair['national']['title'])}</h3>" if len(pairs) > 1 else ""
        )
        sections.append(heading + _render_pair(pair["areas"], k, lang, references or {}))
    return f'<p class="sq-muted">{LABELS[lang]["crosswalk_intro"]}</p>' + "".join(sections)


def _render_pair(areas: list[dict[str, Any]], k: int, lang: str, references: dict[str, str]) -> str:
    labels = LABELS[lang]
    numbers = sorted({o["number"] for o in areas[0]["objectives"]}, key=lambda n: [int(x) for x in n.split(".")])
    scores = [o["score"] for a in areas for o in a["objectives"]]
    low, high = min(scores), max(scores)
    head = "".join(f'<th title="{esc_attribute(_title(areas[0], n))}">{n}</th>' for n in numbers)
    legend = "".join(f"<li>{esc(n + ' ' + _title(areas[0], n))}</li>" for n in numbers)
    level_names = {k: v.lower() for k, v in LEVEL_NAMES[lang].items()}
    rows, panels = [], []
    for a in areas:
        by_number = {o["number"]: o for o in a["objectives"]}
        cells = []
        for n in numbers:
            o = by_number[n]
            share = (o["score"] - low) / (high - low) if high > low else 0.0
            cell_id = f"sq-ev-{k}-{a['number']}-{n.replace('.', '-')}"
            tip = f"{a['number']} × {n} {o['title']}: {level_names[o.get('level', 'none')]} ({o['score']:.2f})"
            mark = {"clear": "●", "possible": "○"}.get(o.get("level", ""), "")
            cells.append(
                f'<td class="sq-cell sq-{o.get("level", "none")}{" linked" if o["linked"] else ""}" '
                f'style="background: rgba(18,53,91,{share:.2f})" '
                f'title="{esc_attribute(tip)}" onclick="document.querySelectorAll(\'.sq-ev\').forEach(function(e){{'
                f"e.style.display='none'}});document.getElementById('{cell_id}').style.display='block';\">"
                f"{mark}</td>"
            )
            pairs = "".join(
                f'<div class="sq-pair"><div><b>{labels["region"]}:</b> {esc(ev["regional_quote"])}</div>'
                f"<div><b>{labels['nation']}:</b> {esc(ev['national_quote'])}</div>"
                f'<div class="sq-muted">{esc(references.get(ev["regional_passage_id"], ev["regional_passage_id"]))} ↔ '
                f"{esc(references.get(ev['national_passage_id'], ev['national_passage_id']))}</div></div>"
                for ev in o["evidence"]
            )
            panels.append(
                f'<div class="sq-ev" id="{cell_id}" style="display:none">'
                f"<h4>{esc(a['number'] + '. ' + a['title'])}"
                f" × {esc(n + ' ' + o['title'])}: {esc(level_names[o.get('level', 'none')])}"
                f" ({o['score']:.2f})</h4>{pairs}</div>"
            )
        rows.append(
            f'<tr><th class="sq-rowhead" title="{esc_attribute(a["title"])}">{esc(a["number"])}. '
            f"{esc(_short(a['title']))}</th>{''.join(cells)}</tr>"
        )
    lists = "".join(
        f"<details><summary>{esc(a['number'] + '. ' + a['title'])}</summary><ol>"
        + "".join(
            f"<li>{esc(o['number'] + ' ' + o['title'])} — {esc(level_names[o.get('level', 'none')])}</li>"
            for o in a["objectives"][:5]
        )
        + "</ol></details>"
        for a in areas
    )
    return (
        f'<div class="sq-heat-wrap"><table class="sq-heat">'
        f"<tr><th>{labels['area']}</th>{head}</tr>{''.join(rows)}</table></div>"
        f'<details class="sq-legend" open><summary>{labels["objectives_legend"]}</summary><ul>{legend}</ul></details>'
        f'<div class="sq-ev-box">{"".join(panels)}</div><div class="sq-outline">{lists}</div>'
    )


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
    summary = result["summary"]
    parts = [f'<p class="sq-muted" id="sq-analysed">{labels["analysed"]}: {esc(source or labels["pasted"])}</p>']
    if summary["message"]:
        parts.append(f'<p class="sq-summary-message"><b>{esc(summary["message"])}</b></p>')
    rows = "".join(
        f"<tr><th>{esc(headings[kind])}</th>"
        + "".join(f"<td>{esc(summary_cell(by_level(result, kind)[lv]))}</td>" for lv in ("clear", "possible"))
        + "</tr>"
        for kind in ("regional", "national")
    )
    parts.append(
        f'<table class="sq-summary"><tr><th></th><th>{esc(names["clear"])}</th>'
        f"<th>{esc(names['possible'])}</th></tr>{rows}</table>"
    )
    for kind in ("regional", "national"):
        groups = by_level(result, kind)
        parts.append(f"<h3>{esc(headings[kind])}</h3>")
        for lv in ("clear", "possible"):
            for item in groups[lv]:
                texts = [_pair_text(ev, labels) for ev in item["evidence"]]
                pairs = "".join(
                    f'<div class="sq-pair"><div><b>{labels["proposal_says"]}:</b> {esc(ev["proposal_quote"])}</div>'
                    f"<div><b>{labels['strategy_says']}:</b> {esc(ev['strategy_quote'])}</div>"
                    f'<div class="sq-muted">{esc(ev["reference"])} {_copy_button(text, labels["copy_pair"], labels)}'
                    "</div></div>"
                    for ev, text in zip(item["evidence"], texts, strict=True)
                )
                heading = f"{item.get('label', item['number'])} {item['title']} — {names[lv].lower()}"
                section = _copy_button("\n\n".join([heading, *texts]), labels["copy_section"], labels)
                parts.append(
                    f'<details class="sq-card sq-align sq-{lv}"><summary>{esc(heading)}</summary>{pairs}'
                    f"<p>{section}</p></details>"
                )
        none = "; ".join(f"{i.get('label', i['number'])} {i['title']}" for i in groups["none"]) or "–"
        parts.append(f'<p class="sq-muted"><b>{esc(names["none"])}:</b> {esc(none)}</p>')
    report = urllib.parse.quote(alignment_markdown(result, lang, documents, source))
    links = [
        f'<a class="sq-copy" id="sq-download" download="forslag-analys.md" '
        f'href="data:text/markdown;charset=utf-8,{report}">{labels["download"]}</a>'
    ]
    if docx_report is not None:
        word = base64.b64encode(docx_report).decode("ascii")
        links.append(
            f'<a class="sq-copy" id="sq-download-docx" download="forslag-analys.docx" '
            f'href="data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64,{word}">'
            f"{labels['download_docx']}</a>"
        )
    parts.append(f"<p>{' '.join(links)}</p>")
    return "".join(parts)


def _pair_text(ev: dict[str, Any], labels: dict[str, str]) -> str:
    """An evidence pair as it is pasted into a memo: both quotes and the reference line."""
    return (
        f"{labels['proposal_says']}: {ev['proposal_quote']}\n{labels['strategy_says']}: "
        f"\u201c{ev['strategy_quote']}\u201d ({ev['reference']})"
    )


def _copy_button(text: str, label: str, labels: dict[str, str]) -> str:
    return (
        f'<button class="sq-copy sq-copy-evidence" data-ref="{esc_attribute(text)}" '
        f'onclick="navigator.clipboard.writeText('
        f"this.dataset.ref);this.textContent='{labels['copied']}';\">{esc(label)}</button>"
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
