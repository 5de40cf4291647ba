"""The layers point one way: ingest ← retrieval ← app ← eval. Every import counts, also the lazy ones
inside functions (they hide a cycle, they do not remove it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LAYERS = ("ingest", "retrieval", "app", "eval")


def _imported_layers(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "strategiqa" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("layer", LAYERS)
def test_a_layer_imports_only_the_layers_below_it(layer: str) -> None:
    above = set(LAYERS[LAYERS.index(layer) + 1 :])
    offending = {
        str(path.relative_to(REPO)): sorted(_imported_layers(path) & above) for path in (REPO / layer).rglob("*.py")
    }
    assert not {k: v for k, v in offending.items() if v}


def test_the_check_sees_lazy_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from strategiqa.eval.harness import evaluate\n", encoding="utf-8")
    assert _imported_layers(module) == {"eval"}
