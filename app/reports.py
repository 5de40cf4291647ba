"""Markdown reports officials can paste into a memo: the crosswalk and proposal alignments."""

from __future__ import annotations

from typing import Any


def crosswalk_markdown(crosswalk: dict[str, Any], top: int = 5) -> str:
    lines = [
        "# Koppling region–nation",
        "",
        "Hur varje insatsområde i *Agenda för västsvensk life science* hänger ihop med målsättningarna i "
        "*En nationell strategi för life science*, med ordagranna belägg ur båda dokumenten.",
        "",
    ]
    for area in crosswalk["areas"]:
        lines += [f"## {area['number']}. {area['title']}", ""]
        for o in area["objectives"][:top]:
            clear = "tydlig koppling" if o["linked"] else "svag koppling"
            lines.append(f"### {o['number']} {o['title']} — {o['score']:.2f} ({clear})")
            for ev in o["evidence"]:
                lines += [
                    "",
                    f"> **Region:** {ev['regional_quote']}  ",
                    f"> **Nation:** {ev['national_quote']}  ",
                    f"> *{ev['regional_passage_id']} ↔ {ev['national_passage_id']}, likhet {ev['score']:.3f}*",
                ]
            lines.append("")
    return "\n".join(lines)


LEVEL_NAMES = {
    "sv": {"clear": "Tydlig koppling", "possible": "Möjlig koppling", "none": "Ingen koppling hittad"},
    "en": {"clear": "Clear link", "possible": "Possible link", "none": "No link found"},
}
DOCUMENT_HEADINGS = {
    "sv": {"regional": "Regionala insatsområden", "national": "Nationella målsättningar"},
    "en": {"regional": "Regional focus areas", "national": "National objectives"},
}


def by_level(result: dict[str, Any], kind: str) -> dict[str, list[dict[str, Any]]]:
    """One document's targets grouped by level, each group in score order: what every view lists."""
    return {lv: [item for item in result[kind] if item["level"] == lv] for lv in ("clear", "possible", "none")}


def alignment_markdown(result: dict[str, Any], lang: str = "sv") -> str:
    """The report: a summary table, then per document and level the links with their evidence and
    reference lines, then the targets with no link found. The same lists as the screen."""
    names, headings = LEVEL_NAMES[lang], DOCUMENT_HEADINGS[lang]
    title = "Förslagets koppling till strategierna" if lang == "sv" else "How the proposal links to the strategies"
    lines = [f"# {title}", ""]
    if result["summary"]["message"]:
        lines += [result["summary"]["message"], ""]
    lines += [f"| | {names['clear']} | {names['possible']} |", "|---|---|---|"]
    for kind in ("regional", "national"):
        groups = by_level(result, kind)
        cells = [", ".join(i["number"] for i in groups[lv]) or "–" for lv in ("clear", "possible")]
        lines.append(f"| {headings[kind]} | {cells[0]} | {cells[1]} |")
    lines.append("")
    proposal, strategy = ("Förslaget", "Strategin") if lang == "sv" else ("Proposal", "Strategy")
    for kind in ("regional", "national"):
        groups = by_level(result, kind)
        lines += [f"## {headings[kind]}", ""]
        for lv in ("clear", "possible"):
            for item in groups[lv]:
                lines += [f"### {item['number']} {item['title']} — {names[lv].lower()}", ""]
                for ev in item["evidence"]:
                    lines += [
                        f"> **{proposal}:** {ev['proposal_quote']}  ",
                        f"> **{strategy}:** {ev['strategy_quote']}  ",
                        f"> *{ev['reference']}*",
                        "",
                    ]
        none = "; ".join(f"{i['number']} {i['title']}" for i in groups["none"]) or "–"
        lines += [f"**{names['none']}:** {none}", ""]
    return "\n".join(lines)
