"""Each exercise of notebook 08: references pass, typical wrong implementations are named."""
import numpy as np
import pytest
import torch

from helpers import ____, sgns
from helpers.checks import training_from_scratch as ex

logsig = torch.nn.functional.logsigmoid


def test_reference_gradient_is_autograd_and_the_formula():
    from helpers.sgns_by_hand import autograd_gradients, pair_gradients
    for v, u_o, u_neg in ex.sgns_cases(np.random.default_rng(3)):
        by_formula = pair_gradients(v.numpy(), u_o.numpy(), u_neg.numpy())
        by_autograd = autograd_gradients(v.numpy(), u_o.numpy(), u_neg.numpy())
        for key in ("loss", "grad_v", "grad_u_o", "grad_u_neg"):
            assert np.allclose(by_formula[key], by_autograd[key], atol=1e-10)
        assert np.isclose(by_formula["loss"], float(sgns.pair_loss(v, u_o, u_neg)), atol=1e-5)


def test_q1_loss_code_exercise():
    assert ex.q1.check(lambda v, u_o, u_neg: -(logsig(v @ u_o) + logsig(-(u_neg @ v)).sum())).correct
    assert ex.q1.check(lambda v, u_o, u_neg: float(sgns.pair_loss(v, u_o, u_neg))).correct
    namespace = {"torch": torch}
    exec(ex.q1.solution_code, namespace)
    assert ex.q1.check(namespace["my_sgns_loss"]).correct
    inside = ex.q1.check(lambda v, u_o, u_neg: -(logsig(v @ u_o) + logsig(u_neg @ v).sum()))
    assert "sign inside σ" in inside.text
    assert "only have the real context" in ex.q1.check(lambda v, u_o, u_neg: -logsig(v @ u_o)).text
    assert "positive" in ex.q1.check(lambda v, u_o, u_neg: logsig(v @ u_o) + logsig(-(u_neg @ v)).sum()).text
    assert "averaged" in ex.q1.check(lambda v, u_o, u_neg: -(logsig(v @ u_o) + logsig(-(u_neg @ v)).mean())).text
    assert "shape" in ex.q1.check(lambda v, u_o, u_neg: -(logsig(v @ u_o) + logsig(-(u_neg @ v)))).text


def test_q2_gradient_code_exercise():
    def right(v, u_o, u_neg):
        return -(1 - torch.sigmoid(v @ u_o)) * u_o + torch.sigmoid(u_neg @ v) @ u_neg

    assert ex.q2.check(right).correct
    assert ex.q2.check(lambda *a: right(*a).numpy()).correct             # NumPy result is fine
    namespace = {"torch": torch}
    exec(ex.q2.solution_code, namespace)
    assert ex.q2.check(namespace["my_sgns_grad_v"]).correct
    assert "sign" in ex.q2.check(lambda *a: -right(*a)).text
    assert "negatives are missing" in ex.q2.check(
        lambda v, u_o, u_neg: -(1 - torch.sigmoid(v @ u_o)) * u_o).text
    assert "context's term is missing" in ex.q2.check(
        lambda v, u_o, u_neg: torch.sigmoid(u_neg @ v) @ u_neg).text
    assert "1 − σ(v·u_o)" in ex.q2.check(
        lambda v, u_o, u_neg: -torch.sigmoid(v @ u_o) * u_o + torch.sigmoid(u_neg @ v) @ u_neg).text
    assert "σ(v·u_k)" in ex.q2.check(
        lambda v, u_o, u_neg: -(1 - torch.sigmoid(v @ u_o)) * u_o + u_neg.sum(0)).text
    assert "shape" in ex.q2.check(lambda v, u_o, u_neg: torch.sigmoid(u_neg @ v)).text


def test_code_stubs_are_not_attempted():
    def my_sgns_loss(v, u_o, u_neg):
        ____

    assert ex.q1.check(my_sgns_loss).kind == "blank"
    assert ex.q2.check(____).kind == "blank"
    assert "without parentheses" in ex.q2.check(1.0).text


def test_q3_rows_of_the_input_table():
    for form in ({3, 7}, [7, 3, 3], (3, 7), np.array([3, 7]), torch.tensor([7, 3])):
        assert ex.q3.check(form).correct, form
    message = ex.q3.check({0, 1, 2, 3, 5, 7, 8, 9})
    assert not message.correct and "OUTPUT table" in message.text
    assert "very first step" in ex.q3.check(set()).text
    assert not ex.q3.check({3}).correct
    assert not ex.q3.check("3, 7").correct


def test_q3_matches_what_torch_does():
    """The answer is what autograd really says, for a model one step into training."""
    model = sgns.SGNSModel(10, 4, seed=1)
    with torch.no_grad():
        model.out_embed.weight.normal_(0, 0.1)      # as after a first step
    loss = model(torch.tensor(ex.Q3_CENTRES), torch.tensor(ex.Q3_CONTEXTS),
                 torch.tensor(ex.Q3_NEGATIVES))
    loss.backward()
    rows = set(torch.nonzero(model.in_embed.weight.grad.abs().sum(1)).flatten().tolist())
    assert ex.q3.check(rows).correct


def test_q3_first_step_has_no_input_gradient():
    """What the notebook prints for the first step (W_out all zeros): no W_in row moves."""
    model = sgns.SGNSModel(10, 4, seed=1)
    model(torch.tensor(ex.Q3_CENTRES), torch.tensor(ex.Q3_CONTEXTS),
          torch.tensor(ex.Q3_NEGATIVES)).backward()
    assert not model.in_embed.weight.grad.any()


def test_q4_zero_initialization():
    assert ex.q4.check("c").correct and ex.q4.check(" C ").correct
    assert "W_out starts at zero" in ex.q4.check("a").text
    assert "(1, …, 1)" in ex.q4.check("b").text
    assert "one letter" in ex.q4.check(3).text


@pytest.mark.parametrize("q", [ex.q1, ex.q2, ex.q3, ex.q4])
def test_hints_and_solutions(q):
    assert q.hint().kind == "hint" and q.solution().code
