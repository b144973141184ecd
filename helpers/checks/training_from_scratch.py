"""Exercises of notebook 08: write the SGNS loss and its gradient, which rows a step touches,
and what zero initialization does."""
from __future__ import annotations

import numpy as np
import torch

from ..exercises import Exercise, NotQuite, expect_function
from ..sgns_by_hand import autograd_gradients, pair_gradients
from ._code import CodeExercise, typical_mistake


# --------------------------------------------------------------------------- random test inputs
def sgns_cases(rng):
    """(v, u_o, u_neg) as float64 torch tensors: a 2-D case, then random sizes and scales."""
    f64 = torch.float64
    cases = [(torch.tensor([0.5, -0.2], dtype=f64), torch.tensor([0.4, 0.1], dtype=f64),
              torch.tensor([[-0.3, 0.2], [0.1, 0.4], [0.2, -0.1]], dtype=f64))]
    for _ in range(10):
        dim, k = int(rng.integers(2, 9)), int(rng.integers(1, 6))
        scale = float(rng.choice([0.1, 1.0, 2.0]))
        cases.append((torch.from_numpy(rng.normal(0, scale, dim)),
                      torch.from_numpy(rng.normal(0, scale, dim)),
                      torch.from_numpy(rng.normal(0, scale, (k, dim)))))
    return [tuple(t.to(torch.float64) for t in case) for case in cases]


def _numpy(*tensors):
    return [np.asarray(t, dtype=np.float64) for t in tensors]


def _as_float(got):
    try:
        if hasattr(got, "detach"):
            got = got.detach()
        return np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return None


def reference_loss(v, u_o, u_neg):
    return pair_gradients(*_numpy(v, u_o, u_neg))["loss"]


def reference_grad_v(v, u_o, u_neg):
    """∂loss/∂v computed by autograd: what the learner's formula must match."""
    return autograd_gradients(*_numpy(v, u_o, u_neg))["grad_v"]


def _softplus(x):
    return np.log1p(np.exp(x))


def _diagnose_loss(args, got, expected):
    value = _as_float(got)
    if value is None:
        return None
    if value.size != 1:
        return (f"shape: return one number (the loss of the pair), not {value.size} numbers; "
                "sum the negatives' terms")
    value = float(value.reshape(()))
    v, u_o, u_neg = _numpy(*args)
    pos, neg = float(v @ u_o), u_neg @ v
    typical = {
        "sign inside σ for the negatives: a negative's term is −log σ(−v·u_k), with a minus "
        "inside, because the loss wants their scores LOW":
            _softplus(-pos) + _softplus(-neg).sum(),
        "you only have the real context's term: add −log σ(−v·u_k) for every negative":
            _softplus(-pos),
        "sign: the loss is MINUS the log-probabilities, so it is positive": -expected,
        "the negatives' terms are averaged; the loss adds them (Σ_k)":
            _softplus(-pos) + _softplus(neg).mean(),
    }
    return typical_mistake(value, expected, typical)


q1 = CodeExercise(
    name="q1",
    checker=expect_function(reference_loss, sgns_cases, name="my_sgns_loss",
                            diagnose=_diagnose_loss),
    hints=["log σ(x) is torch.nn.functional.logsigmoid(x); v @ u_o is the context's score and "
           "u_neg @ v the K negatives' scores.",
           "loss = −logsigmoid(v @ u_o) − logsigmoid(−(u_neg @ v)).sum(): one term for the "
           "context, one per negative, each with its own sign inside σ."],
    solution_code="""def my_sgns_loss(v, u_o, u_neg):
    logsig = torch.nn.functional.logsigmoid
    return -(logsig(v @ u_o) + logsig(-(u_neg @ v)).sum())""",
    explanation="one pair's loss: small when the context scores high and every negative low.",
)


def _diagnose_grad(args, got, expected):
    value = _as_float(got)
    if value is None or value.shape != expected.shape:
        return None
    v, u_o, u_neg = _numpy(*args)
    pull = 1.0 - 1.0 / (1.0 + np.exp(-(v @ u_o)))
    push = 1.0 / (1.0 + np.exp(-(u_neg @ v)))
    typical = {
        "sign: the context's term is −(1 − σ(v·u_o)) u_o (the loss falls as v moves towards "
        "u_o), and each negative adds +σ(v·u_k) u_k":
            pull * u_o - push @ u_neg,
        "the negatives are missing: add σ(v·u_k) u_k for every negative": -pull * u_o,
        "the context's term is missing: start from −(1 − σ(v·u_o)) u_o": push @ u_neg,
        "the context's weight is 1 − σ(v·u_o), not σ(v·u_o)":
            -(1.0 - pull) * u_o + push @ u_neg,
        "each negative's weight is σ(v·u_k) (how wrong its score still is), not 1":
            -pull * u_o + u_neg.sum(0),
    }
    return typical_mistake(value, expected, typical)


q2 = CodeExercise(
    name="q2",
    checker=expect_function(reference_grad_v, sgns_cases, name="my_sgns_grad_v",
                            diagnose=_diagnose_grad),
    hints=["Two kinds of terms: the real context pulls v towards u_o with weight 1 − σ(v·u_o); "
           "each negative pushes v away from u_k with weight σ(v·u_k). The gradient points "
           "where the loss RISES, so the pull has a minus sign.",
           "grad = −(1 − σ(v·u_o)) · u_o + Σ_k σ(v·u_k) · u_k; in torch: "
           "-(1 - torch.sigmoid(v @ u_o)) * u_o + torch.sigmoid(u_neg @ v) @ u_neg"],
    solution_code="""def my_sgns_grad_v(v, u_o, u_neg):
    pull = 1 - torch.sigmoid(v @ u_o)          # how far the context's score is from 1
    push = torch.sigmoid(u_neg @ v)            # how far each negative's score is from 0
    return -pull * u_o + push @ u_neg""",
    explanation="your formula equals autograd's gradient on every input: this is what "
                "loss.backward() computes for the centre row, and what the fast trainer "
                "writes by hand.",
)


# --------------------------------------------------------------------------- q3: rows of W_in
Q3_CENTRES = [3, 7, 3]
Q3_CONTEXTS = [5, 3, 8]
Q3_NEGATIVES = [[9, 1], [1, 0], [2, 9]]


def _rows_checker(answer):
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__"):
        raise NotQuite("give the row numbers as a set (or list) of integers, like {1, 2}")
    rows = {int(x) for x in answer}
    expected = set(Q3_CENTRES)
    if rows == expected:
        return None
    if not rows:
        return ("an empty set is right only for the very first step, while W_out is still all "
                "zeros; here training is under way and both tables hold non-zero numbers")
    out_rows = set(Q3_CONTEXTS) | {n for ns in Q3_NEGATIVES for n in ns}
    if rows == expected | out_rows or rows == out_rows:
        return ("contexts and negatives are looked up in the OUTPUT table; the input table "
                "only serves the centre words")
    if rows > expected:
        return f"too many: rows {sorted(rows - expected)} never appear as a centre word"
    return "a centre word's row is missing: each centre row gets a gradient (W_out is non-zero)"


q3 = Exercise(
    name="q3",
    checker=_rows_checker,
    hints=["The loss reads W_in only at the centre words' rows.",
           "The centres are [3, 7, 3]: a word twice in a batch is still one row."],
    solution_code="in_rows_that_change = {3, 7}",
    explanation="only rows 3 and 7 of W_in appear in the loss, so only they get a gradient; "
                "every other row of W_in stays exactly as it was (row 3 gets the sum of its two "
                "pairs' gradients).",
)

# --------------------------------------------------------------------------- q4: zero initialization
Q4_CHOICES = {
    "a": "the vectors learn as usual, only a little slower",
    "b": "the rows move, but all rows stay identical to each other",
    "c": "nothing moves at all: every gradient is zero and the loss stays at 6·log 2 ≈ 4.159",
}


def _zeros_checker(answer):
    if not isinstance(answer, str) or answer.strip().lower().strip("()") not in Q4_CHOICES:
        raise NotQuite('answer with one letter: "a", "b" or "c"')
    choice = answer.strip().lower().strip("()")
    if choice == "c":
        return None
    if choice == "a":
        return ("look at the gradient of v_c: it is a sum of W_out rows, and W_out starts at "
                "zero too; the gradient of u_o is a multiple of v_c, which is zero")
    return ("something like that happens with a non-zero constant start (every row stays a "
            "multiple of (1, …, 1)); with zeros even the first gradient is zero, so nothing moves")


q4 = Exercise(
    name="q4",
    checker=_zeros_checker,
    hints=["word2vec starts W_out at zero. Now W_in is zero too: what are all the scores v·u?",
           "∂loss/∂v_c is built from W_out rows and ∂loss/∂u from W_in rows: both zero."],
    solution_code='zeros_prediction = "c"',
    explanation="every score is 0, every gradient is a multiple of a zero row, so SGD never "
                "moves: the loss stays at (1 + 5)·log 2. Random initial values are what let "
                "training start, and tell rows apart.",
)
