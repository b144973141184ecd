"""Each exercise of notebook 05: the right answer passes, typical wrong answers explain why."""
from helpers.checks import embedding_layer as ex
from helpers.exercises import ____


def test_q1_shape():
    assert ex.q1.check((2, 3, 5)).correct
    wrong = ex.q1.check((6, 5))
    assert not wrong.correct and "flattened" in wrong.text
    assert "table itself" in ex.q1.check((4, 5)).text
    assert ex.q1.check(____).kind == "blank"


def test_q2_gpt2_parameters():
    assert ex.q2.check(50_257 * 768).correct
    assert "bytes" in ex.q2.check(50_257 * 768 * 4).text
    assert "V × N" in ex.q2.check(50_257 + 768).text


def test_q3_rows_with_gradient():
    assert ex.q3.check([0, 2, 5]).correct
    assert ex.q3.check({5, 0, 2}).correct
    assert "only rows that were looked up" in ex.q3.check(list(range(7))).text
    assert not ex.q3.check([2, 5]).correct


def test_q4_freeze():
    assert ex.q4.check(False).correct
    assert "requires_grad=False" in ex.q4.check(True).text
    assert "True or False" in ex.q4.check("no").text


def test_hints_and_solutions():
    for q in (ex.q1, ex.q2, ex.q3, ex.q4):
        assert q.hint().kind == "hint" and q.solution().code
