"""Damage a cache file the ways a disk or an interrupted write does: shared by the tests that
check every cache is discarded and rebuilt (tests/test_faults.py, the FastText cache's tests)."""
from __future__ import annotations

from pathlib import Path

import numpy as np

BYTE_DAMAGE = ("empty", "truncated", "random")


def damage_bytes(path: Path, kind: str) -> None:
    """Empty the file, cut it to a third, or replace it with 5,000 random bytes."""
    raw = Path(path).read_bytes()
    if kind == "empty":
        Path(path).write_bytes(b"")
    elif kind == "truncated":
        Path(path).write_bytes(raw[: len(raw) // 3])
    elif kind == "random":
        Path(path).write_bytes(np.random.default_rng(0).bytes(5_000))
    else:
        raise ValueError(f"unknown kind of damage {kind!r}; one of {BYTE_DAMAGE}")
