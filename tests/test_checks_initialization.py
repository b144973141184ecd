"""Each exercise of notebook 06: the right answer passes, typical wrong answers explain why."""
from helpers.checks import initialization as ex
from helpers.initialization import toy_bigrams


def test_q1_id_does_not_change():
    cat = toy_bigrams()[0].index("cat")
    assert ex.q1.check(cat).correct
    assert "never which row" in ex.q1.check(cat + 1).text
    assert not ex.q1.check("19").correct


def test_q2_xavier_bound():
    assert ex.q2.check((6 / 1100) ** 0.5).correct
    assert ex.q2.check(0.0739).correct
    assert "sum" in ex.q2.check((6 / 1000) ** 0.5).text
    assert "xavier_normal" in ex.q2.check((2 / 1100) ** 0.5).text


def test_q3_cosine_spread():
    assert ex.q3.check(0.0625).correct
    assert "1/N" in ex.q3.check(1 / 256).text
    assert not ex.q3.check(0.5).correct


def test_q4_symmetric_schemes():
    assert ex.q4.check(["zeros", "constant(0.1)"]).correct
    assert "missing" in ex.q4.check(["zeros"]).text
    assert "not one of the schemes" in ex.q4.check(["ones"]).text
    assert not ex.q4.check(["zeros", "constant(0.1)", "normal(0, 1)"]).correct


def test_hints_and_solutions():
    for q in (ex.q1, ex.q2, ex.q3, ex.q4):
        assert q.hint().kind == "hint" and q.solution().code
