"""Exercises of the appendix "how fast and how big": fixing a corpus, counting bytes, and a
memory estimate the learner writes."""
from __future__ import annotations

import math

from ..exercises import Exercise, NotQuite, expect_function, number_answer

TEXTS = ["the cat sat on the mat", "a dog ran to the cat"]
FLOAT32_BYTES, FLOAT64_BYTES = 4, 8


# ----------------------------------------------------------------------------- q1: fix the corpus
def _corpus_checker(answer):
    expected = [text.split() for text in TEXTS]
    if isinstance(answer, str):
        raise NotQuite("that is one string: the corpus is a list with one entry per sentence")
    if not isinstance(answer, (list, tuple)):
        raise NotQuite(f"give a list of sentences, got {type(answer).__name__}")
    answer = list(answer)
    if answer and all(isinstance(s, str) for s in answer):
        raise NotQuite("each sentence is still one string: split each one into tokens "
                       "(a list of words), e.g. with .split()")
    if len(answer) != len(TEXTS):
        raise NotQuite(f"the corpus has {len(TEXTS)} sentences, your list has {len(answer)}: "
                       "keep one list of tokens per sentence (do not join them into one)")
    if [list(s) for s in answer] != expected:
        return "every sentence must keep its words, in order: split on spaces"
    return None


q1 = Exercise(
    name="q1",
    checker=_corpus_checker,
    hints=["A corpus is a list of sentences, and each sentence is a list of tokens (strings).",
           "Split every text of `texts` on spaces: a list comprehension over `texts`."],
    solution_code="sentences = [s.split() for s in texts]",
    explanation="a list of token lists: [['the', 'cat', ...], ['a', 'dog', ...]]. A trainer "
                "given plain strings would learn letters, so the helpers refuse them.",
)


# ----------------------------------------------------------------------------- q2: bytes of a table
def _bytes_checker(answer):
    value = number_answer(answer, "the number of bytes")
    right = 50_000 * 50_000 * FLOAT32_BYTES
    if value == right:
        return None
    if value == 50_000 * 50_000:
        return "that is the number of entries: each float32 entry takes 4 bytes"
    if value == 50_000 * 50_000 * FLOAT64_BYTES:
        return "that is for float64 (8 bytes per number); the table is float32 (4 bytes)"
    if value in (10, 10.0, 9.31):
        return "answer in bytes, not in GB: 10 GB is 10_000_000_000 bytes"
    if value == 50_000 * FLOAT32_BYTES:
        return "that is one row: the table has 50,000 rows of 50,000 numbers"
    return f"{value:,} is not rows × columns × bytes per number"


q2 = Exercise(
    name="q2",
    checker=_bytes_checker,
    hints=["Bytes = rows × columns × bytes per number.",
           "A float32 number takes 4 bytes: 50,000 × 50,000 × 4."],
    solution_code="table_bytes = 50_000 * 50_000 * 4   # 10,000,000,000 bytes = 10 GB",
    explanation="10,000,000,000 bytes (10 GB, 9.3 GiB): ten times the course's budget, refused "
                "before a single number is allocated.",
)


# ------------------------------------------------------------------------ q3: write the estimate
def reference_similarity_bytes(rows: int, dim: int, itemsize: int = 8) -> int:
    """Bytes of all pairwise cosines: the rows × rows result and a normalized rows × dim copy."""
    return rows * rows * itemsize + rows * dim * itemsize


def _cases(rng):
    fixed = [(3, 2), (10, 300), (1_000, 4), (5, 7, 4), (1, 1)]
    random = [(int(rng.integers(1, 30_000)), int(rng.integers(1, 1_000)))
              for _ in range(20)]
    random += [(int(rng.integers(1, 5_000)), int(rng.integers(1, 500)), int(rng.choice([2, 4, 8])))
               for _ in range(10)]
    return fixed + random


def _diagnose(args, got, expected):
    rows, dim = args[0], args[1]
    itemsize = args[2] if len(args) > 2 else 8
    if isinstance(got, bool) or not isinstance(got, (int, float)) and not hasattr(got, "item"):
        return f"type: return a number of bytes, got {got!r}"
    got = got.item() if hasattr(got, "item") else got
    if got == expected:
        return None
    if got == rows * rows * itemsize:
        return "missing term: you counted the result but not the normalized copy (rows × dim)"
    if got == rows * dim * itemsize:
        return "missing term: you counted the copy but not the rows × rows result"
    if got == (rows * rows + rows * dim):
        return "units: that is a number of entries; multiply by itemsize (bytes per number)"
    if got == rows * rows * 8 + rows * dim * 8 and itemsize != 8:
        return f"itemsize: use the argument itemsize ({itemsize} here), not always 8"
    if got == dim * dim * itemsize + rows * dim * itemsize:
        return "shape: the result is rows × rows (one cosine per pair of rows), not dim × dim"
    if got == rows * dim * rows * itemsize:
        return "shape: the result is rows × rows, the copy rows × dim: add them, do not multiply"
    return None  # fall back to the generic comparison (value, scale, ...)


q3 = Exercise(
    name="q3",
    checker=expect_function(reference_similarity_bytes, _cases, name="similarity_bytes",
                            diagnose=_diagnose),
    hints=["Two arrays exist at the end: the (rows × rows) matrix of cosines and the "
           "normalized copy of the input, (rows × dim). Each entry takes itemsize bytes.",
           "return rows * rows * itemsize + (the copy's entries) * itemsize"],
    solution_code=("def similarity_bytes(rows, dim, itemsize=8):\n"
                   "    return rows * rows * itemsize + rows * dim * itemsize"),
    explanation="the rows × rows term wins quickly: 25,000 rows need 5 GB for the result alone, "
                "whatever the dimension.",
)


# ----------------------------------------------------------------------------- q4: the largest fit
def largest_fitting_rows(budget: int = 10**9, itemsize: int = 8) -> int:
    return math.isqrt(budget // itemsize)


def _rows_checker(answer):
    value = number_answer(answer, "the number of rows")
    right = largest_fitting_rows()
    if isinstance(value, float) and not value.is_integer():
        return "rows are whole: round down (a part of a row does not exist)"
    value = int(value)
    if value == right:
        return None
    if value == right + 1:
        return f"{value:,} rows need {value * value * 8:,} bytes, just over 1 GB: round down"
    if value == math.isqrt(10**9 // 4):
        return "that is for float32 (4 bytes); the matrix here is float64 (8 bytes)"
    if value == math.isqrt(10**9):
        return "each entry takes 8 bytes: divide the budget by 8 before the square root"
    if value == 10**9 // 8:
        return "that is the number of entries; the matrix is rows × rows: take the square root"
    return f"{value:,} × {value:,} × 8 bytes is {value * value * 8:,} bytes, not just under 1 GB"


q4 = Exercise(
    name="q4",
    checker=_rows_checker,
    hints=["rows × rows × 8 bytes ≤ 1,000,000,000.",
           "rows = floor(√(1,000,000,000 / 8)): math.isqrt(10**9 // 8)."],
    solution_code="max_rows = math.isqrt(10**9 // 8)   # 11,180",
    explanation="11,180 rows: the budget grows with the square of the rows, so twice the rows "
                "needs four times the memory.",
)
