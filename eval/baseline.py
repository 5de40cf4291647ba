"""The obvious pipeline, for comparison: LlamaIndex's defaults on the same files and the same model.

``SimpleDirectoryReader`` + the default ``SentenceSplitter`` (1,024 tokens, 20 overlap) +
``VectorStoreIndex`` retriever. Only the embedding model is ours (the default would need OpenAI);
its vectors go through our embedding cache so a rerun embeds nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from strategiqa.ingest.load import read_manifest
from strategiqa.retrieval.cache import EmbeddingCache
from strategiqa.retrieval.embedders import Embedder

BASELINE_MODE = "llamaindex-default"


class LlamaIndexBaseline:
    """A retriever over LlamaIndex's default chunks; ``search`` returns ``(text, score)`` pairs."""

    def __init__(self, corpus_dir: Path, embedder: Embedder, cache: EmbeddingCache) -> None:
        from llama_index.core import SimpleDirectoryReader, VectorStoreIndex

        files = [str(corpus_dir / info.file) for info in read_manifest(corpus_dir)]
        documents = SimpleDirectoryReader(input_files=files).load_data(show_progress=False)
        for document in documents:
            # The default metadata holds the absolute path, and the splitter counts metadata
            # against the chunk size: chunks would differ between checkouts. Keep the file name.
            document.metadata = {"file_name": document.metadata.get("file_name", "")}
        self._index = VectorStoreIndex.from_documents(documents, embed_model=_embedding(embedder, cache))
        self.chunks = len(self._index.docstore.docs)

    def search(self, question: str, top_k: int = 10) -> list[tuple[str, float]]:
        nodes = self._index.as_retriever(similarity_top_k=top_k).retrieve(question)
        return [(n.node.get_content(), float(n.score or 0.0)) for n in nodes]


def _embedding(embedder: Embedder, cache: EmbeddingCache) -> Any:
    from llama_index.core.embeddings import BaseEmbedding

    class CachedEmbedding(BaseEmbedding):
        """Our embedder behind LlamaIndex's interface (queries and texts get e5's prefixes)."""

        def _get_query_embedding(self, query: str) -> list[float]:
            return list(map(float, embedder.embed_query(query)))

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._get_text_embeddings([text])[0]

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            vectors = cache.embed(embedder.model_id, "passage", texts, embedder.embed_passages, batch_size=4)
            return [v.tolist() for v in vectors]

    return CachedEmbedding(model_name=embedder.model_id, embed_batch_size=8)
