"""Exercises of the appendix: right answers in every reasonable form pass, typical wrong answers
get the reason, and every solution pasted in place of its blank passes."""
import math

import numpy as np
import pytest

from helpers import memory
from helpers.checks import how_fast_and_how_big as ex
from helpers.exercises import ____

TEXTS = ex.TEXTS


def run_solution(exercise, name):
    scope = {"math": math, "np": np, "texts": TEXTS}
    exec(exercise.solution().code, scope)
    return scope[name]


def test_q1_corpus():
    assert ex.q1.check([s.split() for s in TEXTS]).correct
    assert ex.q1.check(tuple(tuple(s.split()) for s in TEXTS)).correct
    assert ex.q1.check(run_solution(ex.q1, "sentences")).correct
    assert "split each one" in ex.q1.check(TEXTS).text
    assert "one string" in ex.q1.check(" ".join(TEXTS)).text
    assert "keep one list of tokens per sentence" in ex.q1.check([" ".join(TEXTS).split()]).text
    assert "in order" in ex.q1.check([s.split()[::-1] for s in TEXTS]).text
    assert ex.q1.check(____).kind == "blank"


def test_q2_bytes():
    assert ex.q2.check(10_000_000_000).correct
    assert ex.q2.check(np.int64(10_000_000_000)).correct and ex.q2.check(1e10).correct
    assert ex.q2.check(run_solution(ex.q2, "table_bytes")).correct
    assert "number of entries" in ex.q2.check(2_500_000_000).text
    assert "float64" in ex.q2.check(20_000_000_000).text
    assert "not in GB" in ex.q2.check(10).text
    assert "one row" in ex.q2.check(200_000).text
    assert not ex.q2.check("10 GB").correct


def test_q3_similarity_bytes():
    def right(rows, dim, itemsize=8):
        return rows * rows * itemsize + rows * dim * itemsize

    def right_numpy(rows, dim, itemsize=8):
        return np.int64(rows) * (rows + dim) * itemsize

    assert ex.q3.check(right).correct and ex.q3.check(right_numpy).correct
    assert ex.q3.check(run_solution(ex.q3, "similarity_bytes")).correct
    # the reference agrees with the course's own guard for float64 result + copy
    assert ex.reference_similarity_bytes(25_000, 100) == 25_000 ** 2 * 8 + 25_000 * 100 * 8
    assert memory.array_bytes((25_000, 25_000)) == 25_000 ** 2 * 8
    wrong = {
        "missing term: you counted the result": lambda r, d, i=8: r * r * i,
        "but not the rows × rows result": lambda r, d, i=8: r * d * i,
        "number of entries": lambda r, d, i=8: r * r + r * d,
        "use the argument itemsize": lambda r, d, i=8: r * r * 8 + r * d * 8,
        "not dim × dim": lambda r, d, i=8: d * d * i + r * d * i,
        "do not multiply": lambda r, d, i=8: r * d * r * i,
        "off": lambda r, d, i=8: (r + 1) * r * i + r * d * i,
    }
    for reason, function in wrong.items():
        message = ex.q3.check(function).text
        assert not ex.q3.check(function).correct
        if reason != "off":
            assert reason in message, (reason, message)
    assert "without parentheses" in ex.q3.check(5).text
    assert "raised TypeError" in ex.q3.check(lambda r, d: r * r * 8 + r * d * 8).text  # no itemsize


def test_q4_largest_rows():
    assert ex.q4.check(11_180).correct and ex.q4.check(np.int64(11_180)).correct
    assert ex.q4.check(11_180.0).correct
    assert ex.q4.check(run_solution(ex.q4, "max_rows")).correct
    assert 11_180 ** 2 * 8 <= 10 ** 9 < 11_181 ** 2 * 8
    assert "round down" in ex.q4.check(11_181).text
    assert "round down" in ex.q4.check(11_180.3).text
    assert "float32" in ex.q4.check(15_811).text
    assert "divide the budget by 8" in ex.q4.check(31_622).text
    assert "square root" in ex.q4.check(125_000_000).text
    assert not ex.q4.check(5_000).correct


@pytest.mark.parametrize("exercise", [ex.q1, ex.q2, ex.q3, ex.q4])
def test_hints_and_solutions_exist(exercise):
    assert len(exercise.hints) >= 2 and exercise.solution().code
