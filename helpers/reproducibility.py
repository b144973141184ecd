"""Seeds, so that every run of a notebook prints the same numbers."""
from __future__ import annotations

import contextlib
import os
import random

import numpy as np

DEFAULT_SEED = 42


def seed_everything(seed: int = DEFAULT_SEED) -> int:
    """Seed Python's `random`, NumPy and torch with one number; returns the seed.

    gensim is seeded per model: `helpers.word2vec.train_word2vec` always passes `seed` and
    `workers=1` (more threads make the result depend on thread timing).
    """
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        from .errors import CourseError
        raise CourseError(f"a seed is a whole number ≥ 0, got {seed!r}")
    seed = int(seed)
    random.seed(seed)
    np.random.seed(seed % 2**32)
    os.environ["PYTHONHASHSEED"] = str(seed)  # for subprocesses; this process is already running
    try:
        import torch
    except ImportError:
        return seed
    torch.manual_seed(seed)
    return seed


def rounded(values, digits: int = 3):
    """Round a float, a sequence or an array for display, so printed outputs are stable."""
    if isinstance(values, float):
        return round(values, digits)
    array = np.asarray(values, dtype=float)
    return np.round(array, digits)


@contextlib.contextmanager
def single_thread():
    """Run torch on one thread for a block: for small tensors one thread is faster and
    steadier than several on a shared machine, and timings compare fairly."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)
