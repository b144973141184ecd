"""Exercises of notebook 12: right answers pass in every reasonable form, typical mistakes
fail with the bug class named."""
import numpy as np
import pytest

from helpers import ____
from helpers.checks import word_vector_origins as ex
from helpers.count_vectors import ppmi


def solution(exercise, name):
    namespace = {"np": np}
    exec(exercise.solution_code, namespace)
    return namespace[name]


# --------------------------------------------------------------------------- q1: PPMI
def test_q1_solution_and_reference_pass():
    assert ex.q1.check(solution(ex.q1, "my_ppmi")).correct
    assert ex.q1.check(lambda counts: ppmi(counts)).correct


def test_q1_a_loop_version_passes():
    def loop_ppmi(counts):
        counts = np.asarray(counts, dtype=float)
        total, rows, cols = counts.sum(), counts.sum(1), counts.sum(0)
        out = np.zeros_like(counts)
        for i in range(counts.shape[0]):
            for j in range(counts.shape[1]):
                if counts[i, j]:
                    out[i, j] = max(0.0, np.log(counts[i, j] * total / (rows[i] * cols[j])))
        return out.tolist()            # a list of lists is fine too
    assert ex.q1.check(loop_ppmi).correct


def test_q1_stub_is_not_attempted():
    def my_ppmi(counts):
        counts = np.asarray(counts, dtype=float)
        ____
    assert ex.q1.check(my_ppmi).kind == "blank"
    assert ex.q1.check(____).kind == "blank"


def _pmi(counts):
    counts = np.asarray(counts, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(counts * counts.sum() / (counts.sum(1, keepdims=True)
                                               * counts.sum(0, keepdims=True)))


@pytest.mark.parametrize("wrong, words", [
    (lambda c: np.where(np.asarray(c) > 0, _pmi(c), 0.0), "sign bug"),                 # no max
    (lambda c: np.log(np.maximum(np.asarray(c, dtype=float), 1e-300)) * 0 + np.where(np.asarray(c) > 0, ppmi(c), -np.inf), "log of zero"),
    (lambda c: ppmi(c).T, "shape bug"),                                               # transposed
    (lambda c: np.where(np.asarray(c) > 0, np.maximum(_pmi(c) - np.log(np.sum(c)), 0), 0),
     "off by a constant"),                                                            # no total
    (lambda c: np.asarray(c) * 0.5, "not the PPMI"),
])
def test_q1_typical_mistakes_name_the_bug(wrong, words):
    message = ex.q1.check(wrong)
    assert not message.correct and words in message.text, message.text


def test_q1_non_function_and_crash():
    assert "function itself" in ex.q1.check(np.ones((2, 2))).text
    message = ex.q1.check(lambda c: c.no_such_method())
    assert not message.correct and "AttributeError" in message.text


def test_q1_random_matrices_have_zeros_and_several_shapes():
    matrices = ex.random_count_matrices()
    assert len({m.shape for m in matrices}) == len(matrices)
    assert all((m == 0).any() for m in matrices)


# --------------------------------------------------------------------------- q2: rows touched
def test_q2():
    assert ex.q2.check((10_000, 6)).correct
    assert ex.q2.check([10000, 6]).correct
    assert ex.q2.check((np.int64(10_000), 6.0)).correct
    assert "off by one" in ex.q2.check((10_000, 5)).text
    assert "swapped" in ex.q2.check((6, 10_000)).text
    assert "every word" in ex.q2.check((6, 6)).text
    assert "two numbers" in ex.q2.check(10_000).text
    assert ex.q2.check(____).kind == "blank"


# --------------------------------------------------------------------------- q3: axis projection
def test_q3_solution_passes():
    assert ex.q3.check(solution(ex.q3, "project")).correct

    def with_a_loop(vectors, a, b):
        axis = a - b
        return [float(v @ axis / np.linalg.norm(v) / np.linalg.norm(axis)) for v in vectors]
    assert ex.q3.check(with_a_loop).correct


@pytest.mark.parametrize("wrong, words", [
    (lambda v, a, b: solution(ex.q3, "project")(v, b, a), "sign bug"),
    (lambda v, a, b: v @ ((a - b) / np.linalg.norm(a - b)), "scale bug"),
    (lambda v, a, b: v @ (a - b), "scale bug"),
    (lambda v, a, b: (v @ (a - b))[:, None], "shape bug"),
    (lambda v, a, b: v @ a, "not cos"),
])
def test_q3_typical_mistakes(wrong, words):
    message = ex.q3.check(wrong)
    assert not message.correct and words in message.text, message.text


def test_q3_stub_is_not_attempted():
    def project(vectors, a, b):
        ____
    assert ex.q3.check(project).kind == "blank"


# --------------------------------------------------------------------------- q4: which model
def test_q4():
    for right in ("fasttext", "FastText", " fast-text "):
        assert ex.q4.check(right).correct
    for wrong in ("skip-gram", "cbow", "ppmi-svd", "PPMI"):
        message = ex.q4.check(wrong)
        assert not message.correct and "KeyError" in message.text
    assert "one of the strings" in ex.q4.check("glove").text
    assert "one of the strings" in ex.q4.check(3).text


@pytest.mark.parametrize("exercise", [ex.q1, ex.q2, ex.q3, ex.q4])
def test_hints_and_solutions_exist(exercise):
    assert len(exercise.hints) >= 2
    assert exercise.solution().code
