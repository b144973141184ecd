"""Each exercise of notebook 06: right answers in every form pass, typical wrong ones are named."""
import numpy as np
import pytest
import torch
from torch import nn

from helpers.checks import embedding_layer as ex
from helpers.exercises import ____


def test_q2_shape_recomputed():
    assert tuple(nn.Embedding(10, 7)(torch.zeros(3, 2, dtype=torch.long)).shape) == (3, 2, 7)
    for form in ((3, 2, 7), [3, 2, 7], torch.Size([3, 2, 7]), np.array([3, 2, 7]), (3.0, 2.0, 7.0)):
        assert ex.q2.check(form).correct, form
    assert "flattened" in ex.q2.check((6, 7)).text
    assert "table itself" in ex.q2.check((10, 7)).text
    assert "END" in ex.q2.check((7, 3, 2)).text
    assert not ex.q2.check((3, 2, 7.5)).correct
    assert not ex.q2.check("(3, 2, 7)").correct
    assert ex.q2.check(____).kind == "blank"


def test_q1_one_hot_lookup_code_exercise():
    F = torch.nn.functional
    assert ex.q1.check(lambda ids, W: W[ids]).correct
    assert ex.q1.check(lambda ids, W: F.one_hot(ids, W.shape[0]).to(W.dtype) @ W).correct
    namespace = {"torch": torch}
    exec(ex.q1.solution_code, namespace)
    assert ex.q1.check(namespace["my_one_hot_lookup"]).correct
    too_few = ex.q1.check(lambda ids, W: F.one_hot(ids).to(W.dtype) @ W)   # num_classes = max + 1
    assert not too_few.correct and "shape" in too_few.text
    assert "off-by-one" in ex.q1.check(lambda ids, W: W[ids + 1]).text
    assert "transposed" in ex.q1.check(lambda ids, W: (F.one_hot(ids, W.shape[0]).to(W.dtype) @ W).T).text
    assert "without parentheses" in ex.q1.check(torch.zeros(2)).text

    def my_one_hot_lookup(ids, W):
        ____

    assert ex.q1.check(my_one_hot_lookup).kind == "blank"


def test_q3_gpt2_parameters():
    right = 50_257 * 768
    for form in (right, float(right), np.int64(right), np.prod((50_257, 768)), torch.tensor(right),
                 np.array([right]), torch.tensor([right])):
        assert ex.q3.check(form).correct, form
    assert "bytes" in ex.q3.check(right * 4).text
    assert "V × N" in ex.q3.check(50_257 + 768).text
    assert not ex.q3.check(right + 0.9).correct
    assert not ex.q3.check(str(right)).correct


def test_q4_rows_with_gradient_recomputed():
    table = nn.Embedding(ex.Q4_VOCAB, 3)
    table(torch.tensor(ex.Q4_IDS)).sum().backward()
    rows = torch.nonzero(table.weight.grad.abs().sum(1)).flatten().tolist()
    assert rows == [0, 2, 5]
    for form in ([0, 2, 5], {5, 0, 2}, (0, 2, 5), np.array([0, 2, 5]), torch.tensor([5, 2, 0]),
                 [5, 2, 5, 0]):
        assert ex.q4.check(form).correct, form
    assert "only rows that were looked up" in ex.q4.check(list(range(7))).text
    assert not ex.q4.check([2, 5]).correct
    assert not ex.q4.check("0, 2, 5").correct


@pytest.mark.parametrize("q", [ex.q2, ex.q1, ex.q3, ex.q4])
def test_hints_and_solutions(q):
    assert q.hint().kind == "hint" and q.solution().code
