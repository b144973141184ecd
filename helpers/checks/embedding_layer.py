"""Exercises of notebook 06: the embedding layer."""
import numpy as np

from ..embedding_layer import REAL_TABLES, gradient_rows
from ..exercises import Exercise, NotQuite, expect_function, number_answer
from ._code import CodeExercise

Q1_IDS_SHAPE, Q1_DIM = (3, 2), 7


# --------------------------------------------------------------------------- q2: output shape
def _shape_checker(answer):
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__"):
        raise NotQuite("give the shape as a tuple of whole numbers, such as (2, 3)")
    answer = tuple(number_answer(x, "each axis", whole=True) for x in answer)
    if answer == (3, 2, 7):
        return None
    if answer in ((3, 7), (2, 7)):
        return ("the lookup keeps the whole shape of the ID tensor (3 × 2) and adds one axis "
                "of length N at the end")
    if answer == (6, 7):
        return "the IDs are not flattened: each of the 3 × 2 positions gets its own row"
    if answer == (10, 7):
        return "(10, 7) is the table itself; the output has one vector per ID"
    if answer == (7, 3, 2):
        return "the new axis of length N goes at the END: (ID shape..., N)"
    return "output shape = the ID tensor's shape followed by the embedding dimension"


q2 = Exercise(
    name="q2",
    checker=_shape_checker,
    hints=["A lookup replaces every ID by a row of length N = 7.",
           "The ID tensor has shape (3, 2); each of its 6 entries becomes a vector of 7 numbers."],
    solution_code="output_shape = (3, 2, 7)\n# check: nn.Embedding(10, 7)(torch.zeros(3, 2, "
                  "dtype=torch.long)).shape",
    explanation="(3, 2) IDs in, (3, 2, 7) vectors out: 3 sequences of 2 tokens, each token now "
                "a 7-number vector.",
)


# --------------------------------------------------------------------------- q1: one-hot lookup
def reference_lookup(ids, W):
    return np.asarray(W)[np.asarray(ids)]


def _lookup_cases(rng):
    import torch

    cases = [(torch.tensor([2, 0, 2, 1]), torch.arange(15, dtype=torch.float32).reshape(5, 3))]
    for _ in range(8):
        vocab, dim = int(rng.integers(3, 12)), int(rng.integers(2, 6))
        if vocab == dim:
            vocab += 1
        ids = rng.integers(0, vocab - 1, size=int(rng.integers(1, 7)))   # never the last row
        cases.append((torch.from_numpy(ids), torch.from_numpy(rng.normal(0, 1, (vocab, dim)))))
    return cases


def _diagnose_lookup(args, got, expected):
    try:
        value = np.asarray(got.detach() if hasattr(got, "detach") else got, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    ids, W = np.asarray(args[0]), np.asarray(args[1], dtype=np.float64)
    if value.shape != expected.shape:
        return None
    for shift in (1, -1):
        shifted = np.clip(ids + shift, 0, len(W) - 1)
        if np.allclose(value, W[shifted]) and not np.allclose(W[shifted], expected):
            return (f"off-by-one: you picked row id {'+' if shift > 0 else '−'} 1; the 1 of ID i "
                    "sits at position i, counting from 0")
    return None


q1 = CodeExercise(
    name="q1",
    checker=expect_function(reference_lookup, _lookup_cases, name="my_one_hot_lookup",
                            diagnose=_diagnose_lookup),
    hints=["torch.nn.functional.one_hot(ids, num_classes=V) makes a (len(ids) × V) matrix of "
           "0s and 1s; V is the number of ROWS of W (W.shape[0]), not the largest ID + 1.",
           "one_hot is int64: turn it into the table's type with .to(W.dtype), then multiply: "
           "(len(ids) × V) @ (V × N)."],
    solution_code="""def my_one_hot_lookup(ids, W):
    one_hot = torch.nn.functional.one_hot(ids, num_classes=W.shape[0]).to(W.dtype)
    return one_hot @ W                          # (len(ids), V) @ (V, N) = (len(ids), N)""",
    explanation="the product picks exactly the rows W[ids], as nn.Embedding does, but it "
                "builds a len(ids) × V matrix to get there.",
)


# --------------------------------------------------------------------------- q3: GPT-2's table
_GPT2 = REAL_TABLES["GPT-2 small"][0] * REAL_TABLES["GPT-2 small"][1]


def _gpt2_checker(answer):
    value = number_answer(answer, "the number of parameters")
    if value == _GPT2:
        return None
    if value == _GPT2 * 4:
        return "that is the number of bytes in float32; the question asks for parameters"
    if value in (50_257 + 768, 50_257):
        return "a table has V × N numbers (one per row and column), not V + N"
    return "multiply the vocabulary size (50,257) by the dimension (768)"


q3 = Exercise(
    name="q3",
    checker=_gpt2_checker,
    hints=["Every one of the V rows has N numbers, and each number is one parameter.",
           "50,257 × 768 = ?"],
    solution_code="gpt2_parameters = 50_257 * 768   # 38,597,376",
    explanation="38,597,376 parameters: about 31 % of GPT-2 small's 124 million.",
)

# --------------------------------------------------------------------------- q4: rows with a gradient
Q4_IDS = [5, 2, 5, 0]
Q4_VOCAB = 7


def _rows_checker(answer):
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__"):
        raise NotQuite("give the row numbers as a list or a set, such as [1, 3]")
    given = [number_answer(x, "each row", whole=True) for x in answer]
    rows = sorted(set(given))
    expected = gradient_rows(Q4_IDS, Q4_VOCAB)["rows_with_gradient"]
    if rows == expected:
        return None
    if len(rows) == Q4_VOCAB:
        return "only rows that were looked up take part in the output, so only they get a gradient"
    return f"look at which IDs appear in {Q4_IDS}"


q4 = Exercise(
    name="q4",
    checker=_rows_checker,
    hints=["The output is made of copies of the looked-up rows; other rows are not used.",
           f"The IDs were {Q4_IDS}: which distinct numbers appear?"],
    solution_code="rows_with_gradient = [0, 2, 5]",
    explanation="rows 0, 2 and 5; row 5 was looked up twice, so its gradient is twice as big. "
                "Rows 1, 3, 4 and 6 get exact zeros.",
)
