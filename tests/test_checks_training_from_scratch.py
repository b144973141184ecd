"""Exercises of notebook 07: right answers pass, typical wrong answers fail with a reason."""
import math

import pytest
import torch

from helpers import ____, sgns
from helpers.checks import training_from_scratch as ex


def test_q1_loss_of_one_pair():
    expected = float(sgns.pair_loss(ex.Q1_CENTRE, ex.Q1_CONTEXT, ex.Q1_NEGATIVES))
    assert abs(expected - ex.q1_expected()) < 1e-6
    assert ex.q1.check(expected).correct
    assert ex.q1.check(torch.tensor(expected)).correct          # a 1-element tensor is fine
    assert ex.q1.check(____).kind == "blank"


def test_q1_typical_mistakes_get_a_reason():
    v, u = ex.Q1_CENTRE, ex.Q1_CONTEXT
    positive_only = math.log1p(math.exp(-(v[0] * u[0] + v[1] * u[1])))
    message = ex.q1.check(positive_only)
    assert not message.correct and "negatives" in message.text
    message = ex.q1.check(-ex.q1_expected())
    assert not message.correct and "positive" in message.text
    message = ex.q1.check("two")
    assert not message.correct and "one number" in message.text


def test_q1_solution_code_gives_the_right_answer():
    namespace = {"torch": torch, "Q1_CENTRE": ex.Q1_CENTRE, "Q1_CONTEXT": ex.Q1_CONTEXT,
                 "Q1_NEGATIVES": ex.Q1_NEGATIVES}
    exec(ex.q1.solution_code, namespace)
    assert ex.q1.check(namespace["my_loss"]).correct


def test_q2_rows_of_the_input_table():
    assert ex.q2.check({3, 7}).correct
    assert ex.q2.check([7, 3, 3]).correct
    message = ex.q2.check({0, 1, 2, 3, 5, 7, 8, 9})
    assert not message.correct and "OUTPUT table" in message.text
    assert not ex.q2.check({3}).correct
    assert not ex.q2.check("3, 7").correct


def test_q2_matches_what_torch_does():
    """The answer is what autograd really says, for a model one step into training."""
    model = sgns.SGNSModel(10, 4, seed=1)
    with torch.no_grad():
        model.out_embed.weight.normal_(0, 0.1)      # as after a first step
    loss = model(torch.tensor(ex.Q2_CENTRES), torch.tensor(ex.Q2_CONTEXTS),
                 torch.tensor(ex.Q2_NEGATIVES))
    loss.backward()
    rows = set(torch.nonzero(model.in_embed.weight.grad.abs().sum(1)).flatten().tolist())
    assert ex.q2.check(rows).correct


def test_q3_zero_initialization():
    assert ex.q3.check("c").correct
    assert ex.q3.check(" C ").correct
    assert "zero" in ex.q3.check("a").text
    assert not ex.q3.check("b").correct
    assert "one letter" in ex.q3.check("d").text


@pytest.mark.parametrize("exercise", [ex.q1, ex.q2, ex.q3])
def test_hints_and_solutions_exist(exercise):
    assert len(exercise.hints) >= 2
    assert exercise.solution().code
