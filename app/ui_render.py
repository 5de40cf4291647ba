"""HTML for the web app, rendered from the engine's objects and escaped; no state, no I/O."""

from __future__ import annotations

import base64
import html
import re
import urllib.parse
from typing import TYPE_CHECKING, Any

from strategiqa.ingest.structure import number_key

from .labels import LABELS
from .quotes import passage_url
from .reports import LEVEL_NAMES, alignment_markdown, document_groups, summary_cell
from .templating import render

if TYPE_CHECKING:
    from .engine import Engine


def render_answer(result: dict[str, Any], lang: str) -> str:
    """The answer text with clickable citation markers."""
    labels = LABELS[lang]
    numbers = {str(c["n"]) for c in result["citations"]}

    def marked(text: str) -> list[dict[str, str | None]]:
        parts: list[dict[str, str | None]] = []
        for piece in re.split(r"(\[\d+\])", text):
            number = piece[1:-1] if piece.startswith("[") and piece.endswith("]") else None
            parts.append({"n": number} if number in numbers else {"text": piece})
        return parts

    # An outline or crosswalk answer lists sections ("…: 7 numrerade områden: 1 … [1]; 2 … [2]; …"): one a line.
    lead, listed = result["answer"], []
    listing = result.get("answer_kind") in ("overview", "crosswalk")
    if listing and len(result["citations"]) > 2 and ": " in result["answer"]:
        head, _, rest = result["answer"].rpartition(": ")
        items = [i.strip().rstrip(".") for i in rest.split("; ")]
        if len(items) > 2:
            lead, listed = head + ":", [marked(i) for i in items]
    reason = result.get("abstain_reason")
    return render(
        "answer.html",
        labels=labels,
        parts=marked(lead),
        listed=listed,
        abstained=result["abstained"],
        reason=reason,
        title=labels["missing"] if reason == "missing_fact" else labels["abstained"],
        read_as=result.get("interpreted_as"),
        sections=result.get("sections") or [],
        # English readers are told once that the quotes stay in the documents' language.
        quoted_in=labels["quoted_in"]
        if result["citations"] and result.get("answer_kind", "extract") == "extract"
        else "",
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
            "path_en": _english_path(passage, lang),
            "page": passage["page"],
            "text": text,
            "quote": None,
            "heading": False,
            "reference": passage.get("reference") or " > ".join(passage["section_path"]),
            "url": passage.get("url") or passage_url(passage["passage_id"]),
        }
        if citation is not None:
            card.update(reference=citation["reference"], url=citation.get("url") or passage_url(citation["passage_id"]))
            if citation.get("kind") == "heading":
                card.update(heading=True, quote=citation["quote"])
            else:
                # Two quotes of one passage are one card with both marked, not the same passage twice.
                same = next((c for c in cards if c.get("spans") and c["passage_id"] == passage["passage_id"]), None)
                span = (citation["quote_start"], citation["quote_end"], n)
                if same is not None:
                    same["spans"].append(span)
                    same["numbers"].append(n)
                    continue
                card.update(spans=[span], numbers=[n], passage_id=passage["passage_id"])
        cards.append(card)
    for card in cards:
        if card.get("spans"):
            card["segments"] = _segments(card["text"], sorted(card["spans"]))
    return render("citations.html", labels=LABELS[lang], cards=cards, abstained=result["abstained"], lang=lang)


def _segments(text: str, spans: list[tuple[int, int, int]]) -> list[tuple[str, int | None]]:
    """``text`` cut at its quotes' spans: each piece with the citation number of the quote it is, or None."""
    out: list[tuple[str, int | None]] = []
    at = 0
    for a, b, n in spans:
        if a < at:  # overlapping quotes: the later one is already marked as part of the earlier
            continue
        out += [(text[at:a], None), (text[a:b], n)]
        at = b
    return [*out, (text[at:], None)]


def _translated(item: dict[str, Any], lang: str) -> dict[str, Any]:
    return {**item, "title": titled(item["title"], item.get("title_en"), lang)}


def titled(title: str, title_en: str | None, lang: str) -> str:
    """A section title as an English reader sees it: the document's title, and beside it its translation,
    marked as one (it is not the document's text)."""
    return f"{title} (in English: {title_en})" if lang == "en" and title_en and title_en != title else title


def _english_path(item: dict[str, Any], lang: str) -> str:
    """The section path's English translation, for English readers; empty when Swedish or when a heading
    has no translation (a half-translated path would pass Swedish headings off as translated)."""
    return english_path_line(item.get("section_path") or [], item.get("section_path_en") or [], lang)


def english_path_line(path: list[str], path_en: list[str], lang: str) -> str:
    """``path_en`` joined for display, when the reader is English and every heading has a translation."""
    translated = len(path_en) == len(path) and all(en != sv for en, sv in zip(path_en, path, strict=True))
    return " › ".join(path_en) if lang == "en" and path and translated else ""


def render_outline(engine: Engine, doc_id: str, lang: str) -> str:
    """The document's sections as nested, expandable lists, each with its passages."""
    outline = engine.document_outline(doc_id)
    if outline is None:
        return ""

    def node(section: dict[str, Any]) -> dict[str, Any]:
        number = f"{section['number']} " if section["number"] else ""
        found = [p for p in (engine.passage(pid) for pid in section["passages"]) if p is not None]
        texts = [{"text": p["text"], "url": f"{p['url']}?lang={lang}"} for p in found]
        return {
            "label": number + titled(section["title"], section.get("title_en"), lang),
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


def render_crosswalk(crosswalk: dict[str, Any], lang: str) -> str:
    """Per regional × national document pair, a heatmap of areas × objectives (hover: level and score;
    click: evidence pairs with their reference lines, as the engine's crosswalk carries them) and per-area top lists."""
    pairs = [p for p in crosswalk.get("pairs", []) if p["areas"]]
    if not pairs:
        return ""
    level_names = {k: v.lower() for k, v in LEVEL_NAMES[lang].items()}
    return render(
        "crosswalk.html",
        lang=lang,
        labels=LABELS[lang],
        pairs=[_crosswalk_pair(pair, k, level_names, lang) for k, pair in enumerate(pairs)],
        not_linked=crosswalk.get("not_linked", []),
    )


def _crosswalk_pair(pair: dict[str, Any], k: int, level_names: dict[str, str], lang: str) -> dict[str, Any]:
    areas = [
        {
            **a,
            "title": titled(a["title"], a.get("title_en"), lang),
            "objectives": [{**o, "title": titled(o["title"], o.get("title_en"), lang)} for o in a["objectives"]],
        }
        for a in pair["areas"]
    ]
    numbers = sorted({o["number"] for o in areas[0]["objectives"]}, key=number_key)
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
                    "evidence": o["evidence"],
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
    text_ignored: bool = False,
) -> str:
    """The summary first, then per document and level the links with evidence and reference lines,
    then the targets with no link found; the download holds the same lists (``alignment_markdown``).
    ``text_ignored``: a file was analysed although text was pasted too, which the page says."""
    labels, names = LABELS[lang], LEVEL_NAMES[lang]
    groups = []
    for heading_text, levels in document_groups(result, lang):
        links = []
        for lv in ("clear", "possible"):
            for item in levels[lv]:
                title = titled(item["title"], item.get("title_en"), lang)
                heading = f"{item.get('label', item['number'])} {title} — {names[lv].lower()}"
                texts = [_pair_text(ev, labels) for ev in item["evidence"]]
                pairs = [
                    {
                        "proposal": ev["proposal_quote"],
                        "strategy": ev["strategy_quote"],
                        "reference": ev["reference"],
                        "url": ev.get("url") or passage_url(ev["passage_id"], ev["strategy_quote"]),
                        "text": text,
                    }
                    for ev, text in zip(item["evidence"], texts, strict=True)
                ]
                # What is copied into a memo quotes the document's own title only (no translation).
                own = f"{item.get('label', item['number'])} {item['title']} — {names[lv].lower()}"
                links.append({"level": lv, "heading": heading, "pairs": pairs, "text": "\n\n".join([own, *texts])})
        groups.append(
            {
                "heading": heading_text,
                # On screen an English reader also gets the titles' translations (the reports quote the documents).
                "clear": summary_cell([_translated(i, lang) for i in levels["clear"]]),
                "possible": summary_cell([_translated(i, lang) for i in levels["possible"]]),
                "links": links,
                "none": "; ".join(
                    f"{i.get('label', i['number'])} {titled(i['title'], i.get('title_en'), lang)}"
                    for i in levels["none"]
                )
                or "–",
            }
        )
    return render(
        "alignment.html",
        lang=lang,
        labels=labels,
        names=names,
        source=source or labels["pasted"],
        text_ignored=text_ignored,
        message=result["summary"]["message"],
        not_checked=result.get("not_checked", []),
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
