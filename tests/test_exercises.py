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
    assert wrong.kind == "wrong" and str(wrong).startswith("Not quite: ") and "5" in str(wrong)
    assert not ex.solved
    right = ex.check(4)
    assert right.correct and str(right).startswith("Correct") and ex.solved
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
    with pytest.raises(NotQuite, match="remove the quotes"):
        expect_equal(3)("3")


def _nb00_forms(value):
    import numpy as np
    import torch
    return [value, float(value), np.int64(value), np.array([value]), torch.tensor(value)]


def test_nb00_q1_matches_the_map_in_every_form():
    from helpers.course import LESSONS

    after = len(LESSONS) - 1
    assert after == 15
    for answer in _nb00_forms(after):
        assert start_here.q1.check(answer).correct, repr(answer)
    for wrong in (9, after + 0.5, str(after), [after], after - 1):
        assert not start_here.q1.check(wrong).correct, repr(wrong)


def test_nb00_q2_longest_notebook_matches_the_map():
    from helpers.course import LESSONS

    longest = max(LESSONS, key=lambda lesson: lesson.minutes)
    assert (longest.number, longest.minutes) == (14, 60)
    for right in ("14", " 14 "):
        assert start_here.q2.check(right).correct
    assert "there is no notebook 99" in start_here.q2.check("99").text
    assert "digits" in start_here.q2.check("fourteen").text
    for wrong in ("04", "01", 14, ["14"]):
        assert not start_here.q2.check(wrong).correct
    assert '"14"' in start_here.q2.solution().code


@pytest.mark.parametrize("answer, ok", [([2, 0, 1], True), ((2, 0, 1), True), ([1, 2, 3], False),
                                        ("2 0 1", False), ([2.5, 0, 1], False), ([True, 0, 1], False)])
def test_nb00_q3(answer, ok):
    assert start_here.q3.check(answer).correct is ok


def test_nb00_q3_arrays_and_tensors():
    import numpy as np
    import torch
    assert start_here.q3.check(np.array([2, 0, 1])).correct
    assert start_here.q3.check(torch.tensor([2, 0, 1])).correct


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
        with pytest.raises(NotQuite, match="answer with (a|one) number for the size"):
            number_answer(bad, "the size")


def _number_forms(value):
    """The same number as a learner might type or compute it."""
    import numpy as np
    import torch

    forms = [value, float(value), np.float64(value), np.float32(value) if abs(value) < 1e6 else
             np.float64(value), np.array(value), np.array([value]), np.array([[value]]),
             torch.tensor(float(value), dtype=torch.float64), torch.tensor([float(value)],
                                                                          dtype=torch.float64)]
    if float(value).is_integer():
        forms += [int(value), np.int64(value), np.int32(value) if abs(value) < 2**31 else
                  np.int64(value), torch.tensor(int(value)), torch.tensor([int(value)]),
                  np.prod((int(value), 1))]
    return forms


@pytest.mark.parametrize("value", [385, 3_726_369_936, 0, -2, 0.5, 1.4142135623730951])
def test_number_answer_takes_every_form_of_a_number(value):
    from helpers.exercises import number_answer

    for form in _number_forms(value):
        got = number_answer(form, "x")
        assert type(got) in (int, float) and got == pytest.approx(value, rel=1e-6), repr(form)


def test_number_answer_never_truncates_and_whole_numbers_stay_whole():
    import numpy as np
    import torch
    from helpers.exercises import number_answer

    assert number_answer(385.9) == 385.9
    assert number_answer(385.0, whole=True) == 385 and type(number_answer(385.0, whole=True)) is int
    assert number_answer(torch.tensor([7.0]), whole=True) == 7
    for bad in (385.9, np.float32(385.5), torch.tensor(2.5)):
        with pytest.raises(NotQuite, match="is a whole number"):
            number_answer(bad, "the count", whole=True)


@pytest.mark.parametrize("bad, says", [
    ("235", "not the text '235': remove the quotes"),
    ("3,726,369,936", "remove the quotes"),
    ("dog", "not the text 'dog'"),
    (b"12", "remove the quotes"),
    ([3], "not a list"),
    ((3, 4), "not a tuple"),
    ({3}, "not a set"),
    (True, "got True"),
    (None, "got None"),
    (float("nan"), "finite"),
    (float("inf"), "finite"),
])
def test_number_answer_refuses_with_a_sentence(bad, says):
    from helpers.exercises import number_answer

    with pytest.raises(NotQuite, match=r"^answer with .*" + __import__("re").escape(says)):
        number_answer(bad, "the count")


def test_number_answer_refuses_arrays_of_many_numbers_naming_the_shape():
    import numpy as np
    import torch
    from helpers.exercises import number_answer

    with pytest.raises(NotQuite, match=r"not an array of 3 numbers \(shape \(3,\)\)"):
        number_answer(np.zeros(3), "the count")
    with pytest.raises(NotQuite, match=r"not an array of 4 numbers \(shape \(2, 2\)\)"):
        number_answer(torch.zeros(2, 2), "the count")
    with pytest.raises(NotQuite, match="not an array of 0 numbers"):
        number_answer(np.array([]), "the count")


def test_expect_number_whole_and_close_and_typical_wrong_answers():
    import numpy as np
    from helpers.exercises import expect_number

    check = expect_number(385, "the count", wrong={770: "you counted twice"})
    assert check(385) is None and check(385.0) is None and check(np.int64(385)) is None
    assert "whole number" in check(385.9)
    assert check(770) == "you counted twice"
    assert "386" in check(386)
    with pytest.raises(NotQuite, match="remove the quotes"):
        check("385")
    close = expect_number(2 ** 0.5, "the distance", rel=1e-3)
    assert close(1.4142) is None and close(np.float32(2 ** 0.5)) is None
    assert close(1.41) is not None and close(2) is not None


def test_expect_equal_numbers_go_through_number_answer():
    import numpy as np
    import torch

    ex = Exercise("q1", expect_equal(9, "count"), ["h"], "x = 9")
    for right in (9, 9.0, np.int64(9), torch.tensor(9), np.array([9])):
        assert ex.check(right).correct, repr(right)
    for wrong in (9.5, "9", [9], 8):
        assert not ex.check(wrong).correct, repr(wrong)


def test_feedback_has_no_emoji_and_html_draws_an_svg_mark():
    ex = make()
    for message in (ex.check(4), ex.check(5), ex.check(____), ex.hint(), ex.solution()):
        text = str(message) + message._repr_html_()
        assert all(ord(ch) < 0x2190 or ch in "×−–—·√²" for ch in text), text
        assert "<svg" in message._repr_html_()


def test_hints_name_the_exercise_as_the_notebook_does():
    ex = make()
    assert "call ex.q9.hint() again" in str(ex.hint())


def test_expect_function_passes_the_reference_and_names_the_bug_class():
    import numpy as np
    from helpers.exercises import diagnose_numbers, expect_function

    def reference(a, b):
        return a - b

    check = expect_function(reference, lambda rng: [(np.array([1.0, 2.0]), np.array([0.5, 0.0]))]
                            + [tuple(rng.normal(size=(2, 3))) for _ in range(5)], name="diff")
    assert check(reference) is None
    assert check(lambda a, b: b - a).startswith("diff(") and "sign:" in check(lambda a, b: b - a)
    assert "scale:" in check(lambda a, b: 2 * (a - b))
    assert "shape:" in check(lambda a, b: (a - b).sum())
    assert "raised ZeroDivisionError" in check(lambda a, b: 1 / 0)
    with pytest.raises(NotQuite, match="give the function itself"):
        check(3)
    assert diagnose_numbers(np.ones((2, 3)), np.ones((3, 2))).startswith("shape: the result is transposed")
    assert diagnose_numbers([1.0, 2.0, 3.5], [1, 2, 3]).startswith("value: first difference at index (2,)")
    assert diagnose_numbers("abc", [1]).startswith("type:")


def test_expect_function_does_not_let_the_learner_change_the_inputs():
    import numpy as np
    from helpers.exercises import expect_function

    def sneaky(a):
        a[:] = 0
        return a

    check = expect_function(lambda a: a * 1, lambda rng: [(np.array([1.0, 2.0]),)])
    assert check(lambda a: a * 1) is None
    assert "value: your result is all zeros" in check(sneaky)


def test_a_function_whose_body_still_has_the_blank_is_not_attempted():
    from helpers.exercises import expect_function

    ex = Exercise("q3", expect_function(lambda x: x, lambda rng: [(1,)]), ["h"], "return x")

    def draft(x):
        ____
        return x

    def done(x):
        return x

    assert ex.check(draft).kind == "blank" and ex.check(done).correct
