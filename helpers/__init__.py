"""Helpers for the course "Token Embeddings, Hands-On".

Layers (arrows point one way): `widgets` → `figures` → compute modules (`data`, `vectors`,
`evaluation`, `word2vec`, `initialization`, ...); `checks` (the exercises) → compute.
A notebook shows an idea inline first, then calls the helper that does the same thing.
"""
from __future__ import annotations

from .errors import CourseError, explain_errors
from .exercises import ____
from .reproducibility import DEFAULT_SEED, seed_everything

__version__ = "0.1.0"
__all__ = ["CourseError", "explain_errors", "online_requested", "seed_everything",
           "setup_notebook", "____"]


def online_requested() -> bool:
    """Whether optional download cells should try the internet by default.

    Off unless the environment sets `COURSE_ONLINE=1`: saved outputs then never depend on the
    network. A learner turns a download on in its cell (`ONLINE = True`); the offline test
    sets COURSE_ONLINE=1 inside a network namespace with no network, to check the fallback.
    """
    import os

    return os.environ.get("COURSE_ONLINE", "") == "1"


def setup_notebook(seed: int = DEFAULT_SEED) -> None:
    """What the first cell of every notebook calls: seeds, and one-line course errors."""
    from .errors import install_error_handler

    seed_everything(seed)
    install_error_handler()
