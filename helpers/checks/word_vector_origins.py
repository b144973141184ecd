"""Exercises of notebook 12: PPMI by hand, the cost of a softmax step, a semantic axis, a choice."""
from __future__ import annotations

import numpy as np

from ..count_vectors import ppmi
from ..exercises import Exercise, NotQuite, number_answer
from ..word_vector_origins import project_on_axis
from ._code import CodeExercise


def random_count_matrices(seed: int = 0, how_many: int = 4) -> list[np.ndarray]:
    """Small random count matrices with many zeros (and different shapes) to test a PPMI."""
    rng = np.random.default_rng(seed)
    shapes = [(6, 4), (3, 7), (5, 5), (8, 8)][:how_many]   # non-square first: a transpose shows
    matrices = []
    for rows, cols in shapes:
        counts = rng.poisson(1.2, size=(rows, cols)).astype(float)
        counts[0, 0] = counts[0, 0] + 3          # never an all-zero matrix
        matrices.append(counts)
    return matrices


def _call(function, argument, what: str):
    try:
        return np.asarray(function(argument.copy()), dtype=float)
    except Exception as error:
        raise NotQuite(f"calling your {what} on a {argument.shape[0]} × {argument.shape[1]} "
                       f"matrix raised {type(error).__name__}: {error}") from None


# Exercise 1: write PPMI
def _ppmi_checker(answer):
    if not callable(answer):
        raise NotQuite("give the function itself (my_ppmi, without brackets)")
    for counts in random_count_matrices():
        expected = ppmi(counts)
        got = _call(answer, counts, "my_ppmi")
        if got.shape != expected.shape:
            if got.shape == expected.T.shape:
                return (f"shape bug: for a {counts.shape} count matrix you returned "
                        f"{got.shape}, the transpose; keep rows = words, columns = contexts")
            return f"shape bug: expected shape {expected.shape}, got {got.shape}"
        if not np.all(np.isfinite(got)):
            return ("log of zero: a zero count gives log 0 = −∞ (or 0/0 = nan); PPMI is 0 "
                    "there, so set those cells to 0 (np.where, or compute only where counts > 0)")
        if np.allclose(got, expected, atol=1e-6):
            continue
        if got.min() < -1e-9:
            return ("sign bug: PPMI is never negative; keep max(0, PMI) (np.maximum(pmi, 0)), "
                    "words meeting less often than chance get 0")
        row = counts.sum(1, keepdims=True)
        col = counts.sum(0, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            no_total = np.where(counts > 0, np.maximum(np.log(counts / (row * col)), 0), 0)
        if np.allclose(got, no_total, atol=1e-6):
            return ("off by a constant: P(i, j) = count / total and P(i) = row sum / total, so "
                    "PMI = log(count · total / (row sum · column sum)); the total is missing")
        return ("not the PPMI of these counts: compute max(0, log(count · total / "
                "(row sum · column sum))) cell by cell, with 0 where the count is 0")
    return None


q1 = CodeExercise(
    name="q1",
    checker=_ppmi_checker,
    hints=["PMI(i, j) = log( P(i, j) / (P(i) · P(j)) ) with P(i, j) = count / total, "
           "P(i) = row sum / total, P(j) = column sum / total.",
           "counts.sum(axis=1, keepdims=True) is the column of row sums (shape (rows, 1)); "
           "counts.sum(axis=0, keepdims=True) the row of column sums. Broadcasting does the rest.",
           "A zero count gives log(0) = −inf: compute inside `with np.errstate(divide='ignore')` "
           "and then np.where(counts > 0, np.maximum(pmi, 0), 0)."],
    solution_code="""def my_ppmi(counts):
    counts = np.asarray(counts, dtype=float)
    total = counts.sum()
    rows = counts.sum(axis=1, keepdims=True)
    cols = counts.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(counts * total / (rows * cols))
    return np.where(counts > 0, np.maximum(pmi, 0.0), 0.0)""",
    explanation="your PPMI matches helpers.count_vectors.ppmi on random count matrices (the "
                "helper does the same on a sparse matrix, touching only non-zero cells).",
)

# Exercise 2: how many output rows does one pair touch?
Q2_VOCAB, Q2_NEGATIVES = 10_000, 5


def _rows_checker(answer):
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__len__") or len(answer) != 2:
        raise NotQuite("answer with two numbers in a tuple: (softmax rows, SGNS rows)")
    softmax, sampled = (number_answer(a, "the rows") for a in answer)
    if (softmax, sampled) == (Q2_VOCAB, Q2_NEGATIVES + 1):
        return None
    if (softmax, sampled) == (Q2_NEGATIVES + 1, Q2_VOCAB):
        return "swapped: the softmax is the expensive one"
    if softmax != Q2_VOCAB:
        return ("the softmax's denominator Σ_w exp(v·u_w) runs over every word, so every output "
                "row gets a gradient")
    if sampled == Q2_NEGATIVES:
        return "off by one: the real context word's row is updated too, besides the 5 negatives"
    return f"SGNS scores the context word and the {Q2_NEGATIVES} negatives: count those rows"


q2 = Exercise(
    name="q2",
    checker=_rows_checker,
    hints=["Full softmax: the probability's denominator sums over all V words.",
           "SGNS: one real context word plus k negatives (count both)."],
    solution_code="rows_touched = (10_000, 6)",
    explanation="10,000 against 6: the softmax's cost grows with V, negative sampling's does not. "
                "That is the whole reason for negative sampling (the measured timings agree).",
)


# Exercise 3: write the projection on a semantic axis
def _axis_checker(answer):
    if not callable(answer):
        raise NotQuite("give the function itself (project, without brackets)")
    rng = np.random.default_rng(3)
    for rows, dim in [(5, 4), (7, 10), (1, 3)]:
        vectors = rng.normal(size=(rows, dim)) * rng.uniform(0.5, 3.0, size=(rows, 1))
        a, b = rng.normal(size=dim), rng.normal(size=dim)
        expected = project_on_axis(vectors, a, b)
        try:
            got = np.asarray(answer(vectors.copy(), a.copy(), b.copy()), dtype=float)
        except Exception as error:
            raise NotQuite(f"calling project(vectors, a, b) with vectors of shape {vectors.shape} "
                           f"raised {type(error).__name__}: {error}") from None
        if got.shape != expected.shape:
            return (f"shape bug: expected one number per row, shape {expected.shape}, "
                    f"got {got.shape}")
        if np.allclose(got, expected, atol=1e-6):
            continue
        if np.allclose(got, -expected, atol=1e-6):
            return "sign bug: the axis points from b to a, so use a − b (not b − a)"
        axis = a - b
        if np.allclose(got, vectors @ axis / np.linalg.norm(axis), atol=1e-6) or \
                np.allclose(got, vectors @ axis, atol=1e-6):
            return ("scale bug: divide each row by its length too, so a long vector does not "
                    "score higher just for being long (a cosine, between −1 and 1)")
        return "not cos(row, a − b) for each row: normalise the rows and the axis, then dot"
    return None


q3 = CodeExercise(
    name="q3",
    checker=_axis_checker,
    hints=["axis = a − b, then divide it by its length (np.linalg.norm).",
           "Rows: vectors / np.linalg.norm(vectors, axis=1, keepdims=True); then rows @ axis "
           "gives one cosine per row."],
    solution_code="""def project(vectors, a, b):
    axis = (a - b) / np.linalg.norm(a - b)
    rows = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return rows @ axis""",
    explanation="that is what the projector computes for every dot (with a − b averaged over "
                "several pairs when you give more than one).",
)

# Exercise 4: which model?
Q4_CHOICES = ("skip-gram", "cbow", "fasttext", "ppmi-svd")


def _choice_checker(answer):
    if not isinstance(answer, str):
        raise NotQuite(f"answer with one of the strings {', '.join(Q4_CHOICES)}")
    choice = answer.strip().lower().replace("_", "-").replace(" ", "")
    choice = {"skipgram": "skip-gram", "fast-text": "fasttext", "ppmi": "ppmi-svd",
              "ppmisvd": "ppmi-svd"}.get(choice, choice)
    if choice not in Q4_CHOICES:
        raise NotQuite(f"answer with one of the strings {', '.join(Q4_CHOICES)}")
    if choice == "fasttext":
        return None
    return ("that model has one row per word it saw in training, so a misspelled or new word "
            "has no vector (a KeyError); which model builds a vector from pieces of the word?")


q4 = Exercise(
    name="q4",
    checker=_choice_checker,
    hints=["The key words are 'misspelled' and 'never seen in training'.",
           "Section 4: which model still answered for 'philosphy'?"],
    solution_code='model_choice = "fasttext"',
    explanation="FastText builds a vector for any string from its character n-grams, so "
                "misspellings and new compounds land near the words they are made of.",
)
