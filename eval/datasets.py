"""Gold question sets in the format of the shared dev set (one JSON object a line)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    lang: str
    question: str
    quotes: tuple[str, ...]
    doc: str | None = None
    answerable: bool = True
    tags: tuple[str, ...] = field(default=())
    kind: str = "fact"
    """fact, paraphrase, overview, official, followup, near_miss or off_topic (unanswerable: near_miss
    asks the documents' topic for a fact they do not give; off_topic is outside them)."""
    expects: str | None = None
    """The kind of answer asked for: number, date, person, organisation, place, list, reason, description."""
    titles: tuple[str, ...] = ()
    """Overview questions: the section titles the answer should name."""
    previous_question: str | None = None
    """Follow-ups: the question asked before, which this one refers back to."""
    missing: str | None = None
    """Near-misses: what the documents do not give."""


class DatasetError(ValueError):
    """A dataset file is unreadable or malformed; the message names the line."""


def load_dataset(path: Path) -> list[GoldQuestion]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"Cannot read dataset {path} as UTF-8 text.") from exc
    questions = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            answerable = bool(row.get("answerable", True))
            questions.append(
                GoldQuestion(
                    id=str(row["id"]),
                    lang=str(row.get("lang", "sv")),
                    question=str(row["question"]),
                    quotes=tuple(row.get("quotes", [])),
                    doc=row.get("doc"),
                    answerable=answerable,
                    tags=tuple(row.get("tags", [])),
                    kind=str(row.get("kind") or ("fact" if answerable else "off_topic")),
                    expects=row.get("expects"),
                    titles=tuple(row.get("titles", [])),
                    previous_question=row.get("previous_question"),
                    missing=row.get("missing"),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise DatasetError(f"{path}:{n} is not a gold question (needs id, question, quotes).") from exc
        if answerable and not questions[-1].quotes:
            raise DatasetError(f"{path}:{n} is answerable but has no quotes.")
    return questions


def bundled_dataset(name: str = "dev.jsonl") -> Path:
    """Path of a dataset shipped in ``eval/data``."""
    return Path(str(resources.files("strategiqa.eval") / "data" / name))
