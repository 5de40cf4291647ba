"""Any strategy document, any role: an EU strategy added through the manifest alone ingests, is searchable,
and a question naming it is routed to it (real model, real index built in the test)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from strategiqa.app.engine import Engine, ingest
from strategiqa.app.settings import Settings

EU_STRATEGY = """# EU:s strategi för hälsodata

## 1. Ett europeiskt hälsodataområde

Medlemsstaterna ska göra hälsodata tillgängliga för forskning genom gemensamma regler och säkra miljöer.
Varje land inrättar ett organ som beviljar tillgång till hälsodata för sekundär användning.

## 2. Läkemedel

Unionen ska minska beroendet av tillverkning utanför Europa och säkra tillgången till kritiska läkemedel.
"""

EU_ENTRY = """
[[documents]]
id = "eu-halsodata"
file = "eu.md"
title = "EU:s strategi för hälsodata"
short_title = "EU-strategin för hälsodata"
publisher = "Europeiska kommissionen"
year = 2025
role = "eu"
language = "sv"
places = ["Europa", "Europe", "EU"]
names = ["EU-strategin", "EU strategy"]
cues = ["kommissionen", "Commission"]
"""


def _engine_with(settings: Settings, file: str, text: str, entry: str) -> Engine:
    """The mini corpus plus one document (its file and manifest entry), ingested with the real model."""
    (settings.corpus_dir / file).write_text(text, encoding="utf-8")
    with (settings.corpus_dir / "manifest.toml").open("a", encoding="utf-8") as manifest:
        manifest.write(entry)
    ingest(settings, progress=False)
    return Engine.open(settings)


def test_an_eu_strategy_is_ingested_searchable_and_named_questions_route_to_it(mini_settings: Settings) -> None:
    engine = _engine_with(mini_settings, "eu.md", EU_STRATEGY, EU_ENTRY)
    assert {d.info.doc_id: d.info.kind for d in engine.index.documents}["eu-halsodata"] == "eu"
    assert engine.router.named("Vad säger EU-strategin om hälsodata?") == "eu-halsodata"
    assert engine.router.strip_names("Vad säger EU-strategin om hälsodata?") == "Vad säger om hälsodata?"
    result = engine.ask("Vad säger EU-strategin om hälsodata?")
    assert result["passages"][0]["passage_id"].startswith("eu-halsodata:")
    assert result["citations"] and result["citations"][0]["passage_id"].startswith("eu-halsodata:")
    # Without the name, the national strategy's own health-data passage is still found.
    plain = engine.ask("Vad säger strategin om hälsodata?", docs=["mini-strategi"])
    assert plain["passages"][0]["passage_id"].startswith("mini-strategi:")
    # The outline and the documents list carry it with its role.
    assert engine.document_outline("eu-halsodata") is not None
    # The proposal check scores its numbered goals too, under its own title, in every view; none is "not checked".
    from strategiqa.app.reports import alignment_markdown, document_groups

    result = engine.align(
        "Vi bygger en säker miljö där forskare får tillgång till hälsodata för sekundär användning. "
        "Ett regionalt organ beviljar tillgången enligt gemensamma regler."
    )
    assert [(i["number"], i["doc_id"]) for i in result["other"]] and {i["doc_id"] for i in result["other"]} == {
        "eu-halsodata"
    }
    assert sorted(i["number"] for i in result["other"]) == ["1", "2"]
    assert all(i["level"] in {"clear", "possible", "none"} for i in result["other"])
    assert result["other"][0]["number"] == "1"  # the health-data area ranks first
    assert not result["not_checked"]
    headings = [heading for heading, _ in document_groups(result, "sv")]
    assert "EU-strategin för hälsodata" in headings
    assert "## EU-strategin för hälsodata" in alignment_markdown(result, "sv")
    # The crosswalk pairs regional and national documents: it names the EU strategy it leaves out, in every view.
    from strategiqa.app.reports import crosswalk_markdown
    from strategiqa.app.ui_render import render_crosswalk

    crosswalk = engine.crosswalk
    assert [d["doc_id"] for d in crosswalk["not_linked"]] == ["eu-halsodata"]
    assert "Inte med i kopplingen (varken regional eller nationell): EU:s strategi för hälsodata (eu)." in (
        crosswalk_markdown(crosswalk)
    )
    assert "Not in the crosswalk (neither regional nor national): EU:s strategi för hälsodata (eu)" in (
        render_crosswalk(crosswalk, "en")
    )


def test_a_manifest_role_is_free_text_but_not_empty_and_ids_are_unique(tmp_path: Path) -> None:
    import pytest
    from strategiqa.ingest.load import IngestError, read_manifest

    entry = '[[documents]]\nid = "{id}"\nfile = "a.md"\ntitle = "A"\npublisher = "P"\nyear = 2025\nrole = "{role}"\n'
    manifest = tmp_path / "manifest.toml"
    manifest.write_text(entry.format(id="a", role="municipal"), encoding="utf-8")
    assert read_manifest(tmp_path)[0].kind == "municipal"
    manifest.write_text(entry.format(id="a", role=" "), encoding="utf-8")
    with pytest.raises(IngestError, match="empty role"):
        read_manifest(tmp_path)
    manifest.write_text(entry.format(id="a", role="eu") + entry.format(id="a", role="eu"), encoding="utf-8")
    with pytest.raises(IngestError, match="repeats an id"):
        read_manifest(tmp_path)


def test_profile_aliases_are_read_and_a_malformed_table_is_none(tmp_path: Path) -> None:
    from strategiqa.ingest.load import read_profile

    (tmp_path / "manifest.toml").write_text('[profile]\naliases = { Bryssel = "EU", "" = "x" }\n', encoding="utf-8")
    assert read_profile(tmp_path).aliases == {"Bryssel": "EU"}
    (tmp_path / "manifest.toml").write_text('[profile]\naliases = ["Bryssel"]\n', encoding="utf-8")
    assert read_profile(tmp_path).aliases == {}


def test_the_web_app_names_the_corpus_documents_and_examples_from_the_profile(tmp_path: Path) -> None:
    from strategiqa.app.ui import _header
    from strategiqa.ingest.load import read_manifest, read_profile

    corpus = Path(__file__).resolve().parents[2] / "corpus"
    infos = read_manifest(corpus)
    header = _header("en", infos)
    assert all(f"*{i.title}* ({i.publisher} {i.year})" in header for i in infos)
    assert len(read_profile(corpus).examples) >= 4
    assert read_profile(tmp_path).examples == ()  # no manifest: no examples, no error


SKANE_AGENDA = """# Life science-strategi för Skåne

## 1. Hälsodata och forskning

Skåne ska använda hälsodata för forskning och göra registren tillgängliga för företag och universitet.

## 2. Företagande

Fler life science-bolag ska växa i Skåne med stöd av inkubatorer och riskkapital.
"""

SKANE_ENTRY = """
[[documents]]
id = "skane-2025"
file = "skane.md"
title = "Life science-strategi för Skåne"
publisher = "Region Skåne"
year = 2025
role = "regional"
places = ["Skåne", "Scania"]
names = ["Skånestrategin"]
"""


def test_a_second_region_gets_its_own_crosswalk_section_and_is_found_by_its_place(mini_settings: Settings) -> None:
    engine = _engine_with(mini_settings, "skane.md", SKANE_AGENDA, SKANE_ENTRY)
    pairs = engine.crosswalk["pairs"]
    assert sorted(p["regional"]["doc_id"] for p in pairs) == ["mini-agenda", "skane-2025"]
    area_ids = [a["id"] for p in pairs for a in p["areas"]]
    assert len(area_ids) == len(set(area_ids)) and "skane-2025:1" in area_ids and "mini-agenda:1" in area_ids
    # A question naming the region's place is answered from its document, which the citation names.
    result = engine.ask("Hur ska hälsodata användas i Skåne?")
    assert result["citations"][0]["passage_id"].startswith("skane-2025:")
    assert result["citations"][0]["doc_title"] == "Life science-strategi för Skåne"
    # Scoped to the original documents, the new one is never cited.
    scoped = engine.ask("Hur ska hälsodata användas i Skåne?", docs=["mini-agenda", "mini-strategi"])
    assert not any(c["passage_id"].startswith("skane-2025:") for c in scoped["citations"])
    # The proposal check keeps the two regions' areas apart by document.
    aligned = engine.align("Vi vill göra hälsodata tillgängliga för forskning i Skåne och stödja nya bolag.")
    labels = {item["label"] for item in aligned["regional"]}
    assert "Life science-strategi för Skåne 1" in labels and "Miniagenda för life science 1" in labels
    assert {item["label"] for item in aligned["national"]} == {item["number"] for item in aligned["national"]}
    ids = [item["id"] for item in aligned["regional"]]
    assert len(ids) == len(set(ids)) and {item["doc_id"] for item in aligned["regional"]} == {
        "mini-agenda",
        "skane-2025",
    }
    # Screen, Markdown and Word group the regional targets by document, each under its own heading.
    from strategiqa.app.reports import alignment_docx, alignment_markdown, document_groups
    from strategiqa.app.ui_render import render_alignment

    headings = [heading for heading, _ in document_groups(aligned, "sv")]
    assert headings == [
        "Regionala insatsområden: Miniagenda för life science",
        "Regionala insatsområden: Life science-strategi för Skåne",
        "Nationella målsättningar",
    ] or headings == [
        "Regionala insatsområden: Life science-strategi för Skåne",
        "Regionala insatsområden: Miniagenda för life science",
        "Nationella målsättningar",
    ]
    for heading, groups in document_groups(aligned, "sv")[:2]:
        name = heading.split(": ", 1)[1]
        assert all(i["document"] == name for lv in groups.values() for i in lv)
    markdown, screen = alignment_markdown(aligned, "sv"), render_alignment(aligned, "sv")
    word = docx.Document(io.BytesIO(alignment_docx(aligned, engine.strategy_documents(), "test", "sv")))
    word_headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading 1")]
    for heading in headings:
        assert f"## {heading}" in markdown and heading in screen and heading in word_headings


ENGLISH_PLAN = """# Health innovation plan for the Nordic test region

## 1. Clinical research

Hospitals will be running more clinical trials, and researchers are recruiting patients across the region.
"""


def test_each_document_is_stemmed_in_its_own_language(mini_settings: Settings) -> None:
    from strategiqa.retrieval.text import tokenize

    engine = _engine_with(
        mini_settings,
        "plan.md",
        ENGLISH_PLAN,
        '\n[[documents]]\nid = "plan-en"\nfile = "plan.md"\ntitle = "Health innovation plan"\n'
        'publisher = "Nordic test region"\nyear = 2025\nrole = "other"\nlanguage = "en"\n',
    )
    assert tokenize("recruiting trials", language="en") == ["recruit", "trial"]  # English rules
    assert tokenize("recruiting trials", language="sv") != ["recruit", "trial"]
    # "recruit" matches "recruiting" only because the English passage was stemmed as English.
    hits = engine.searcher.search("recruit", mode="bm25", top_k=3).hits
    assert hits and hits[0].passage.doc_id == "plan-en" and (hits[0].bm25 or 0) > 0


EU_INDICATORS = """# EU:s strategi för hälsodata

## 1. Ett europeiskt hälsodataområde

Medlemsstaterna ska göra hälsodata tillgängliga för forskning genom gemensamma regler och säkra miljöer.

## Bilaga: Indikatorer

Framstegen följs med dessa indikatorer.

| Indikator | Utgångsläge | Mål 2030 |
|---|---|---|
| Andel kliniska prövningar i EU av alla i världen | 14 % (2024) | 20 % |
| Antal patienter i gränsöverskridande studier | 3 000 | 12 000 |
| Antal länder med ett organ för tillgång till hälsodata | 9 | 27 |
"""


def test_a_year_in_a_table_header_is_read_with_the_tables_rows(mini_settings: Settings) -> None:
    """The year a question asks for ("by 2030") stands only in the header row: the row it asks about still answers."""
    engine = _engine_with(mini_settings, "eu.md", EU_INDICATORS, EU_ENTRY)
    result = engine.ask("Hur många länder ska ha ett organ för tillgång till hälsodata år 2030 enligt EU-strategin?")
    assert not result["abstained"], result["answer"]
    assert "| 9 | 27 |" in result["citations"][0]["quote"]


CITY_STRATEGY = """# Strategi för hälsoinnovation i Norrbo 2025–2030

## Strategiska områden

### Strategiskt område A – Testbädd Norrbo

Kommunen ska bli en plats där nya lösningar för omsorgen prövas tidigt och utvärderas noga.

#### Prioriterade insatser

1. Inrätta en gemensam ingång för företag som vill testa lösningar i omsorgen.
2. Ta fram standardavtal för tester i vård och omsorg.
3. Utse fem testenheter inom särskilt boende och hemtjänst.
4. Utbilda testledare i varje förvaltning.
5. Redovisa varje test öppet på kommunens webbplats.

#### Förväntade effekter

Fler företag testar sina lösningar i Norrbo och fler lösningar införs i ordinarie verksamhet.

### Strategiskt område B – Digital omsorg i hemmet

Allt fler äldre vill bo kvar hemma, och digitala lösningar kan ge både trygghet och en hållbar bemanning.

#### Prioriterade insatser

1. Erbjuda digital tillsyn till alla med hemtjänst som önskar det.
2. Införa läkemedelsrobotar för minst 400 brukare.
"""

CITY_ENTRY = """
[[documents]]
id = "norrbo-2025"
file = "norrbo.md"
title = "Strategi för hälsoinnovation i Norrbo 2025–2030"
short_title = "Norrbostrategin"
publisher = "Norrbo kommun"
year = 2025
role = "municipal"
places = ["Norrbo"]
names = ["Norrbostrategin"]
"""


def test_a_list_question_about_a_named_part_gets_the_whole_list_in_order(mini_settings: Settings) -> None:
    engine = _engine_with(mini_settings, "norrbo.md", CITY_STRATEGY, CITY_ENTRY)
    result = engine.ask("Vilka prioriterade insatser finns inom strategiskt område A i Norrbostrategin?")
    assert not result["abstained"], result["answer"]
    quoted = " ".join(c["quote"] for c in result["citations"])
    positions = [quoted.find(f"{n}. ") for n in range(1, 6)]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), quoted
    assert "Fler företag testar" not in quoted  # the next part's text is not a list item of this one
    # A question that narrows the list gets the items that fit, not the whole list.
    narrowed = engine.ask("Vilka prioriterade insatser inom strategiskt område A handlar om standardavtal?")
    quoted = " ".join(c["quote"] for c in narrowed["citations"])
    assert "standardavtal" in quoted and "Redovisa varje test" not in quoted, quoted


EU_ENGLISH = """# EU Strategy for Health Innovation 2025–2030

## Foreword

Europe has excellent hospitals and universities, yet too many new medicines reach patients late. This strategy sets
out how the Union will bring research to patients faster.

## 1. Faster clinical research

The Union will fund regional trial hubs that recruit patients across borders.
"""

EU_ENGLISH_ENTRY = """
[[documents]]
id = "eu-innovation"
file = "eu-en.md"
title = "EU Strategy for Health Innovation 2025–2030"
short_title = "EU Strategy for Health Innovation"
publisher = "European Commission"
year = 2025
role = "eu"
language = "en"
places = ["EU", "Europe"]
names = ["EU strategy", "EU-strategin"]
"""


def test_a_swedish_question_names_an_english_documents_part_in_swedish(mini_settings: Settings) -> None:
    """ "förordet" names the part headed *Foreword*: the part is the topic, asked across languages."""
    engine = _engine_with(mini_settings, "eu-en.md", EU_ENGLISH, EU_ENGLISH_ENTRY)
    result = engine.ask("Vad säger förordet i EU-strategin?")
    assert not result["abstained"], result["answer"]
    assert result["citations"][0]["section_title"] == "Foreword"
    assert engine.ask("Vad säger förordet i EU-strategin om kanelbullar?")["abstained"]


EU_ACTIONS = """# EU Strategy for Health Innovation 2025–2030

## 1. Faster clinical research

The Union will make clinical research faster and closer to patients.

### 1.1 Regional trial hubs

Patients far from university hospitals rarely take part in trials.

#### Key actions

- Fund 25 regional trial hubs that recruit patients across borders.
- Publish one list of open trials in every language of the Union.
- Train trial nurses in every hub.

### 1.2 Faster approvals

Approvals of multinational trials take too long.
"""


def test_a_part_of_a_numbered_objective_named_by_its_heading_is_answered_from_its_text(
    mini_settings: Settings,
) -> None:
    """ "the key actions under objective 1.1": the part's list, not the outline's line on objective 1.1."""
    engine = _engine_with(mini_settings, "eu-en.md", EU_ACTIONS, EU_ENGLISH_ENTRY)
    result = engine.ask("What are the key actions under objective 1.1 of the EU strategy?")
    assert not result["abstained"] and result["answer_kind"] != "overview", result["answer"]
    quoted = " ".join(c["quote"] for c in result["citations"])
    assert "25 regional trial hubs" in quoted and "Train trial nurses" in quoted, quoted


def _read_entries(tmp_path: Path, *entries: dict[str, str | list[str]]) -> list:
    """The documents a manifest of ``entries`` reads as (each a table of fields; year and role filled in)."""
    from strategiqa.ingest.load import read_manifest

    def value(v: int | str | list[str]) -> str:
        if isinstance(v, int):
            return str(v)
        return "[" + ", ".join(f'"{x}"' for x in v) + "]" if isinstance(v, list) else f'"{v}"'

    tables = [
        "[[documents]]\n" + "".join(f"{k} = {value(v)}\n" for k, v in {"year": 2025, "role": "x", **e}.items())
        for e in entries
    ]
    (tmp_path / "manifest.toml").write_text("".join(tables), encoding="utf-8")
    return read_manifest(tmp_path)


def _entry(doc_id: str, title: str, publisher: str = "P", **more: str | list[str]) -> dict[str, str | list[str]]:
    return {"id": doc_id, "file": f"{doc_id}.md", "title": title, "publisher": publisher, **more}


def test_a_manifest_entry_without_places_takes_them_from_its_title_and_publisher(tmp_path: Path) -> None:
    # A user adding a document may give only its title and publisher; questions still name its place ("<Ort>s
    # program", "in <Län>"). Read from the words of a body ("Region …", "… kommun"), never from a list of places.
    documents = _read_entries(
        tmp_path,
        _entry("a", "Innovationsstrategi för Region Ankeborg 2025–2030", "Region Ankeborg"),
        _entry("b", "Näringslivsprogram för Byköping 2025–2028", "Byköpings kommun"),
        _entry("c", "Plan för hälsa i Norrlands län", "Länsstyrelsen"),
        _entry("d", "European Health Strategy", "European Commission"),
        _entry("e", "Strategi", "Region Ankeborg", places=["Ankeborg", "Duckburg"]),
    )
    places = {d.doc_id: d.places for d in documents}
    assert places["a"] == ("Region Ankeborg", "Ankeborg")
    assert places["b"] == ("Byköpings kommun", "Byköpings", "Byköping")  # the genitive and its base form
    # (Each with its publisher after them, a body questions name it by: see the next test.)
    assert places["c"] == ("Norrlands län", "Norrlands", "Norrland", "Länsstyrelsen")
    assert places["d"] == ("European Commission",)  # a commission names no place
    # Places given are kept as given (the publisher is another document's place already).
    assert places["e"] == ("Ankeborg", "Duckburg")


def test_a_manifest_entry_without_names_goes_by_its_titles_head_noun(tmp_path: Path) -> None:
    # "Vilka mål har <Ort>s näringslivsprogram?": the title's head noun names the document, in the forms a Swedish
    # question uses; a short or shared one ("strategin") names none, and names given are kept as given.
    documents = _read_entries(
        tmp_path,
        _entry("a", "Näringslivsprogram för Byköping 2025–2028", language="sv"),
        _entry("b", "Life science-strategi för Region Ankeborg", language="sv"),
        _entry("c", "Strategi för Ankeborg", language="sv"),
        _entry("d", "Innovationsstrategi för Duckburg", language="sv", names=["strategin"]),
        _entry("e", "Innovationsstrategi för Storby", language="sv"),
    )
    names = {d.doc_id: d.names for d in documents}
    assert "näringslivsprogrammet" in names["a"] and "näringslivsprogram" in names["a"]
    assert "life science-strategin" in names["b"]
    assert names["c"] == ()  # "strategi" is no compound: it would name any strategy
    assert names["d"] == ("strategin",)
    assert "innovationsstrategin" in names["e"]


def test_a_publisher_is_a_body_questions_name_its_document_by(tmp_path: Path) -> None:
    # "According to the health council's strategy, …": the publisher (and a long name's last two words) joins the
    # places, unless another document already goes by it.
    from strategiqa.retrieval.routing import DocumentRouter

    documents = _read_entries(
        tmp_path,
        _entry("a", "Nordisk strategi", "Nordic Health Council", names=["the Nordic strategy"]),
        _entry("b", "Nationell strategi", "Regeringen", names=["strategy"], cues=["regeringen"]),
    )
    assert documents[0].places == ("Nordic Health Council", "Health Council")
    assert documents[1].places == ()  # its publisher is its cue already
    assert DocumentRouter(documents).named("How long is the wait according to the health council's strategy?") == "a"
