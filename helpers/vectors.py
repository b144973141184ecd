"""Vectors and similarities: cosine similarity, nearest neighbours, safe word look-ups."""
from __future__ import annotations

import difflib
from typing import Mapping, Sequence

import numpy as np

from . import validation
from .errors import CourseError, UnknownWordError

ZERO_VECTORS = ("raise", "nan")


def _zero_policy(zero_vectors) -> str:
    return validation.choice(zero_vectors, "zero_vectors", ZERO_VECTORS)


def cosine_similarity(a, b, zero_vectors: str = "raise") -> float:
    """cos(a, b) = a·b / (|a| |b|).

    The cosine of an all-zero vector is undefined (it has no direction): by default that is a
    `CourseError`; `zero_vectors="nan"` returns NaN instead. NaN or infinite entries are refused.
    """
    policy = _zero_policy(zero_vectors)
    a = validation.array(a, "a", ndim=1)
    b = validation.array(b, "b", ndim=1)
    if a.shape != b.shape:
        raise CourseError(f"a and b must be two vectors of the same length, got shapes "
                          f"{a.shape} and {b.shape}")
    norm_a, norm_b = np.linalg.norm(a), np.linalg.norm(b)
    if norm_a == 0 or norm_b == 0:
        if policy == "nan":
            return float("nan")
        which = "a" if norm_a == 0 else "b"
        raise CourseError(f"{which} is all zeros, so its cosine similarity with anything is "
                          "undefined (a zero vector has no direction): check where it comes "
                          "from, or pass zero_vectors='nan' to get NaN instead")
    return float(a @ b / (norm_a * norm_b))


def normalize_rows(matrix) -> np.ndarray:
    """Each row divided by its length (zero rows stay zero)."""
    matrix = np.asarray(matrix, dtype=float)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def cosine_similarity_matrix(matrix, zero_vectors: str = "raise",
                             name: str = "matrix") -> np.ndarray:
    """All pairwise cosines between the rows of a (words × dimensions) matrix.

    The n × n result is checked against the course's memory budget before it is made.
    A row of zeros makes its cosines undefined: a `CourseError`, or NaN with
    `zero_vectors="nan"`.
    """
    from .memory import check_pairwise

    policy = _zero_policy(zero_vectors)
    shape = validation.shape_of(matrix)
    if shape is not None and len(shape) == 2:  # refuse before converting (itself big)
        check_pairwise(shape[0], shape[1], name)
    matrix = validation.array(matrix, name, ndim=2)
    check_pairwise(matrix.shape[0], matrix.shape[1], name)
    norms = np.linalg.norm(matrix, axis=1)
    zero = np.flatnonzero(norms == 0)
    if zero.size and policy == "raise":
        raise CourseError(f"row {zero[0]} of {name} is all zeros, so its cosines are undefined "
                          "(a zero vector has no direction): remove that row, or pass "
                          "zero_vectors='nan' to get NaN for it")
    unit = normalize_rows(matrix)
    result = np.clip(unit @ unit.T, -1.0, 1.0)
    if zero.size:
        result[zero, :] = np.nan
        result[:, zero] = np.nan
    return result


def word_index(word: str, vocabulary: Mapping[str, int] | Sequence[str]) -> int:
    """The row of `word`, or an `UnknownWordError` that suggests the closest spellings."""
    if isinstance(vocabulary, Mapping):
        index = vocabulary.get(word)
        words = vocabulary.keys()
    else:
        words = vocabulary
        index = {w: i for i, w in enumerate(vocabulary)}.get(word)
    if index is not None:
        return int(index)
    if not isinstance(word, str) or not word.strip():
        raise UnknownWordError(f"expected a word, got {word!r}")
    close = difflib.get_close_matches(word.lower(), list(words), n=3, cutoff=0.6)
    hint = f"; closest spellings: {', '.join(close)}" if close else ""
    raise UnknownWordError(f"'{word}' is not in the vocabulary ({len(words):,} words){hint}")


def nearest_neighbors(query: str, words: Sequence[str], matrix, k: int = 5,
                      vocabulary: Mapping[str, int] | None = None) -> list[tuple[str, float]]:
    """The `k` words whose rows have the highest cosine with `query`'s row (itself excluded)."""
    k = validation.whole_number(k, "k", low=1, why=" (k is how many neighbours to show)")
    words = validation.tokens(words, "words")
    matrix = validation.array(matrix, "matrix", ndim=2)
    if matrix.shape[0] != len(words):
        raise CourseError(f"matrix must have one row per word: {len(words):,} words but shape "
                          f"{matrix.shape}")
    vocabulary = vocabulary if vocabulary is not None else {w: i for i, w in enumerate(words)}
    row = word_index(query, vocabulary)
    if not np.any(matrix[row]):
        raise CourseError(f"the vector of query {query!r} is all zeros, so its cosine with any "
                          "word is undefined: it has no neighbours")
    unit = normalize_rows(matrix)
    scores = unit @ unit[row]
    scores[row] = -np.inf
    usable = np.flatnonzero(np.any(matrix != 0, axis=1))   # a zero row has no cosine at all
    usable = usable[usable != row]
    order = usable[np.argsort(-scores[usable], kind="stable")][:k]
    return [(words[i], float(scores[i])) for i in order]
