"""Exercises of notebook 10: the GPT input shape, the sinusoidal table, a real table, static rows."""
from __future__ import annotations

import numpy as np

from ..exercises import Exercise, NotQuite, expect_function, number_answer
from ..language_models import sinusoidal_encoding
from ._code import CodeExercise

MINILM_ROWS, MINILM_DIM = 30_522, 384


# --------------------------------------------------------------------------- q2: write the table
def _table(positions, dim, first=0, pair_exponent=True, swap=False):
    p = np.arange(first, first + positions)[:, None]
    exponent = np.arange(0, dim, 2) / dim if pair_exponent else np.arange(dim // 2) / dim
    angles = p / 10_000 ** exponent
    table = np.zeros((positions, dim))
    table[:, 0::2] = np.cos(angles) if swap else np.sin(angles)
    table[:, 1::2] = np.sin(angles) if swap else np.cos(angles)
    return table


def _sinusoid_cases(rng):
    cases = [(1, 2), (4, 2), (6, 8), (50, 64)]
    for _ in range(8):
        cases.append((int(rng.integers(2, 30)), 2 * int(rng.integers(2, 17))))
    return cases


def _diagnose_sinusoids(args, got, expected):
    if hasattr(got, "detach"):
        got = got.detach().cpu().numpy()
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None
    positions, dim = args
    if got.shape != expected.shape:
        return None                      # the generic message names the shape problem
    if np.allclose(got, expected, atol=1e-6):
        return None
    for wrong, reason in (
            (_table(positions, dim, swap=True),
             "sin and cos are swapped: even columns (0, 2, 4, …) hold the sine, odd ones the cosine"),
            (_table(positions, dim, first=1),
             "off-by-one: positions count from 0, so row 0 is sin(0) = 0, cos(0) = 1"),
            (_table(positions, dim, pair_exponent=False),
             "the exponent: pair i (columns 2i and 2i+1) uses 10000^(2i/dim), not 10000^(i/dim)")):
        if np.allclose(got, wrong, atol=1e-6) and not np.allclose(wrong, expected, atol=1e-6):
            return reason
    return None


q2 = CodeExercise(
    name="q2",
    checker=expect_function(sinusoidal_encoding, _sinusoid_cases, name="my_sinusoids",
                            diagnose=_diagnose_sinusoids),
    hints=["Make p = np.arange(positions)[:, None] (a column) and the rates "
           "1 / 10000 ** (np.arange(0, dim, 2) / dim) (a row): p * rates is (positions, dim/2).",
           "Start from np.zeros((positions, dim)); fill table[:, 0::2] with the sines and "
           "table[:, 1::2] with the cosines of p * rates."],
    solution_code="""def my_sinusoids(positions, dim):
    p = np.arange(positions)[:, None]                  # (positions, 1)
    rates = 1.0 / 10_000 ** (np.arange(0, dim, 2) / dim)   # (dim / 2,)
    table = np.zeros((positions, dim))
    table[:, 0::2] = np.sin(p * rates)
    table[:, 1::2] = np.cos(p * rates)
    return table""",
    explanation="the same table as lm.sinusoidal_encoding: no parameter is learned, so it can be "
                "computed for any number of positions.",
)


# --------------------------------------------------------------------------- q1: the input shape
def _shape_checker(answer):
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__"):
        raise NotQuite("give the shape as a tuple of whole numbers, like (2, 3, 4)")
    shape = tuple(number_answer(x, "each axis", whole=True) for x in answer)
    if shape == (8, 16, 32):
        return None
    if sorted(shape) == [8, 16, 32]:
        return "right numbers, wrong order: the order is (batch, context, dim)"
    if len(shape) == 2:
        return ("the position embedding is added to every sequence of the batch, so the batch "
                "axis stays: three numbers")
    if len(shape) != 3:
        return "a batch of token sequences, each token a vector: three axes (batch, context, dim)"
    return "adding the (16, 32) position table does not change the (batch, context, dim) shape"


q1 = Exercise(
    name="q1",
    checker=_shape_checker,
    hints=["The token embedding turns (batch, context) IDs into (batch, context, dim) vectors.",
           "Adding the (context, dim) position table broadcasts over the batch: the shape stays."],
    solution_code="shape = (8, 16, 32)",
    explanation="8 sequences × 16 positions × 32 numbers: the sum keeps the token tensor's shape.",
)


# --------------------------------------------------------------------------- q3: numbers in the table
def _parameters_checker(answer):
    value = number_answer(answer, "the number of numbers in the table")
    expected = MINILM_ROWS * MINILM_DIM
    if value == expected:
        return None
    if value == expected * 4:
        return "that is the number of bytes (4 per float32); the question asks for numbers"
    if value in (MINILM_ROWS, MINILM_DIM, MINILM_ROWS + MINILM_DIM):
        return "multiply: every one of the 30,522 rows has 384 numbers"
    return f"the table's shape is ({MINILM_ROWS:,}, {MINILM_DIM}); multiply the two"


q3 = Exercise(
    name="q3",
    checker=_parameters_checker,
    hints=["Read `minilm.shape`.", "Every row has one number per dimension: rows × dimensions."],
    solution_code="numbers_in_table = 30_522 * 384   # 11,720,448",
    explanation="11,720,448 numbers, about half of MiniLM's 22.7 million parameters: in small "
                "models the token table is a big share of the whole.",
)


# --------------------------------------------------------------------------- q4: static rows
def _static_checker(answer):
    value = float(number_answer(answer, "the cosine"))
    if abs(value - 1.0) < 1e-3:
        return None
    if not -1.0 <= value <= 1.0:
        return "a cosine is between -1 and 1"
    if 0.3 < value < 0.95:
        return ("that would be the cosine of the model's *output* vectors; the table row is "
                "looked up by ID, which is the same in both sentences")
    return "both sentences look up the same row for 'bank': what is the cosine of a vector with itself?"


q4 = Exercise(
    name="q4",
    checker=_static_checker,
    hints=["The table lookup only sees the ID, never the neighbouring words.",
           "The same ID means the same row: the cosine of a vector with itself."],
    solution_code="static_cosine = 1.0",
    explanation="1.0: the embedding table is static. Only the layers above mix in the context.",
)
