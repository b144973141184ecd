"""Exercises of notebook 02: one-hot vectors, their geometry and their memory."""
import math

import numpy as np

from ..exercises import Exercise, NotQuite, number_answer
from ..one_hot import FLOAT32_BYTES, one_hot

BERT_VOCABULARY = 30_522
W_EXAMPLE = np.arange(12, dtype=np.float32).reshape(4, 3)


def _vector(answer, what: str = "a vector") -> np.ndarray:
    if isinstance(answer, (str, bytes)):
        raise NotQuite(f"give {what} as a list of numbers, not as text")
    if hasattr(answer, "detach"):  # a torch tensor
        answer = answer.detach().cpu().numpy()
    try:
        array = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        raise NotQuite(f"give {what} as a list of numbers, got {answer!r}") from None
    return array.reshape(-1) if array.ndim == 2 and 1 in array.shape else array


def _q1(answer):
    vector = _vector(answer, "the one-hot vector")
    expected = one_hot([3], 6)[0]
    if vector.shape != expected.shape:
        return f"a one-hot vector for a vocabulary of 6 has 6 numbers, you gave {vector.size}"
    if np.array_equal(vector, expected):
        return None
    if vector.sum() == 1 and vector.argmax() == 2:
        return "positions count from 0, so ID 3 is the fourth number"
    return "all zeros except a single 1 at position 3 (counting from 0)"


q1 = Exercise(
    name="q1", checker=_q1,
    hints=["Six numbers, all 0, except one.", "The 1 goes at index 3: [0, 0, 0, 1, 0, 0]."],
    solution_code="vector = [0, 0, 0, 1, 0, 0]   # or one_hot([3], 6)[0]",
    explanation="one 1 at the ID's position, V − 1 zeros everywhere else.")


def _q2(answer):
    value = float(number_answer(answer, "the cosine"))
    if abs(value) < 1e-9:
        return None
    if abs(value - 1) < 1e-9:
        return "a cosine of 1 means the same direction; dog's and fox's 1s sit in different places"
    return "their dot product is 0 (the 1s never meet), so the cosine is 0 / (1 · 1)"


q2 = Exercise(
    name="q2", checker=_q2,
    hints=["cosine = a·b / (|a| |b|). What is a·b when the 1s are in different places?",
           "Both vectors have length 1, and a·b = 0."],
    solution_code="cosine = 0.0",
    explanation="any two different one-hot vectors are at right angles: cosine 0, whatever "
                "the words mean.")


def _q3(answer):
    value = float(number_answer(answer, "the distance"))
    if abs(value - math.sqrt(2)) < 1e-3:
        return None
    if abs(value - 2) < 1e-9:
        return "2 is the squared distance; take its square root"
    if abs(value - 1) < 1e-9:
        return "two positions differ (one vector has a 1 where the other has 0, and vice versa)"
    return "square the differences, add them up, take the square root: √(1² + 1²)"


q3 = Exercise(
    name="q3", checker=_q3,
    hints=["The two vectors differ in exactly two positions, by 1 each.",
           "√(1² + 1²) = √2 ≈ 1.414."],
    solution_code="distance = 2 ** 0.5   # ≈ 1.414",
    explanation="every pair of different one-hot vectors is √2 apart: no word is closer to "
                "another.")


def _q4(answer):
    value = float(number_answer(answer, "the number of bytes"))
    expected = BERT_VOCABULARY ** 2 * FLOAT32_BYTES
    if value == expected:
        return None
    if value == BERT_VOCABULARY ** 2:
        return "that is the number of values; each float32 value takes 4 bytes"
    if value == BERT_VOCABULARY * FLOAT32_BYTES:
        return "that is one row; the table has V rows of V numbers"
    if value == BERT_VOCABULARY ** 2 * 8:
        return "that is float64 (8 bytes a number); the question asks for float32 (4 bytes)"
    return "V rows × V numbers × 4 bytes per float32"


q4 = Exercise(
    name="q4", checker=_q4,
    hints=["V × V numbers, each float32 number takes 4 bytes.",
           "30_522 * 30_522 * 4"],
    solution_code="bert_bytes = 30_522 * 30_522 * 4   # 3,726,370,576 bytes ≈ 3.5 GiB",
    explanation="about 3.5 GiB of mostly zeros, for a vocabulary that the IDs alone store in "
                "240 KiB.")


def _q5(answer):
    vector = _vector(answer, "the result")
    expected = (one_hot([2], 4) @ W_EXAMPLE)[0]
    if vector.shape != expected.shape:
        return f"the result has one number per column of W ({expected.size}), you gave {vector.size}"
    if np.allclose(vector, expected):
        return None
    for row in range(4):
        if np.allclose(vector, W_EXAMPLE[row]):
            return f"that is row {row} of W; the 1 is at position 2 (counting from 0)"
    return "multiply: only the row of W where the one-hot vector has its 1 survives"


q5 = Exercise(
    name="q5", checker=_q5,
    hints=["Every row of W is multiplied by the matching number of the one-hot vector.",
           "Only row 2 is multiplied by 1; the others by 0."],
    solution_code="result = one_hot([2], 4) @ W   # array([[6., 7., 8.]]) = W[2]",
    explanation="one-hot row · W = row 2 of W: a product that is really a look-up "
                "(notebook 05 turns this into torch.nn.Embedding).")
