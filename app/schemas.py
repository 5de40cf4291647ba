"""Request and response models of the HTTP API (they also make the OpenAPI document at /docs)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, StrictStr

Mode = Literal["hybrid", "dense", "bm25"]


class AskRequest(BaseModel):
    question: StrictStr = Field(description="The question, in Swedish or English (at most 2,000 characters).")
    top_k: int | None = Field(None, ge=1, le=20, description="How many passages to return (default 5).")
    mode: Mode | None = Field(None, description="Retrieval mode (default hybrid).")
    previous_question: StrictStr | None = Field(
        None,
        description='The question asked before this one. A follow-up that refers back to it ("Och vad säger '
        'strategin om det?") is read against it; a question that stands alone is not changed.',
    )
    docs: list[StrictStr] | None = Field(
        None,
        max_length=50,
        description="Document ids to search (see GET /api/documents); default: all. Unknown ids are a 422.",
    )


class CitationOut(BaseModel):
    n: int
    passage_id: str
    quote: str = Field(description="The exact sentence(s) used, verbatim from the passage.")
    doc_title: str
    section_number: str | None
    section_title: str
    page: int | None
    reference: str = Field(description="A ready-to-paste reference line.")
    quote_start: int = Field(description="Offset of the quote in the passage text (headings: in the document text).")
    quote_end: int
    section_path: list[str] = Field(description="The section's path from the document's top heading.")
    kind: Literal["sentence", "heading"] = Field(
        description="sentence: a span of the passage; heading: the section's title (overview answers)."
    )
    doc_id: str = Field(description="The document the quote comes from (see GET /api/documents).")
    section_title_en: str | None = Field(
        description="A hand-written English translation of the section title (from the corpus profile), "
        "or null; a translation, not the document's text."
    )
    section_path_en: list[str] = Field(description="section_path with English translations where there are some.")
    url: str = Field(description="The passage's page on this server, the quote highlighted: a link to paste.")


class PassageOut(BaseModel):
    passage_id: str
    doc_id: str
    doc_title: str
    doc_kind: str
    section_number: str | None
    section_title: str
    section_title_en: str | None = Field(description="English translation of the section title, or null.")
    section_path: list[str]
    section_path_en: list[str]
    page: int | None
    text: str
    url: str = Field(description="The passage's page on this server.")
    score: float | None = None
    reference: str | None = None


class Missing(BaseModel):
    element: str = Field(
        description="What the documents do not give: amount, share, number, quantity, duration, date, person, agent, "
        "organisation, place, called (a name), year (a year the question names), name (a name they never mention) or "
        "expansion (what an initialism they use stands for)."
    )
    year: str | None = None
    name: str | None = None


class AskResponse(BaseModel):
    question: str
    interpreted_as: str | None = Field(description="How a follow-up was read with the previous question; else null.")
    sections: list[str] = Field(
        default_factory=list,
        description="The numbered sections the question (or, for a follow-up, the question before it) names, as "
        "heading paths: the answer (quotes or the outline) is drawn from them. Empty when it names none.",
    )
    index_version: str = Field(
        description="The index version that answered: the database version id (postgres store), else the fingerprint."
    )
    language: str
    mode: str
    documents: list[str] = Field(default_factory=list, description="The document ids searched.")
    answer: str = Field(description="Answer text with citation markers [1], [2] …, or the refusal.")
    answer_kind: Literal["extract", "overview", "crosswalk"] = Field(
        description="extract: sentences quoted from passages; overview: section titles from the outline; crosswalk: "
        "the sections of the other document the crosswalk links to a section (computed, not stated by the documents)."
    )
    abstained: bool = Field(description="True when the documents do not answer the question.")
    abstain_reason: Literal["off_topic", "missing_fact"] | None = Field(
        description="off_topic: the documents do not address the topic (fixed refusal, no citations); "
        "missing_fact: they address it but do not give what was asked (the answer says what is missing "
        "and cites the closest passage)."
    )
    missing: Missing | None = Field(description="For missing_fact: what is missing.")
    confidence: float
    labelled_question: float | None = Field(
        None,
        description="Cosine of the nearest labelled question (the question bank), when the bank knows the document "
        "answering; where a bank cut is calibrated, it joins the confidence in the off-topic gate. Null otherwise.",
    )
    citations: list[CitationOut]
    passages: list[PassageOut]


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    short_title: str
    publisher: str
    year: int
    kind: str
    language: str
    passages: int


class SectionOut(BaseModel):
    id: str
    number: str | None
    title: str
    title_en: str | None = Field(None, description="English translation of the title (corpus profile), or null.")
    level: int
    passages: list[str] = Field(description="Ids of the passages of this section's own text.")
    children: list[SectionOut]


class OutlineOut(BaseModel):
    doc_id: str
    title: str
    kind: str
    sections: list[SectionOut]


class VerifyRequest(BaseModel):
    passage_id: StrictStr
    quote: StrictStr = Field(min_length=1, max_length=10_000)


class VerifyResponse(BaseModel):
    passage_id: str
    verified: bool = Field(
        description="The quote stands verbatim in the passage (whitespace, line breaks and soft hyphens normalised)."
    )
    start: int | None = Field(description="Offset of the quote in the passage text, when verified.")
    end: int | None


class EvidencePair(BaseModel):
    regional_passage_id: str
    regional_quote: str = Field(description="A sentence of the focus area, verbatim.")
    national_passage_id: str
    national_quote: str = Field(description="A sentence of the objective, verbatim.")
    score: float
    regional_reference: str = Field("", description="The regional sentence's reference line.")
    national_reference: str = Field("", description="The national sentence's reference line.")
    regional_url: str = Field("", description="The regional passage's page, the quote highlighted.")
    national_url: str = Field("", description="The national passage's page, the quote highlighted.")


class CrosswalkObjective(BaseModel):
    id: str = Field(description="Document-qualified: national document id and objective number.")
    number: str
    title: str
    title_en: str | None = Field(None, description="English translation of the title (corpus profile), or null.")
    score: float = Field(description="Combined standardised score; higher is a stronger link.")
    level: Literal["clear", "possible", "none"] = Field(
        description="clear (tydlig koppling), possible (möjlig koppling) or none (ingen koppling hittad): score "
        "cuts fitted on the expert map for the model in use."
    )
    linked: bool = Field(description="The level is clear.")
    signals: dict[str, float]
    evidence: list[EvidencePair]


class CrosswalkArea(BaseModel):
    id: str = Field(description="Document-qualified: regional document id and area number.")
    number: str
    title: str
    title_en: str | None = Field(None, description="English translation of the title (corpus profile), or null.")
    objectives: list[CrosswalkObjective] = Field(description="All national objectives, strongest first.")


class CrosswalkDocument(BaseModel):
    doc_id: str
    title: str


class CrosswalkPair(BaseModel):
    regional: CrosswalkDocument
    national: CrosswalkDocument
    areas: list[CrosswalkArea] = Field(description="The regional document's focus areas, each with all objectives.")


class NotChecked(BaseModel):
    doc_id: str
    title: str
    year: int
    role: str


class CrosswalkOut(BaseModel):
    pairs: list[CrosswalkPair] = Field(description="One section per regional × national document pair.")
    not_linked: list[NotChecked] = Field(
        default_factory=list,
        description="Documents of another role (an EU or a municipal strategy): the crosswalk pairs regional and "
        "national documents only, and names the others so their absence is not read as 'no link'.",
    )
    link_threshold: float | None = Field(None, description="The score from which a link is clear.")
    levels: dict[str, float] = Field(default_factory=dict, description="Score cuts: clear and possible.")


class AlignRequest(BaseModel):
    text: StrictStr = Field(description="The proposal text (at most 200,000 characters).")


class AlignEvidence(BaseModel):
    proposal_quote: str
    strategy_quote: str = Field(description="A sentence of the strategy, verbatim.")
    passage_id: str
    reference: str = Field(
        description="The strategy sentence's reference line: publisher (year), title, section, page."
    )
    url: str = Field("", description="The strategy passage's page, the sentence highlighted.")
    score: float


class AlignItem(BaseModel):
    id: str = Field(description="Document-qualified: document id and area or objective number.")
    doc_id: str
    number: str
    label: str = Field(description="The number, with the document's short title when a role has several documents.")
    document: str = Field("", description="The document's short title (views group targets by it).")
    title: str
    title_en: str | None = Field(None, description="English translation of the title (corpus profile), or null.")
    level: Literal["clear", "possible", "none"] = Field(
        description="clear (tydlig koppling), possible (möjlig koppling) or none (ingen koppling hittad): "
        "thresholds fitted on labelled proposals for the model in use."
    )
    probability: float = Field(
        description="Calibrated probability (0–1, the same scale for every proposal) that an expert links the two."
    )
    score: float = Field(
        description="Combined score, standardised within this proposal (how far the target stands out)."
    )
    best_similarity: float = Field(description="Cosine similarity of the best proposal–strategy sentence pair.")
    signals: dict[str, float] = Field(description="The signals the probability is computed from.")
    covered: bool = Field(description="Same as level == clear.")
    evidence: list[AlignEvidence] = Field(description="Up to three sentence pairs; empty at level none.")


class Uncovered(BaseModel):
    id: str = Field(description="Document-qualified: document id and area or objective number.")
    doc_id: str
    number: str
    title: str
    title_en: str | None = None
    score: float


class LevelLists(BaseModel):
    clear: list[str]
    possible: list[str]


class AlignSummary(BaseModel):
    regional: LevelLists
    national: LevelLists
    other: LevelLists = Field(default_factory=lambda: LevelLists(clear=[], possible=[]))
    fits_nothing: bool = Field(description="No clear link anywhere.")
    message: str | None = Field(description="One sentence saying so, in the proposal's language, when fits_nothing.")


class AlignResponse(BaseModel):
    language: str
    sentences: int
    regional: list[AlignItem]
    national: list[AlignItem]
    other: list[AlignItem] = Field(
        default_factory=list,
        description="The numbered goals of documents of any other role (an EU or a municipal strategy), each at its "
        "finest numbered level, grouped by document.",
    )
    uncovered_regional: list[Uncovered] = Field(description="Targets at level none.")
    uncovered_national: list[Uncovered] = Field(description="Targets at level none.")
    uncovered_other: list[Uncovered] = Field(default_factory=list, description="Targets at level none.")
    summary: AlignSummary
    on_topic: dict[str, float] = Field(
        default_factory=dict,
        description="share: the proposal's sentences closer to the strategies than to everyday text; margin: the "
        "mean difference. At margin ≤ 0 no link is clear.",
    )
    not_checked: list[NotChecked] = Field(
        default_factory=list,
        description="Documents of the corpus the check does not score (no numbered areas or objectives), named so "
        "their absence is not read as 'no link'.",
    )


class HealthOut(BaseModel):
    status: str = Field(description="ok, or stale when the corpus changed since the index was built.")
    corpus_checksum_match: bool
    model: str
    passages: int
    documents: int
    built_at: str
    fingerprint: str
    vector_store: str = Field(description="faiss, simple or postgres.")
    index_version: str = Field(description="The database version id (postgres store) or the index fingerprint.")
