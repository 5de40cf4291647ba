"""Swedish-aware tokenising for lexical search: lower-case, stop words out, Snowball stemming."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .compounds import CompoundSplitter

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# Swedish stop words (Snowball list, abridged) plus the English ones that show up in questions.
STOP_WORDS = frozenset(
    """
    och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke
    mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut
    när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket
    sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras
    blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem
    vilket sitt sådana vart dina vars vårt våra ert era vilkas ska också finns samt bl ex t s k mej dej sej
    säger sägs säga sade
    the a an of and or to in on for is are was were be been what which who whom how why does do did
    about with by from as at that this these those it its there their they has have had can will
    would should say says said mentioned mention regarding according
    """.split()
)


def tokenize(text: str, compounds: CompoundSplitter | None = None, language: str = "sv") -> list[str]:
    """Stemmed, lower-cased content words; numbers are kept (years, counts, objective numbers).
    ``language`` (ISO 639-1) picks the Snowball stemmer (none for a language Snowball lacks); with
    ``compounds``, a Swedish compound's two parts follow it (see ``compounds``)."""
    stem = _stemmer(language)
    out = []
    for w in _TOKEN.findall(text.lower()):
        if w in STOP_WORDS:
            continue
        out.append(stem(w))
        if compounds is not None:
            out.extend(stem(part) for part in compounds.parts(w))
    return out


def stem(word: str, language: str) -> str:
    """``word`` (lower-cased) by the Snowball stemmer of ``language``; unchanged for a language Snowball lacks."""
    return _stemmer(language)(word)


_SNOWBALL = {
    "sv": "swedish", "en": "english", "da": "danish", "no": "norwegian", "nb": "norwegian", "nn": "norwegian",
    "fi": "finnish", "de": "german", "nl": "dutch", "fr": "french", "es": "spanish", "it": "italian",
    "pt": "portuguese",
}  # fmt: skip
_local = threading.local()


def _stemmer(language: str) -> Callable[[str], str]:
    """One Snowball stemmer per thread and language: PyStemmer objects must not be shared between threads."""
    name = _SNOWBALL.get(language.lower())
    if name is None:
        return _identity
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if name not in stemmers:
        import Stemmer

        stemmers[name] = Stemmer.Stemmer(name)
    return stemmers[name].stemWord


def _identity(word: str) -> str:
    return word
