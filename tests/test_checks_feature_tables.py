"""Exercises of notebook 03: the right answer passes, typical wrong answers get a helpful reason."""
from helpers.checks import feature_tables as ex
from helpers.feature_table import load_feature_table


def test_q1_closest_to_cat():
    assert ex.q1.check("dog").correct and ex.q1.check(" Dog").correct
    assert "itself" in ex.q1.check("cat").text
    assert "higher cosine" in ex.q1.check("fox").text
    assert "not in the table" in ex.q1.check("tiger").text


def test_q2_goose_next_to_duck():
    table = load_feature_table()
    good = table.with_word("goose", {"alive": 1, "big": 0.3, "makes_sound": 1, "pet": 0.2,
                                     "wild": 0.7, "edible": 0.5})
    assert ex.q2.check(good).correct
    like_fruit = table.with_word("goose", {"edible": 1, "sweet": 0.5})
    assert "not 'duck'" in ex.q2.check(like_fruit).text
    assert "0 for every feature" in ex.q2.check(table.with_word("goose", {})).text
    assert "no 'goose'" in ex.q2.check(table).text
    assert not ex.q2.check({"alive": 1}).correct


def test_q3_values_to_fill():
    assert ex.q3.check(15_000_000).correct
    assert "multiply" in ex.q3.check(50_300).text


def test_q4_cosine_ignores_length():
    assert ex.q4.check(1).correct and ex.q4.check(1.0).correct
    assert "direction" in ex.q4.check(0.5).text


def test_hints_and_solutions_exist():
    for q in (ex.q1, ex.q2, ex.q3, ex.q4):
        assert len(q.hints) >= 2 and q.solution().code
