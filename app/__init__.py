"""strategiqa.app: settings, answers, API, web app and CLI (the composition root)."""

import os

# Set before numpy loads: its matrix products here are tiny, and a second thread pool (OpenBLAS)
# beside the embedder's OpenMP pool would oversubscribe the two cores under concurrent requests.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
