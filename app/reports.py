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


def alignment_markdown(result: dict[str, Any], top: int = 5) -> str:
    lines = ["# Förslagets koppling till strategierna", ""]
    for key, heading in (("regional", "Regionala insatsområden"), ("national", "Nationella målsättningar")):
        lines += [f"## {heading}", ""]
        for item in result[key][:top]:
            lines.append(f"### {item['number']} {item['title']} — {item['score']:.3f}")
            for ev in item["evidence"]:
                lines += [
                    "",
                    f"> **Förslaget:** {ev['proposal_quote']}  ",
                    f"> **Strategin:** {ev['strategy_quote']}  ",
                    f"> *{ev['passage_id']}, likhet {ev['score']:.3f}*",
                ]
            lines.append("")
    uncovered_regional = ", ".join(f"{i['number']} {i['title']}" for i in result["uncovered_regional"]) or "–"
    uncovered_national = ", ".join(f"{i['number']} {i['title']}" for i in result["uncovered_national"]) or "–"
    lines += [
        "## Inte berörda",
        "",
        f"**Regionala insatsområden:** {uncovered_regional}",
        "",
        f"**Nationella målsättningar:** {uncovered_national}",
        "",
    ]
    return "\n".join(lines)
