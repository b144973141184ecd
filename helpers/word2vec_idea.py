"""Compute helpers of notebook 04 (the Word2Vec idea): a one-parameter training primer, two tiny
tables with a dot-product score, and what a softmax over the whole vocabulary costs.

No plotting here (figures live in `helpers.word2vec_views`).

* `bowl_loss(w)`, `bowl_gradient(w)`, `descend(start, learning_rate, steps)`: gradient descent
  on the one-parameter loss L(w) = (w − 2)², the smallest possible picture of "training".
* `two_tables(words, dims, seed)`: the input and output tables Word2Vec keeps, as small random
  arrays, and `pair_score` / `sigmoid` to turn a (centre, context) pair into a probability.
* `dot_products_per_pair(V, negatives)`: how many dot products one training pair needs with a
  full softmax (V) and with negative sampling (1 + negatives); `softmax_vs_negative_ms` times both.
"""
from __future__ import annotations

import time

import numpy as np

from .errors import CourseError

BOWL_MINIMUM = 2.0


def _number(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise CourseError(f"{name} must be a number, got {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise CourseError(f"{name} must be a finite number, got {value!r}")
    return value


def bowl_loss(w):
    """L(w) = (w − 2)²: how wrong the single parameter w is (0 at the best value, w = 2)."""
    return (np.asarray(w, dtype=float) - BOWL_MINIMUM) ** 2


def bowl_gradient(w):
    """dL/dw = 2 (w − 2): the slope of the loss; its sign says which way is uphill."""
    return 2.0 * (np.asarray(w, dtype=float) - BOWL_MINIMUM)


def descend(start: float = -1.0, learning_rate: float = 0.1, steps: int = 8) -> list[float]:
    """The values of w visited by `steps` steps of gradient descent, w ← w − lr · dL/dw.

    Returns `steps + 1` values, the start included.
    """
    w = _number(start, "start")
    learning_rate = _number(learning_rate, "learning_rate")
    if learning_rate <= 0:
        raise CourseError(f"learning_rate must be above 0, got {learning_rate}: a step of 0 "
                          f"never moves, a negative one walks uphill")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 0 <= steps <= 1000:
        raise CourseError(f"steps must be a whole number from 0 to 1000, got {steps!r}")
    path = [w]
    for _ in range(int(steps)):
        w = w - learning_rate * float(bowl_gradient(w))
        path.append(w)
    return path


# --------------------------------------------------------------------------- two tables
def two_tables(words, dims: int = 3, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(W_in, W_out): V × dims tables of small random numbers, one row per word.

    W_in is drawn like gensim's input vectors (uniform in [−1/dims, 1/dims)); W_out also gets
    small random numbers here so that scores differ from 0 (gensim starts W_out at zeros).
    """
    if isinstance(words, str):
        raise CourseError(f"give a list of words, e.g. ['dog', 'cat', 'apple'], not one string "
                          f"({words!r})")
    words = list(words)
    if not words:
        raise CourseError("give a list of words, e.g. ['dog', 'cat', 'apple']")
    if isinstance(dims, bool) or not isinstance(dims, (int, np.integer)) or dims < 1:
        raise CourseError(f"dims must be a whole number of at least 1, got {dims!r}")
    rng = np.random.default_rng(seed)
    w_in = rng.uniform(-1 / dims, 1 / dims, size=(len(words), dims))
    w_out = rng.uniform(-1 / dims, 1 / dims, size=(len(words), dims))
    return w_in, w_out


def sigmoid(x):
    """σ(x) = 1 / (1 + e^−x): turns any score into a probability between 0 and 1."""
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def pair_score(w_in: np.ndarray, w_out: np.ndarray, centre: int, context: int) -> float:
    """The score of a (centre, context) pair: input row of the centre · output row of the context."""
    return float(w_in[centre] @ w_out[context])


# --------------------------------------------------------------------------- softmax cost
def dot_products_per_pair(vocabulary_size: int, negatives: int = 5) -> dict[str, int]:
    """Dot products one (centre, context) pair costs: a full softmax scores every word of the
    vocabulary; negative sampling scores the true context word and `negatives` random ones."""
    for name, value in (("vocabulary_size", vocabulary_size), ("negatives", negatives)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise CourseError(f"{name} must be a whole number of at least 1, got {value!r}")
    return {"softmax": int(vocabulary_size), "negative sampling": 1 + int(negatives)}


def softmax_vs_negative_ms(vocabulary_size: int, dims: int = 100, negatives: int = 5,
                           repeats: int = 50, seed: int = 0) -> dict[str, float]:
    """Median milliseconds for one pair's probability: a full softmax over V rows against
    negative sampling's 1 + `negatives` sigmoid scores (float32, NumPy, one thread, this machine)."""
    dot_products_per_pair(vocabulary_size, negatives)
    rng = np.random.default_rng(seed)
    w_out = rng.standard_normal((vocabulary_size, dims)).astype(np.float32)
    centre = rng.standard_normal(dims).astype(np.float32)
    rows = rng.integers(0, vocabulary_size, size=1 + negatives)

    def softmax():
        scores = w_out @ centre
        scores = np.exp(scores - scores.max())
        return scores[0] / scores.sum()

    def negative():
        scores = w_out[rows] @ centre
        return 1.0 / (1.0 + np.exp(-scores))

    try:  # one BLAS thread: a fair per-pair cost, not a measure of thread hand-offs on a busy machine
        from threadpoolctl import threadpool_limits
        limit = threadpool_limits(1)
    except ImportError:  # pragma: no cover - scikit-learn brings threadpoolctl
        limit = None
    result = {}
    for name, run in (("softmax", softmax), ("negative sampling", negative)):
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
        result[name] = float(np.median(times))
    if limit is not None:
        limit.restore_original_limits()
    return result
