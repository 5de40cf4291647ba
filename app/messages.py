"""Error messages in the user's language. Every check states its message once, in English (the API's and
the log's language); this catalogue gives each one in Swedish, so the web app (in its UI language) and
the API (by ``Accept-Language``) answer Swedish users in Swedish. A message without an entry stays English:
``tests/app/test_messages.py`` makes every message the entry points raise have one."""

from __future__ import annotations

import re

_SWEDISH: list[tuple[str, str]] = [
    # Questions (validation.py)
    (r"The question must be text\.", "Frågan måste vara text."),
    (
        r"The question is not valid UTF-8 text; send it as UTF-8\.",
        "Frågan är inte giltig UTF-8-text; skicka den som UTF-8.",
    ),
    (
        r"The question contains control characters; send plain text\.",
        "Frågan innehåller styrtecken; skicka vanlig text.",
    ),
    (
        r"The question is empty; write a question about the strategy documents\.",
        "Frågan är tom; skriv en fråga om strategidokumenten.",
    ),
    (
        r"The question has no words; write a question about the strategy documents\.",
        "Frågan innehåller inga ord; skriv en fråga om strategidokumenten.",
    ),
    (
        r"The question is (?P<n>[\d,]+) characters long; the limit is (?P<limit>[\d,]+)\.",
        "Frågan är {n} tecken lång; gränsen är {limit} tecken.",
    ),
    (r"Unknown mode (?P<mode>.+); use one of (?P<modes>.+)\.", "Okänt sökläge {mode}; använd något av {modes}."),
    (r"top_k must be between 1 and 20\.", "top_k måste vara mellan 1 och 20."),
    (
        r"Unknown document id (?P<id>.+); known: (?P<known>.+)\.",
        "Okänt dokument-id {id}; kända: {known}.",
    ),
    (r"Choose at least one document to search\.", "Välj minst ett dokument att söka i."),
    # Proposals (proposals.py, api.py) and the PDF reader they use (ingest/load.py)
    (
        r"The (?:file|upload) is larger than 10 MB; send a shorter document\.",
        "Filen är större än 10 MB; skicka ett kortare dokument.",
    ),
    (r"The file is empty; send a proposal with text\.", "Filen är tom; skicka ett förslag med text."),
    (
        r"The file (?P<name>.*) is not a valid PDF; save it again in that format or send \.txt\.",
        "Filen {name} är ingen giltig PDF; spara den igen i det formatet eller skicka .txt.",
    ),
    (
        r"The file (?P<name>.*) is not a valid Word document \(\.docx\); save it again in that format or send \.txt\.",
        "Filen {name} är inget giltigt Word-dokument (.docx); spara den igen i det formatet eller skicka .txt.",
    ),
    (
        r"Unsupported file type(?: \((?P<suffix>[^)]*)\))?; send \.txt, \.md, \.pdf or \.docx\.",
        "Filtypen {suffix}stöds inte; skicka .txt, .md, .pdf eller .docx.",
    ),
    (r"The proposal must be text\.", "Förslaget måste vara text."),
    (
        r"The proposal is not valid UTF-8 text; send it as UTF-8\.",
        "Förslaget är inte giltig UTF-8-text; skicka det som UTF-8.",
    ),
    (
        r"The proposal has no text; paste or upload the proposal itself\.",
        "Förslaget saknar text; klistra in eller ladda upp själva förslaget.",
    ),
    (
        r"The proposal is (?P<n>[\d,]+) characters long; the limit is (?P<limit>[\d,]+)\.",
        "Förslaget är {n} tecken långt; gränsen är {limit} tecken.",
    ),
    (
        r"The proposal is too short to check \(fewer than (?P<n>\d+) words\); describe what the project will do\.",
        "Förslaget är för kort för att bedöma (färre än {n} ord); beskriv vad projektet ska göra.",
    ),
    (
        r"The file is neither UTF-8 text, PDF nor \.docx; send \.txt, \.md, \.pdf or \.docx\.",
        "Filen är varken UTF-8-text, PDF eller .docx; skicka .txt, .md, .pdf eller .docx.",
    ),
    (
        r"The file looks like a \.docx but is damaged; save it again and retry\.",
        "Filen ser ut som en .docx men är skadad; spara den igen och försök på nytt.",
    ),
    (
        r"The \.docx inflates to an implausible size; it was not opened\.",
        "Filen .docx packas upp till en orimlig storlek; den öppnades inte.",
    ),
    (
        r"The zip file is not a Word document; send \.txt, \.md, \.pdf or \.docx\.",
        "Zip-filen är inget Word-dokument; skicka .txt, .md, .pdf eller .docx.",
    ),
    (
        r"The \.docx could not be read; it may be damaged\.",
        "Filen .docx gick inte att läsa; den kan vara skadad.",
    ),
    (
        r"The PDF is encrypted; remove the password and retry\.",
        "PDF-filen är krypterad; ta bort lösenordet och försök igen.",
    ),
    (
        r"The PDF could not be read as a PDF \((?P<error>[^)]*)\); it may be damaged\.",
        "PDF-filen gick inte att läsa ({error}); den kan vara skadad.",
    ),
    (r"The PDF has no pages\.", "PDF-filen har inga sidor."),
    (
        r"The PDF has no extractable text \(a scanned PDF\?\); run OCR on it first\.",
        "PDF-filen har ingen text att läsa ut (en skannad PDF?); kör OCR på den först.",
    ),
    # Proposal requests (api.py)
    (r"The request body is not valid JSON\.", "Förfrågan är inte giltig JSON."),
    (
        r"Send JSON with a string field 'text', or upload a file as multipart field 'file'\.",
        "Skicka JSON med textfältet 'text', eller ladda upp en fil som multipart-fältet 'file'.",
    ),
    (
        r"Send JSON \{\"text\": …\} or a multipart upload with a field 'file'\.",
        "Skicka JSON {{\"text\": …}} eller en multipart-uppladdning med fältet 'file'.",
    ),
    (
        r"The multipart upload could not be read; send the file as field 'file'\.",
        "Multipart-uppladdningen gick inte att läsa; skicka filen som fältet 'file'.",
    ),
    (
        r"The upload has no field 'file'; send the proposal as multipart field 'file'\.",
        "Uppladdningen saknar fältet 'file'; skicka förslaget som multipart-fältet 'file'.",
    ),
    # Capacity (middleware.py, the web app's queue)
    (r"The service is busy; retry in a few seconds\.", "Tjänsten är upptagen; försök igen om några sekunder."),
    (
        r"The index database cannot be reached right now; please try again in a moment\.",
        "Indexdatabasen går inte att nå just nu; försök igen om en liten stund.",
    ),
]
_CATALOGUE = [(re.compile(pattern), swedish) for pattern, swedish in _SWEDISH]


def localise(message: str, lang: str) -> str:
    """``message`` in ``lang`` (``sv`` or ``en``); English when the catalogue has no Swedish for it."""
    if lang != "sv":
        return message
    swedish = swedish_message(message)
    return swedish if swedish is not None else message


def swedish_message(message: str) -> str | None:
    """The Swedish of an English message from the catalogue, or None when it has no entry."""
    for pattern, swedish in _CATALOGUE:
        found = pattern.fullmatch(message.strip())
        if found:
            values = {k: (v or "") for k, v in found.groupdict().items()}
            if values.get("suffix"):
                values["suffix"] += " "
            return swedish.format(**values)
    return None


def preferred_language(accept_language: str, default: str = "en") -> str:
    """``sv`` or ``en`` from an ``Accept-Language`` header: of the two, the one the client weighs highest
    (``q``; the earlier on a tie); ``default`` (the API's English) when it lists neither."""
    ranked = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().lower().partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        language = "sv" if tag.startswith("sv") else "en" if tag.startswith("en") else None
        if language and weight > 0:
            ranked.append((-weight, position, language))
    return min(ranked)[2] if ranked else default
