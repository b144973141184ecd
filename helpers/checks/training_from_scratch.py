"""Exercises of notebook 07: the SGNS loss, which rows a step touches, and zero initialization."""
from __future__ import annotations

import math

from ..exercises import Exercise, NotQuite

# Exercise 1: the loss of one (centre, context) pair with two negatives, in 2-D.
Q1_CENTRE = [0.5, -0.2]
Q1_CONTEXT = [0.4, 0.1]
Q1_NEGATIVES = [[-0.3, 0.2], [0.1, 0.4]]


def _softplus(x: float) -> float:
    return math.log1p(math.exp(x))


def _dot(a, b) -> float:
    return sum(x * y for x, y in zip(a, b))


def q1_expected() -> float:
    """-log σ(v·u_o) - Σ_k log σ(-v·u_k); note -log σ(x) = log(1 + e^(-x))."""
    return _softplus(-_dot(Q1_CENTRE, Q1_CONTEXT)) + sum(
        _softplus(_dot(Q1_CENTRE, n)) for n in Q1_NEGATIVES)


def _loss_checker(answer):
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise NotQuite(f"give the loss as one number (a float or a 1-element tensor), "
                       f"got {answer!r}") from None
    expected = q1_expected()
    if abs(value - expected) <= 1e-3:
        return None
    d = _dot(Q1_CENTRE, Q1_CONTEXT)
    no_minus = -math.log(1 / (1 + math.exp(-d))) + sum(
        -math.log(1 / (1 + math.exp(-_dot(Q1_CENTRE, n)))) for n in Q1_NEGATIVES)
    if abs(value - no_minus) <= 1e-3:
        return ("for the negatives use σ(−v·u_k): the loss rewards a LOW score for them, "
                "so the sign inside σ flips")
    if abs(value - _softplus(-d)) <= 1e-3:
        return "that is only the positive pair's part: add the two negatives' terms"
    if abs(value + expected) <= 1e-3:
        return "the loss is minus the log-probabilities, so it is positive"
    return (f"{value:.4f} is not the loss; compute -log σ(v·u_o) - Σ log σ(-v·u_k) "
            "with σ(x) = 1/(1+e^(-x))")


q1 = Exercise(
    name="q1",
    checker=_loss_checker,
    hints=["σ(x) = 1 / (1 + e^(−x)); in torch: torch.sigmoid, or use "
           "torch.nn.functional.logsigmoid for log σ.",
           "Three terms: −log σ(v·u_o) for the real context, and −log σ(−v·u_k) for each of "
           "the two negatives. Add them."],
    solution_code="""v = torch.tensor(Q1_CENTRE)
u_o = torch.tensor(Q1_CONTEXT)
u_neg = torch.tensor(Q1_NEGATIVES)
logsig = torch.nn.functional.logsigmoid
my_loss = float(-(logsig(v @ u_o) + logsig(-(u_neg @ v)).sum()))""",
    explanation=f"the loss is {q1_expected():.4f}: about 3 × log 2 ≈ 2.079, because every score "
                "is near 0 and σ(0) = ½ for all three terms.",
)

# Exercise 2: which rows of the INPUT table change after one SGD step?
Q2_CENTRES = [3, 7, 3]
Q2_CONTEXTS = [5, 3, 8]
Q2_NEGATIVES = [[9, 1], [1, 0], [2, 9]]


def _rows_checker(answer):
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__"):
        raise NotQuite("give the row numbers as a set (or list) of integers, like {1, 2}")
    rows = {int(x) for x in answer}
    expected = set(Q2_CENTRES)
    if rows == expected:
        return None
    out_rows = set(Q2_CONTEXTS) | {n for ns in Q2_NEGATIVES for n in ns}
    if rows == expected | out_rows or rows == out_rows:
        return ("contexts and negatives are looked up in the OUTPUT table; the input table "
                "only serves the centre words")
    if rows > expected:
        return f"too many: rows {sorted(rows - expected)} never appear as a centre word"
    return "some centre word's row is missing: every centre word gets a gradient"


q2 = Exercise(
    name="q2",
    checker=_rows_checker,
    hints=["The loss reads W_in only at the centre words' rows.",
           "The centres are [3, 7, 3]: a word twice in a batch is still one row."],
    solution_code="in_rows_that_change = {3, 7}",
    explanation="only rows 3 and 7 of W_in appear in the loss, so only they get a gradient; "
                "every other row of W_in stays exactly as it was (row 3 gets the sum of its two "
                "pairs' gradients).",
)

# Exercise 3: what does zero initialization do?
Q3_CHOICES = {
    "a": "the vectors learn as usual, only a little slower",
    "b": "the rows move, but all rows stay identical to each other",
    "c": "nothing moves at all: every gradient is zero and the loss stays at 6·log 2 ≈ 4.159",
}


def _zeros_checker(answer):
    if not isinstance(answer, str) or answer.strip().lower() not in Q3_CHOICES:
        raise NotQuite('answer with one letter: "a", "b" or "c"')
    choice = answer.strip().lower()
    if choice == "c":
        return None
    if choice == "a":
        return ("look at the gradient of v_c: it is a sum of W_out rows, and W_out starts at "
                "zero too; the gradient of u_o is a multiple of v_c, which is zero")
    return ("that is what happens with a non-zero constant start; with zeros even the first "
            "gradient is zero, so nothing can move")


q3 = Exercise(
    name="q3",
    checker=_zeros_checker,
    hints=["word2vec starts W_out at zero. Now W_in is zero too: what are all the scores v·u?",
           "∂loss/∂v_c is built from W_out rows and ∂loss/∂u from W_in rows: both zero."],
    solution_code='zeros_prediction = "c"',
    explanation="every score is 0, every gradient is a multiple of a zero row, so SGD never "
                "moves: the loss stays at (1 + 5)·log 2. Random initial values are what let "
                "training start, and tell rows apart.",
)
