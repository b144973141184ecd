"""The exercise framework, and the warm-up exercises of notebook 00."""
import importlib
import pkgutil

import pytest

import helpers.checks
from helpers.exercises import BLANK, Exercise, NotQuite, expect_equal, ____
from helpers.checks import start_here


def make():
    return Exercise("q9", expect_equal(4, "sum"), ["Add them.", "2 + 2."], "answer = 4",
                    "two and two make four")


def test_correct_wrong_and_blank_feedback():
    ex = make()
    assert ex.check(____).kind == "blank" and "Not attempted yet" in str(ex.check(____))
    wrong = ex.check(5)
    assert wrong.kind == "wrong" and str(wrong).startswith("❌ Not quite: ") and "5" in str(wrong)
    assert not ex.solved
    right = ex.check(4)
    assert right.correct and str(right).startswith("✅ Correct") and ex.solved
    assert ex.attempts == 2


def test_feedback_has_html_and_plain_text():
    message = make().check(5)
    assert "<div" in message._repr_html_() and "Not quite" in message._repr_html_()
    assert "<" not in repr(message)


def test_hints_come_one_level_at_a_time_then_stay_on_the_last():
    ex = make()
    assert "1/2 Add them." in str(ex.hint()) and "hint 2 of 2" in str(ex.hint(1))
    assert "2/2 2 + 2." in str(ex.hint())
    assert "2/2" in str(ex.hint())
    assert "answer = 4" in str(ex.solution())


def test_a_checker_that_crashes_becomes_a_not_quite():
    ex = Exercise("q1", lambda a: a["missing"], [], "x = 1")
    message = ex.check({"a": 1})
    assert message.kind == "wrong" and "KeyError" in str(message)


def test_not_quite_exception_gives_its_reason():
    def checker(answer):
        raise NotQuite("too small")
    assert "too small" in str(Exercise("q1", checker, [], "").check(1))


def test_numbers_are_compared_with_tolerance():
    assert expect_equal(0.1 + 0.2)(0.3) is None
    assert expect_equal(3)("3") is not None


@pytest.mark.parametrize("answer, ok", [(9, True), (10, False), ("9", False)])
def test_nb00_q1(answer, ok):
    assert start_here.q1.check(answer).correct is ok


@pytest.mark.parametrize("answer, ok", [("04", True), ("07", True), ("4", True), ("01", False), (4, False)])
def test_nb00_q2(answer, ok):
    assert start_here.q2.check(answer).correct is ok


@pytest.mark.parametrize("answer, ok", [([2, 0, 1], True), ([1, 2, 3], False), ("2 0 1", False)])
def test_nb00_q3(answer, ok):
    assert start_here.q3.check(answer).correct is ok


def all_exercises():
    for info in pkgutil.iter_modules(helpers.checks.__path__):
        module = importlib.import_module(f"helpers.checks.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Exercise):
                yield f"{info.name}.{name}", value


@pytest.mark.parametrize("name, exercise", list(all_exercises()))
def test_every_exercise_has_hints_a_solution_and_a_blank_state(name, exercise):
    assert exercise.hints, f"{name} has no hints"
    assert exercise.solution_code.strip(), f"{name} has no solution"
    assert exercise.check(BLANK).kind == "blank"
    assert f"{exercise.name}." in str(exercise.check(BLANK))  # tells how to get a hint


def test_number_answer_accepts_scalars_and_refuses_the_rest():
    import numpy as np
    import torch
    from helpers.exercises import number_answer

    assert number_answer(3) == 3 and number_answer(np.float32(0.5)) == 0.5
    assert number_answer(torch.tensor(2.0)) == 2.0
    for bad in (True, "3", [3]):
        with pytest.raises(NotQuite, match="answer with a number for the size, got"):
            number_answer(bad, "the size")
