"""Bad input is answered in the user's language: every message the question and proposal checks raise has
a Swedish version, the API picks it by Accept-Language, the web app by its UI language."""

from __future__ import annotations

import io
import zipfile

import pytest
from fastapi.testclient import TestClient
from strategiqa.app.admission import BUSY
from strategiqa.app.engine import Engine
from strategiqa.app.messages import localise, preferred_language, swedish_message
from strategiqa.app.proposals import ProposalError, check_text, proposal_text
from strategiqa.app.settings import Settings
from strategiqa.app.validation import BadInput, validate_request
from strategiqa.retrieval.postgres import UNAVAILABLE


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_QUESTIONS = [None, "\ud800x", "a\x01b", "   ", "?!", "x" * 2001]
BAD_PROPOSALS = [
    (b"", "a.txt"),
    (b"plain text", "a.pdf"),
    (b"plain text", "a.docx"),
    (b"data", "a.odt"),
    (b"%PDF-1.4 broken", "a.pdf"),
    (b"\xff\xfe\x00\x00binary\x00", "a.bin"),
    (b"\xc3\x28 not utf8", "a.txt"),
    (b"PK\x03\x04 not a zip", "a.docx"),
    (_zip({"other.txt": b"x"}), "a.docx"),
    (b"Kort text.", "a.txt"),
]


def _messages() -> list[str]:
    settings = Settings()
    out = []
    for question in BAD_QUESTIONS:
        with pytest.raises(BadInput) as caught:
            validate_request(settings, question)
        out.append(str(caught.value))
    for bad in ({"mode": "fuzzy"}, {"top_k": 99}):
        with pytest.raises(BadInput) as caught:
            validate_request(settings, "Vad säger strategin?", **bad)
        out.append(str(caught.value))
    for data, name in BAD_PROPOSALS:
        with pytest.raises(ProposalError) as caught:
            proposal_text(data, name)
        out.append(str(caught.value))
    for text in ("", "x " * 100_001):
        with pytest.raises(ProposalError) as caught:
            check_text(text)
        out.append(str(caught.value))
    api_only = [  # the proposal endpoint's own checks (app/api.py)
        "The request body is not valid JSON.",
        "Send JSON with a string field 'text', or upload a file as multipart field 'file'.",
        "Send JSON {\"text\": …} or a multipart upload with a field 'file'.",
        "The multipart upload could not be read; send the file as field 'file'.",
        "The upload has no field 'file'; send the proposal as multipart field 'file'.",
    ]
    return [*out, *api_only, BUSY, UNAVAILABLE, "Unknown document id 'x'; known: a, b."]


def test_every_bad_input_message_has_a_swedish_version() -> None:
    messages = _messages()
    missing = [m for m in messages if swedish_message(m) is None]
    assert not missing, missing
    assert localise("The question is 2001 characters long; the limit is 2000.", "sv") == (
        "Frågan är 2001 tecken lång; gränsen är 2000 tecken."
    )
    assert localise(messages[0], "en") == messages[0]
    assert localise("Something nobody translated.", "sv") == "Something nobody translated."


def test_the_client_language_is_read_from_accept_language() -> None:
    assert preferred_language("sv-SE,sv;q=0.9,en;q=0.8") == "sv"
    assert preferred_language("en-GB,sv;q=0.5") == "en"
    assert preferred_language("de-DE") == "en" and preferred_language("") == "en"
    assert preferred_language("en;q=0.1, sv;q=0.9") == "sv" and preferred_language("de", default="sv") == "sv"


def test_the_api_answers_bad_input_in_swedish_when_asked(real_settings: Settings, real_engine: Engine) -> None:
    from strategiqa.app.api import create_app

    client = TestClient(create_app(real_settings, real_engine, ui=False))
    swedish = client.post("/api/ask", json={"question": "   "}, headers={"accept-language": "sv-SE"})
    assert swedish.status_code == 422 and swedish.json()["detail"].startswith("Frågan är tom")
    english = client.post("/api/ask", json={"question": "   "})
    assert english.status_code == 422 and english.json()["detail"].startswith("The question is empty")
    upload = client.post(
        "/api/align",
        files={"file": ("förslag.pdf", b"inte en pdf", "application/pdf")},
        headers={"accept-language": "sv"},
    )
    assert upload.status_code == 415 and upload.json()["detail"] == (
        "Filen förslag.pdf är ingen giltig PDF; spara den igen i det formatet eller skicka .txt."
    )
