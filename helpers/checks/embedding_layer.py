"""Exercises of notebook 05: the embedding layer."""
from ..embedding_layer import REAL_TABLES, gradient_rows
from ..exercises import Exercise


def _shape_checker(answer):
    if not isinstance(answer, (tuple, list)) and not hasattr(answer, "__iter__"):
        return "give the shape as a tuple of whole numbers, such as (2, 3)"
    answer = tuple(int(x) for x in answer)
    if answer == (2, 3, 5):
        return None
    if answer == (2, 5) or answer == (3, 5):
        return ("the lookup keeps the whole shape of the ID tensor (2 × 3) and adds one axis "
                "of length N at the end")
    if answer == (6, 5):
        return "the IDs are not flattened: each of the 2 × 3 positions gets its own row"
    if answer == (4, 5):
        return "(4, 5) is the table itself; the output has one vector per ID"
    return "output shape = the ID tensor's shape followed by the embedding dimension"


q1 = Exercise(
    name="q1",
    checker=_shape_checker,
    hints=["A lookup replaces every ID by a row of length N = 5.",
           "The ID tensor has shape (2, 3); each of its 6 entries becomes a vector of 5 numbers."],
    solution_code="output_shape = (2, 3, 5)\n# check: nn.Embedding(4, 5)(torch.tensor([[2, 3, 1], "
                  "[0, 0, 3]])).shape",
    explanation="(2, 3) IDs in, (2, 3, 5) vectors out: a batch of 2 sequences of 3 tokens, "
                "each token now a 5-number vector.",
)

_GPT2 = REAL_TABLES["GPT-2 small"][0] * REAL_TABLES["GPT-2 small"][1]


def _gpt2_checker(answer):
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return "give the number of parameters as a number, e.g. 12_345_678"
    if int(answer) == _GPT2:
        return None
    if int(answer) == _GPT2 * 4:
        return "that is the number of bytes in float32; the question asks for parameters"
    if int(answer) in (50_257 + 768, 50_257):
        return "a table has V × N numbers (one per row and column), not V + N"
    return "multiply the vocabulary size (50,257) by the dimension (768)"


q2 = Exercise(
    name="q2",
    checker=_gpt2_checker,
    hints=["Every one of the V rows has N numbers, and each number is one parameter.",
           "50,257 × 768 = ?"],
    solution_code="gpt2_parameters = 50_257 * 768   # 38,597,376",
    explanation="38,597,376 parameters: about 31 % of GPT-2 small's 124 million.",
)

Q3_IDS = [5, 2, 5, 0]
Q3_VOCAB = 7


def _rows_checker(answer):
    try:
        rows = sorted({int(x) for x in answer})
    except TypeError:
        return "give the row numbers as a list or a set, such as [1, 3]"
    expected = gradient_rows(Q3_IDS, Q3_VOCAB)["rows_with_gradient"]
    if rows == expected:
        return None
    if len(rows) == Q3_VOCAB:
        return "only rows that were looked up take part in the output, so only they get a gradient"
    if sorted(answer) == sorted(Q3_IDS):
        return "give each row once: a row looked up twice still is one row (its gradient doubles)"
    return f"look at which IDs appear in {Q3_IDS}"


q3 = Exercise(
    name="q3",
    checker=_rows_checker,
    hints=["The output is made of copies of the looked-up rows; other rows are not used.",
           f"The IDs were {Q3_IDS}: which distinct numbers appear?"],
    solution_code="rows_with_gradient = [0, 2, 5]",
    explanation="rows 0, 2 and 5; row 5 was looked up twice, so its gradient is twice as big. "
                "Rows 1, 3, 4 and 6 get exact zeros.",
)


def _freeze_checker(answer):
    if not isinstance(answer, bool):
        return "answer True or False"
    if answer is False:
        return None
    return ("freeze=True sets requires_grad=False, so the optimizer never changes the "
            "pretrained rows; to fine-tune them, use freeze=False")


q4 = Exercise(
    name="q4",
    checker=_freeze_checker,
    hints=["Look at `requires_grad` of a layer made with freeze=True.",
           "An optimizer only updates parameters that require gradients."],
    solution_code="rows_change_when_frozen = False",
    explanation="a frozen layer is a fixed lookup table: training the rest of a model leaves "
                "its rows exactly as loaded.",
)
