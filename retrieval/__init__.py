"""strategiqa.retrieval."""
