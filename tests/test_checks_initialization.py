"""Each exercise of notebook 07: right answers in every form pass, typical wrong ones are named."""
import math

import numpy as np
import pytest
import torch

from helpers import ____
from helpers.checks import initialization as ex
from helpers.initialization import SCHEMES, init_rows, pairwise_cosines


def test_reference_row_cosines_matches_the_course_helper():
    W = init_rows("normal(0, 1)", 1_000, 16, rows=30, seed=2)
    upper = np.triu_indices(30, k=1)
    assert np.allclose(ex.reference_row_cosines(W)[upper], pairwise_cosines(W).numpy(), atol=1e-6)


def test_q2_code_exercise():
    def right(W):
        unit = W / W.norm(dim=1, keepdim=True)
        return unit @ unit.T

    assert ex.q2.check(right).correct
    assert ex.q2.check(lambda W: right(W).numpy()).correct
    namespace = {}
    exec(ex.q2.solution_code, namespace)
    assert ex.q2.check(namespace["my_row_cosines"]).correct
    assert "dot products" in ex.q2.check(lambda W: W @ W.T).text
    assert "axis" in ex.q2.check(lambda W: (W / W.norm(dim=0, keepdim=True)) @ (W / W.norm(dim=0, keepdim=True)).T).text
    assert "W @ W.T" in ex.q2.check(lambda W: (W / W.norm(dim=0, keepdim=True)).T @ (W / W.norm(dim=0, keepdim=True))).text
    assert "sign" in ex.q2.check(lambda W: -right(W)).text


def test_q2_stub_is_not_attempted():
    def my_row_cosines(W):
        ____

    assert ex.q2.check(my_row_cosines).kind == "blank"


def test_q1_xavier_bound():
    right = (6 / 1100) ** 0.5
    for form in (right, 0.0739, np.float32(right), torch.tensor(right), np.array([right])):
        assert ex.q1.check(form).correct, form
    assert torch.nn.init.xavier_uniform_(torch.empty(1_000, 100)).abs().max() <= right
    assert "sum" in ex.q1.check((6 / 1000) ** 0.5).text
    assert "xavier_normal" in ex.q1.check((2 / 1100) ** 0.5).text
    assert "square root" in ex.q1.check(6 / 1100).text
    assert not ex.q1.check("0.0739").correct


def test_q3_cosine_spread_at_400_recomputed():
    cosines = pairwise_cosines(init_rows("normal(0, 1)", 10_000, 400, rows=200, seed=0))
    assert abs(float(cosines.std()) - 1 / math.sqrt(400)) < 0.003
    for form in (0.05, 1 / 20, np.float64(0.05), torch.tensor(0.05), np.array([0.05])):
        assert ex.q3.check(form).correct, form
    assert "1/N" in ex.q3.check(1 / 400).text
    assert "inverse" in ex.q3.check(20).text
    assert not ex.q3.check(0.5).correct
    assert not ex.q3.check(0.0625).correct


def test_q4_symmetric_schemes():
    assert ex.q4.check(["zeros", "constant(0.1)"]).correct
    assert ex.q4.check(("constant(0.1)", "zeros")).correct
    assert "missing" in ex.q4.check(["zeros"]).text
    assert "not one of the schemes" in ex.q4.check(["ones"]).text
    assert not ex.q4.check(["zeros", "constant(0.1)", "normal(0, 1)"]).correct
    assert set(SCHEMES) >= {"zeros", "constant(0.1)"}


@pytest.mark.parametrize("q", [ex.q2, ex.q1, ex.q3, ex.q4])
def test_hints_and_solutions(q):
    assert q.hint().kind == "hint" and q.solution().code
