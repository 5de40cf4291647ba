"""What a manifest entry leaves out, read off its title and publisher: the place a document is about.

A user adding a document may give only its title and publisher ("Näringslivsprogram för <Ort> kommun", "Region
<Län>"). Questions name the place ("<Ort>s program", "in <Län>"), and without it in ``places`` they are neither routed
to the document nor told apart from questions about other places. The place is read from the words of an
organisation the title or publisher names (a region, a municipality, a county), generic words of Swedish and English
public administration, never a list of places.
"""

from __future__ import annotations

import re

__all__ = ["default_names", "default_places", "publisher_places"]

_BODY_BEFORE = ("region", "landstinget", "county of", "city of", "municipality of", "region of")
"""Words of a body written before its place's name ("Region <Län>", "City of <Stad>")."""
_BODY_AFTER = ("kommun", "stad", "län", "landsting", "county", "county council", "municipality", "city council")
"""Words of a body written after its place's name ("<Ort> kommun", "<Län>s län", "<County> County Council")."""
_NAME = r"[A-ZÅÄÖÉÜ][\w\-]*(?:\s+[A-ZÅÄÖÉÜ][\w\-]*){0,2}"
"""A proper name of one to three capitalised words (case-sensitive; only the body's words are matched in any case)."""
_BEFORE = re.compile(rf"\b(?i:{'|'.join(sorted(_BODY_BEFORE, key=len, reverse=True))})\s+({_NAME})")
_AFTER = re.compile(rf"\b({_NAME})\s+(?i:{'|'.join(sorted(_BODY_AFTER, key=len, reverse=True))})\b")


def default_places(title: str, publisher: str) -> tuple[str, ...]:
    """The places the title and publisher name as a body's ground: the body as written and its place's name
    ("Region <Län>", "<Län>"); empty when they name none (a ministry, a commission, a council of several countries)."""
    found: list[str] = []
    for text in (publisher, title):
        for pattern in (_BEFORE, _AFTER):
            for match in pattern.finditer(text):
                body, name = " ".join(match.group(0).split()), match.group(1)
                found += [body, name]
                if pattern is _AFTER and name.endswith("s"):
                    # "<Ort>s kommun", "<Län>s län": the genitive's base form too (a name may end in "s" itself).
                    found.append(name[:-1])
    return tuple(dict.fromkeys(found))


def default_names(title: str, language: str, taken: set[str]) -> tuple[str, ...]:
    """How questions name a document its manifest entry gives no names for: its title's head noun ("Innovationsstrategi
    för …", "Näringslivsprogram för …": the word before the first preposition), with the definite forms a Swedish
    question uses ("innovationsstrategin", "näringslivsprogrammet"). Only a compound (a long word) that no other
    document goes by (``taken``: their names, lower-cased): "strategin" alone would name any strategy."""
    words = _HEAD_PHRASE.match(title.strip())
    if words is None:
        return ()
    phrase = words.group(1).split()
    # "Life science-strategi för …": a compound written with a hyphen takes the words it joins.
    head = " ".join(phrase[-2:] if "-" in phrase[-1] and len(phrase) > 1 else phrase[-1:]).casefold()
    if len(head) < _LONG_HEAD or not head.replace("-", "").replace(" ", "").isalpha():
        return ()
    forms = [head]
    if language == "sv":
        forms += [head + "n", head + "t"] if head[-1] in "aeiouyåäö" else [head + "en", head + "et"]
        if head.endswith("m"):
            forms.append(head + "met")  # "program" → "programmet"
    return tuple(f for f in forms if f not in taken)


_HEAD_PHRASE = re.compile(r"((?:\S+\s+){0,3}?\S+?)\s+(?:för|for|of|i|in|till|to)\s", re.IGNORECASE)
"""A title's words before its first preposition: the head noun is the last of them."""
_LONG_HEAD = 10
"""Letters: a head noun this long is a compound naming one kind of document ("näringslivsprogram"), not "plan"."""


def publisher_places(publisher: str, taken: set[str]) -> tuple[str, ...]:
    """The publisher as a body a question may name the document by ("the <Health Council>'s strategy"): its name, and
    for a name of three words or more its last two ("<Region> Health Council" → "Health Council"); none another document
    already goes by (``taken``: every document's names, cues and places, lower-cased)."""
    words = publisher.split()
    forms = [" ".join(words)] + ([" ".join(words[-2:])] if len(words) >= 3 else [])
    return tuple(f for f in dict.fromkeys(forms) if f and f.casefold() not in taken)
