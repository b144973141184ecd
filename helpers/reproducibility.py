"""Seeds, so that every run of a notebook prints the same numbers."""
from __future__ import annotations

import contextlib
import importlib.abc
import importlib.util
import os
import random
import sys

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
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(seed)
    else:
        # importing torch takes about a second and 150 MB: a notebook that never uses it should
        # not pay for it in its first cell, so torch is seeded the moment it is first imported
        _seed_torch_on_import(seed)
    return seed


class _SeedTorchOnImport(importlib.abc.MetaPathFinder):
    """A one-shot import hook: finds torch with the normal finders, and seeds it right after
    its module has run, before any code can draw a random number from it."""

    def __init__(self, seed: int):
        self.seed = seed

    def find_spec(self, name, path=None, target=None):
        if name != "torch":
            return None
        sys.meta_path[:] = [f for f in sys.meta_path if f is not self]
        spec = importlib.util.find_spec("torch")
        if spec is None or spec.loader is None:
            return spec
        run_module, seed = spec.loader.exec_module, self.seed

        def exec_module(module):
            run_module(module)
            module.manual_seed(seed)

        spec.loader.exec_module = exec_module
        return spec


def _seed_torch_on_import(seed: int) -> None:
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _SeedTorchOnImport)]
    if importlib.util.find_spec("torch") is not None:   # not installed: nothing to seed
        sys.meta_path.insert(0, _SeedTorchOnImport(seed))


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
