"""Files of labelled data embedded with one model (the question bank, the proposal check's example bank): where they
live, and how they are written and read. A bank belongs to the model that embedded it and is never read for another."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
from strategiqa.ingest.files import write_atomically


def sibling_file(calibration_file: Path, what: str, model_id: str) -> Path:
    """A model's file of ``what`` beside the calibration file (``calibration.<what>.<model>.npz``)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", model_id).strip("-")
    return calibration_file.with_name(f"{calibration_file.stem}.{what}.{slug}.npz")


def unit_length(vectors: np.ndarray) -> np.ndarray:
    """``vectors`` (one, or one per row) scaled to length 1 as float32; a zero vector stays zero."""
    array = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(array, axis=-1, keepdims=True)
    return array / np.where(norms == 0, 1, norms)


def write_bank(path: Path, model_id: str, **arrays: np.ndarray) -> None:
    """Written atomically: a reader sees the old bank or the new one, never half of one."""
    buffer = io.BytesIO()
    named: dict[str, Any] = {"model_id": np.asarray(model_id), **arrays}  # numpy types the keywords as its options
    np.savez_compressed(buffer, **named)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, buffer.getvalue())


def read_bank(path: Path, model_id: str) -> dict[str, np.ndarray] | None:
    """The arrays at ``path`` if the file exists, is readable and belongs to ``model_id``; else None."""
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["model_id"]) != model_id:
                return None
            return {name: data[name] for name in data.files}
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None
