"""Exercises of notebook 03: a hand-built word × feature table, and cosine written by hand."""
import numpy as np

from ..exercises import Exercise, NotQuite, expect_function, expect_number, number_answer
from ..feature_table import FeatureTable, load_feature_table


def _word(answer, what: str = "a word") -> str:
    if not isinstance(answer, str):
        raise NotQuite(f"answer with {what} as a string, such as \"fox\"")
    return answer.strip().lower()


def _q1(answer):
    table = load_feature_table()
    word = _word(answer)
    best = table.nearest("cat", 1)[0][0]
    if word == best:
        return None
    if word == "cat":
        return "every word is most similar to itself; which *other* word is closest?"
    if word not in table:
        return f"'{word}' is not in the table; look at the heatmap's row for 'cat'"
    return f"'{word}' is similar, but another word has a higher cosine with 'cat'"


q1 = Exercise(
    name="q1", checker=_q1,
    hints=["Read the row of 'cat' in the heatmap, or call table.nearest('cat').",
           "Pets with four legs that make sounds..."],
    solution_code='closest_to_cat = table.nearest("cat", 1)[0][0]   # "dog"',
    explanation="dog: the two rows differ only a little in 'big', 'makes_sound' and 'wild'.")


def _goose(answer):
    if not isinstance(answer, FeatureTable):
        raise NotQuite("give the new table, e.g. table.with_word(\"goose\", {...})")
    if "goose" not in answer:
        return "the table has no 'goose' yet: add it with table.with_word(\"goose\", {...})"
    vector = answer.vector("goose")
    if not vector.any():
        return "goose has 0 for every feature: describe it (alive? makes sound? wild? ...)"
    nearest = answer.nearest("goose", 1)[0][0]
    if nearest == "duck":
        return None
    return f"goose's nearest word is '{nearest}', not 'duck': what do geese and ducks share?"


q3 = Exercise(
    name="q3", checker=_goose,
    hints=["Start from duck's row: table.as_dict('duck').",
           "A goose is alive, smallish, has two legs, honks, is rarely a pet, often wild."],
    solution_code=('with_goose = table.with_word("goose", {"alive": 1, "big": 0.3, "makes_sound": 1,\n'
                   '                                       "pet": 0.2, "wild": 0.7, "edible": 0.5})'),
    explanation="you just did by hand what training will do automatically: give a new word a "
                "vector close to the words it resembles.")


BERT_TOKENS, BERT_DIMENSIONS = 30_522, 768

q4 = Exercise(
    name="q4",
    checker=expect_number(
        BERT_TOKENS * BERT_DIMENSIONS, "the number of values",
        wrong={BERT_TOKENS + BERT_DIMENSIONS: "every token needs a value for every number: "
                                               "multiply, don't add",
               50_000 * 300: "that is the table of the cell above (50,000 × 300); this one is "
                             "30,522 tokens × 768 numbers"},
        otherwise="tokens × numbers per token: one value per cell of the table"),
    hints=["The table has one row per token and one column per number.",
           "30_522 * 768"],
    solution_code="values_to_fill = 30_522 * 768   # 23,440,896",
    explanation="over 23 million values: at 5 seconds each, more than 32,000 hours of typing.")


def _kitten(answer):
    answer = number_answer(answer, "the cosine")
    if abs(answer - 1.0) < 1e-6:
        return None
    if abs(answer - 0.5) < 1e-6:
        return "halving every value shortens the vector but keeps its direction; cosine only sees direction"
    return "cosine compares directions: a vector and half of it point the same way"


q5 = Exercise(
    name="q5", checker=_kitten,
    hints=["kitten = 0.5 × cat: does halving change the direction of the vector?",
           "Try it: cosine_similarity(table.vector('cat'), 0.5 * table.vector('cat'))."],
    solution_code="cosine_kitten_cat = 1.0",
    explanation="cosine ignores length, so only the proportions between features matter.")


# --------------------------------------------------------------------------- q2: write cosine
def reference_cosine(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def _cosine_cases(rng):
    cases = [(np.array([1.0, 0.0]), np.array([0.0, 1.0])), (np.array([1.0, 2.0]), np.array([2.0, 4.0])),
             (np.array([1.0, 1.0, 0.0]), np.array([-1.0, -1.0, 0.0]))]
    for _ in range(20):
        n = int(rng.integers(2, 12))
        # lengths far from 1, so a missing division shows
        cases.append((rng.normal(size=n) * rng.uniform(0.2, 6), rng.normal(size=n) * rng.uniform(0.2, 6)))
    return cases


def _diagnose_cosine(args, got, expected):
    a, b = (np.asarray(x, dtype=float) for x in args)
    try:
        value = number_answer(got, "the cosine")
    except NotQuite as why:
        return f"return one number: {why}"
    if abs(value - expected) < 1e-6:
        return ""
    if abs(value - float(a @ b)) < 1e-6:
        return "scale: that is the dot product; divide it by both lengths"
    if abs(value - float(a @ b) / float(np.linalg.norm(a))) < 1e-6 or \
            abs(value - float(a @ b) / float(np.linalg.norm(b))) < 1e-6:
        return "scale: divide by the lengths of both vectors, not one"
    if abs(value - float(a @ b) / float((a @ a) * (b @ b))) < 1e-6:
        return "scale: |a| is the square root of a·a; you divided by the squared lengths"
    if abs(value + expected) < 1e-6:
        return "sign: your cosine has the opposite sign"
    if abs(value - float(a @ b) / float(np.linalg.norm(a) + np.linalg.norm(b))) < 1e-6:
        return "divide by the product of the lengths, |a| × |b|, not their sum"
    return f"got {value:.4f}, expected {expected:.4f}"


_cosine_function = expect_function(reference_cosine, _cosine_cases, name="my_cosine",
                                   diagnose=_diagnose_cosine)


def _cosine_checker(answer):
    return _cosine_function(answer) or None


q2 = Exercise(
    name="q2", checker=_cosine_checker,
    hints=["cos(a, b) = a·b / (|a| |b|): `a @ b` is the dot product, `np.linalg.norm(a)` the "
           "length |a|.",
           "return a @ b / (np.linalg.norm(a) * np.linalg.norm(b))"],
    solution_code=("def my_cosine(a, b):\n"
                   "    return a @ b / (np.linalg.norm(a) * np.linalg.norm(b))"),
    explanation="one dot product and two lengths: the same formula compares 9 hand-made "
                "features here and 768 learned ones in BERT.")
