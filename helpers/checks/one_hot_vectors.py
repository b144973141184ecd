"""Exercises of notebook 02: one-hot vectors, writing them, and their memory."""
import numpy as np

from ..exercises import Exercise, NotQuite, expect_function, expect_number, number_answer
from ..one_hot import FLOAT32_BYTES, GPT2_VOCABULARY, one_hot

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


# --------------------------------------------------------------------------- q2: write one_hot
def _one_hot_cases(rng):
    cases = [([3], 6), ([0, 2, 1], 3), ([4, 4], 5), ([0], 1)]
    for _ in range(20):
        size = int(rng.integers(2, 40))
        ids = [int(i) for i in rng.integers(0, size, size=int(rng.integers(1, 12)))]
        cases.append((ids, size))
    return cases


def _diagnose_one_hot(args, got, expected):
    ids, size = args
    if hasattr(got, "detach"):
        got = got.detach().cpu().numpy()
    try:
        array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return f"return an array of numbers, got {type(got).__name__}"
    if array.shape == expected.shape and np.array_equal(array, expected):
        return ""
    if array.shape == expected.shape[::-1] and np.array_equal(array.T, expected):
        return f"shape: transposed; one row per ID gives shape {expected.shape}, not {array.shape}"
    if array.ndim == 1 and array.shape == (size,):
        return (f"shape: one vector of {size} numbers for {len(ids)} IDs; return one row per "
                f"ID, shape {expected.shape}")
    if array.shape != expected.shape:
        return f"shape: expected ({len(ids)} IDs, V = {size}) = {expected.shape}, got {array.shape}"
    for shift in (1, -1):
        moved = np.zeros_like(expected)
        rows = [(r, i + shift) for r, i in enumerate(ids) if 0 <= i + shift < size]
        for r, i in rows:
            moved[r, i] = 1
        if rows and np.array_equal(array, moved):
            return f"off-by-one: the 1 sits at ID {'+' if shift > 0 else '−'} 1; IDs count from 0"
    if np.array_equal(array, 1 - expected):
        return "sign: ones and zeros swapped; all zeros except a single 1"
    if (array.sum(axis=1) != 1).any():
        return "every row needs exactly one 1 (and V − 1 zeros)"
    return "each row's 1 belongs at column ids[row]"


def _reference_one_hot(ids, size):
    return one_hot(ids, size)


_one_hot_function = expect_function(_reference_one_hot, _one_hot_cases, name="my_one_hot",
                                    diagnose=_diagnose_one_hot)


def _q2(answer):
    return _one_hot_function(answer) or None


q2 = Exercise(
    name="q2", checker=_q2,
    hints=["Start from zeros of shape (len(ids), V): np.zeros((len(ids), V), dtype=np.float32).",
           "Then, for each row r, set column ids[r] to 1: "
           "vectors[np.arange(len(ids)), ids] = 1 does all rows at once."],
    solution_code=("def my_one_hot(ids, V):\n"
                   "    vectors = np.zeros((len(ids), V), dtype=np.float32)   # one row per ID\n"
                   "    vectors[np.arange(len(ids)), ids] = 1.0               # row r, column ids[r]\n"
                   "    return vectors"),
    explanation="zeros, then one 1 per row at the ID's column: that is all a one-hot encoder "
                "does (torch.nn.functional.one_hot is the same, with integers).")


# --------------------------------------------------------------------------- q3: zeros in a batch
BATCH = 1_024

q3 = Exercise(
    name="q3",
    checker=expect_number(
        BATCH * (GPT2_VOCABULARY - 1), "the number of zeros",
        wrong={BATCH * GPT2_VOCABULARY: "that counts every number; each row also holds one 1",
               GPT2_VOCABULARY - 1: "that is one row's zeros; the batch has 1,024 rows",
               BATCH * GPT2_VOCABULARY - 1: "each of the 1,024 rows has its own 1, not one in all"},
        otherwise="rows × (zeros per row): each of the 1,024 rows has V − 1 zeros"),
    hints=["Each row has V numbers, exactly one of which is 1.",
           "1_024 * (50_257 - 1)"],
    solution_code="zeros_in_batch = 1_024 * (50_257 - 1)   # 51,462,144",
    explanation="51,462,144 zeros next to 1,024 ones: 99.998 % of the matrix says nothing.")


def _q4(answer):
    value = number_answer(answer, "the number of bytes")
    expected = BERT_VOCABULARY ** 2 * FLOAT32_BYTES
    if value == expected:
        return None
    if value == BERT_VOCABULARY ** 2:
        return "that is the number of values; each float32 value takes 4 bytes"
    if value == BERT_VOCABULARY * FLOAT32_BYTES:
        return "that is one row; the table has V rows of V numbers"
    if value == BERT_VOCABULARY ** 2 * 8:
        return "that is float64 (8 bytes a number); the question asks for float32 (4 bytes)"
    if value == float(np.float32(expected)):
        return ("close but not exact: a float32 cannot hold all ten digits; compute it with "
                "Python integers: 30_522 * 30_522 * 4")
    return "V rows × V numbers × 4 bytes per float32"


q4 = Exercise(
    name="q4", checker=_q4,
    hints=["V × V numbers, each float32 number takes 4 bytes.",
           "30_522 * 30_522 * 4"],
    solution_code="bert_bytes = 30_522 * 30_522 * 4   # 3,726,369,936 bytes ≈ 3.5 GiB",
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
                "(notebook 06 turns this into torch.nn.Embedding).")
