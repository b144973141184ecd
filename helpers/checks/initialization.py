"""Exercises of notebook 06: initialization."""
import math

from ..exercises import Exercise, NotQuite
from ..initialization import SCHEMES, toy_bigrams

_SCHEMES_THAT_STAY_SYMMETRIC = {"zeros", "constant(0.1)"}


def _id_checker(answer):
    words = toy_bigrams()[0]
    expected = words.index("cat")
    if isinstance(answer, bool) or not isinstance(answer, int):
        return "an ID is a whole number"
    if answer == expected:
        return None
    return ("training changes the numbers in a row, never which row a word owns: the ID "
            "after training is the ID before training")


q1 = Exercise(
    name="q1",
    checker=_id_checker,
    hints=["Scroll up to the cell that printed 'cat' before and after training.",
           "An ID is the row's address; training only writes new numbers into the row."],
    solution_code='cat_id_after_training = run.vocabulary["cat"]   # the same as before',
    explanation="the address stays, the contents change: that is the whole difference between "
                "an ID and an embedding.",
)


def _xavier_checker(answer):
    expected = math.sqrt(6.0 / (1000 + 100))
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return "give the bound as a number"
    if abs(answer - expected) < 5e-4:
        return None
    if abs(answer - math.sqrt(6.0 / 1000)) < 5e-4 or abs(answer - math.sqrt(6.0 / 100)) < 5e-4:
        return "Xavier uses the sum fan_in + fan_out in the denominator"
    if abs(answer - math.sqrt(2.0 / 1100)) < 5e-4:
        return "that is the standard deviation of xavier_normal; the uniform bound is √(6 / (fan_in + fan_out))"
    return "bound = √(6 / (fan_in + fan_out)) with fan_in = N = 100 and fan_out = V = 1000"


q2 = Exercise(
    name="q2",
    checker=_xavier_checker,
    hints=["For a V × N embedding weight PyTorch takes fan_in = N and fan_out = V.",
           "√(6 / (100 + 1000))"],
    solution_code="xavier_bound = (6 / (100 + 1000)) ** 0.5   # ≈ 0.0739",
    explanation="≈ 0.0739. Note how the vocabulary size sets the scale: a bigger vocabulary "
                "gives smaller starting vectors, for no reason that has to do with words.",
)


def _spread_checker(answer):
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return "give the spread as a number"
    if abs(answer - 1 / 16) < 0.01:
        return None
    if abs(answer - 1 / 256) < 0.002:
        return "that is 1/N; the spread shrinks more slowly, like 1/√N"
    if answer > 0.2:
        return "at N = 256 random vectors are much closer to orthogonal than that: spread ≈ 1/√N"
    return "the spread of cosines between random vectors is about 1/√N"


q3 = Exercise(
    name="q3",
    checker=_spread_checker,
    hints=["Look at the dashed line of the figure above.", "1/√256 = ?"],
    solution_code="cosine_spread_at_256 = 1 / 256 ** 0.5   # 0.0625",
    explanation="≈ 0.0625: two random 256-dimensional vectors are nearly orthogonal, so a fresh "
                "table says nothing about which words are similar.",
)


def _symmetric_checker(answer):
    if isinstance(answer, str):
        answer = [answer]
    try:
        chosen = set(answer)
    except TypeError:
        return "give the scheme names as a list of strings"
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
           "Look at the 'distinct columns' column of the symmetry table."],
    solution_code='stuck_schemes = ["zeros", "constant(0.1)"]',
    explanation="zeros and constant(0.1): every dimension gets the same gradient, so the "
                "dimensions never become different.",
)
