"""The one memory estimate and guard: work that would not fit is refused before it starts.

Every helper whose memory grows with its input (an n × n similarity matrix, a big random table,
a whole text file in memory) first estimates the bytes it will allocate and calls
`check_memory(...)`. Above the course-wide budget (1 GB by default: Binder gives a kernel 2 GB
at most, and the notebook itself needs a few hundred MB) the helper raises a
`MemoryBudgetError`, one sentence, before allocating anything.

Change the budget for a session with `set_memory_budget("2 GB")`, or for every kernel with the
environment variable `COURSE_MEMORY_BUDGET` (e.g. `COURSE_MEMORY_BUDGET=4GB`).
"""
from __future__ import annotations

import os
import re
from typing import Iterable

import numpy as np

from .errors import CourseError, MemoryBudgetError

DEFAULT_BUDGET = 1_000_000_000          # 1 GB
ENV_VARIABLE = "COURSE_MEMORY_BUDGET"
_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
          "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}
_override: int | None = None


def parse_bytes(value, name: str = "budget") -> int:
    """A number of bytes from 1_000_000, "500 MB", "2GB" or "1.5 GiB"."""
    from .validation import number

    if isinstance(value, str):
        match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([a-zA-Z]*)\s*", value)
        if not match or match.group(2).lower() not in _UNITS:
            raise CourseError(f"{name} must be a number of bytes such as 2000000000, '500 MB' "
                              f"or '2 GB', got {value!r}")
        amount, unit = float(match.group(1)), _UNITS[match.group(2).lower()]
    else:
        amount, unit = number(value, name), 1
    total = int(amount * unit)
    if total < 1:
        raise CourseError(f"{name} must be at least 1 byte, got {value!r}")
    return total


def memory_budget() -> int:
    """The budget in bytes: `set_memory_budget(...)`, else $COURSE_MEMORY_BUDGET, else 1 GB."""
    if _override is not None:
        return _override
    raw = os.environ.get(ENV_VARIABLE, "").strip()
    if raw:
        return parse_bytes(raw, ENV_VARIABLE)
    return DEFAULT_BUDGET


def set_memory_budget(budget) -> int:
    """Set the budget for this kernel (bytes or text like "2 GB"); `None` goes back to the
    default (or $COURSE_MEMORY_BUDGET). Returns the budget now in force."""
    global _override
    _override = None if budget is None else parse_bytes(budget, "budget")
    return memory_budget()


def human_bytes(n: float) -> str:
    """1_234_567_890 → '1.23 GB' (decimal units, as RAM is sold)."""
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:,.2f} {unit}"
    return f"{int(n)} bytes"


def array_bytes(shape: Iterable[int], dtype="float64") -> int:
    """Bytes of one array of `shape` and `dtype` (e.g. (25_000, 25_000), "float64" → 5 GB)."""
    count = 1
    for size in shape:
        count *= int(size)
    return count * np.dtype(dtype).itemsize


def estimate(*arrays: tuple) -> int:
    """Total bytes of several arrays, each given as (shape, dtype)."""
    return sum(array_bytes(shape, dtype) for shape, dtype in arrays)


def check_memory(needed: int, what: str, fix: str = "use a smaller input") -> int:
    """Raise a `MemoryBudgetError` if `needed` bytes exceed the budget; else return `needed`.

    `what` names the work and the argument that drives it, e.g. "pairwise cosines of vectors
    with 25,000 rows"; `fix` says what to change.
    """
    budget = memory_budget()
    if needed > budget:
        raise MemoryBudgetError(
            f"{what} would need about {human_bytes(needed)}, more than the course's memory "
            f"budget of {human_bytes(budget)}: {fix} (or raise the budget with "
            f"helpers.memory.set_memory_budget('4 GB') if this machine has the memory)")
    return int(needed)


def pairwise_bytes(rows: int, dim: int, itemsize: int = 8) -> int:
    """What an all-pairs similarity of `rows` vectors allocates: a normalized copy of the
    input (rows × dim) and the rows × rows result, plus one temporary of the same size."""
    return int(rows) * int(dim) * itemsize + 2 * int(rows) * int(rows) * itemsize


def check_pairwise(rows: int, dim: int, name: str, itemsize: int = 8) -> int:
    return check_memory(pairwise_bytes(rows, dim, itemsize),
                        f"all pairwise similarities of {name} with {int(rows):,} rows",
                        f"give {name} fewer rows (a sample of a few thousand is plenty to look "
                        "at), or compare one row at a time with nearest_neighbors")


def check_pairs(tokens: int, window: int, bytes_per_pair: int, what: str,
                pairs_per_token: float | None = None) -> int:
    """Refuse a skip-gram run whose (centre, context) pairs would not fit.

    `pairs_per_token` defaults to 2 × window (every word within `window` on both sides); a
    trainer that shrinks its window at random (gensim's way) makes window + 1 on average.
    """
    per_token = 2 * window if pairs_per_token is None else pairs_per_token
    pairs = int(tokens * per_token)
    return check_memory(pairs * bytes_per_pair,
                        f"{what} with window={window}: about {pairs:,} (centre, context) pairs "
                        f"from {int(tokens):,} tokens",
                        "train on a slice of the corpus, or use a smaller window")


def give_back_freed_memory() -> None:
    """Hand memory that Python and torch have freed back to the operating system.

    glibc keeps freed heap pages for reuse, so after a big computation (a transformer run over
    many sentences) the kernel's resident memory stays at its peak although nothing uses it.
    `malloc_trim(0)` releases them (about 110 MB after MiniLM encodes 200 sentences). Does
    nothing where there is no glibc (macOS, Windows)."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
