"""Exercises of the capstone notebook (vector databases): pooling, cosine top-k, recall@k, IVF.

q2 and q3 ask for code: the learner's function is run on fixed and random inputs against the
reference in `helpers.vector_search`, and a wrong one is told its bug class (dot product
instead of cosine, worst first, off-by-one, order-sensitive recall, forgot to divide...).
"""
from __future__ import annotations

import numpy as np

from ..exercises import Exercise, expect_function, expect_number
from ._code import CodeExercise

# --------------------------------------------------------------------------- q1: pooling
q1 = Exercise(
    name="q1",
    checker=expect_number(
        6, "the number of positions averaged",
        wrong={10: "the 4 padding positions have mask 0: they are left out of the sum and of "
                   "the count (otherwise every short text's vector would shrink)",
               4: "[CLS] and [SEP] are real pieces with mask 1: mean pooling keeps them"},
        otherwise="mean pooling averages the positions whose mask is 1"),
    hints=["Which positions have a 1 in the attention mask?",
           "The mask is 1 for the sentence's own pieces ([CLS] and [SEP] included) and 0 for "
           "padding."],
    solution_code="positions_averaged = 6   # the mask's 1s; padding (mask 0) is left out",
    explanation="6: the sum runs over the positions whose mask is 1 and is divided by their "
                "count, so padding never changes a sentence's vector.",
)


# --------------------------------------------------------------------------- q2: cosine top-k
def _reference_top_k(query, vectors, k):
    query = np.asarray(query, dtype=float)
    vectors = np.asarray(vectors, dtype=float)
    cosine = vectors @ query / (np.linalg.norm(vectors, axis=1) * np.linalg.norm(query))
    return np.argsort(-cosine, kind="stable")[:k]


def _top_k_cases(rng):
    fixed_vectors = np.array([[1.0, 0.0], [10.0, 10.0], [0.0, 1.0], [0.9, 0.1], [-1.0, 0.0]])
    cases = [(np.array([1.0, 0.0]), fixed_vectors, 2)]
    for rows, dim, k in [(20, 5, 3), (50, 8, 1), (100, 16, 10), (30, 3, 30)]:
        lengths = rng.uniform(0.2, 5.0, size=(rows, 1))       # unequal lengths: dot ≠ cosine
        vectors = rng.standard_normal((rows, dim))
        vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True) * lengths
        cases.append((rng.standard_normal(dim) * 3, vectors, k))
    return cases


def _top_k_diagnose(args, got, expected):
    query, vectors, k = args
    try:
        got = np.asarray(got).astype(int).ravel()
    except (TypeError, ValueError):
        return f"type: return k row numbers (integers), got {got!r:.60}"
    if len(got) != k:
        return (f"off-by-one/length: returned {len(got)} row numbers, expected k = {k} "
                "(slice the sorted order with [:k])")
    if np.array_equal(got, expected):
        return None
    dot = np.argsort(-(np.asarray(vectors) @ np.asarray(query)), kind="stable")[:k]
    cosine_all = _reference_top_k(query, vectors, len(vectors))
    if np.array_equal(got, dot) and not np.array_equal(dot, expected):
        return ("normalisation: this is the dot-product ranking; divide by both vectors' "
                "lengths (cosine) so that long vectors do not win")
    if np.array_equal(got, cosine_all[1:k + 1]):
        return ("off-by-one: the most similar row is missing; the sorted order starts at "
                "position 0, so keep [:k]")
    if np.array_equal(got, cosine_all[::-1][:k]):
        return "sign/order: these are the least similar rows; sort from the highest cosine down"
    if set(got.tolist()) == set(np.asarray(expected).tolist()):
        return "order: the right rows, but put the most similar first"
    return None


q2 = CodeExercise(
    name="q2",
    checker=expect_function(_reference_top_k, _top_k_cases, name="cosine_top_k",
                            diagnose=_top_k_diagnose),
    hints=["Cosine = dot product divided by both lengths: np.linalg.norm(vectors, axis=1) "
           "gives one length per row.",
           "np.argsort sorts ascending: sort the negated scores (or reverse) to get the "
           "highest first, then keep [:k]."],
    solution_code='''def cosine_top_k(query, vectors, k):
    cosine = vectors @ query / (np.linalg.norm(vectors, axis=1) * np.linalg.norm(query))
    return np.argsort(-cosine)[:k]''',
    explanation="exact search in three lines: every stored vector is scored, so its cost grows "
                "with the collection; this is the ground truth the indexes are measured against.",
)


# --------------------------------------------------------------------------- q3: recall@k
def _reference_recall(found, truth, k):
    found = np.asarray(found)
    truth = np.asarray(truth)
    hits = [len(set(f[:k].tolist()) & set(t[:k].tolist())) for f, t in zip(found, truth)]
    return float(np.mean(hits) / k)


def _recall_cases(rng):
    cases = [(np.array([[1, 2, 3]]), np.array([[3, 2, 1]]), 3),          # order must not matter
             (np.array([[1, 2, 9, 8]]), np.array([[1, 2, 3, 4]]), 2),
             (np.array([[5, 6], [7, 8], [1, 4]]), np.array([[5, 0], [1, 2], [4, 1]]), 2)]
    for queries, k in [(4, 5), (10, 10), (3, 1)]:
        truth = np.stack([rng.permutation(100)[:k + 3] for _ in range(queries)])
        found = truth.copy()
        for row in found:
            row[rng.random(len(row)) < 0.4] = rng.integers(100, 200)   # misses
            rng.shuffle(row[:k])                                       # another order
        cases.append((found, truth, k))
    return cases


def _recall_diagnose(args, got, expected):
    found, truth, k = (np.asarray(a) for a in args)
    if isinstance(got, (str, bytes, list, tuple, dict, set)):
        return f"type: return one number (a share between 0 and 1), got {got!r:.60}"
    try:
        value = float(got)
    except (TypeError, ValueError):
        return f"type: return one number (a share between 0 and 1), got {got!r:.60}"
    if abs(value - expected) < 1e-9:
        return None
    k = int(k)
    positional = float(np.mean(found[:, :k] == truth[:, :k]))
    sums = [len(set(f[:k].tolist()) & set(t[:k].tolist())) for f, t in zip(found, truth)]
    if abs(value - positional) < 1e-9:
        return ("order: you compared position by position; recall counts the ids of found[:k] "
                "that appear anywhere in truth[:k]")
    if abs(value - float(np.mean(sums))) < 1e-9 or abs(value - float(np.sum(sums))) < 1e-9:
        return "scale: divide the number of hits by k to get a share between 0 and 1"
    if abs(value - float(np.sum(sums)) / k) < 1e-9:
        return "scale: average over the queries (divide by their number) as well"
    for wrong_k in (k - 1, k + 1):
        if wrong_k > 0 and abs(value * wrong_k / k - expected) < 1e-9:
            return f"off-by-one: you divided by {wrong_k}, not by k = {k}"
    for shifted in (k - 1, k + 1):
        if 0 < shifted <= min(found.shape[1], truth.shape[1]) and \
                abs(value - _reference_recall(found, truth, shifted)) < 1e-9:
            return f"off-by-one: you used the top {shifted}, not the top k = {k} ([:k] keeps k)"
    return f"value: got {value:.4g}, expected {expected:.4g}"


q3 = CodeExercise(
    name="q3",
    checker=expect_function(_reference_recall, _recall_cases, name="recall_at_k",
                            diagnose=_recall_diagnose),
    hints=["For one query: len(set(found_row[:k]) & set(truth_row[:k])) is the number of hits.",
           "Divide the hits by k, then average over the queries (rows)."],
    solution_code='''def recall_at_k(found, truth, k):
    hits = [len(set(f[:k]) & set(t[:k])) for f, t in zip(found, truth)]
    return sum(hits) / (k * len(hits))''',
    explanation="recall@k ignores the order inside the top k and counts how many true "
                "neighbours the index found: 1.0 means it returned exactly the exact search's k.",
)


# --------------------------------------------------------------------------- q4: IVF cost
q4 = Exercise(
    name="q4",
    checker=expect_number(
        16 / 1024, "the share of the collection scanned", rel=1e-3,
        wrong={16: "that is the number of cells scanned; divide it by the number of cells",
               1024 / 16: "upside down: the share is nprobe / nlist",
               100 * 16 / 1024: "that is a percentage; give the share as a fraction (0.5 = half)",
               1 / 1024: "that is one cell; the query scans nprobe cells"},
        otherwise="each cell holds about 1/nlist of the vectors and a query scans nprobe cells"),
    hints=["k-means splits the collection into nlist cells of about equal size.",
           "A query compares itself with every vector of nprobe cells: nprobe / nlist."],
    solution_code="share_scanned = 16 / 1024   # 0.0156: about 1.6 % of the vectors",
    explanation="about 1.6 %: IVF compares the query with ~1/64 of the vectors (plus the 1,024 "
                "centroids), which is where its speed comes from, and why a neighbour sitting "
                "in an unscanned cell is missed.",
)
