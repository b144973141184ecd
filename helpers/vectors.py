"""Vectors and similarities: cosine similarity, nearest neighbours, safe word look-ups."""
from __future__ import annotations

import difflib
from typing import Mapping, Sequence

import numpy as np

from .errors import CourseError, UnknownWordError


def cosine_similarity(a, b) -> float:
    """cos(a, b) = a·b / (|a| |b|); 0.0 when either vector is all zeros."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise CourseError(f"cosine similarity needs two vectors of the same length, got "
                          f"{a.shape} and {b.shape}")
    norm = np.linalg.norm(a) * np.linalg.norm(b)
    return float(a @ b / norm) if norm > 0 else 0.0


def normalize_rows(matrix) -> np.ndarray:
    """Each row divided by its length (zero rows stay zero)."""
    matrix = np.asarray(matrix, dtype=float)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def cosine_similarity_matrix(matrix) -> np.ndarray:
    """All pairwise cosines between the rows of a (words × dimensions) matrix."""
    matrix = np.asarray(matrix, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] == 0:
        raise CourseError(f"expected a non-empty 2-D matrix (words × dimensions), "
                          f"got shape {matrix.shape}")
    unit = normalize_rows(matrix)
    return np.clip(unit @ unit.T, -1.0, 1.0)


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
    if not isinstance(k, (int, np.integer)) or k < 1:
        raise CourseError(f"k is the number of neighbours to show, a whole number ≥ 1; got {k!r}")
    vocabulary = vocabulary if vocabulary is not None else {w: i for i, w in enumerate(words)}
    row = word_index(query, vocabulary)
    unit = normalize_rows(matrix)
    scores = unit @ unit[row]
    scores[row] = -np.inf
    order = np.argsort(-scores, kind="stable")[:min(k, len(words) - 1)]
    return [(words[i], float(scores[i])) for i in order]
