"""The web-app bench runs end to end against a real server process through Gradio's queue (small counts:
its figures are read from `strategiqa bench`, not asserted here)."""

from __future__ import annotations

from strategiqa.app.settings import Settings
from strategiqa.eval.bench import bench_markdown
from strategiqa.eval.web_bench import run_web_bench


def test_web_bench_asks_through_the_queue_beside_a_proposal(real_settings: Settings) -> None:
    web = run_web_bench(real_settings, clients=2, questions_per_client=2)
    assert web["alone"]["n"] == web["with_proposal"]["n"] == 4
    assert web["analyses"] >= 1 and web["health_ms"]["n"] == 200
    assert web["p95_ratio"] > 0
    table = bench_markdown(
        {
            "ingest_cached_s": 1,
            "query_ms": {"p50": 1, "p95": 2},
            "questions_per_s": 1,
            "peak_rss_mb": 1,
            "align_2_pages": {"p50_s": 1, "words": 900},
            "web": web,
        }
    )
    assert "while another analyses a two-page proposal" in table and "GET /api/health" in table
