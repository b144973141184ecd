"""Exercises of notebook 07: initialization."""
import math

import numpy as np

from ..exercises import Exercise, NotQuite, expect_function, number_answer
from ._code import CodeExercise, typical_mistake
from ..initialization import SCHEMES

_SCHEMES_THAT_STAY_SYMMETRIC = {"zeros", "constant(0.1)"}


# --------------------------------------------------------------------------- q2: write row cosines
def reference_row_cosines(W):
    """(V × V) cosine of every pair of rows of W (rows are never zero in the test inputs)."""
    W = np.asarray(W.detach() if hasattr(W, "detach") else W, dtype=np.float64)
    unit = W / np.linalg.norm(W, axis=1, keepdims=True)
    return unit @ unit.T


def _cosine_cases(rng):
    import torch

    cases = [np.array([[1.0, 0.0], [0.0, 2.0], [3.0, 3.0]])]
    for _ in range(8):
        rows, dim = int(rng.integers(2, 9)), int(rng.integers(2, 12))
        if rows == dim:
            dim += 1                      # a square table would hide a transposed answer
        cases.append(rng.normal(0, float(rng.choice([0.1, 1.0, 3.0])), (rows, dim)))
    return [(torch.from_numpy(c),) for c in cases]


def _diagnose_cosines(args, got, expected):
    try:
        value = np.asarray(got.detach() if hasattr(got, "detach") else got, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    W = np.asarray(args[0], dtype=np.float64)
    if value.shape == (W.shape[1], W.shape[1]) and value.shape != expected.shape:
        return (f"shape: you compared the {W.shape[1]} columns with each other (W.T @ W); each "
                f"ROW is a word's vector, so the result is {expected.shape}: W @ W.T")
    if value.shape != expected.shape:
        return None
    by_columns = W / np.linalg.norm(W, axis=0, keepdims=True)
    typical = {
        "you returned dot products: divide each by the two rows' lengths (or normalize the "
        "rows first)": W @ W.T,
        "axis: you divided each COLUMN by its length; normalize each ROW (axis=1 / dim=1)":
            by_columns @ by_columns.T,
    }
    return typical_mistake(value, expected, typical)


q2 = CodeExercise(
    name="q2",
    checker=expect_function(reference_row_cosines, _cosine_cases, name="my_row_cosines",
                            diagnose=_diagnose_cosines),
    hints=["Make every row length 1 first: W / W.norm(dim=1, keepdim=True). Then one matrix "
           "product gives every pair's dot product.",
           "unit = W / W.norm(dim=1, keepdim=True); return unit @ unit.T   (shape V × V)"],
    solution_code="""def my_row_cosines(W):
    unit = W / W.norm(dim=1, keepdim=True)     # every row now has length 1
    return unit @ unit.T                       # (V, V): cosine of every pair of rows""",
    explanation="one normalization and one matrix product give all V × V cosines; the "
                "diagonal is 1 (every row with itself).",
)


# --------------------------------------------------------------------------- q1: Xavier's bound
def _xavier_checker(answer):
    value = float(number_answer(answer, "the bound"))
    expected = math.sqrt(6.0 / (1000 + 100))
    if abs(value - expected) < 5e-4:
        return None
    if abs(value - math.sqrt(6.0 / 1000)) < 5e-4 or abs(value - math.sqrt(6.0 / 100)) < 5e-4:
        return "Xavier uses the sum fan_in + fan_out in the denominator"
    if abs(value - math.sqrt(2.0 / 1100)) < 5e-4:
        return ("that is the standard deviation of xavier_normal; the uniform bound is "
                "√(6 / (fan_in + fan_out))")
    if abs(value - 6.0 / 1100) < 5e-4:
        return "take the square root: bound = √(6 / (fan_in + fan_out))"
    return "bound = √(6 / (fan_in + fan_out)) with fan_in = N = 100 and fan_out = V = 1000"


q1 = Exercise(
    name="q1",
    checker=_xavier_checker,
    hints=["For a V × N embedding weight PyTorch takes fan_in = N and fan_out = V.",
           "√(6 / (100 + 1000))"],
    solution_code="xavier_bound = (6 / (100 + 1000)) ** 0.5   # ≈ 0.0739",
    explanation="≈ 0.0739. Note how the vocabulary size sets the scale: a bigger vocabulary "
                "gives smaller starting vectors, for no reason that has to do with words.",
)


# --------------------------------------------------------------------------- q3: spread at N = 400
def _spread_checker(answer):
    value = float(number_answer(answer, "the spread"))
    if abs(value - 1 / 20) <= 0.005:
        return None
    if abs(value - 1 / 400) < 0.001:
        return "that is 1/N; the spread shrinks more slowly, like 1/√N"
    if abs(value - 20) < 0.5:
        return "that is √N; the spread is its inverse, 1/√N"
    if value > 0.2:
        return "at N = 400 random vectors are much closer to orthogonal than that: spread ≈ 1/√N"
    return "the spread of cosines between random vectors is about 1/√N"


q3 = Exercise(
    name="q3",
    checker=_spread_checker,
    hints=["Compare the measured spread with the 1/√N column of the table above.",
           "1/√400 = ?"],
    solution_code="cosine_spread_at_400 = 1 / 400 ** 0.5   # 0.05",
    explanation="≈ 0.05: two random 400-dimensional vectors are nearly orthogonal, so a fresh "
                "table says nothing about which words are similar.",
)


# --------------------------------------------------------------------------- q4: stuck schemes
def _symmetric_checker(answer):
    if isinstance(answer, str):
        answer = [answer]
    try:
        chosen = set(answer)
    except TypeError:
        return "give the scheme names as a list of strings"
    if not all(isinstance(a, str) for a in chosen):
        return "give the scheme names as a list of strings, as written in SCHEMES"
    unknown = chosen - set(SCHEMES)
    if unknown:
        raise NotQuite(f"{sorted(unknown)[0]!r} is not one of the schemes: {', '.join(SCHEMES)}")
    if chosen == _SCHEMES_THAT_STAY_SYMMETRIC:
        return None
    if chosen < _SCHEMES_THAT_STAY_SYMMETRIC:
        return "one scheme is missing: which other one gives every entry the same value?"
    return "random schemes give every row different numbers; only equal starting values stay tied"


q4 = Exercise(
    name="q4",
    checker=_symmetric_checker,
    hints=["Which schemes put the same number in every entry?",
           "Look at the 'distinct columns' column of the table after 300 steps."],
    solution_code='stuck_schemes = ["zeros", "constant(0.1)"]',
    explanation="zeros and constant(0.1): every dimension gets the same gradient, so the "
                "dimensions (columns) never become different.",
)
