"""Swedish-aware tokenising for lexical search: lower-case, stop words out, Snowball stemming."""

from __future__ import annotations

import re
import threading
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
    vilket sitt sådana vart dina vars vårt våra ert era vilkas ska också finns samt bl ex t s k
    the a an of and or to in on for is are was were be been what which who whom how why does do did
    about with by from as at that this these those it its there their they has have had can will
    would should say says said mentioned mention regarding according
    """.split()
)


def tokenize(text: str, compounds: CompoundSplitter | None = None) -> list[str]:
    """Stemmed, lower-cased content words; numbers are kept (years, counts, objective numbers).
    With ``compounds``, a compound's two parts follow it (see ``compounds``)."""
    stemmer = _stemmer()
    out = []
    for w in _TOKEN.findall(text.lower()):
        if w in STOP_WORDS:
            continue
        out.append(stemmer.stemWord(w))
        if compounds is not None:
            out.extend(stemmer.stemWord(part) for part in compounds.parts(w))
    return out


_local = threading.local()


def _stemmer():  # type: ignore[no-untyped-def]
    """One Snowball stemmer per thread: PyStemmer objects must not be shared between threads."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _local.stemmer = Stemmer.Stemmer("swedish")
    return stemmer
