"""Each exercise of notebook 09: the right answer passes, typical wrong answers explain why."""
from helpers import ____
from helpers.checks import transfer_learning as ex


def test_q1_frozen():
    assert ex.q1.check("frozen").correct
    assert ex.q1.check(" Frozen ").correct
    assert "table too" in ex.q1.check("finetune").text
    assert not ex.q1.check("random").correct
    assert "strings" in ex.q1.check(3).text


def test_q2_trainable_numbers():
    assert ex.q2.check(385).correct
    assert "bias" in ex.q2.check(384).text
    assert "frozen" in ex.q2.check(30_522 * 384 + 385).text


def test_q3_dot_products():
    assert ex.q3.check(300_000).correct
    assert "10 queries" in ex.q3.check(30_000).text
    assert "multiplications" in ex.q3.check(300_000 * 384).text


def test_blank_hint_solution():
    for q in (ex.q1, ex.q2, ex.q3):
        assert q.check(____).kind == "blank"
        assert q.hint().kind == "hint" and q.solution().code
