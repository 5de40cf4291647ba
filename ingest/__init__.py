"""strategiqa.ingest."""
