"""Each exercise of notebook 11: right answers in every form pass, typical wrong ones are named."""
import numpy as np
import pytest
import torch

from helpers.checks import transfer_learning as ex
from helpers.exercises import ____


def test_q1_prediction():
    for form in ("frozen", " Frozen ", "FROZEN"):
        assert ex.q1.check(form).correct
    assert "fine-tuning" in ex.q1.check("fine-tune").text
    assert "chance" in ex.q1.check("random").text
    assert not ex.q1.check(2).correct
    assert not ex.q1.check("thawed").correct


def test_q2_trainable_numbers_recomputed():
    head = torch.nn.Linear(384, 1)
    assert sum(p.numel() for p in head.parameters()) == 385
    for form in (385, 385.0, np.int64(385), torch.tensor(385), np.array([385]), torch.tensor([385.0])):
        assert ex.q2.check(form).correct, form
    assert "bias" in ex.q2.check(384).text
    assert "frozen" in ex.q2.check(30_522 * 384).text
    assert not ex.q2.check(385.9).correct
    assert not ex.q2.check("385").correct


def test_q3_dot_products_recomputed():
    scores = np.zeros((10, 384)) @ np.zeros((384, 30_000))
    right = scores.size
    for form in (right, float(right), np.int64(right), np.prod(scores.shape), torch.tensor(right),
                 np.array([right])):
        assert ex.q3.check(form).correct, form
    assert "one query" in ex.q3.check(30_000).text
    assert "multiplications" in ex.q3.check(right * 384).text
    assert not ex.q3.check(right + 0.5).correct


def test_q4_mean_pooling_code_exercise():
    def right(vectors, mask):
        mask = mask.unsqueeze(-1).to(vectors.dtype)
        return (vectors * mask).sum(1) / mask.sum(1)

    assert ex.q4.check(right).correct
    assert ex.q4.check(lambda v, m: right(v, m).numpy()).correct
    namespace = {}
    exec(ex.q4.solution_code, namespace)
    assert ex.q4.check(namespace["my_mean_pool"]).correct
    assert "padding counted" in ex.q4.check(
        lambda v, m: (v * m.unsqueeze(-1)).sum(1) / v.shape[1]).text
    assert "mask is ignored" in ex.q4.check(lambda v, m: v.mean(1)).text
    assert "sum" in ex.q4.check(lambda v, m: (v * m.unsqueeze(-1)).sum(1)).text
    assert "last axis" in ex.q4.check(lambda v, m: v.mean(-1)).text

    def my_mean_pool(vectors, mask):
        ____

    assert ex.q4.check(my_mean_pool).kind == "blank"


def test_q4_reference_is_how_sentence_vectors_are_made():
    """The transfer helper pools MiniLM outputs the same way (before normalizing)."""
    rng = np.random.default_rng(0)
    out = torch.from_numpy(rng.normal(size=(2, 5, 3)))
    mask = torch.tensor([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]])
    summed = (out * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)   # as in transfer.py
    assert np.allclose(summed.numpy(), ex.reference_mean_pool(out, mask))


@pytest.mark.parametrize("q", [ex.q1, ex.q2, ex.q3, ex.q4])
def test_hints_and_solutions(q):
    assert q.hint().kind == "hint" and q.solution().code
