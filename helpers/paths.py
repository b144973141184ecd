"""Where the course keeps its files: the repository, its data folder and a local cache."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"


def cache_dir() -> Path:
    """The folder for derived files (tokenized corpora, trained vectors); never committed.

    `TOKEN_EMBEDDINGS_CACHE` overrides the default `<repo>/.cache`, e.g. for a read-only checkout.
    """
    folder = Path(os.environ.get("TOKEN_EMBEDDINGS_CACHE", REPO_ROOT / ".cache"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
