"""Exercises of notebook 03: right answers in every form pass, typical wrong answers and wrong
implementations fail with a reason (the bug class for the code exercise)."""
import numpy as np
import pytest
import torch

from helpers import ____
from helpers.checks import feature_tables as ex
from helpers.feature_table import load_feature_table
from helpers.vectors import cosine_similarity


def test_q1_closest_to_cat():
    assert ex.q1.check("dog").correct and ex.q1.check(" Dog").correct
    assert "itself" in ex.q1.check("cat").text
    assert "higher cosine" in ex.q1.check("fox").text
    assert "not in the table" in ex.q1.check("tiger").text
    assert not ex.q1.check(["dog"]).correct
    assert load_feature_table().nearest("cat", 1)[0][0] == "dog"


# --------------------------------------------------------------------------- q2: code
@pytest.mark.parametrize("right", [
    ex.reference_cosine,
    lambda a, b: a @ b / (np.linalg.norm(a) * np.linalg.norm(b)),
    lambda a, b: np.dot(a, b) / np.sqrt(np.dot(a, a) * np.dot(b, b)),
    lambda a, b: cosine_similarity(a, b),
    lambda a, b: torch.nn.functional.cosine_similarity(torch.tensor(a), torch.tensor(b), dim=0),
    lambda a, b: np.array([a @ b / (np.linalg.norm(a) * np.linalg.norm(b))]),
])
def test_q2_right_implementations_pass(right):
    assert ex.q2.check(right).correct


@pytest.mark.parametrize("wrong, says", [
    (lambda a, b: a @ b, "scale: that is the dot product"),
    (lambda a, b: a @ b / np.linalg.norm(a), "not one"),
    (lambda a, b: a @ b / ((a @ a) * (b @ b)), "squared lengths"),
    (lambda a, b: -(a @ b) / (np.linalg.norm(a) * np.linalg.norm(b)), "sign:"),
    (lambda a, b: a @ b / (np.linalg.norm(a) + np.linalg.norm(b)), "not their sum"),
    (lambda a, b: a * b / (np.linalg.norm(a) * np.linalg.norm(b)), "return one number"),
    (lambda a, b: str(a @ b), "return one number"),
    (lambda a, b: round(float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b))), 1), "got"),
])
def test_q2_typical_wrong_implementations_fail_naming_the_bug(wrong, says):
    message = ex.q2.check(wrong)
    assert message.kind == "wrong" and says in message.text, message.text


def test_q2_blank():
    def my_cosine(a, b):
        ____

    assert ex.q2.check(my_cosine).kind == "blank"


# --------------------------------------------------------------------------- q3: goose
def test_q3_goose_next_to_duck():
    table = load_feature_table()
    good = table.with_word("goose", {"alive": 1, "big": 0.3, "makes_sound": 1, "pet": 0.2,
                                     "wild": 0.7, "edible": 0.5})
    assert ex.q3.check(good).correct
    like_fruit = table.with_word("goose", {"edible": 1, "sweet": 0.5})
    assert "not 'duck'" in ex.q3.check(like_fruit).text
    assert "0 for every feature" in ex.q3.check(table.with_word("goose", {})).text
    assert "no 'goose'" in ex.q3.check(table).text
    assert not ex.q3.check({"alive": 1}).correct


# --------------------------------------------------------------------------- q4: BERT-sized table
def test_q4_recomputes_its_number():
    assert 30_522 * 768 == 23_440_896
    assert "23,440,896" in ex.q4.solution().code


@pytest.mark.parametrize("answer", [23_440_896, 23_440_896.0, np.int64(23_440_896),
                                    np.prod((30_522, 768)), np.array([23_440_896]),
                                    torch.tensor(23_440_896), torch.tensor([23_440_896.0])])
def test_q4_right_in_every_form(answer):
    assert ex.q4.check(answer).correct


@pytest.mark.parametrize("answer, says", [(30_522 + 768, "multiply"), (15_000_000, "cell above"),
                                          (23_440_896.5, "whole number"),
                                          ("23440896", "remove the quotes"),
                                          (23_440_895, "one value per cell")])
def test_q4_wrong_answers(answer, says):
    assert says in ex.q4.check(answer).text


# --------------------------------------------------------------------------- q5: kitten
@pytest.mark.parametrize("answer", [1, 1.0, np.float32(1.0), np.float64(0.9999999999),
                                    torch.tensor(1.0), np.array([1.0])])
def test_q5_cosine_ignores_length(answer):
    assert ex.q5.check(answer).correct


def test_q5_wrong():
    assert "direction" in ex.q5.check(0.5).text
    assert "remove the quotes" in ex.q5.check("1").text
    assert not ex.q5.check(0.9).correct
    cat = load_feature_table().vector("cat")
    assert cosine_similarity(cat, 0.5 * cat) == pytest.approx(1.0)


def test_hints_and_solutions_exist():
    for q in (ex.q1, ex.q2, ex.q3, ex.q4, ex.q5):
        assert len(q.hints) >= 2 and q.solution().code
