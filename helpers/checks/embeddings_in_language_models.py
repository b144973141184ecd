"""Exercises of notebook 08: subword pieces, the GPT input shape, a real table, static rows."""
from __future__ import annotations

from ..exercises import Exercise

MINILM_ROWS, MINILM_DIM = 30_522, 384


def _pieces_checker(answer):
    from ..subwords import encode, load_wordpiece

    expected = encode(load_wordpiece(), "snowboarding").tokens
    if isinstance(answer, str):
        return "give the pieces as a list of strings, like ['piece', '##piece']"
    if not isinstance(answer, (list, tuple)) or not all(isinstance(p, str) for p in answer):
        return "give the pieces as a list of strings, like ['piece', '##piece']"
    answer = list(answer)
    if answer == expected:
        return None
    if [p.lstrip("#") for p in answer] == [p.lstrip("#") for p in expected]:
        return "right split, but WordPiece marks a piece that continues a word with '##'"
    if len(answer) != len(expected):
        return (f"WordPiece makes {len(expected)} pieces of this word, not {len(answer)}: "
                "run encode(wordpiece, 'snowboarding') and read .tokens")
    return "those are not the pieces MiniLM's vocabulary gives: run encode(...) and read .tokens"


q1 = Exercise(
    name="q1",
    checker=_pieces_checker,
    hints=["Use `encode(wordpiece, 'snowboarding').tokens`.",
           "'snow' is a whole word in the vocabulary; the rest is a continuation piece with ##."],
    solution_code="pieces = encode(wordpiece, 'snowboarding').tokens   # ['snow', '##boarding']",
    explanation="'snow' + '##boarding': a rare word becomes known pieces, so nothing is out of "
                "vocabulary.",
)


def _shape_checker(answer):
    try:
        shape = tuple(int(x) for x in answer)
    except TypeError:
        return "give the shape as a tuple of three whole numbers, like (2, 3, 4)"
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


q2 = Exercise(
    name="q2",
    checker=_shape_checker,
    hints=["The token embedding turns (batch, context) IDs into (batch, context, dim) vectors.",
           "Adding the (context, dim) position table broadcasts over the batch: the shape stays."],
    solution_code="shape = (8, 16, 32)",
    explanation="8 sequences × 16 positions × 32 numbers: the sum keeps the token tensor's shape.",
)


def _parameters_checker(answer):
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return "give one number: rows × columns"
    expected = MINILM_ROWS * MINILM_DIM
    if int(answer) == expected:
        return None
    if int(answer) == expected * 4:
        return "that is the number of bytes (4 per float32); the question asks for numbers"
    if int(answer) in (MINILM_ROWS, MINILM_DIM, MINILM_ROWS + MINILM_DIM):
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


def _static_checker(answer):
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return "give one number between -1 and 1"
    if abs(float(answer) - 1.0) < 1e-3:
        return None
    if 0.5 < float(answer) < 0.95:
        return ("that is close to the cosine of the model's *output* vectors; the table row "
                "is looked up by ID, which is the same in both sentences")
    return "both sentences look up row 2924 for 'bank': what is the cosine of a vector with itself?"


q4 = Exercise(
    name="q4",
    checker=_static_checker,
    hints=["The table lookup only sees the ID, never the neighbouring words.",
           "The same ID means the same row: the cosine of a vector with itself."],
    solution_code="static_cosine = 1.0",
    explanation="1.0: the embedding table is static. Only the layers above mix in the context.",
)
