"""Parse a cleaned document's heading blocks into a section tree, without knowing the document.

Levels come from three generic signals, strongest first:
1. heading numbers (``4.`` is a sibling of ``3.``, ``4.1`` a child of ``4.``), even when the
   Markdown marks them at inconsistent levels (``## 3.`` then ``#### 4.``);
2. Markdown heading depth relative to the enclosing heading (``##### MÅLBILD`` under ``#### 4.``);
3. in plain text, an unnumbered heading sits one level below the last numbered one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .clean import NOUN_NUMBERED_HEADING, Block
from .model import Section

_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")


def parse_sections(
    blocks: list[Block], text_length: int, doc_title: str, contents: tuple[str, ...] = ()
) -> list[Section]:
    """Build the section tree; text before the first heading becomes a section named after the document."""
    headings = [b for b in blocks if b.kind == "heading"]
    numbering = heading_numbers([h.text for h in headings])
    # A first heading that repeats the document's title, with every other heading marked up deeper, is the
    # title page, not the parent of the whole document: its sections stand at the top.
    if headings and _is_title(headings[0], headings[1:], doc_title):
        levels = [1, *_assign_levels(headings[1:], numbering[1:], contents)]
    else:
        levels = _assign_levels(headings, numbering, contents)
    roots: list[Section] = []
    stack: list[Section] = []
    first_heading_start = headings[0].start if headings else text_length
    has_preamble = any(b.kind != "heading" and b.start < first_heading_start for b in blocks)
    if has_preamble:
        roots.append(Section("preamble", None, doc_title, 1, 0, first_heading_start, 0))
    used_ids: set[str] = {"preamble"}
    for block, level, (number, title) in zip(headings, levels, numbering, strict=True):
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        section = Section(
            id=_unique_id(number, title, parent, used_ids),
            number=number,
            title=title,
            level=level,
            start=block.start,
            end=text_length,
            body_start=block.end,
        )
        (parent.children if parent else roots).append(section)
        stack.append(section)
    _close_spans(roots, text_length)
    _set_paths(roots, ())
    return _drop_empty_leaves(roots, blocks)


def heading_numbers(headings: list[str]) -> list[tuple[str | None, str]]:
    """Each heading's number and title. A number after a noun ("Strategiområde 2: <title>") counts when the
    document numbers at least two headings with that noun: a series of areas, not one "Bilaga 1"."""
    nouns = [m.group(1).casefold() if (m := NOUN_NUMBERED_HEADING.match(h.strip())) else None for h in headings]
    series = {n for n in nouns if n is not None and nouns.count(n) >= 2}
    out: list[tuple[str | None, str]] = []
    for heading, noun in zip(headings, nouns, strict=True):
        m = NOUN_NUMBERED_HEADING.match(heading.strip()) if noun in series else None
        out.append((m.group(2), m.group(3).strip()) if m else split_number(heading))
    return out


def number_key(number: str) -> tuple[int, ...]:
    """A section number as a sort key: ``"4.10"`` after ``"4.9"``, a letter by its place in the alphabet ("B" = 2)."""
    return tuple(int(x) if x.isdigit() else ord(x.upper()) - 64 for x in number.split(".") if x)


def split_number(heading: str) -> tuple[str | None, str]:
    """``"4.1 Fler kliniska prövningar"`` → ``("4.1", "Fler kliniska prövningar")``."""
    m = _NUMBER.match(heading.strip())
    if m:
        return m.group(1), m.group(2).strip()
    return None, heading.strip()


def section_label(number: str | None, title: str) -> str:
    """How a reader cites a heading: ``1. Strukturer för samverkan``, ``4.1 Fler kliniska prövningar``."""
    if number is None:
        return title
    return f"{number}{'' if '.' in number else '.'} {title}"


@dataclass
class _Open:
    md_level: int | None
    level: int
    numbered_depth: int | None


def repeats_title(heading: str, doc_title: str) -> bool:
    """Whether ``heading`` is the document's title: the one starts with the other, words compared (a title
    heading often adds the years, "<title> 2027–2032")."""
    head, title = _plain(heading), _plain(doc_title)
    return bool(head) and bool(title) and (head.startswith(title) or title.startswith(head))


def _is_title(first: Block, rest: list[Block], doc_title: str) -> bool:
    """Whether ``first`` is the document's title marked up above every later heading."""
    if first.md_level is None or not repeats_title(first.text, doc_title):
        return False
    return all(b.md_level is not None and b.md_level > first.md_level for b in rest)


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _assign_levels(
    headings: list[Block], numbering: list[tuple[str | None, str]], contents: tuple[str, ...] = ()
) -> list[int]:
    levels: list[int] = []
    stack: list[_Open] = []
    level_of_depth: dict[int, int] = {}
    # Plain text marks its main parts by capitals ("INLEDNING", "VÅRA MÅL"): a capitals heading that occurs once, in
    # a document whose earlier main parts are set so, is a main part again after the numbered goals ("ÅTGÄRDER"),
    # while one repeated under every area ("MÅLBILD", "BEHOV") is a part of each.
    counts = Counter(block.text.strip() for block in headings)
    capitals_at_top = False
    # A table of contents lists the main parts: an unnumbered heading it lists is one, also after the numbered goals
    # ("Implementation and governance" after action 5.3), where it would otherwise sit below the last of them.
    main_parts = {_plain(title) for title in contents if not split_number(title)[0]}
    # Without one: where every numbered area has the same parts ("Nuläge", "Vi vill", "Insatser"), an unnumbered
    # heading that occurs once, after the last area's parts, ends the areas ("Uppföljning", "Kontakt").
    recurring = {t for t, n in counts.items() if n > 1}
    top_depth = min((n.count(".") + 1 for n, _ in numbering if n), default=None)
    last_area = max((i for i, (n, _) in enumerate(numbering) if n and n.count(".") + 1 == top_depth), default=None)
    parts_seen_after_last_area = False
    for i, (block, (number, _)) in enumerate(zip(headings, numbering, strict=True)):
        depth = number.count(".") + 1 if number else None
        after_last_area = last_area is not None and i > last_area
        parts_seen_after_last_area |= after_last_area and block.text.strip() in recurring
        if depth is not None:
            if depth in level_of_depth:
                level = level_of_depth[depth]
            elif depth - 1 in level_of_depth:
                level = level_of_depth[depth - 1] + 1
            else:
                level = _level_from_markup(stack, block.md_level) if block.md_level else depth
            # Deeper numbering levels re-anchor below this one.
            level_of_depth = {d: lv for d, lv in level_of_depth.items() if d <= depth}
            level_of_depth[depth] = level
        elif block.md_level is not None:
            level = _level_from_markup(stack, block.md_level)
        else:
            numbered = [o for o in stack if o.numbered_depth is not None]
            level = numbered[-1].level + 1 if numbered else 1
            capitals = block.text.strip().isupper() and counts[block.text.strip()] == 1
            closing = parts_seen_after_last_area and counts[block.text.strip()] == 1 and block.md_level is None
            if (capitals and capitals_at_top) or _plain(block.text) in main_parts or closing:
                level = 1
            capitals_at_top = capitals_at_top or (capitals and level == 1)
        while stack and stack[-1].level >= level:
            stack.pop()
        stack.append(_Open(block.md_level, level, depth))
        levels.append(level)
    return levels


def _level_from_markup(stack: list[_Open], md_level: int | None) -> int:
    """One below the nearest open heading marked up shallower than this one."""
    for open_heading in reversed(stack):
        if open_heading.md_level is not None and md_level is not None and open_heading.md_level < md_level:
            return open_heading.level + 1
    return 1


def _unique_id(number: str | None, title: str, parent: Section | None, used: set[str]) -> str:
    if number is not None:
        base = number
    else:
        slug = _slug(title)[:40].strip("-") or "section"
        base = f"{parent.id}_{slug}" if parent is not None else slug
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _close_spans(sections: list[Section], parent_end: int) -> None:
    for i, section in enumerate(sections):
        section.end = sections[i + 1].start if i + 1 < len(sections) else parent_end
        _close_spans(section.children, section.end)


def _set_paths(sections: list[Section], prefix: tuple[str, ...]) -> None:
    for section in sections:
        section.path = (*prefix, section_label(section.number, section.title))
        _set_paths(section.children, section.path)


def _drop_empty_leaves(sections: list[Section], blocks: list[Block]) -> list[Section]:
    """Unnumbered headings with no text of their own (``Målsättningar``) are labels, not sections."""
    kept = []
    for section in sections:
        section.children = _drop_empty_leaves(section.children, blocks)
        has_body = any(b.kind != "heading" and section.body_start <= b.start < section.end for b in blocks)
        if section.number is None and not section.children and not has_body:
            continue
        kept.append(section)
    return kept
